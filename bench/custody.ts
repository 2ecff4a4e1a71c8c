/**
 * Bench 6 (issue 3): custody statements.
 * (a) Registration rate of custody statements with every check (parse into the canonical model, key and
 *     role at the event time, signature, materials plausibility, conservation, composition, durable
 *     commit with the derived rows, receipt) through the service API, signatures verified inline (one
 *     core) — as a ratio to raw Ed25519 verifies/s on one core, measured in the same run.
 * (b) Provenance of a product with 10,000 upstream lots: 100 mines × 100 extracted lots, refined per mine,
 *     shipped and blended into one product. The shares alone (read from the product's composition) and
 *     the full answer with the upstream graph, p50/p99.
 */
import { performance } from 'node:perf_hooks';
import { generateEd25519, jwkFromPublicKey, signCompactJws } from '../src/crypto/index.js';
import { facilityCredential, traceabilityCredential } from '../src/interop/index.js';
import type { CustodyEvent, NewBatch } from '../src/model/index.js';
import { LodestoneNode } from '../src/service/index.js';
import { closedLoop, emit, log, percentile, ratio, runIfMain, scaled, seconds, tempDir } from './common.js';
import { ORIGIN } from './fixtures.js';
import { verifyRate } from './verify.js';

const BENCH = 'custody';
const IN_FLIGHT = 1024;

interface Org {
  readonly did: string;
  sign(payload: unknown): string;
  readonly issuer: { id: string; name: string };
}

async function organisation(node: LodestoneNode, slug: string, country: string): Promise<Org> {
  const keys = generateEd25519();
  const did = `did:web:${slug}.example`;
  const kid = `${did}#key-1`;
  await node.registerIdentity({
    subject: did,
    legalName: slug,
    registeredId: slug,
    idScheme: { id: 'urn:lodestone:scheme:bench', name: 'bench' },
    country,
    roles: ['producer'],
    keys: [{ kid, jwk: { kty: 'OKP', crv: 'Ed25519', x: jwkFromPublicKey(keys.publicKey).x } }],
    validFrom: '2024-01-01T00:00:00.000Z',
  });
  return {
    did,
    issuer: { id: did, name: slug },
    sign: (payload) =>
      signCompactJws(JSON.stringify(payload), { kid, typ: 'vc+jwt', cty: 'vc' }, keys.privateKey),
  };
}

async function facility(
  node: LodestoneNode,
  org: Org,
  slug: string,
  kind: 'mine' | 'refinery',
  country: string,
) {
  const id = `https://${org.did.slice(8)}/facilities/${slug}`;
  const square = [
    [10, 10],
    [10.01, 10],
    [10.01, 10.01],
    [10, 10],
  ] as [number, number][];
  await node.register(
    org.sign(
      facilityCredential(
        {
          kind: 'facility',
          id,
          name: slug,
          operator: org.did,
          facilityKind: kind,
          country,
          location: { type: 'Point', coordinates: [10, 10] },
          ...(kind === 'mine' && { boundary: { type: 'Polygon', coordinates: [square] } }),
          processCategories: ['https://unstats.un.org/isic/0729'],
          validFrom: '2024-01-01T00:00:00.000Z',
        },
        org.issuer,
      ),
    ),
  );
  return id;
}

let clock = Date.UTC(2025, 0, 1);
const time = (): string => {
  clock += 1000;
  return new Date(clock).toISOString();
};
let events = 0;
const eventId = (): string => `urn:bench:event:${++events}`;
const lot = (id: string, material: string, kg: number, co: number): NewBatch => ({
  id,
  material,
  grams: kg * 1000,
  content: { Co: co },
});

function extract(mine: string, id: string): CustodyEvent {
  return {
    type: 'extract',
    id: eventId(),
    time: time(),
    facility: mine,
    method: 'industrial',
    batch: lot(id, 'co.hydroxide', 1_000, 300_000),
    custodyModel: 'segregated',
  };
}

/** (a) Extracts of new lots, each a fresh batch with its composition: independent, so all in flight. */
async function registrationRate(): Promise<void> {
  const { dir, cleanup } = tempDir(BENCH);
  const node = LodestoneNode.open({ dataDir: dir, origin: ORIGIN, verifyThreads: 0 });
  try {
    const miner = await organisation(node, 'miner', 'CAN');
    const mine = await facility(node, miner, 'pit', 'mine', 'CAN');
    const count = scaled(30_000, 500);
    log(`custody: signing ${count} extract statements`);
    const statements = Array.from({ length: count }, (_, i) =>
      miner.sign(traceabilityCredential([extract(mine, `urn:bench:lot:${i}`)], miner.issuer)),
    );
    emit(BENCH, 'jws_bytes', statements.reduce((s, j) => s + j.length, 0) / count, 'bytes');
    const warm = statements.slice(0, Math.floor(count / 10));
    const run = statements.slice(warm.length);
    const register = async (jws: string) => {
      if (!(await node.register(jws)).created) throw new Error('not new');
    };
    await closedLoop(warm, IN_FLIGHT, register);
    const limit = verifyRate(seconds(2));
    const t0 = performance.now();
    await closedLoop(run, IN_FLIGHT, register);
    const rate = run.length / ((performance.now() - t0) / 1000);
    emit(BENCH, 'ed25519_verify_1core', limit.wall, 'verifications/s');
    emit(BENCH, 'custody_1thread_rate', rate, 'registrations/s');
    ratio(BENCH, 'custody_1thread_over_verify', rate, limit.wall);
  } finally {
    await node.close();
    cleanup();
  }
}

