import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalJson,
  fetchAndVerifyLog,
  openSignedNote,
  parseTlogProof,
  parseVkey,
  type Receipt,
  tilePath,
  verifyCheckpointNote,
  verifyConsistency,
  verifyInclusion,
  verifyReceipt,
  verifyTlogProofBundle,
} from './verifier.js';

// ------------------------------------------------------------------ vectors
const VECTORS = '/work/shared/vectors';
// biome-ignore lint/suspicious/noExplicitAny: vector files are plain JSON read by the test
const load = (p: string): any => JSON.parse(readFileSync(`${VECTORS}/${p}`, 'utf8'));
const tessera = load('tiles/tessera-testdata-log.json');
const hex = (s: string) => Buffer.from(s, 'hex');

// ------------------------------------------------------------------ test-side reference tree (RFC 9162 §2.1 definitions)
const sha = (...p: Uint8Array[]) => p.reduce((h, x) => h.update(x), createHash('sha256')).digest();
const leafH = (d: Uint8Array) => sha(Buffer.from([0]), d);
const nodeH = (l: Buffer, r: Buffer) => sha(Buffer.from([1]), l, r);
const split = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1); // largest power of two < n
const MTH = (h: Buffer[]): Buffer =>
  h.length === 0
    ? sha()
    : h.length === 1
      ? h[0]!
      : nodeH(MTH(h.slice(0, split(h.length))), MTH(h.slice(split(h.length))));
/** RFC 9162 §2.1.3.1 PATH(m, D[n]). */
const PATH = (m: number, h: Buffer[]): Buffer[] => {
  if (h.length <= 1) return [];
  const k = split(h.length);
  return m < k
    ? [...PATH(m, h.slice(0, k)), MTH(h.slice(k))]
    : [...PATH(m - k, h.slice(k)), MTH(h.slice(0, k))];
};
/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[n], b). */
const SUBPROOF = (m: number, h: Buffer[], b: boolean): Buffer[] => {
  if (m === h.length) return b ? [] : [MTH(h)];
  const k = split(h.length);
  return m <= k
    ? [...SUBPROOF(m, h.slice(0, k), b), MTH(h.slice(k))]
    : [...SUBPROOF(m - k, h.slice(k), false), MTH(h.slice(0, k))];
};

/** A fresh Ed25519 signed-note key (signed-note "Ed25519 signatures"). */
function newKey(name: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const typed = Buffer.concat([Buffer.from([1]), pub]);
  const id = sha(Buffer.from(`${name}\n`), typed).subarray(0, 4);
  const vkey = `${name}+${id.toString('hex')}+${typed.toString('base64')}`;
  const signNote = (text: string) =>
    `${text}\n— ${name} ${Buffer.concat([id, sign(null, Buffer.from(text), privateKey)]).toString('base64')}\n`;
  const checkpoint = (size: number, root: Buffer) =>
    signNote(`${name}\n${size}\n${root.toString('base64')}\n`);
  return { vkey, signNote, checkpoint };
}

/** Tile files of a log of the first `size` entries, built straight from the tlog-tiles definition. */
function tileFiles(entries: Buffer[], size: number): Map<string, Buffer> {
  const idx = (n: number) => {
    const s = String(n).padStart(Math.ceil(String(n).length / 3) * 3, '0');
    return s
      .match(/.../g)!
      .map((g, i, a) => (i < a.length - 1 ? `x${g}` : g))
      .join('/');
  };
  const files = new Map<string, Buffer>();
  const put = (dir: string, items: Buffer[]) => {
    for (let n = 0; n * 256 < items.length; n++) {
      const w = Math.min(256, items.length - n * 256);
      files.set(
        `tile/${dir}/${idx(n)}${w < 256 ? `.p/${w}` : ''}`,
        Buffer.concat(items.slice(n * 256, n * 256 + w)),
      );
    }
  };
  const es = entries.slice(0, size);
  put(
    'entries',
    es.map((e) => Buffer.concat([Buffer.from([e.length >> 8, e.length & 255]), e])),
  );
  let level: Buffer[] = es.map(leafH);
  for (let l = 0; level.length > 0; l++) {
    put(String(l), level);
    level = Array.from({ length: Math.floor(level.length / 256) }, (_, j) =>
      MTH(level.slice(j * 256, j * 256 + 256)),
    );
  }
  return files;
}

