import type { Material } from '../materials-types.js';

const FASTMARKETS_LI_2020 =
  'Fastmarkets pricing notice "Amendments to specifications of lithium battery-grade price assessments" (29 May 2020)';

/**
 * The lithium chain: hard rock and brine to chemicals and metal. Grades quoted as % Li2O are converted with
 * Li = 0.4645 × Li2O (2 × 6.94 / 29.879).
 */
export const LITHIUM_MATERIALS = [
  {
    code: 'li.ore.spodumene-pegmatite',
    name: 'Spodumene pegmatite ore',
    stage: 'ore',
    chains: ['lithium'],
    elements: { Li: { min: 0.0023, max: 0.021 } },
    source: 'Albemarle, "Spodumene" product page: ore naturally up to 4.5 % Li2O',
    notes: 'Li = 0.4645 × Li2O. 0.5 % Li2O lower bound is an assumed economic cut-off, not from the source.',
  },
  {
    code: 'li.concentrate.spodumene',
    name: 'Spodumene concentrate (any grade)',
    stage: 'concentrate',
    chains: ['lithium'],
    elements: { Li: { min: 0.0232, max: 0.0335 } },
    source: 'Albemarle, "Spodumene": concentrates from 5.0 to 7.2 % Li2O',
    notes: 'Pure spodumene LiAlSi2O6 is 8.0 % Li2O (3.7 % Li); concentrates carry gangue, so no formula.',
  },
  {
    code: 'li.concentrate.spodumene-sc6',
    name: 'Spodumene concentrate SC6 (6 % Li2O)',
    stage: 'concentrate',
    chains: ['lithium'],
    elements: { Li: { min: 0.0264, max: 0.0284 }, Fe: { min: 0, max: 0.0105 } },
    source:
      'Fastmarkets MB-LI-0012 spodumene cif China (notice of 29 Sep 2020): Li2O 6 %, 5.7–6.1 % accepted; Fe2O3 max 1.5 %',
    notes: '6 % Li2O is 2.79 % Li (DESIGN.md §5: ≈ 2.8 %). Dry basis; the spec allows up to 10 % moisture.',
  },
  {
    code: 'li.concentrate.lepidolite',
    name: 'Lepidolite concentrate',
    stage: 'concentrate',
    chains: ['lithium'],
    elements: { Li: { min: 0.0092, max: 0.0186 } },
    source:
      'Lab assay guide for spodumene and lepidolite concentrates (yjsershisan.com): lepidolite 2–4 % Li2O',
    notes: 'A secondary source; kept wide. Lepidolite also carries K, Rb, Cs and F, not tracked here.',
  },
  {
    code: 'li.brine.salar',
    name: 'Salar brine (raw)',
    stage: 'ore',
    chains: ['lithium'],
    elements: { Li: { min: 0.0001, max: 0.002 } },
    source:
      'Torres et al., "Salar de Atacama lithium and potassium productive process", Metals 14 (2024) 1095',
    notes:
      'Atacama ~1800 mg/L (~0.15 wt % at density ~1.2) is among the richest; the 0.01 % floor (~120 mg/L) is an assumption for leaner salars.',
  },
  {
    code: 'li.brine.concentrated',
    name: 'Concentrated lithium brine or eluate',
    stage: 'concentrate',
    chains: ['lithium'],
    elements: { Li: { min: 0.01, max: 0.065 } },
    source: 'Torres et al., Metals 14 (2024) 1095: evaporation ponds raise Li from 0.2 % to 6 %',
    notes: 'Upper bound: the pond end-point (~6 % Li). The 1 % floor admitting DLE eluates is an assumption.',
  },
  {
    code: 'li.carbonate.technical',
    name: 'Lithium carbonate, technical grade (brine carbonate)',
    stage: 'intermediate',
    chains: ['lithium'],
    formula: 'Li2CO3',
    elements: {
      Li: { min: 0.1859, max: 0.1885 },
      C: { min: 0.16, max: 0.1635 },
      O: { min: 0.64, max: 0.652 },
    },
    source:
      'Stoichiometry (Li 18.79 %); purity ≥ 99.0 % Li2CO3, the industrial-grade convention (newchemz.com)',
    notes: 'Range = 99.0 %–100 % of stoichiometric Li, plus 0.35 % relative for Li-bearing impurities.',
  },
  {
    code: 'li.carbonate.battery',
    name: 'Lithium carbonate, battery grade',
    stage: 'refined',
    chains: ['lithium'],
    formula: 'Li2CO3',
    elements: {
      Li: { min: 0.1863, max: 0.1885 },
      C: { min: 0.1612, max: 0.1635 },
      O: { min: 0.644, max: 0.652 },
      Na: { min: 0, max: 0.0006 },
      Ca: { min: 0, max: 0.00016 },
      Mg: { min: 0, max: 0.00008 },
    },
    source: `Stoichiometry (Li 18.79 %); ${FASTMARKETS_LI_2020}: Li2CO3 99.5 % min (99.2 % accepted), Na 0.060 %, Ca 0.016 %, Mg 0.008 % max`,
    notes: 'Minimum from 99.2 % Li2CO3, the lowest purity the assessment accepts.',
  },
  {
    code: 'li.hydroxide.battery',
    name: 'Lithium hydroxide monohydrate, battery grade',
    stage: 'refined',
    chains: ['lithium'],
    formula: 'LiOH·H2O',
    elements: {
      Li: { min: 0.1637, max: 0.1681 },
      O: { min: 0.745, max: 0.7655 },
      H: { min: 0.068, max: 0.0725 },
      C: { min: 0, max: 0.001 },
      Ca: { min: 0, max: 0.0002 },
    },
    source: `Stoichiometry (Li 16.54 %); ${FASTMARKETS_LI_2020}: LiOH 56.5 % min, CO2 < 0.35 %, Ca 0.020 % max`,
    notes:
      'Pure LiOH·H2O is 57.07 % LiOH; 56.5 % LiOH gives 16.37 % Li. Up to 58 % LiOH (16.8 % Li) allowed for partial dehydration.',
  },
  {
    code: 'li.hydroxide.anhydrous',
    name: 'Lithium hydroxide, anhydrous',
    stage: 'refined',
    chains: ['lithium'],
    formula: 'LiOH',
    elements: {
      Li: { min: 0.281, max: 0.2905 },
      O: { min: 0.65, max: 0.675 },
      H: { min: 0.04, max: 0.0435 },
    },
    source: 'Stoichiometry (Li 28.98 %)',
    notes: 'No cited grade: up to 3 % impurities or absorbed water/carbonate assumed.',
  },
  {
    code: 'li.chloride',
    name: 'Lithium chloride',
    stage: 'intermediate',
    chains: ['lithium'],
    formula: 'LiCl',
    elements: { Li: { min: 0.162, max: 0.1645 }, Cl: { min: 0.827, max: 0.8375 } },
    source: 'Stoichiometry (Li 16.37 %)',
    notes: 'Purity ≥ 99 % assumed (feed for lithium metal electrolysis); no cited grade.',
  },
  {
    code: 'li.metal',
    name: 'Lithium metal',
    stage: 'metal',
    chains: ['lithium'],
    elements: { Li: { min: 0.99, max: 1 } },
    source: 'Assumption: industrial 99.0 % to battery grade ≥ 99.9 % Li',
  },
] as const satisfies readonly Material[];
