import type { Material } from '../materials-types.js';

/** The graphite chain: natural flake to spherical and coated anode material, and the synthetic route. */
export const GRAPHITE_MATERIALS = [
  {
    code: 'gr.ore.flake',
    name: 'Flake graphite ore',
    stage: 'ore',
    chains: ['graphite'],
    elements: { C: { min: 0.02, max: 0.25 } },
    source:
      'Sutphin & Bliss, USGS, CIM Bulletin 83 (1990): median disseminated-flake deposit 9 % C; flake ores commonly 2–3 % or 10–25 % C (duotonic.com)',
  },
  {
    code: 'gr.concentrate.flake',
    name: 'Flake graphite concentrate',
    stage: 'concentrate',
    chains: ['graphite'],
    elements: { C: { min: 0.9, max: 0.985 } },
    source:
      'Fastmarkets MB-GRA-0037…0042 graphite flake 94 % C (earlier 94–97 % C); Chinese spec LG-194, C > 94 % (Snowden, "Mineral notes: graphite")',
    notes: 'Widened to 90 % for off-spec lots and to 98.5 % for premium flotation concentrates.',
  },
  {
    code: 'gr.concentrate.amorphous',
    name: 'Amorphous (microcrystalline) graphite',
    stage: 'concentrate',
    chains: ['graphite'],
    elements: { C: { min: 0.75, max: 0.9 } },
    source: 'Fastmarkets MB-GRA-0035 graphite amorphous 80 % C fob China; 80–85 % C cif Europe',
  },
  {
    code: 'gr.spherical',
    name: 'Spherical graphite, purified, uncoated',
    stage: 'refined',
    chains: ['graphite'],
    elements: { C: { min: 0.9995, max: 1 } },
    source: 'Fastmarkets MB-GRA-0036 graphite spherical 99.95 % C, 15–17 microns, uncoated, fob China',
  },
  {
    code: 'gr.anode.natural',
    name: 'Natural graphite anode active material (coated spherical)',
    stage: 'component',
    chains: ['graphite'],
    elements: { C: { min: 0.999, max: 1 } },
    source:
      'Assumption: spherical graphite (≥ 99.95 % C) with an amorphous-carbon coating, which is also carbon',
  },
  {
    code: 'gr.coke.needle',
    name: 'Petroleum needle coke (synthetic graphite feedstock)',
    stage: 'intermediate',
    chains: ['graphite'],
    elements: { C: { min: 0.88, max: 0.99 }, S: { min: 0, max: 0.005 } },
    source:
      'Fastmarkets MB-GRA-0046 petroleum needle coke exw China: S 0.5 % max, volatile matter 5–8 %, ash 0.2 % max, N 0.7 % max',
    notes: 'The carbon range is an assumption consistent with those limits (volatiles are partly carbon).',
  },
  {
    code: 'gr.anode.synthetic',
    name: 'Synthetic graphite anode active material',
    stage: 'component',
    chains: ['graphite'],
    elements: { C: { min: 0.999, max: 1 } },
    source: 'Assumption: graphitised coke purified to battery grade, ≥ 99.9 % C',
  },
] as const satisfies readonly Material[];