// ------------------------------------------------------------------ static tlog-tiles server
let files = new Map<string, Buffer>();
let server: Server;
let base = '';
let gzipped = 0; // entry bundles served with Content-Encoding: gzip
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').replace(/^\/log\//, '');
    const body = files.get(path);
    if (!req.url?.startsWith('/log/') || !body) return void res.writeHead(404).end();
    const gz = path.startsWith('tile/entries/') && /gzip/.test(String(req.headers['accept-encoding']));
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      ...(gz ? { 'content-encoding': 'gzip' } : {}),
    });
    gzipped += gz ? 1 : 0;
    res.end(gz ? gzipSync(body) : body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/log`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Serves the Tessera testdata log as it was at `size`: its checkpoint, partial tile and bundle. */
function serveTessera(size: number) {
  const st = tessera.states[size];
  files = new Map(Object.entries<string>(st.files).map(([p, h]) => [p, hex(h)]));
  files.set('checkpoint', Buffer.from(st.checkpoint, 'utf8'));
  return st;
}

describe('tlog-tiles: Tessera testdata log', () => {
  it('verifies every checkpoint size 0..15 against its tiles and entry bundles', async () => {
    for (let size = 0; size <= 15; size++) {
      const st = serveTessera(size);
      const log = await fetchAndVerifyLog(base, tessera.vkey, { origin: tessera.origin });
      expect(log.size).toBe(size);
      expect(log.rootHash.toString('hex')).toBe(st.root_hex);
      expect(log.entries?.map((e) => e.toString())).toEqual(tessera.entries_ascii.slice(0, size));
    }
  });

  it('catches a flipped byte anywhere in the checkpoint, tile or entry bundle (size 15, every byte)', async () => {
    const st = serveTessera(15);
    for (const name of [...Object.keys(st.files), 'checkpoint']) {
      const good = files.get(name)!;
      for (let i = 0; i < good.length; i++) {
        const bad = Buffer.from(good);
        bad[i]! ^= 0x01;
        files.set(name, bad);
        await expect(fetchAndVerifyLog(base, tessera.vkey), `${name} byte ${i}`).rejects.toThrow();
      }
      files.set(name, good);
    }
    await expect(fetchAndVerifyLog(base, tessera.vkey)).resolves.toMatchObject({ size: 15 });
  });

  it('catches flipped bytes at every size and names the tile or bundle', async () => {
    for (let size = 1; size <= 15; size++) {
      serveTessera(size);
      for (const [name, pattern] of [
        [`tile/0/000.p/${size}`, `tile/0/000.p/${size} hash #`],
        [`tile/entries/000.p/${size}`, `tile/entries/000.p/${size}`],
        ['checkpoint', /note|checkpoint/],
      ] as const) {
        const good = files.get(name)!;
        for (const i of [0, Math.floor(good.length / 2), good.length - 1]) {
          const bad = Buffer.from(good);
          bad[i]! ^= 0xff;
          files.set(name, bad);
          await expect(fetchAndVerifyLog(base, tessera.vkey), `${name} byte ${i}`).rejects.toThrow(pattern);
        }
        files.set(name, good);
      }
    }
  });

  it('rejects a missing tile, a wrong key and a wrong origin', async () => {
    serveTessera(7);
    const other = newKey('example.com/log/testdata');
    await expect(fetchAndVerifyLog(base, other.vkey)).rejects.toThrow(/no signature/);
    await expect(fetchAndVerifyLog(base, tessera.vkey, { origin: 'example.com/other' })).rejects.toThrow(
      /origin/,
    );
    files.delete('tile/0/000.p/7');
    await expect(fetchAndVerifyLog(base, tessera.vkey)).rejects.toThrow('tile/0/000.p/7: HTTP 404');
  });
});

