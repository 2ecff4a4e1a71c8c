/** Facility kinds (DESIGN.md §5). */
export type FacilityKind =
  | 'mine'
  | 'concentrator'
  | 'refinery'
  | 'smelter'
  | 'recycler'
  | 'precursor'
  | 'cathode'
  | 'anode'
  | 'magnet'
  | 'cell'
  | 'pack'
  | 'oem'
  | 'warehouse'
  | 'trader';

export const FACILITY_KINDS: readonly FacilityKind[] = [
  'mine',
  'concentrator',
  'refinery',
  'smelter',
  'recycler',
  'precursor',
  'cathode',
  'anode',
  'magnet',
  'cell',
  'pack',
  'oem',
  'warehouse',
  'trader',
];
