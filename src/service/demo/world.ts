import type { FacilityKind, Role } from '../../model/index.js';

/**
 * The demo world's cast: fictional companies in real places. Every name is invented; towns, coordinates
 * (approximate, WGS 84 longitude and latitude) and the kind of work done there follow the real industry,
 * so that maps and country shares look like the supply chains the alliance worries about. The tables
 * below are data, one row per line, parsed once.
 */

/** An organisation: `did:web:<slug>.example`. */
export interface OrgSpec {
  readonly slug: string;
  readonly name: string;
  /** ISO 3166-1 alpha-3. */
  readonly country: string;
  readonly roles: readonly Role[];
}

/** A facility of an organisation: `https://<org>.example/facilities/<slug>`. */
export interface SiteSpec {
  readonly slug: string;
  readonly org: string;
  readonly kind: FacilityKind;
  readonly name: string;
  readonly town: string;
  /** `[longitude, latitude]`. */
  readonly at: readonly [number, number];
  /** Nameplate output, tonnes a year; 0 for an office. */
  readonly capacityTonnes: number;
}

// slug | country | name — one accreditation body per member nation (named on the alliance trust list).
const BODY_TABLE = `
  ccca                  | CAN | Canadian Council for Conformity Accreditation
  abma                  | USA | American Board for Minerals Accreditation
  dakr                  | DEU | Deutscher Akkreditierungsrat für Rohstoffe
  cfam                  | FRA | Comité Français d'Accréditation des Minerais
  eiam                  | ITA | Ente Italiano di Accreditamento Minerario
  ukmas                 | GBR | UK Minerals Accreditation Service
  jmab                  | JPN | Japan Minerals Accreditation Board
`;

// slug | country | name — audit firms and laboratories, each accredited by its own nation's body.
const CERTIFIER_TABLE = `
  boreal-assurance      | CAN | Boreal Responsible Sourcing Audits Inc.
  keystone-assurance    | USA | Keystone Supply Chain Assurance LLC
  rheinland-zert        | DEU | Rheinland Rohstoff-Zertifizierung GmbH
  certimines            | FRA | Bureau Certimines SAS
  nippon-assurance      | JPN | Nippon Mineral Assurance KK
  britannia-assay       | GBR | Britannia Assay Laboratories Ltd
  lombardo-analisi      | ITA | Laboratorio Analisi Minerarie Lombardo Srl
`;

// slug | country | name — miners, refiners, traders, material and cell makers, carmakers.
const PRODUCER_TABLE = `
  lualaba-cobalt        | COD | Lualaba Cobalt Mining SA
  kasulo-coop           | COD | Coopérative Minière Artisanale de Kasulo
  katanga-trading       | COD | Katanga Metals Trading SARL
  likasi-hydroxide      | COD | Likasi Hydroxide Processing SARL
  sulawesi-nickel       | IDN | PT Sulawesi Laterite Nickel
  huronian-nickel       | CAN | Huronian Nickel Corporation
  prairie-refining      | CAN | Prairie Metals Refining Inc.
  shikoku-refining      | JPN | Shikoku Nickel Refining KK
  qiantang-cobalt       | CHN | Qiantang Cobalt & Nickel Co., Ltd.
  kalahari-manganese    | ZAF | Kalahari Manganese (Pty) Ltd
  st-lawrence-manganese | CAN | St. Lawrence High-Purity Manganese Inc.
  blackwood-lithium     | AUS | Blackwood Lithium Pty Ltd
  abitibi-lithium       | CAN | Abitibi Lithium Inc.
  salar-andino          | CHL | Salar Andino Litio SpA
  puna-lithium          | ARG | Puna Lithium SA
  minjiang-lithium      | CHN | Minjiang Lithium Co., Ltd.
  lausitz-lithium       | DEU | Lausitz Lithium Raffinerie GmbH
  gulf-coast-lithium    | USA | Gulf Coast Lithium Refining LLC
  cabo-delgado-graphite | MOZ | Cabo Delgado Graphite Lda
  jixi-graphite         | CHN | Jixi Black Gold Graphite Co., Ltd.
  laurentian-graphite   | CAN | Laurentian Graphite Inc.
  longjiang-anode       | CHN | Longjiang Anode Materials Co., Ltd.
  mississippi-anode     | USA | Mississippi Anode Materials LLC
  saint-laurent-anode   | CAN | Saint-Laurent Anode Materials Inc.
  atacama-cobre         | CHL | Minera Atacama Cobre SA
  bungo-copper          | JPN | Bungo Copper Smelting KK
  chikugo-foil          | JPN | Chikugo Copper Foil KK
  mojave-rare-earths    | USA | Mojave Rare Earths Inc.
  goldfields-rare-earths | AUS | Goldfields Rare Earths Pty Ltd
  baotou-mining         | CHN | Baotou Northern Rare Earth Mining Co., Ltd.
  kachin-highland       | MMR | Kachin Highland Minerals Co., Ltd.
  tengchong-trading     | CHN | Tengchong Border Minerals Trading Co., Ltd.
  gannan-separation     | CHN | Gannan Rare Earth Separation Co., Ltd.
  baotou-metals         | CHN | Baotou Rare Earth Metals Co., Ltd.
  mersey-metals         | GBR | Mersey Rare Earth Metals Ltd
  hokuriku-magnetics    | JPN | Hokuriku Magnetics KK
  main-magnetwerk       | DEU | Main Magnetwerk GmbH
  yongjiang-magnet      | CHN | Ningbo Yongjiang Magnet Co., Ltd.
  st-laurent-battery    | CAN | St-Laurent Battery Materials Inc.
  lausitz-kathoden      | DEU | Lausitz Kathodenmaterial GmbH
  iyo-cathode           | JPN | Iyo Cathode Materials KK
  xiangjiang-cathode    | CHN | Xiangjiang Cathode Co., Ltd.
  awaji-cells           | JPN | Awaji Cell Works KK
  great-basin-cells     | USA | Great Basin Cell Company
  niedersachsen-zellen  | DEU | Niedersachsen Zellfabrik GmbH
  artois-cellules       | FRA | Artois Cellules SAS
  molise-celle          | ITA | Molise Celle SpA
  mindong-power         | CHN | Mindong Power Cells Co., Ltd.
  wearside-cells        | GBR | Wearside Cells Ltd
  aller-automobil       | DEU | Aller Automobilwerke AG
  doubs-automobiles     | FRA | Doubs Automobiles SA
  mirafiori-veicoli     | ITA | Mirafiori Veicoli Elettrici SpA
  mikawa-motors         | JPN | Mikawa Motors KK
  lakeshore-motor       | USA | Lakeshore Motor Company
  wear-valley-motors    | GBR | Wear Valley Motors Ltd
  zug-metals            | CHE | Zug Metals Trading AG
`;

