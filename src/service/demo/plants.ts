import type { ElementSymbol, ProcessKind } from '../../model/index.js';
import {
  type MakeFlow,
  type PlantFlow,
  type RefinedOutput,
  type RefineFlow,
  type Route,
  r,
} from './flows.js';

/**
 * What each plant makes of what it receives, and where it sells. Refiners take what they hold of their
 * feeds (up to a cap a run) and make what the recovered element mass yields; material, cell and magnet
 * makers make lots of a fixed composition and draw just enough of each supply. A site's flows run in
 * order: an integrated cathode plant makes precursor first, then cathode from it.
 */

const sulfates = (ni: readonly Route[], co: readonly Route[]): RefinedOutput[] => [
  { material: 'ni.sulfate.battery', basis: { element: 'Ni', ppm: 222_000 }, routes: ni },
  { material: 'co.sulfate.battery', basis: { element: 'Co', ppm: 209_500 }, routes: co },
];
const one = (
  material: string,
  element: ElementSymbol,
  ppm: number,
  routes: readonly Route[],
  derived?: readonly ElementSymbol[],
): RefinedOutput =>
  derived === undefined
    ? { material, basis: { element, ppm }, routes }
    : { material, basis: { element, ppm }, derived, routes };
const refine = (
  site: string,
  process: ProcessKind,
  inputs: readonly string[],
  maxInputTonnes: number,
  recovery: number,
  outputs: readonly RefinedOutput[],
): RefineFlow => ({
  kind: 'refine',
  site,
  process,
  inputs,
  maxInputTonnes,
  minInputTonnes: maxInputTonnes / 20,
  recovery,
  outputs,
});

const PCAM: Omit<MakeFlow, 'site' | 'routes'> = {
  kind: 'make',
  process: 'precipitate',
  material: 'pcam.nmc811',
  recovery: 0.99,
  lotTonnes: [50, 80],
  targets: { Ni: 508_000, Co: 63_500, Mn: 59_000 },
  supply: { Ni: ['ni.sulfate.battery'], Co: ['co.sulfate.battery'], Mn: ['mn.sulfate.battery'] },
};
const CAM: Omit<MakeFlow, 'site' | 'routes'> = {
  kind: 'make',
  process: 'calcine',
  material: 'cam.nmc811',
  recovery: 0.99,
  lotTonnes: [50, 80],
  targets: { Li: 71_500, Ni: 482_000, Co: 60_500, Mn: 56_500 },
  supply: {
    Li: ['li.hydroxide.battery', 'li.carbonate.battery'],
    Ni: ['pcam.nmc811'],
    Co: ['pcam.nmc811'],
    Mn: ['pcam.nmc811'],
  },
};
const CELL: Omit<MakeFlow, 'site' | 'routes'> = {
  kind: 'make',
  process: 'manufacture',
  material: 'battery.cell.nmc',
  recovery: 0.985,
  lotTonnes: [60, 100],
  parts: [2, 3],
  targets: { Li: 21_000, Ni: 142_000, Co: 17_800, Mn: 16_600, C: 180_000, Cu: 90_000 },
  supply: {
    Li: ['cam.nmc811'],
    Ni: ['cam.nmc811'],
    Co: ['cam.nmc811'],
    Mn: ['cam.nmc811'],
    C: ['gr.anode.natural'],
    Cu: ['cu.foil.battery'],
  },
};
const MAGNET: Omit<MakeFlow, 'site' | 'routes'> = {
  kind: 'make',
  process: 'manufacture',
  material: 'ree.magnet.ndfeb',
  recovery: 0.98,
  lotTonnes: [5, 12],
  parts: [1, 2],
  targets: { Nd: 235_000, Pr: 65_000, Dy: 10_000, Tb: 0 },
  optional: ['Dy'],
  supply: { Nd: ['ree.metal.ndpr'], Pr: ['ree.metal.ndpr'], Dy: ['ree.metal.dy'] },
};
const PACK: RefinedOutput = {
  material: 'battery.pack.nmc',
  basis: { massFactor: 1.389 },
  derived: ['Li', 'Ni', 'Co', 'Mn', 'C', 'Cu'],
  routes: [],
};
const NDPR_OXIDE = (routes: readonly Route[]): RefinedOutput =>
  one('ree.oxide.ndpr', 'Nd', 650_000, routes, ['Pr']);