describe('tlog-tiles: multi-level synthetic log', () => {
  const key = newKey('test.example/multi');
  const entries = Array.from({ length: 70_000 }, (_, i) => Buffer.from(`entry ${i}`));
  const leaves = entries.map(leafH);

  it('verifies size 70,000 (spec example: 273+1 L0, 1+1 L1, 1 L2 tiles) and checks level 2', async () => {
    const root = MTH(leaves);
    files = tileFiles(entries, 70_000);
    files.set('checkpoint', Buffer.from(key.checkpoint(70_000, root)));
    expect([...files.keys()].filter((p) => /^tile\/[12]\//.test(p))).toEqual([
      'tile/1/000',
      'tile/1/001.p/17',
      'tile/2/000.p/1',
    ]);
    gzipped = 0;
    const log = await fetchAndVerifyLog(`${base}/`, key.vkey);
    expect(gzipped).toBe(274);
    expect(log.rootHash.equals(root)).toBe(true);
    expect(log.entries?.every((e, i) => e.equals(entries[i]!))).toBe(true);
    expect(log.levels.map((l) => l.length)).toEqual([70_000, 273, 1]);
    files.get('tile/2/000.p/1')![31]! ^= 0x80;
    await expect(fetchAndVerifyLog(base, key.vkey, { entries: false })).rejects.toThrow(
      'tile/2/000.p/1 hash #0 != root of full tile tile/1/000',
    );
  });

  it('names the tampered tile or bundle at levels 0 and 1, and catches a signed but wrong root', async () => {
    files = tileFiles(entries, 1000); // L0: 3 full + 1 partial (232); L1: 1 partial (3)
    files.set('checkpoint', Buffer.from(key.checkpoint(1000, MTH(leaves.slice(0, 1000)))));
    for (const [name, i, message] of [
      ['tile/0/001', 40 * 32 + 7, 'tile/0/001 hash #40 != SHA-256(0x00 || entry 296 of tile/entries/001)'],
      [
        'tile/entries/003.p/232',
        5,
        'tile/0/003.p/232 hash #0 != SHA-256(0x00 || entry 768 of tile/entries/003.p/232)',
      ],
      ['tile/entries/000', 0, 'tile/entries/000: entry 0 truncated'],
      ['tile/1/000.p/3', 2 * 32 + 3, 'tile/1/000.p/3 hash #2 != root of full tile tile/0/002'],
    ] as const) {
      const good = files.get(name)!;
      const bad = Buffer.from(good);
      bad[i]! ^= 0x80;
      files.set(name, bad);
      await expect(fetchAndVerifyLog(base, key.vkey), name).rejects.toThrow(message);
      files.set(name, good);
    }
    // A correctly signed checkpoint whose root disagrees with (self-consistent) tiles.
    files.set('checkpoint', Buffer.from(key.checkpoint(1000, MTH(leaves.slice(1, 1001)))));
    await expect(fetchAndVerifyLog(base, key.vkey)).rejects.toThrow(
      /checkpoint root .* recomputed from tiles/,
    );
  });

  it('falls back to the full tile when a partial tile is gone (growing log), and checks consistency', async () => {
    const [size1, size2] = [300, 512];
    files = new Map([...tileFiles(entries, size1), ...tileFiles(entries, size2)]);
    files.delete('tile/0/001.p/44');
    files.delete('tile/entries/001.p/44');
    files.set('checkpoint', Buffer.from(key.checkpoint(size1, MTH(leaves.slice(0, size1)))));
    const old = await fetchAndVerifyLog(base, key.vkey);
    files.set('checkpoint', Buffer.from(key.checkpoint(size2, MTH(leaves.slice(0, size2)))));
    const cur = await fetchAndVerifyLog(base, key.vkey, { entries: false });
    expect(cur.entries).toBeUndefined();
    const proof = SUBPROOF(size1, cur.levels[0]!, true);
    expect(() => verifyConsistency(old.size, cur.size, old.rootHash, cur.rootHash, proof)).not.toThrow();
    expect(() => verifyConsistency(old.size, cur.size, cur.rootHash, old.rootHash, proof)).toThrow();
  });

  it('rejects a tile of the wrong length and a bundle with the wrong entry count', async () => {
    files = tileFiles(entries, 300);
    files.set('checkpoint', Buffer.from(key.checkpoint(300, MTH(leaves.slice(0, 300)))));
    const tile = files.get('tile/0/000')!;
    files.set('tile/0/000', tile.subarray(0, 8160));
    await expect(fetchAndVerifyLog(base, key.vkey)).rejects.toThrow('tile/0/000: 8160 bytes, expected 8192');
    files.set('tile/0/000', tile);
    const bundle = files.get('tile/entries/001.p/44')!;
    files.set('tile/entries/001.p/44', Buffer.concat([bundle, Buffer.from([0, 0])]));
    await expect(fetchAndVerifyLog(base, key.vkey)).rejects.toThrow(
      'tile/entries/001.p/44: 45 entries, expected 44',
    );
  });
});