/** (b) A product with 10,000 upstream lots. */
async function provenanceLatency(): Promise<void> {
  const { dir, cleanup } = tempDir(BENCH);
  const node = LodestoneNode.open({ dataDir: dir, origin: ORIGIN });
  try {
    const mines = scaled(100, 4);
    const lotsPerMine = 100;
    const refiner = await organisation(node, 'refiner', 'DEU');
    const plant = await facility(node, refiner, 'plant', 'refinery', 'DEU');
    log(`provenance: ${mines} mines × ${lotsPerMine} lots`);
    const concentrates: string[] = [];
    for (let m = 0; m < mines; m++) {
      const miner = await organisation(node, `miner${m}`, m % 2 === 0 ? 'CAN' : 'COD');
      const mine = await facility(node, miner, `pit${m}`, 'mine', m % 2 === 0 ? 'CAN' : 'COD');
      const lots = Array.from({ length: lotsPerMine }, (_, i) => `urn:bench:m${m}:lot${i}`);
      await closedLoop(lots, IN_FLIGHT, (id) =>
        node.register(miner.sign(traceabilityCredential([extract(mine, id)], miner.issuer))),
      );
      // Refined at the mine into one sulfate lot, shipped to the blending plant.
      const out = `urn:bench:m${m}:sulfate`;
      const refine: CustodyEvent = {
        type: 'transform',
        id: eventId(),
        time: time(),
        facility: mine,
        process: 'refine',
        inputs: lots.map((batch) => ({ batch, grams: 1_000_000 })),
        outputs: [lot(out, 'co.sulfate.battery', 140_000, 209_000)],
        tolerancePpm: 0,
        custodyModel: 'controlled-blending',
      };
      const ship: CustodyEvent = {
        type: 'ship',
        id: eventId(),
        time: time(),
        batch: out,
        grams: 140_000_000,
        to: refiner.did,
        toFacility: plant,
      };
      await node.register(miner.sign(traceabilityCredential([refine, ship], miner.issuer)));
      const receive: CustodyEvent = {
        type: 'receive',
        id: eventId(),
        time: time(),
        batch: out,
        facility: plant,
        grams: 140_000_000,
      };
      await node.register(refiner.sign(traceabilityCredential([receive], refiner.issuer)));
      concentrates.push(out);
    }
    const product = 'urn:bench:product';
    const blend: CustodyEvent = {
      type: 'transform',
      id: eventId(),
      time: time(),
      facility: plant,
      process: 'blend',
      inputs: concentrates.map((batch) => ({ batch, grams: 140_000_000 })),
      outputs: [lot(product, 'co.sulfate.battery', 140_000 * concentrates.length, 209_000)],
      tolerancePpm: 0,
      custodyModel: 'controlled-blending',
    };
    await node.register(refiner.sign(traceabilityCredential([blend], refiner.issuer)));
    const upstream = node.supply.provenance(product)?.graph.batches.length ?? 0;
    emit(BENCH, 'upstream_batches', upstream, 'batches');
    const sample = (fn: () => unknown, n: number): number[] =>
      Array.from({ length: n }, () => {
        const t0 = performance.now();
        fn();
        return (performance.now() - t0) * 1000;
      });
    const row = node.supply.batch(product)!;
    sample(() => node.supply.shares(row), 20);
    const shares = sample(() => node.supply.shares(node.supply.batch(product)!), 200);
    emit(BENCH, 'shares_p50', percentile(shares, 0.5), 'us');
    emit(BENCH, 'shares_p99', percentile(shares, 0.99), 'us');
    sample(() => node.supply.provenance(product), 3);
    const full = sample(() => node.supply.provenance(product), 30);
    emit(BENCH, 'provenance_10k_p50', percentile(full, 0.5) / 1000, 'ms');
    emit(BENCH, 'provenance_10k_p99', percentile(full, 0.99) / 1000, 'ms');
    ratio(BENCH, 'provenance_10k_p99_over_target', percentile(full, 0.99) / 1000, 50);
  } finally {
    await node.close();
    cleanup();
  }
}

export async function main(): Promise<void> {
  await registrationRate();
  await provenanceLatency();
}

runIfMain(import.meta, main);