const NDPR_METAL = (routes: readonly Route[]): RefinedOutput =>
  one('ree.metal.ndpr', 'Nd', 730_000, routes, ['Pr']);

/** Every plant's runs, in the order a site runs them (a site that makes precursor first, then cathode). */
export const PLANTS: readonly PlantFlow[] = [
  refine('likasi', 'leach', ['co.ore.copper-cobalt'], 2_000, 0.85, [
    { ...one('co.hydroxide', 'Co', 250_000, [r('quzhou')]), partTonnes: [9.9, 9.995] },
  ]),
  refine('morowali-hpal', 'leach', ['ni.ore.laterite'], 4_000, 0.9, [
    one('ni.mhp', 'Ni', 390_000, [r('quzhou', 2), r('niihama')], ['Co']),
  ]),
  refine(
    'fort-saskatchewan',
    'refine',
    ['ni.matte', 'co.hydroxide'],
    80,
    0.97,
    sulfates([r('becancour-pcam', 3), r('schwarzheide')], [r('becancour-pcam', 2), r('schwarzheide')]),
  ),
  refine(
    'niihama',
    'refine',
    ['ni.mhp', 'co.hydroxide'],
    200,
    0.97,
    sulfates([r('niihama-cam', 3), r('schwarzheide')], [r('niihama-cam', 2), r('schwarzheide')]),
  ),
  refine(
    'quzhou',
    'refine',
    ['ni.mhp', 'co.hydroxide'],
    300,
    0.96,
    sulfates([r('changsha', 3), r('niihama-cam')], [r('changsha', 3), r('niihama-cam')]),
  ),
  refine('becancour-mn', 'leach', ['mn.ore'], 60, 0.95, [
    one('mn.sulfate.battery', 'Mn', 322_000, [r('becancour-pcam'), r('schwarzheide'), r('niihama-cam')]),
  ]),
  refine('yibin', 'refine', ['li.concentrate.spodumene-sc6'], 400, 0.88, [
    one('li.hydroxide.battery', 'Li', 165_500, [r('changsha', 3), r('niihama-cam')]),
  ]),
  refine('guben', 'refine', ['li.concentrate.spodumene-sc6'], 300, 0.88, [
    one('li.hydroxide.battery', 'Li', 165_500, [r('schwarzheide')]),
  ]),
  refine('corpus-christi', 'refine', ['li.concentrate.spodumene-sc6'], 300, 0.88, [
    one('li.hydroxide.battery', 'Li', 165_500, [r('becancour-cam')]),
  ]),
  refine('la-negra', 'precipitate', ['li.brine.concentrated'], 150, 0.8, [
    one('li.carbonate.battery', 'Li', 187_500, [r('niihama-cam'), r('becancour-cam'), r('changsha')]),
  ]),
  refine('guemes', 'precipitate', ['li.brine.concentrated'], 100, 0.8, [
    one('li.carbonate.battery', 'Li', 187_500, [r('changsha'), r('schwarzheide')]),
  ]),
  refine('jixi-anode', 'refine', ['gr.concentrate.flake'], 200, 0.55, [
    one('gr.anode.natural', 'C', 999_500, [r('ningde', 3), r('sumoto'), r('salzgitter'), r('termoli')]),
  ]),
  refine('vidalia', 'refine', ['gr.concentrate.flake'], 150, 0.55, [
    one('gr.anode.natural', 'C', 999_500, [r('sparks', 2), r('douvrin'), r('sunderland-cells')]),
  ]),
  refine('becancour-anode', 'refine', ['gr.concentrate.flake'], 150, 0.55, [
    one('gr.anode.natural', 'C', 999_500, [r('sparks'), r('salzgitter')]),
  ]),
  refine('saganoseki', 'refine', ['cu.concentrate'], 400, 0.97, [
    one('cu.cathode', 'Cu', 999_950, [r('omuta')]),
  ]),
  refine('omuta', 'manufacture', ['cu.cathode'], 80, 0.99, [
    {
      ...one(
        'cu.foil.battery',
        'Cu',
        999_000,
        ['sumoto', 'sparks', 'salzgitter', 'douvrin', 'termoli', 'ningde', 'sunderland-cells'].map((s) =>
          r(s),
        ),
      ),
      parts: [2, 3],
    },
  ]),
  refine('mountain-pass-sep', 'refine', ['ree.concentrate.bastnaesite'], 100, 0.92, [
    NDPR_OXIDE([r('ellesmere-port', 2), r('takefu-metal')]),
  ]),
  refine('kalgoorlie', 'refine', ['ree.concentrate.monazite'], 100, 0.92, [NDPR_OXIDE([r('takefu-metal')])]),
  refine('ganzhou', 'refine', ['ree.concentrate.bastnaesite', 'ree.ore.ionic-clay'], 3_000, 0.92, [
    NDPR_OXIDE([r('baotou-metal')]),
    one('ree.oxide.dy', 'Dy', 865_000, [r('baotou-metal')]),
  ]),
  refine('baotou-metal', 'refine', ['ree.oxide.ndpr', 'ree.oxide.dy'], 40, 0.97, [
    NDPR_METAL([r('ningbo', 3), r('hanau')]),
    one('ree.metal.dy', 'Dy', 995_000, [r('ningbo', 2), r('hanau'), r('takefu-magnet')]),
  ]),
  refine('ellesmere-port', 'refine', ['ree.oxide.ndpr'], 30, 0.97, [
    NDPR_METAL([r('hanau', 2), r('takefu-magnet')]),
  ]),
  refine('takefu-metal', 'refine', ['ree.oxide.ndpr'], 30, 0.97, [NDPR_METAL([r('takefu-magnet')])]),
  { ...PCAM, site: 'becancour-pcam', routes: [r('becancour-cam')] },
  { ...PCAM, site: 'schwarzheide', routes: [] },
  { ...PCAM, site: 'niihama-cam', routes: [] },
  { ...PCAM, site: 'changsha', routes: [], lotTonnes: [100, 150] },
  { ...CAM, site: 'becancour-cam', routes: [r('sparks', 3), r('salzgitter'), r('sunderland-cells')] },
  { ...CAM, site: 'schwarzheide', routes: [r('salzgitter', 2), r('douvrin', 2), r('termoli')] },
  { ...CAM, site: 'niihama-cam', routes: [r('sumoto', 3), r('sparks')] },
  {
    ...CAM,
    site: 'changsha',
    routes: [r('ningde', 4), r('termoli'), r('sunderland-cells')],
    lotTonnes: [100, 150],
  },
  { ...MAGNET, site: 'hanau', routes: [r('wolfsburg', 2), r('mirafiori'), r('sochaux')] },
  { ...MAGNET, site: 'takefu-magnet', routes: [r('toyota-city', 2), r('detroit')] },
  { ...MAGNET, site: 'ningbo', routes: [r('wolfsburg'), r('detroit'), r('sunderland-oem')] },
  { ...CELL, site: 'sumoto', routes: [r('toyota-city', 3), r('detroit')] },
  { ...CELL, site: 'sparks', routes: [r('detroit', 3)] },
  { ...CELL, site: 'salzgitter', routes: [r('wolfsburg', 3), r('sochaux')] },
  { ...CELL, site: 'douvrin', routes: [r('sochaux', 2), r('wolfsburg')] },
  { ...CELL, site: 'termoli', routes: [r('mirafiori', 3)] },
  {
    ...CELL,
    site: 'ningde',
    routes: [r('wolfsburg'), r('mirafiori'), r('sunderland-oem')],
    lotTonnes: [100, 160],
  },
  { ...CELL, site: 'sunderland-cells', routes: [r('sunderland-oem', 3)] },
  ...['wolfsburg', 'sochaux', 'mirafiori', 'toyota-city', 'detroit', 'sunderland-oem'].map((site) =>
    refine(site, 'manufacture', ['battery.cell.nmc'], 200, 0.995, [PACK]),
  ),
];
