/**
 * ISO 3166-1 country codes: alpha-2 to alpha-3 for the 249 officially assigned codes, generated from the
 * Debian `iso-codes` package 4.15 (`/usr/share/iso-codes/json/iso_3166-1.json`). Lodestone keeps alpha-3
 * (DESIGN.md §5); UNTP's `countryOfOperation` takes UN/CEFACT `CountryId` codes, which are alpha-2.
 * Each token is the alpha-2 code followed by the alpha-3 code.
 */
const PAIRS: readonly string[] = [
  'ADAND AEARE AFAFG AGATG AIAIA ALALB AMARM AOAGO AQATA ARARG ASASM ATAUT AUAUS AWABW AXALA AZAZE',
  'BABIH BBBRB BDBGD BEBEL BFBFA BGBGR BHBHR BIBDI BJBEN BLBLM BMBMU BNBRN BOBOL BQBES BRBRA BSBHS',
  'BTBTN BVBVT BWBWA BYBLR BZBLZ CACAN CCCCK CDCOD CFCAF CGCOG CHCHE CICIV CKCOK CLCHL CMCMR CNCHN',
  'COCOL CRCRI CUCUB CVCPV CWCUW CXCXR CYCYP CZCZE DEDEU DJDJI DKDNK DMDMA DODOM DZDZA ECECU EEEST',
  'EGEGY EHESH ERERI ESESP ETETH FIFIN FJFJI FKFLK FMFSM FOFRO FRFRA GAGAB GBGBR GDGRD GEGEO GFGUF',
  'GGGGY GHGHA GIGIB GLGRL GMGMB GNGIN GPGLP GQGNQ GRGRC GSSGS GTGTM GUGUM GWGNB GYGUY HKHKG HMHMD',
  'HNHND HRHRV HTHTI HUHUN IDIDN IEIRL ILISR IMIMN ININD IOIOT IQIRQ IRIRN ISISL ITITA JEJEY JMJAM',
  'JOJOR JPJPN KEKEN KGKGZ KHKHM KIKIR KMCOM KNKNA KPPRK KRKOR KWKWT KYCYM KZKAZ LALAO LBLBN LCLCA',
  'LILIE LKLKA LRLBR LSLSO LTLTU LULUX LVLVA LYLBY MAMAR MCMCO MDMDA MEMNE MFMAF MGMDG MHMHL MKMKD',
  'MLMLI MMMMR MNMNG MOMAC MPMNP MQMTQ MRMRT MSMSR MTMLT MUMUS MVMDV MWMWI MXMEX MYMYS MZMOZ NANAM',
  'NCNCL NENER NFNFK NGNGA NINIC NLNLD NONOR NPNPL NRNRU NUNIU NZNZL OMOMN PAPAN PEPER PFPYF PGPNG',
  'PHPHL PKPAK PLPOL PMSPM PNPCN PRPRI PSPSE PTPRT PWPLW PYPRY QAQAT REREU ROROU RSSRB RURUS RWRWA',
  'SASAU SBSLB SCSYC SDSDN SESWE SGSGP SHSHN SISVN SJSJM SKSVK SLSLE SMSMR SNSEN SOSOM SRSUR SSSSD',
  'STSTP SVSLV SXSXM SYSYR SZSWZ TCTCA TDTCD TFATF TGTGO THTHA TJTJK TKTKL TLTLS TMTKM TNTUN TOTON',
  'TRTUR TTTTO TVTUV TWTWN TZTZA UAUKR UGUGA UMUMI USUSA UYURY UZUZB VAVAT VCVCT VEVEN VGVGB VIVIR',
  'VNVNM VUVUT WFWLF WSWSM YEYEM YTMYT ZAZAF ZMZMB ZWZWE',
];

const TOKENS = PAIRS.flatMap((line) => line.split(' '));
const ALPHA3_BY_ALPHA2: ReadonlyMap<string, string> = new Map(TOKENS.map((t) => [t.slice(0, 2), t.slice(2)]));
const ALPHA2_BY_ALPHA3: ReadonlyMap<string, string> = new Map(TOKENS.map((t) => [t.slice(2), t.slice(0, 2)]));

/** The alpha-3 code of an ISO 3166-1 alpha-2 code, or `undefined` when it is not an assigned one. */
export function alpha3Of(alpha2: string): string | undefined {
  return ALPHA3_BY_ALPHA2.get(alpha2);
}

/** The alpha-2 code of an ISO 3166-1 alpha-3 code, or `undefined` when it is not an assigned one. */
export function alpha2Of(alpha3: string): string | undefined {
  return ALPHA2_BY_ALPHA3.get(alpha3);
}

/**
 * The ISO 3166-1 alpha-3 code for an alpha-2 or alpha-3 code in any case (`cd`, `CD`, `cod` → `COD`), or
 * `undefined` when it is not an assigned code (e.g. OpenSanctions' `suhh` for the Soviet Union).
 */
export function toAlpha3(code: string): string | undefined {
  const upper = code.trim().toUpperCase();
  if (upper.length === 2) return ALPHA3_BY_ALPHA2.get(upper);
  return ALPHA2_BY_ALPHA3.has(upper) ? upper : undefined;
}

/** Every assigned alpha-3 code, in alpha-2 order (for tests and examples). */
export const ALPHA3_CODES: readonly string[] = TOKENS.map((t) => t.slice(2));