// slug | operator | kind | longitude latitude | tonnes a year | name | town — grouped by chain.
const SITE_TABLE = `
  kolwezi           | lualaba-cobalt        | mine      |    25.47  -10.72 |   40000 | Kolwezi copper-cobalt mine | Kolwezi, Lualaba
  kasulo            | kasulo-coop           | mine      |    25.43   -10.7 |   20000 | Kasulo artisanal mining zone | Kasulo, Kolwezi
  likasi            | likasi-hydroxide      | refinery  |    26.73  -10.98 |    8000 | Likasi cobalt hydroxide plant | Likasi, Haut-Katanga
  lubumbashi        | katanga-trading       | trader    |    27.48  -11.66 |       0 | Lubumbashi trading office | Lubumbashi
  bahodopi          | sulawesi-nickel       | mine      |   122.05    -2.7 | 5000000 | Bahodopi laterite mine | Bahodopi, Central Sulawesi
  morowali-hpal     | sulawesi-nickel       | refinery  |   122.16   -2.83 |  120000 | Morowali HPAL plant | Morowali, Central Sulawesi
  sudbury           | huronian-nickel       | mine      |    -81.0   46.49 |   60000 | Sudbury mine and smelter complex | Sudbury, Ontario
  fort-saskatchewan | prairie-refining      | refinery  |  -113.21   53.71 |  100000 | Fort Saskatchewan refinery | Fort Saskatchewan, Alberta
  niihama           | shikoku-refining      | refinery  |   133.28   33.96 |  120000 | Niihama nickel refinery | Niihama, Ehime
  quzhou            | qiantang-cobalt       | refinery  |   118.87   28.94 |  150000 | Quzhou cobalt and nickel refinery | Quzhou, Zhejiang
  hotazel           | kalahari-manganese    | mine      |    22.96   -27.2 | 2000000 | Hotazel manganese mine | Hotazel, Northern Cape
  becancour-mn      | st-lawrence-manganese | refinery  |   -72.43   46.34 |   50000 | Bécancour HPMSM plant | Bécancour, Québec
  greenbushes       | blackwood-lithium     | mine      |   116.06  -33.86 | 1500000 | Greenbushes spodumene mine | Greenbushes, Western Australia
  la-corne          | abitibi-lithium       | mine      |   -77.93   48.37 |  250000 | La Corne spodumene mine | La Corne, Québec
  atacama           | salar-andino          | mine      |   -68.25   -23.5 |  200000 | Salar de Atacama brine operation | San Pedro de Atacama
  la-negra          | salar-andino          | refinery  |   -70.31  -23.76 |  180000 | La Negra lithium carbonate plant | Antofagasta
  hombre-muerto     | puna-lithium          | mine      |    -67.0   -25.4 |   60000 | Salar del Hombre Muerto brine operation | Antofagasta de la Sierra, Catamarca
  guemes            | puna-lithium          | refinery  |   -65.05  -24.67 |   40000 | Güemes lithium carbonate plant | General Güemes, Salta
  yibin             | minjiang-lithium      | refinery  |   104.64   28.77 |   60000 | Yibin lithium hydroxide converter | Yibin, Sichuan
  guben             | lausitz-lithium       | refinery  |    14.72   51.95 |   24000 | Guben lithium hydroxide refinery | Guben, Brandenburg
  corpus-christi    | gulf-coast-lithium    | refinery  |    -97.4    27.8 |   50000 | Robstown lithium hydroxide refinery | Corpus Christi, Texas
  balama            | cabo-delgado-graphite | mine      |    38.58  -13.33 |  350000 | Balama graphite mine | Balama, Cabo Delgado
  jixi-mine         | jixi-graphite         | mine      |   130.97    45.3 |  200000 | Liumao flake graphite mine | Jixi, Heilongjiang
  lac-des-iles      | laurentian-graphite   | mine      |   -75.53    46.6 |   50000 | Lac-des-Îles graphite mine | Lac-des-Îles, Québec
  jixi-anode        | longjiang-anode       | anode     |   130.93   45.29 |  100000 | Jixi spherical graphite and anode plant | Jixi, Heilongjiang
  vidalia           | mississippi-anode     | anode     |   -91.43   31.57 |   45000 | Vidalia active anode material plant | Vidalia, Louisiana
  becancour-anode   | saint-laurent-anode   | anode     |   -72.42   46.33 |   40000 | Bécancour anode material plant | Bécancour, Québec
  escondida         | atacama-cobre         | mine      |   -69.07  -24.27 | 3000000 | Escondida Norte copper mine | Antofagasta Region
  saganoseki        | bungo-copper          | smelter   |   131.88   33.25 |  450000 | Saganoseki copper smelter and refinery | Ōita
  omuta             | chikugo-foil          | refinery  |   130.45   33.03 |   40000 | Ōmuta battery copper foil mill | Ōmuta, Fukuoka
  mountain-pass     | mojave-rare-earths    | mine      |  -115.53   35.48 |   40000 | Mountain Pass rare earth mine | Mountain Pass, California
  mountain-pass-sep | mojave-rare-earths    | refinery  |  -115.54   35.47 |    6000 | Mountain Pass separation plant | Mountain Pass, California
  mount-weld        | goldfields-rare-earths | mine      |   122.55  -28.86 |   30000 | Mount Weld rare earth mine | Laverton, Western Australia
  kalgoorlie        | goldfields-rare-earths | refinery  |   121.47  -30.75 |   12000 | Kalgoorlie rare earth processing plant | Kalgoorlie, Western Australia
  bayan-obo         | baotou-mining         | mine      |   109.97   41.78 |  200000 | Bayan Obo rare earth mine | Bayan Obo, Inner Mongolia
  chipwe            | kachin-highland       | mine      |     98.4   25.99 |  300000 | Chipwe ion-adsorption clay workings | Chipwe, Kachin State
  tengchong         | tengchong-trading     | trader    |    98.49   25.02 |       0 | Tengchong border trading office | Tengchong, Yunnan
  ganzhou           | gannan-separation     | refinery  |   114.93   25.83 |   20000 | Ganzhou rare earth separation plant | Ganzhou, Jiangxi
  baotou-metal      | baotou-metals         | smelter   |   109.84   40.66 |   15000 | Baotou rare earth metals plant | Baotou, Inner Mongolia
  ellesmere-port    | mersey-metals         | smelter   |     -2.9   53.28 |    2000 | Ellesmere Port rare earth metals plant | Ellesmere Port, Cheshire
  takefu-metal      | hokuriku-magnetics    | smelter   |   136.17    35.9 |    3000 | Takefu rare earth alloy plant | Echizen, Fukui
  takefu-magnet     | hokuriku-magnetics    | magnet    |   136.18   35.91 |    8000 | Takefu sintered magnet works | Echizen, Fukui
  hanau             | main-magnetwerk       | magnet    |     8.92   50.13 |    6000 | Hanau magnet works | Hanau, Hesse
  ningbo            | yongjiang-magnet      | magnet    |   121.55   29.87 |   15000 | Ningbo sintered NdFeB plant | Ningbo, Zhejiang
  becancour-pcam    | st-laurent-battery    | precursor |   -72.44   46.35 |   60000 | Bécancour precursor plant | Bécancour, Québec
  becancour-cam     | st-laurent-battery    | cathode   |   -72.45   46.36 |   60000 | Bécancour cathode plant | Bécancour, Québec
  schwarzheide      | lausitz-kathoden      | cathode   |    13.85   51.48 |   60000 | Schwarzheide cathode materials plant | Schwarzheide, Brandenburg
  niihama-cam       | iyo-cathode           | cathode   |   133.26   33.95 |   50000 | Niihama cathode materials plant | Niihama, Ehime
  changsha          | xiangjiang-cathode    | cathode   |   112.94   28.23 |  120000 | Changsha cathode materials plant | Changsha, Hunan
  sumoto            | awaji-cells           | cell      |    134.9   34.34 |   60000 | Sumoto cell plant | Sumoto, Hyōgo
  sparks            | great-basin-cells     | cell      |  -119.44   39.54 |  120000 | Sparks cell gigafactory | Sparks, Nevada
  salzgitter        | niedersachsen-zellen  | cell      |     10.4   52.15 |   80000 | Salzgitter cell factory | Salzgitter, Lower Saxony
  douvrin           | artois-cellules       | cell      |     2.83   50.51 |   60000 | Douvrin cell gigafactory | Douvrin, Hauts-de-France
  termoli           | molise-celle          | cell      |    14.99   41.99 |   40000 | Termoli cell plant | Termoli, Molise
  ningde            | mindong-power         | cell      |   119.52   26.66 |  250000 | Ningde cell base | Ningde, Fujian
  sunderland-cells  | wearside-cells        | cell      |    -1.43   54.91 |   30000 | Sunderland cell plant | Sunderland, Tyne and Wear
  wolfsburg         | aller-automobil       | oem       |    10.79   52.43 |   90000 | Wolfsburg vehicle and pack plant | Wolfsburg, Lower Saxony
  sochaux           | doubs-automobiles     | oem       |     6.83   47.51 |   40000 | Sochaux vehicle and pack plant | Sochaux, Doubs
  mirafiori         | mirafiori-veicoli     | oem       |     7.62   45.03 |   30000 | Mirafiori vehicle and pack plant | Turin, Piedmont
  toyota-city       | mikawa-motors         | oem       |   137.15   35.08 |   80000 | Mikawa pack assembly plant | Toyota City, Aichi
  detroit           | lakeshore-motor       | oem       |   -83.05   42.33 |   70000 | Detroit vehicle and pack plant | Detroit, Michigan
  sunderland-oem    | wear-valley-motors    | oem       |    -1.47   54.92 |   30000 | Sunderland vehicle plant | Sunderland, Tyne and Wear
  zug               | zug-metals            | trader    |     8.52   47.17 |       0 | Zug trading office | Zug
`;

