import { BATTERY_MATERIALS } from './materials-data/battery.js';
import { COBALT_NICKEL_MATERIALS } from './materials-data/cobalt-nickel.js';
import { GRAPHITE_MATERIALS } from './materials-data/graphite.js';
import { LITHIUM_MATERIALS } from './materials-data/lithium.js';
import { OTHER_MATERIALS } from './materials-data/other-minerals.js';
import { RARE_EARTH_MATERIALS } from './materials-data/rare-earths.js';
import type { Material } from './materials-types.js';

/**
 * The controlled materials vocabulary shipped with the package, in documentation order. Each chain's table
 * lives in `materials-data/`; `docs/materials.md` is generated from this list (a test keeps them equal).
 */
export const MATERIALS: readonly Material[] = [
  ...LITHIUM_MATERIALS,
  ...COBALT_NICKEL_MATERIALS,
  ...GRAPHITE_MATERIALS,
  ...RARE_EARTH_MATERIALS,
  ...BATTERY_MATERIALS,
  ...OTHER_MATERIALS,
];
