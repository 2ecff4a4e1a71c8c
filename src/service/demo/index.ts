import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATABASE_FILE } from '../../store/index.js';
import { writeFileDurably } from '../durable-file.js';
import { ServiceError } from '../errors.js';
import { NODE_KEY_FILE } from '../identity.js';
import { LodestoneNode } from '../node.js';
import { OPERATOR_KEY_FILE } from '../operator.js';
import { WITNESS_KEY_FILE } from '../witness.js';
import { Emitter, type Party } from './emit.js';
import { plantedRedFlags } from './flags.js';
import { DEMO_KEYS_DIR, type DemoSigner, deriveSigner, writeNodeKeys, writeSignerKeys } from './keys.js';
import { type DemoManifest, describeWorld } from './manifest.js';
import { CHUNK, registerAll } from './register.js';
import { startCommissions, startMines, startPlants } from './simulate.js';
import { CALENDAR, type Site, World } from './state.js';
import { Stock } from './stock.js';
import { type CertificateRecord, scheduleSetUp, scheduleTrustEvents } from './trust-plan.js';
import { ORGS, SITES } from './world.js';

/**
 * The demo world (issue 6 item 1): a seeded, deterministic alliance economy of fictional companies in
 * real places — mines, refiners, traders, material, magnet and cell makers, carmakers — with nine months
 * of custody events, accreditations, certificates and their revocations, and a few planted red flags.
 * Everything reaches the node as signed statements through `register`, exactly like real data.
 * @module service/demo
 */

export { DEMO_KEYS_DIR } from './keys.js';
export type {
  DemoCertificate,
  DemoCounts,
  DemoFacility,
  DemoManifest,
  DemoOrganization,
  DemoProduct,
  DemoRedFlag,
} from './manifest.js';

/** The manifest of a seeded data directory. */
export const DEMO_MANIFEST_FILE = 'demo.json';

export interface DemoOptions {
  /** World seed, a non-negative integer (default 1): the same seed gives byte-identical logs. */
  readonly seed?: number;
  /** Volume of trade: 1 is a few thousand batches; 0.1 a few hundred (default 1, at most 10). */
  readonly scale?: number;
  /** The log origin (default `lodestone.local/demo-<seed>/log`). */
  readonly origin?: string;
  /** Called as statements are registered: done so far, and the total. */
  readonly progress?: (done: number, total: number) => void;
}

/** The files a seeding writes: a data directory holding any of them is not seeded again. */
const SEEDED_FILES = [
  DATABASE_FILE,
  NODE_KEY_FILE,
  OPERATOR_KEY_FILE,
  WITNESS_KEY_FILE,
  DEMO_KEYS_DIR,
  DEMO_MANIFEST_FILE,
];

/** True when `dataDir` holds no log, no node keys and no demo files yet: the demo world can be seeded there. */
export function canSeedDemoWorld(dataDir: string): boolean {
  return SEEDED_FILES.every((file) => !existsSync(join(dataDir, file)));
}

/**
 * Seed `dataDir` with the demo world: derive the node's keys and every organisation's key from the
 * seed, register the world's statements in order on a node whose clock follows the world's time, then
 * write the organisations' key files to `<dataDir>/demo-keys/` and the manifest to `<dataDir>/demo.json`.
 * The node is closed again when this resolves.
 * @throws RangeError for a seed or scale out of range
 * @throws ServiceError NODE_CONFIG_INVALID when `dataDir` already holds a log, node keys or demo files
 * @example const manifest = await seedDemoWorld('./lodestone-data', { seed: 1, progress: (n, t) => … });
 */