/** The cells of a data table: one row per non-blank line, cells separated by `|`, trimmed. */
export function tableRows(table: string): string[][] {
  return table
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('|').map((cell) => cell.trim()));
}

function orgs(table: string, role: Role): OrgSpec[] {
  return tableRows(table).map(([slug = '', country = '', name = '']) => ({
    slug,
    name,
    country,
    roles: [role],
  }));
}

function sites(table: string): SiteSpec[] {
  return tableRows(table).map(
    ([slug = '', org = '', kind = '', at = '', capacity = '', name = '', town = '']) => {
      const [lon = 0, lat = 0] = at.split(/\s+/).map(Number);
      return {
        slug,
        org,
        kind: kind as FacilityKind,
        name,
        town,
        at: [lon, lat],
        capacityTonnes: Number(capacity),
      };
    },
  );
}

/** One accreditation body per member nation. */
export const BODIES: readonly OrgSpec[] = orgs(BODY_TABLE, 'accreditor');
/** Certification bodies (audits) and laboratories (assays). */
export const CERTIFIERS: readonly OrgSpec[] = orgs(CERTIFIER_TABLE, 'certifier');
/** Everyone else: they register facilities and custody events. */
export const PRODUCERS: readonly OrgSpec[] = orgs(PRODUCER_TABLE, 'producer');
/** Every organisation, in registration order: bodies, certifiers, producers. */
export const ORGS: readonly OrgSpec[] = [...BODIES, ...CERTIFIERS, ...PRODUCERS];
/** Every facility. */
export const SITES: readonly SiteSpec[] = sites(SITE_TABLE);