describe('signed-note and checkpoint vectors', () => {
  const notes = load('note/signed-note.json');
  const peter = notes.keys[0].vkey as string;

  it('parses vkeys and rejects bad ones, including every +1 byte mutation and proper substring', () => {
    for (const k of notes.keys.filter((k: { sig_type: number }) => k.sig_type === 1)) {
      expect(parseVkey(k.vkey).keyId.toString('hex')).toBe(k.key_id_hex);
    }
    for (const b of notes.bad_vkeys.filter((b: { vkey?: string }) => b.vkey))
      expect(() => parseVkey(b.vkey)).toThrow();
    for (let i = 0; i < peter.length; i++) {
      expect(() =>
        parseVkey(peter.slice(0, i) + String.fromCharCode(peter.charCodeAt(i) + 1) + peter.slice(i + 1)),
      ).toThrow();
      for (let j = i + 1; j <= peter.length; j++)
        if (j - i < peter.length) expect(() => parseVkey(peter.slice(i, j))).toThrow();
    }
  });

  it('opens upstream notes and rejects malformed ones', () => {
    for (const n of notes.notes) {
      for (const name of n.signatures_valid_with) {
        const vkey = notes.keys.find((k: { name: string }) => k.name === name).vkey;
        expect(openSignedNote(n.note, vkey)).toBe(n.text);
      }
    }
    const [peterText, peterSig] = notes.notes[0].note.split('\n\n');
    for (const c of [...notes.malformed_notes, ...notes.open_cases]) {
      // note_construct: text + "\n" + 101 copies of Peter's signature line
      const note = c.note_b64
        ? Buffer.from(c.note_b64, 'base64')
        : (c.note ?? `${peterText}\n\n${peterSig.repeat(101)}`);
      for (const v of c.verifiers) {
        if (c.expect === 'ok') expect(() => openSignedNote(note, v), c.desc).not.toThrow();
        else expect(() => openSignedNote(note, v), c.desc).toThrow();
      }
    }
  });

  it('verifies all 16 Tessera checkpoints and parses checkpoint bodies', () => {
    const cps = load('note/checkpoint.json');
    for (const s of cps.signed) expect(verifyCheckpointNote(s.note, s.vkey).rootHash.length).toBe(32);
    const k = newKey('Log');
    const zero = Buffer.alloc(32).toString('base64');
    const ext = verifyCheckpointNote(k.signNote(`Log\n5\n${zero}\nextension\n`), k.vkey, 'Log');
    expect(ext).toMatchObject({ origin: 'Log', size: 5, extensions: ['extension'] });
    const bad = ['Log\n05\n', 'Log\n-1\n', '\n1\n', 'Log\n1\n\nx\n'].map((t) => `${t}${zero}\n`);
    for (const text of [...bad, 'Log\n1\n', `Log\n1\n${zero}\n\nx\n`]) {
      expect(() => verifyCheckpointNote(k.signNote(text), k.vkey), JSON.stringify(text)).toThrow(
        /checkpoint/,
      );
    }
    expect(() => verifyCheckpointNote(k.signNote('Log\n1\nYmFuYW5hcw==\n'), k.vkey)).toThrow(/32-byte/);
  });
});

describe('RFC 9162 proofs', () => {
  it('verifies all derived inclusion and consistency proofs of the 8-leaf reference tree', () => {
    const d = load('merkle/derived-all-proofs-8.json');
    for (const c of d.inclusion) {
      verifyInclusion(c.leafIdx, c.treeSize, hex(c.leafHash), c.proof.map(hex), hex(c.root));
      expect(leafH(hex(c.leafInput)).toString('hex')).toBe(c.leafHash);
    }
    for (const c of d.consistency)
      verifyConsistency(c.size1, c.size2, hex(c.root1), hex(c.root2), c.proof.map(hex));
  });

  it('agrees with wantErr on all upstream inclusion and consistency probes', () => {
    for (const c of load('merkle/inclusion-probes.json').cases) {
      const run = () =>
        verifyInclusion(c.leafIdx, c.treeSize, hex(c.leafHash), c.proof.map(hex), hex(c.root));
      if (c.wantErr) expect(run, c.source).toThrow();
      else expect(run, c.source).not.toThrow();
    }
    for (const c of load('merkle/consistency-probes.json').cases) {
      const run = () => verifyConsistency(c.size1, c.size2, hex(c.root1), hex(c.root2), c.proof.map(hex));
      if (c.wantErr) expect(run, c.source).toThrow();
      else expect(run, c.source).not.toThrow();
    }
  });
});

