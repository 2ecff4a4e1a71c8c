import type { Material } from '../materials-types.js';

/** The cobalt and nickel chains: ores, hydrometallurgical and pyrometallurgical intermediates, salts, metal. */
export const COBALT_NICKEL_MATERIALS = [
  {
    code: 'co.ore.copper-cobalt',
    name: 'Copper-cobalt ore (Central African Copperbelt)',
    stage: 'ore',
    chains: ['cobalt', 'copper'],
    elements: { Co: { min: 0.001, max: 0.006 }, Cu: { min: 0.01, max: 0.06 } },
    source:
      'Tenke Fungurume feasibility study (International Mining, Feb 2007): reserves 2.1 % Cu, 0.3 % Co; oxide ore 4.57 % Cu, 0.37 % Co',
    notes: 'Widened both ways (0.1–0.6 % Co, 1–6 % Cu) for other Copperbelt deposits and stockpiles.',
  },
  {
    code: 'co.hydroxide',
    name: 'Cobalt hydroxide (intermediate)',
    stage: 'intermediate',
    chains: ['cobalt'],
    elements: {
      Co: { min: 0.2, max: 0.45 },
      Mn: { min: 0, max: 0.065 },
      Mg: { min: 0, max: 0.065 },
      S: { min: 0, max: 0.05 },
      Fe: { min: 0, max: 0.05 },
      Cd: { min: 0, max: 0.0001 },
    },
    source:
      'Fastmarkets MB-CO-0020/0021 cobalt hydroxide cif China: Co 30 % min, Mn 6.5 %, Mg 6.5 %, S 5 %, Cd 100 ppm max; Fe 5 % max proposed (2020)',
    notes:
      'Dry basis. Floor lowered to 20 % Co because lower grades trade at a discount (market feedback in the same notices); ceiling 45 % (pure Co(OH)2 is 63 %).',
  },
  {
    code: 'co.sulfate.battery',
    name: 'Cobalt sulfate heptahydrate, battery grade',
    stage: 'refined',
    chains: ['cobalt'],
    formula: 'CoSO4·7H2O',
    elements: {
      Co: { min: 0.205, max: 0.2125 },
      S: { min: 0.1115, max: 0.1157 },
      O: { min: 0.61, max: 0.63 },
      H: { min: 0.047, max: 0.0512 },
      Ni: { min: 0, max: 0.00001 },
      Cu: { min: 0, max: 0.00001 },
      Fe: { min: 0, max: 0.00001 },
      Zn: { min: 0, max: 0.00001 },
    },
    source:
      'Stoichiometry (Co 20.97 %); Fastmarkets China cobalt sulfate exw: Co 20.5 % min, Ni, Cu, Fe, Zn 0.001 % max each',
    notes:
      'Ceiling above stoichiometry for crystals that have lost some water (the hexahydrate is 22.4 % Co).',
  },
  {
    code: 'co.oxide',
    name: 'Cobalt(II,III) oxide',
    stage: 'refined',
    chains: ['cobalt'],
    formula: 'Co3O4',
    elements: { Co: { min: 0.725, max: 0.737 }, O: { min: 0.26, max: 0.272 } },
    source: 'Stoichiometry (Co 73.42 %)',
    notes: 'LCO feedstock. No cited grade: ±1 percentage point assumed for impurities and non-stoichiometry.',
  },
  {
    code: 'co.metal',
    name: 'Cobalt metal, standard grade',
    stage: 'metal',
    chains: ['cobalt'],
    elements: { Co: { min: 0.998, max: 1 } },
    source: 'Fastmarkets standard-grade cobalt in-whs Rotterdam: 99.8 % Co min (cathodes, briquettes)',
  },
  {
    code: 'ni.ore.laterite',
    name: 'Nickel laterite ore (limonite, saprolite)',
    stage: 'ore',
    chains: ['nickel', 'cobalt'],
    elements: { Ni: { min: 0.008, max: 0.025 }, Co: { min: 0.0003, max: 0.002 } },
    source:
      'Laterite processed into NPI carries 0.8–2 % Ni (Indonesian NPI study, scribd 402745927); Murrin Murrin reserve 1.07 % Ni, 0.085 % Co',
    notes: 'Ceiling 2.5 % Ni for high-grade saprolite is an assumption.',
  },
  {
    code: 'ni.mhp',
    name: 'Mixed hydroxide precipitate (MHP)',
    stage: 'intermediate',
    chains: ['nickel', 'cobalt'],
    elements: {
      Ni: { min: 0.3, max: 0.45 },
      Co: { min: 0.01, max: 0.06 },
      Mn: { min: 0, max: 0.09 },
      Mg: { min: 0, max: 0.05 },
      Zn: { min: 0, max: 0.04 },
      Cu: { min: 0, max: 0.04 },
      S: { min: 0, max: 0.05 },
      Fe: { min: 0, max: 0.005 },
    },
    source:
      'Fastmarkets MB-NIO-0003/0004 MHP cif CJK (amended Feb 2023): Ni 30–45 %, Co 1–6 %, Zn 4 %, Cu 4 %, Mn 9 %, Mg 5 %, S 5 %, Fe 0.5 % max',
    notes: 'Dry basis; traded with 35–40 % moisture.',
  },
  {
    code: 'ni.msp',
    name: 'Mixed sulfide precipitate (MSP)',
    stage: 'intermediate',
    chains: ['nickel', 'cobalt'],
    elements: { Ni: { min: 0.45, max: 0.62 }, Co: { min: 0.01, max: 0.07 }, S: { min: 0.25, max: 0.4 } },
    source:
      'MiningNews, "Mixed hydroxide precipitate — the new class one nickel" (Oct 2021): MSP typically 55 % Ni',
    notes: 'Co and S ranges are assumptions (NiS is 35 % S).',
  },
  {
    code: 'ni.matte',
    name: 'Nickel matte (high grade)',
    stage: 'intermediate',
    chains: ['nickel', 'cobalt'],
    elements: {
      Ni: { min: 0.6, max: 0.82 },
      S: { min: 0.15, max: 0.25 },
      Co: { min: 0, max: 0.015 },
      Fe: { min: 0, max: 0.06 },
      Cu: { min: 0, max: 0.05 },
    },
    source:
      'Project Blue (Dec 2023): Tsingshan matte 75 % Ni from converted NPI; PT Vale matte 78–80 % Ni, 0.5–1.2 % Co, 18–20 % S (VOI, citing Suratman)',
    notes: 'Fe and Cu ceilings are assumptions (NPI-route matte keeps some iron).',
  },
  {
    code: 'ni.npi',
    name: 'Nickel pig iron (NPI)',
    stage: 'intermediate',
    chains: ['nickel'],
    elements: { Ni: { min: 0.015, max: 0.15 }, Fe: { min: 0.75, max: 0.97 } },
    source:
      'Indonesian NPI study (scribd 402745927): 1.6–1.7 % Ni for 200-series, 4–5 % Ni for 300-series stainless',
    notes: 'Ceiling 15 % Ni for high-grade NPI is an assumption; Fe floor leaves room for C, Si, Cr.',
  },
  {
    code: 'ni.ferronickel',
    name: 'Ferronickel',
    stage: 'intermediate',
    chains: ['nickel'],
    elements: { Ni: { min: 0.2, max: 0.45 }, Fe: { min: 0.5, max: 0.8 } },
    source: 'IHS Maritime (2015): ferronickel up to 45 % Ni; VOI: 25–45 % Ni',
  },
  {
    code: 'ni.sulfate.battery',
    name: 'Nickel sulfate hexahydrate, battery grade',
    stage: 'refined',
    chains: ['nickel'],
    formula: 'NiSO4·6H2O',
    elements: {
      Ni: { min: 0.21, max: 0.225 },
      S: { min: 0.1147, max: 0.123 },
      O: { min: 0.6, max: 0.63 },
      H: { min: 0.045, max: 0.051 },
      Co: { min: 0, max: 0.00005 },
    },
    source:
      'Stoichiometry (Ni 22.33 %); Fastmarkets MB-NI-0244 exw China: Ni 21–22.5 %; MB-NI-0246 cif Japan/Korea: Ni 22–22.3 %, Co 50 ppm max',
    notes: 'Lower Ni means extra water (the heptahydrate is 20.9 % Ni), hence the wider O and H ranges.',
  },
  {
    code: 'ni.metal',
    name: 'Nickel metal, Class 1 (cathode, briquette)',
    stage: 'metal',
    chains: ['nickel'],
    elements: { Ni: { min: 0.998, max: 1 } },
    source: 'LME primary nickel contract: 99.80 % Ni min (ASTM B39)',
  },
] as const satisfies readonly Material[];
