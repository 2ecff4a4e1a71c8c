/**
 * `exportLog`: the log as a static tlog-tiles tree, served by a plain file server and checked by the
 * independent verifier with nothing but the log's vkey (DESIGN.md §4: reads scale by static hosting).
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpoint, parseNote, parseSignerKey, signCheckpoint } from '../src/log/index.js';
import { type ExportReport, exportLog, LodestoneNode, ServiceError } from '../src/service/index.js';
import { openTestNode, samplePayload, tempDir } from './helpers/node.js';
import { fetchAndVerifyLog } from './independent/verifier.js';

/** A minimal static file server over `root`: GET only, 404 for anything missing, no way out of `root`. */
async function serveStatic(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const parts = segments(req.url ?? '/');
    if (req.method !== 'GET' || parts === undefined) {
      res.writeHead(400).end();
      return;
    }
    readFile(join(root, ...parts)).then(
      (body) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server };
}

/** The decoded path segments of a request URL, or undefined for any that could leave the root. */
function segments(url: string): string[] | undefined {
  try {
    const parts = new URL(url, 'http://localhost').pathname.split('/').filter((p) => p !== '');
    const decoded = parts.map(decodeURIComponent);
    return decoded.some((p) => p === '..' || p === '.' || /[/\\\0]/.test(p)) ? undefined : decoded;
  } catch {
    return undefined;
  }
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof ServiceError ? err.code : `not a ServiceError: ${String(err)}`;
  }
  return undefined;
}

async function register(node: LodestoneNode, sign: (p: unknown) => string, from: number, to: number) {
  await Promise.all(
    Array.from({ length: to - from }, (_, i) => node.register(sign(samplePayload(from + i)))),
  );
}

// Entry 0 is the signer's identity registration; statements 1… fill the log from entry 1 on.
const handle = await openTestNode();
const { origin, vkey } = handle.node.info;
const out = tempDir('lodestone-export-');
const scratch = tempDir('lodestone-export-scratch-');
let served: { url: string; server: Server };

beforeAll(async () => {
  await register(handle.node, handle.signer.sign, 1, 600);
  await handle.node.close();
  served = await serveStatic(out.dir);
});

afterAll(async () => {
  await new Promise<void>((resolve) => served?.server.close(() => resolve()));
  await handle.close();
  out.cleanup();
  scratch.cleanup();
});