describe('tlog-proof@v1', () => {
  const v = load('note/tlog-proof.json');

  it('verifies the derived proof bundle for leaf 5 of the reference tree', () => {
    const d = v.derived_full;
    const r = verifyTlogProofBundle(d.proof_text, d.log_vkey, hex(d.leaf_hex));
    expect(r).toMatchObject({ origin: 'Log', size: 8, index: 5 });
    expect(() => verifyTlogProofBundle(d.proof_text, d.log_vkey, hex('4041424344'))).toThrow(/inclusion/);
    expect(() =>
      verifyTlogProofBundle(d.proof_text.replace('index 5', 'index 4'), d.log_vkey, hex(d.leaf_hex)),
    ).toThrow();
    expect(() => verifyTlogProofBundle(d.proof_text, d.witness_cosig_vkeys[0], hex(d.leaf_hex))).toThrow();
  });

  it('parses the upstream marshal cases and rejects the upstream error cases', () => {
    for (const m of v.marshal) {
      const p = parseTlogProof(m.want);
      expect(p.index).toBe(m.index);
      expect(p.proof.map((h) => h.toString('hex'))).toEqual(m.hashes_hex);
      expect(p.checkpoint).toBe(m.checkpoint);
      expect(p.extra?.toString()).toBe(m.extra_ascii);
    }
    for (const e of v.unmarshal_errors) expect(() => parseTlogProof(e.input), e.err).toThrow();
  });
});

describe('tlog-tiles paths', () => {
  it('matches the path vectors', () => {
    const p = load('tiles/paths.json');
    for (const c of p.tile_path)
      if (Number.isSafeInteger(c.index)) expect(tilePath(c.level, c.index, c.width)).toBe(c.want);
    for (const c of p.entries_path) expect(tilePath('entries', c.index, c.width)).toBe(c.want);
  });
});

describe('Lodestone receipts', () => {
  const key = newKey('lodestone.test/log');
  const statements = Array.from({ length: 11 }, (_, i) =>
    Buffer.from(`eyJhbGciOiJFZERTQSJ9.statement-${i}.sig`),
  );
  const digests = statements.map((s) => sha(s).toString('hex'));
  const registered = (i: number) => `2026-01-0${1 + (i % 9)}T12:34:56.${String(i).padStart(3, '0')}Z`;
  // Leaves written literally in RFC 8785 form (keys sorted, no whitespace), independent of canonicalJson().
  const leaves = digests.map((d, i) =>
    Buffer.from(`{"registered":"${registered(i)}","statement":"${d}","v":1}`),
  );
  const hashes = leaves.map(leafH);
  const checkpoint = key.checkpoint(leaves.length, MTH(hashes));
  const receipt = (i: number) => ({
    statement: digests[i]!,
    entry: { v: 1, statement: digests[i]!, registered: registered(i) }, // not in canonical key order
    index: i,
    proof: PATH(i, hashes).map((h) => h.toString('base64')),
    checkpoint,
  });

  it('verifies a receipt for every leaf, as object and as JSON text', () => {
    for (let i = 0; i < leaves.length; i++) {
      expect(canonicalJson(receipt(i).entry)).toBe(leaves[i]!.toString());
      expect(verifyReceipt(receipt(i), key.vkey, statements[i])).toMatchObject({ index: i, size: 11 });
      expect(verifyReceipt(JSON.stringify(receipt(i)), key.vkey).leaf.equals(leaves[i]!)).toBe(true);
    }
  });

  it('ignores signature lines of other keys (e.g. witness cosignatures)', () => {
    const witness = `— witness.example ${Buffer.alloc(72, 7).toString('base64')}\n`;
    expect(verifyReceipt({ ...receipt(3), checkpoint: checkpoint + witness }, key.vkey).index).toBe(3);
  });

  it('rejects tampered receipts', () => {
    const r = receipt(6);
    const e = r.entry;
    const cases: [string, Partial<Receipt>, RegExp][] = [
      ['entry.statement mismatch', { entry: { ...e, statement: digests[5]! } }, /differs/],
      ['registered changed', { entry: { ...e, registered: registered(7) } }, /inclusion/],
      ['registered without ms', { entry: { ...e, registered: '2026-01-07T12:34:56Z' } }, /RFC 3339/],
      ['v = 2', { entry: { ...e, v: 2 } }, /entry.v/],
      ['uppercase hex', { statement: r.statement.toUpperCase() }, /lowercase/],
      ['index changed', { index: 7 }, /inclusion/],
      ['index out of range', { index: 11 }, /inclusion/],
      ['proof truncated', { proof: r.proof.slice(1) }, /inclusion/],
      ['proof reordered', { proof: [r.proof[1]!, r.proof[0]!, ...r.proof.slice(2)] }, /inclusion/],
      ['proof hash not 32 bytes', { proof: [...r.proof.slice(1), 'AAAA'] }, /32-byte/],
    ];
    for (const [desc, patch, pattern] of cases) {
      expect(() => verifyReceipt({ ...r, ...patch }, key.vkey), desc).toThrow(pattern);
    }
    expect(() => verifyReceipt(r, key.vkey, statements[5])).toThrow(/statement bytes/);
    expect(() => verifyReceipt(r, newKey('lodestone.test/log').vkey)).toThrow(/no signature/);
  });
});
