/**
 * Where each seed file comes from, under what terms, and what to read before using it: carried over from
 * the data README (`assets/risk-data/PROVENANCE.md` holds the full text).
 */

/** One seed file's provenance. */
export interface FileProvenance {
  readonly file: string;
  readonly what: string;
  readonly source: string;
  readonly licence: string;
  readonly caveats: readonly string[];
}

const USGS =
  'USGS Mineral Commodity Summaries 2025 Data Release, MCS2025_World_Data.csv (doi:10.5066/P13XCP3R), read via ' +
  'the public GitHub copy ooi-darren/project-008-global-supply-chain-intelligence @ 62ed611b; lithium rows ' +
  'cross-checked against esomin/mineral-chain-navigator';

/** The seed files, in the order {@link parseDatasets} reads them. */
export const FILE_PROVENANCE: readonly FileProvenance[] = [
  {
    file: 'mine_production.csv',
    what: 'Mine (and copper / primary gallium refinery) production by country, 2023 and 2024e, incl. WLD and OTH',
    source: USGS,
    licence: 'US Government work, public domain',
    caveats: [
      '2024 values are USGS estimates; world totals are rounded, so named countries sum to 86–102 % of them.',
      'Cobalt mine output is estimated for all countries; several 2023 values are flagged "estimated 2023".',
      "China's rare-earth figure is a production quota; several other rare-earth figures are estimated from Chinese import data.",
      'Withheld or missing: US lithium (W; the world total excludes it), US graphite, German, Japanese and Korean copper mining, germanium (all countries).',
      'Copper and manganese were reported in thousand t (×1,000); gallium in kg (÷1,000). Graphite is gross weight; rare earths are REO equivalent.',
    ],
  },
  {
    file: 'reserves.csv',
    what: 'Reserves 2024 by country (mining stage); qualifier ">" marks a lower bound',
    source: USGS,
    licence: 'US Government work, public domain',
    caveats: ['Manganese reserves are on the basis of the MCS manganese table: compare countries with care.'],
  },
  {
    file: 'refining_shares.csv',
    what: 'Top-country and top-3 refining / processing shares, 2020–2035 incl. projections',
    source:
      'IEA Global Critical Minerals Outlook 2024/2025/2026, mostly via press summaries; USGS-computed rows',
    licence:
      'IEA reports: CC BY 4.0 (as stated on IEA report pages seen); facts quoted with attribution. Verify IEA terms before redistributing IEA data files.',
    caveats: [
      'Mostly secondary (press quoting the IEA); three Oregon Group rows are flagged AMBIGUOUS (may describe planned capacity).',
      'IEA and USGS bases differ (e.g. China lithium mining 22 % IEA vs 17 % USGS for 2024).',
    ],
  },
  {
    file: 'governance_wgi.csv',
    what: 'World Bank WGI 2023 estimates (six indicators, −2.5…+2.5) for 29 countries, their unweighted mean WGI_MEAN6, and a few 2025-methodology scores',
    source:
      'World Bank Worldwide Governance Indicators via OHI-Science/ohiprep_v2025 globalprep/prs_res_wgi/v2025/raw/worldbank_wgi_from_web_2025.csv @ f20b595f',
    licence: 'World Bank data are normally CC BY 4.0; verify the WGI-specific terms before redistribution.',
    caveats: [
      'Old-methodology estimates (higher = better governance); WGI_MEAN6 is an unweighted mean computed for this dataset, not a World Bank series.',
      'Missing: KOR (old scale), PHL, MDG, PER, CUB, TUR, NCL, PNG, MEX, POL, THA, NGA, VNM, TZA, NOR, MYS, CIV.',
    ],
  },
  {
    file: 'policy_benchmarks.csv',
    what: 'EU CRMA Art. 5 benchmarks, 2023 CRM list size, US §30D percentages and FEOC dates, G7 2030 target',
    source:
      'EUR-Lex / gesetze.legal (Regulation (EU) 2024/1252), IRS, DOE Federal Register (89 FR 37079), law-firm and NGO summaries',
    licence: 'EU legal texts: free reuse (EUR-Lex); US federal texts: public domain.',
    caveats: [
      '§30D rows partly from secondary summaries; the battery-component schedule after the first year was not read.',
      '§30D no longer applies to vehicles acquired after 30 Sep 2025.',
    ],
  },
  {
    file: 'export_controls.csv',
    what: "China's export-control measures 2023–2025 (Ga, Ge, graphite, antimony, rare earths, Oct 2025 package, Nov 2025 suspensions)",
    source: 'MOFCOM texts via translations, Xinhua/SCIO, press (Business Times, MLex, ChemRadar, Chosun)',
    licence: 'Facts with attribution.',
    caveats: [
      'Dates as read; blank or "not read" where an announcement number or date was not read.',
      'The Oct 2025 package is suspended until 10 Nov 2026; the Dec 2024 US-specific ban until 27 Nov 2026.',
    ],
  },
  {
    file: 'capacity_projects.csv',
    what: 'Announced and operating processing projects in alliance countries (DEU, GBR, USA, FRA, CAN)',
    source: 'Company releases as reported by trade press (each row names its sources)',
    licence: 'Facts with attribution.',
    caveats: [
      'Small, illustrative set; no Italian or Japanese project was sourced.',
      'Capacities are nameplate as announced; some are site totals after expansion (see unit). Electra’s unit (Co metal vs sulfate) is ambiguous.',
    ],
  },
];

/** Per-mineral caveats from the data README, added to the notes of every metric on that mineral. */
export const MINERAL_CAVEATS: Readonly<Record<string, readonly string[]>> = {
  lithium: ['US lithium production is withheld (W): there is no US row, and the world total excludes it.'],
  cobalt: ['Cobalt mine output is estimated by USGS for all countries.'],
  graphite_natural: ['Natural graphite, gross weight; US production has no value (no row).'],
  rare_earths: [
    "China's figure is a production quota that excludes undocumented production; AUS, MMR, MDG, MYS, NGA, THA and VNM are estimated from Chinese import data.",
    'Rare earths are counted as rare-earth-oxide (REO) equivalent.',
  ],
  copper: ['German, Japanese and Korean copper mine production have no value (no rows).'],
  gallium: ["Primary (low-purity) gallium; China's figure is estimated from a CNIA article (Argus)."],
  germanium: ['USGS withholds all country germanium production: there are no rows.'],
};
