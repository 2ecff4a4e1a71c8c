/**
 * `lodestone federation demo` (issue 8 part 7): three member-nation nodes in one process, peering over
 * real HTTP on loopback, serve checkpoints cosigned by both other witnesses; reopening the same parent
 * directory brings back the same logs; with `crossBorder`, a lot shipped from Canada is received in Germany.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import {
  type FederationDemo,
  type FederationMember,
  federationOrigin,
  startFederationDemo,
} from '../../src/service/index.js';
import { tempDir } from '../helpers/node.js';

/** Poll `check` until it returns a value (not undefined), or fail after `ms`. */
async function until<T>(check: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Key names of a signed note's signature lines. */
function signers(note: string): string[] {
  return note
    .slice(note.indexOf('\n\n') + 2)
    .split('\n')
    .filter((l) => l.startsWith('— '))
    .map((l) => l.split(' ')[1]!);
}

const witnessName = (m: FederationMember): string => m.witnessVkey.split('+')[0]!;

interface Status {
  peers: { origin: string; trusted: boolean; lag: number; cosignedSize: number; lastError: string | null }[];
  alarms: number;
}

describe('federation demo', () => {
  const { dir, cleanup } = tempDir('lodestone-federation-demo-');
  let demo: FederationDemo | undefined;

  afterAll(async () => {
    await demo?.close();
    cleanup();
  });

  it('starts three peered nodes whose checkpoints carry both other witnesses’ cosignatures', async () => {
    demo = await startFederationDemo({ dataDir: dir, nodes: 3, basePort: 0, startServer, activityMs: 1500 });
    const { members } = demo;
    expect(federationOrigin('CAN')).toBe('lodestone.local/federation/can');
    expect(members.map((m) => m.origin)).toEqual([
      'lodestone.local/federation/can',
      'lodestone.local/federation/deu',
      'lodestone.local/federation/jpn',
    ]);
    for (const m of members) {
      const others = members.filter((o) => o !== m).map(witnessName);
      // A new checkpoint every 1.5 s, cosigned within a round: poll for one that carries both.
      const note = await until(async () => {
        const text = await (await fetch(`${m.url}/log/checkpoint`)).text();
        const names = signers(text);
        return names[0] === m.origin && others.every((w) => names.includes(w)) ? text : undefined;
      }, 15_000);
      expect(note.startsWith(`${m.origin}\n`)).toBe(true);
      const status = await until(async () => {
        const s = (await (await fetch(`${m.url}/v1/federation/status`)).json()) as Status;
        return s.peers.every((p) => p.trusted && p.lastError === null && p.lag <= 2) ? s : undefined;
      }, 15_000);
      expect(status.peers).toHaveLength(2);
      expect(status.alarms).toBe(0);
      expect(status.peers.map((p) => p.origin)).toEqual(members.filter((o) => o !== m).map((o) => o.origin));
    }
    // The operators' activity grows every log.
    const sizes = members.map((m) => m.node.size);
    await until(
      async () => (members.every((m, i) => m.node.size > (sizes[i] ?? 0)) ? true : undefined),
      10_000,
    );
    const summary = demo.status();
    expect(summary.members.map((m) => m.country)).toEqual(['CAN', 'DEU', 'JPN']);
    expect(summary.members.every((m) => m.activityError === null && m.alarms === 0)).toBe(true);
  }, 45_000);

  it('stops quickly, and reopening the directory brings back the same logs and keys', async () => {
    if (!demo) throw new Error('no demo');
    const before = demo.members.map((m) => ({ origin: m.origin, vkey: m.vkey, size: m.node.size }));
    const started = Date.now();
    await demo.close();
    demo = undefined;
    expect(Date.now() - started).toBeLessThan(3000);
    demo = await startFederationDemo({ dataDir: dir, nodes: 3, basePort: 0, startServer, activityMs: 0 });
    expect(demo.members.map((m) => ({ origin: m.origin, vkey: m.vkey }))).toEqual(
      before.map(({ origin, vkey }) => ({ origin, vkey })),
    );
    for (const [i, m] of demo.members.entries()) expect(m.node.size).toBeGreaterThanOrEqual(before[i]!.size);
    // Without new entries, every peer cosigns the reopened checkpoints.
    const first = demo.members[0]!;
    await until(async () => {
      const names = signers(await (await fetch(`${first.url}/log/checkpoint`)).text());
      return names.length === 3 ? true : undefined;
    }, 10_000);
  }, 30_000);

  it('refuses a size outside 2 to 7', async () => {
    await expect(startFederationDemo({ dataDir: dir, nodes: 8, basePort: 0, startServer })).rejects.toThrow(
      RangeError,
    );
  });
});

describe('federation demo with a cross-border shipment', () => {
  const { dir, cleanup } = tempDir('lodestone-federation-demo-xb-');
  let demo: FederationDemo | undefined;

  afterAll(async () => {
    await demo?.close();
    cleanup();
  });

  it('ships a lot from CAN and receives it in DEU once the witness quorum vouches for it', async () => {
    const lines: string[] = [];
    demo = await startFederationDemo({
      dataDir: dir,
      nodes: 3,
      basePort: 0,
      startServer,
      activityMs: 0,
      crossBorder: true,
      onProgress: (line) => lines.push(line),
    });
    const received = await until(async () => {
      const status = demo?.status().crossBorder;
      return status?.state === 'received' ? status : undefined;
    }, 20_000);
    expect(received.batch).toMatch(/^https:\/\/miner-[a-z0-9]+\.can\.federation\.example\/lots\/1-deu$/);
    expect(received.error).toBeNull();

    const germany = demo.members[1]!.node;
    const row = germany.supply.batch(received.batch!);
    expect(row).toMatchObject({ custodian: received.refiner, createdGrams: 4_000_000, status: 'active' });
    const [cobalt] = germany.supply.shares(row!);
    expect(cobalt?.byCountry.map((c) => [c.key, c.share])).toEqual([['CAN', '1/1']]);

    expect(lines[0]).toMatch(/^cross-border: CAN → DEU shipped https:\/\/miner-\S+ \(statement \S+\)$/);
    expect(lines.at(-1)).toMatch(/^cross-border: received on DEU at \S+ after \d+ s; origins: CAN 100 %$/);
  }, 30_000);
});