describe('exportLog', () => {
  let first: ExportReport;

  it('writes a tree that an independent verifier accepts over plain HTTP, with only the vkey', async () => {
    const seen: number[] = [];
    first = exportLog(handle.dir, out.dir, { progress: (done, total) => seen.push(done, total) });
    // 600 leaves: level 0 = 2 full + 1 partial (88), level 1 = 1 partial (2); bundles 2 full + 1 partial;
    // and the checkpoint.
    expect(first).toEqual({ origin, size: 600, written: 8, unchanged: 0, bytes: expect.any(Number) });
    expect(seen.slice(-2)).toEqual([7, 7]);
    for (const p of [
      'tile/0/000',
      'tile/0/001',
      'tile/0/002.p/88',
      'tile/1/000.p/2',
      'tile/entries/002.p/88',
    ])
      expect(existsSync(join(out.dir, p)), p).toBe(true);

    const log = await fetchAndVerifyLog(served.url, vkey, { origin });
    expect(log.size).toBe(600);
    expect(log.entries).toHaveLength(600);
    expect(readFileSync(join(out.dir, 'checkpoint'), 'utf8')).toBe(log.checkpoint);
    // The test server itself: missing files are 404, nothing outside the directory is reachable.
    expect((await fetch(`${served.url}/tile/0/009`)).status).toBe(404);
    expect((await fetch(`${served.url}/tile/..%2f..%2fcheckpoint`)).status).toBe(400);
  });

  it('updates the same directory incrementally from a live node, keeping full tiles and old partials', async () => {
    handle.node = LodestoneNode.open({ dataDir: handle.dir });
    await register(handle.node, handle.signer.sign, 600, 900);
    // The node keeps running: the export reads one snapshot, read-only.
    const second = exportLog(handle.dir, out.dir);
    expect(second.size).toBe(900);
    // Unchanged: tile/0/000, tile/0/001, entries/000, entries/001. New: tile/0/002, tile/0/003.p/132,
    // tile/1/000.p/3, entries/002, entries/003.p/132 and the checkpoint.
    expect(second).toMatchObject({ origin, unchanged: 4, written: 6 });
    expect(existsSync(join(out.dir, 'tile/0/002.p/88'))).toBe(true);

    const log = await fetchAndVerifyLog(served.url, vkey, { origin });
    expect(log.size).toBe(900);
    expect(parseCheckpoint(parseNote(log.checkpoint).text).size).toBe(900);

    const again = exportLog(handle.dir, out.dir);
    expect(again).toEqual({ origin, size: 900, written: 0, unchanged: 10, bytes: 0 });
  });

  it('refuses a directory whose full tile was changed (EXPORT_CONFLICT), before writing anything', () => {
    const copy = join(scratch.dir, 'tampered');
    cpSync(out.dir, copy, { recursive: true });
    const tile = join(copy, 'tile/0/001');
    const bytes = readFileSync(tile);
    bytes[100]! ^= 1;
    writeFileSync(tile, bytes);
    const checkpoint = readFileSync(join(copy, 'checkpoint'), 'utf8');
    expect(codeOf(() => exportLog(handle.dir, copy))).toBe('EXPORT_CONFLICT');
    expect(readFileSync(join(copy, 'checkpoint'), 'utf8')).toBe(checkpoint);
  });

  it("refuses a directory holding another log's tree (EXPORT_OTHER_LOG)", async () => {
    const other = await openTestNode({ origin: 'other.lodestone.example/log' });
    const target = join(scratch.dir, 'other');
    try {
      await register(other.node, other.signer.sign, 0, 3);
      exportLog(other.dir, target);
    } finally {
      await other.close();
    }
    const before = readFileSync(join(target, 'checkpoint'));
    expect(codeOf(() => exportLog(handle.dir, target))).toBe('EXPORT_OTHER_LOG');
    expect(readFileSync(join(target, 'checkpoint'))).toEqual(before);
    expect(existsSync(join(target, 'tile/0/000'))).toBe(false);

    const garbage = join(scratch.dir, 'garbage');
    cpSync(out.dir, garbage, { recursive: true });
    writeFileSync(join(garbage, 'checkpoint'), 'not a checkpoint\n');
    expect(codeOf(() => exportLog(handle.dir, garbage))).toBe('EXPORT_OTHER_LOG');
  });

  it("refuses a checkpoint of this origin that is larger than the log's or not consistent with it", () => {
    const signer = parseSignerKey(readFileSync(join(handle.dir, 'log.key'), 'utf8').trim());
    const root = parseCheckpoint(parseNote(readFileSync(join(out.dir, 'checkpoint'))).text).rootHash;
    const cases = [
      { size: 1_000_000, rootHash: root },
      { size: 600, rootHash: Buffer.alloc(32, 7) },
      { size: 900, rootHash: Buffer.alloc(32, 7) },
    ];
    for (const { size, rootHash } of cases) {
      const dir = join(scratch.dir, `forged-${size}`);
      cpSync(out.dir, dir, { recursive: true });
      writeFileSync(
        join(dir, 'checkpoint'),
        signCheckpoint({ origin, size, rootHash, extensions: [] }, signer),
      );
      expect(
        codeOf(() => exportLog(handle.dir, dir)),
        `size ${size}`,
      ).toBe('EXPORT_CONFLICT');
    }
  });

  it('refuses a data directory without a database (EXPORT_NO_LOG)', () => {
    expect(codeOf(() => exportLog(join(scratch.dir, 'nothing'), join(scratch.dir, 'x')))).toBe(
      'EXPORT_NO_LOG',
    );
  });
});