export async function seedDemoWorld(dataDir: string, options: DemoOptions = {}): Promise<DemoManifest> {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  checkOptions(seed, scale);
  const held = SEEDED_FILES.find((file) => existsSync(join(dataDir, file)));
  if (held !== undefined) {
    throw new ServiceError(
      'NODE_CONFIG_INVALID',
      `${dataDir} already holds ${held}: the demo world needs a data directory without a log`,
    );
  }
  const origin = options.origin ?? `lodestone.local/demo-${seed}/log`;
  const plan = planDemoWorld(seed, scale);
  // Seeded beside the data directory and moved in whole: an interrupted seeding leaves no partial log
  // for the next start to serve as if it were the demo world.
  const staging = `${resolve(dataDir)}.seeding-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging, { recursive: true, mode: 0o700 });
    writeNodeKeys(staging, seed, origin);
    const operator = await register(staging, origin, plan, options.progress);
    const files = writeSignerKeys(join(staging, DEMO_KEYS_DIR), plan.signers);
    const keyFiles = new Map([...files].map(([did, file]) => [did, `${DEMO_KEYS_DIR}/${file}`]));
    const redFlags = plantedRedFlags(plan.world, plan.certificates);
    const described = describeWorld(plan.world, plan.certificates, redFlags, keyFiles);
    const manifest: DemoManifest = { version: 1, seed, scale, origin, operator, ...described };
    writeFileDurably(join(staging, DEMO_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, 0o644);
    moveInto(staging, dataDir);
    return manifest;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Move a seeded directory into place: one rename when `dataDir` is missing or empty; else entry by entry
 * with the database last, so a database in `dataDir` always has its keys beside it.
 */
function moveInto(staging: string, dataDir: string): void {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) {
    rmSync(dataDir, { recursive: true, force: true });
    renameSync(staging, dataDir);
    return;
  }
  const names = readdirSync(staging).sort(
    (a, b) => Number(a.startsWith(DATABASE_FILE)) - Number(b.startsWith(DATABASE_FILE)),
  );
  for (const name of names) renameSync(join(staging, name), join(dataDir, name));
}

/**
 * Open the node on its derived keys, with its clock driven by the plan and signatures verified inline
 * (worker threads would apply statements in the order their verifications finish), register the plan,
 * and close the node. Returns the operator's DID.
 */
async function register(
  dataDir: string,
  origin: string,
  plan: DemoPlan,
  progress: DemoOptions['progress'],
): Promise<string> {
  const clock = { ms: CALENDAR.setupMs };
  const node = LodestoneNode.open({
    dataDir,
    origin,
    now: () => clock.ms,
    verifyThreads: 0,
    maxBatch: CHUNK,
  });
  try {
    await registerAll(node, clock, plan.world.emit.submissions, progress);
    // The world arrives with its findings: the first dashboard view shows the planted red flags.
    await node.compliance.idle();
    return node.info.operator;
  } finally {
    await node.close();
  }
}

/** The planned world: every submission in order, before any reaches a node. */
export interface DemoPlan {
  readonly world: World;
  readonly certificates: readonly CertificateRecord[];
  /** Each organisation's signer, by slug. */
  readonly signers: ReadonlyMap<string, DemoSigner>;
}

/** Plan the world of `seed` at `scale`: pure and deterministic (no clock, no IO, no `Math.random`). */
export function planDemoWorld(seed: number, scale: number): DemoPlan {
  checkOptions(seed, scale);
  const signers = new Map(ORGS.map((o) => [o.slug, deriveSigner(seed, `did:web:${o.slug}.example`)]));
  const parties = new Map<string, Party>(
    ORGS.map((o) => {
      const signer = signers.get(o.slug)!;
      const party = { slug: o.slug, did: signer.did, name: o.name, country: o.country, signer };
      return [o.slug, { ...party, issuer: { id: signer.did, name: o.name } }];
    }),
  );
  const sites = new Map<string, Site>(
    SITES.map((spec) => {
      const party = parties.get(spec.org)!;
      return [
        spec.slug,
        { spec, party, id: `https://${spec.org}.example/facilities/${spec.slug}`, stock: new Stock() },
      ];
    }),
  );
  const world = new World(seed, scale, new Emitter(), parties, sites);
  const certificates: CertificateRecord[] = [];
  const accreditations = new Map<string, string>();
  scheduleSetUp(world, certificates, accreditations);
  scheduleTrustEvents(world, certificates, accreditations);
  startMines(world);
  startCommissions(world);
  startPlants(world);
  world.schedule.runUntil(CALENDAR.endMs);
  return { world, certificates, signers };
}

function checkOptions(seed: number, scale: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  if (!(scale > 0 && scale <= 10)) throw new RangeError(`scale must be in (0, 10], got ${scale}`);
}
