/*
 * Countries by ISO 3166-1 alpha-3 code: the English short name and, for those drawn on the bundled world
 * map (Natural Earth 1:110m via world-atlas, whose features carry the ISO 3166-1 numeric code as their id),
 * that numeric code. Bundled: nothing is looked up over the network.
 */

// alpha-3, numeric (or -), name. Every country of the map is here; a few without a 1:110m shape follow.
const TABLE = `
AFG 004 Afghanistan
ALB 008 Albania
ATA 010 Antarctica
DZA 012 Algeria
AGO 024 Angola
AZE 031 Azerbaijan
ARG 032 Argentina
AUS 036 Australia
AUT 040 Austria
BHS 044 Bahamas
BGD 050 Bangladesh
ARM 051 Armenia
BEL 056 Belgium
BTN 064 Bhutan
BOL 068 Bolivia
BIH 070 Bosnia and Herzegovina
BWA 072 Botswana
BRA 076 Brazil
BLZ 084 Belize
SLB 090 Solomon Islands
BRN 096 Brunei
BGR 100 Bulgaria
MMR 104 Myanmar
BDI 108 Burundi
BLR 112 Belarus
KHM 116 Cambodia
CMR 120 Cameroon
CAN 124 Canada
CAF 140 Central African Republic
LKA 144 Sri Lanka
TCD 148 Chad
CHL 152 Chile
CHN 156 China
TWN 158 Taiwan
COL 170 Colombia
COG 178 Congo (Brazzaville)
COD 180 Congo (Kinshasa)
CRI 188 Costa Rica
HRV 191 Croatia
CUB 192 Cuba
CYP 196 Cyprus
CZE 203 Czechia
BEN 204 Benin
DNK 208 Denmark
DOM 214 Dominican Republic
ECU 218 Ecuador
SLV 222 El Salvador
GNQ 226 Equatorial Guinea
ETH 231 Ethiopia
ERI 232 Eritrea
EST 233 Estonia
FLK 238 Falkland Islands
FJI 242 Fiji
FIN 246 Finland
FRA 250 France
ATF 260 French Southern Territories
DJI 262 Djibouti
GAB 266 Gabon
GEO 268 Georgia
GMB 270 Gambia
PSE 275 Palestine
DEU 276 Germany
GHA 288 Ghana
GRC 300 Greece
GRL 304 Greenland
GTM 320 Guatemala
GIN 324 Guinea
GUY 328 Guyana
HTI 332 Haiti
HND 340 Honduras
HUN 348 Hungary
ISL 352 Iceland
IND 356 India
IDN 360 Indonesia
IRN 364 Iran
IRQ 368 Iraq
IRL 372 Ireland
ISR 376 Israel
ITA 380 Italy
CIV 384 Côte d'Ivoire
JAM 388 Jamaica
JPN 392 Japan
KAZ 398 Kazakhstan
JOR 400 Jordan
KEN 404 Kenya
PRK 408 North Korea
KOR 410 South Korea
KWT 414 Kuwait
KGZ 417 Kyrgyzstan
LAO 418 Laos
LBN 422 Lebanon
LSO 426 Lesotho
LVA 428 Latvia
LBR 430 Liberia
LBY 434 Libya
LTU 440 Lithuania
LUX 442 Luxembourg
MDG 450 Madagascar
MWI 454 Malawi
MYS 458 Malaysia
MLI 466 Mali
MRT 478 Mauritania
MEX 484 Mexico
MNG 496 Mongolia
MDA 498 Moldova
MNE 499 Montenegro
MAR 504 Morocco
MOZ 508 Mozambique
OMN 512 Oman
NAM 516 Namibia
NPL 524 Nepal
NLD 528 Netherlands
NCL 540 New Caledonia
VUT 548 Vanuatu
NZL 554 New Zealand
NIC 558 Nicaragua
NER 562 Niger
NGA 566 Nigeria
NOR 578 Norway
PAK 586 Pakistan
PAN 591 Panama
PNG 598 Papua New Guinea
PRY 600 Paraguay
PER 604 Peru
PHL 608 Philippines
POL 616 Poland
PRT 620 Portugal
GNB 624 Guinea-Bissau
TLS 626 Timor-Leste
PRI 630 Puerto Rico
QAT 634 Qatar
ROU 642 Romania
RUS 643 Russia
RWA 646 Rwanda
SAU 682 Saudi Arabia
SEN 686 Senegal
SRB 688 Serbia
SLE 694 Sierra Leone
SVK 703 Slovakia
VNM 704 Vietnam
SVN 705 Slovenia
SOM 706 Somalia
ZAF 710 South Africa
ZWE 716 Zimbabwe
ESP 724 Spain
SSD 728 South Sudan
SDN 729 Sudan
ESH 732 Western Sahara
SUR 740 Suriname
SWZ 748 Eswatini
SWE 752 Sweden
CHE 756 Switzerland
SYR 760 Syria
TJK 762 Tajikistan
THA 764 Thailand
TGO 768 Togo
TTO 780 Trinidad and Tobago
ARE 784 United Arab Emirates
TUN 788 Tunisia
TUR 792 Türkiye
TKM 795 Turkmenistan
UGA 800 Uganda
UKR 804 Ukraine
MKD 807 North Macedonia
EGY 818 Egypt
GBR 826 United Kingdom
TZA 834 Tanzania
USA 840 United States
BFA 854 Burkina Faso
URY 858 Uruguay
UZB 860 Uzbekistan
VEN 862 Venezuela
YEM 887 Yemen
ZMB 894 Zambia
XKX - Kosovo
SGP - Singapore
HKG - Hong Kong
BHR - Bahrain
MLT - Malta
MUS - Mauritius
WLD - World
OTH - Other countries
`;

interface Country {
  readonly code: string;
  readonly numeric?: string;
  readonly name: string;
}

const COUNTRIES: readonly Country[] = TABLE.trim()
  .split('\n')
  .map((line) => {
    const [code = '', numeric = '-', ...name] = line.split(' ');
    return numeric === '-' ? { code, name: name.join(' ') } : { code, numeric, name: name.join(' ') };
  });

const BY_CODE = new Map(COUNTRIES.map((c) => [c.code, c]));

/** ISO 3166-1 numeric (`'180'`) → alpha-3 (`'COD'`), for the map's features. */
export const ALPHA3_BY_NUMERIC: ReadonlyMap<string, string> = new Map(
  COUNTRIES.flatMap((c) => (c.numeric === undefined ? [] : [[c.numeric, c.code] as const])),
);

/** The English short name of an alpha-3 code, or the code itself when it is not known. */
export function countryName(code: string): string {
  return BY_CODE.get(code.toUpperCase())?.name ?? code;
}

/** The map feature property holding a country's alpha-3 code (set by charts/world.ts): map series match on it. */
export const ISO3_PROPERTY = 'iso3';

/** Kosovo has no ISO 3166-1 code: the map's shape has no id, and `XKX` (World Bank, EU) names it. */
export const KOSOVO = { code: 'XKX', mapName: 'Kosovo' } as const;

/** Whether the bundled world map draws this country (alpha-3; Antarctica is left off the map). */
export function onMap(code: string): boolean {
  const c = BY_CODE.get(code.toUpperCase());
  return c !== undefined && c.code !== 'ATA' && (c.numeric !== undefined || c.code === KOSOVO.code);
}

/** Every known country code, for pickers. */
export const COUNTRY_CODES: readonly string[] = COUNTRIES.filter((c) => c.code !== 'WLD' && c.code !== 'OTH')
  .map((c) => c.code)
  .sort();
