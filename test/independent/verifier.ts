/**
 * Independent verifier for a C2SP tiled transparency log and Lodestone receipts, written from the specs:
 *   - c2sp.org/signed-note@v1.0.0 and c2sp.org/tlog-checkpoint@v1.0.0 (Ed25519 log signatures only);
 *   - c2sp.org/tlog-tiles (hash tiles, entry bundles) and c2sp.org/tlog-proof@v1;
 *   - RFC 9162 §2.1 (Merkle Tree Hash; inclusion §2.1.3.2; consistency §2.1.4.2); RFC 8785 (JCS).
 * It deliberately shares no code with `src/`: only node:crypto, node:http(s) and node:zlib are used.
 */
import { createHash, createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import { gunzipSync } from 'node:zlib';

// ---------------------------------------------------------------- hashing (RFC 9162 §2.1.1)
const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
/** Leaf hash: SHA-256(0x00 || d). */
export const leafHash = (d: Uint8Array): Buffer => sha256(Buffer.from([0]), d);
/** Interior node hash: SHA-256(0x01 || left || right). */
const nodeHash = (l: Uint8Array, r: Uint8Array): Buffer => sha256(Buffer.from([1]), l, r);

/** MTH over already-hashed leaves: MTH({}) = SHA-256(""); k = largest power of two < n. */
function mth(h: Buffer[]): Buffer {
  if (h.length <= 1) return h[0] ?? sha256();
  let k = 1;
  while (k * 2 < h.length) k *= 2;
  return nodeHash(mth(h.slice(0, k)), mth(h.slice(k)));
}

/** Strict RFC 4648 §4 base64: rejects stray characters, missing padding and non-zero trailing bits. */
function b64(s: string, what: string): Buffer {
  const buf = Buffer.from(s, 'base64');
  if (buf.toString('base64') !== s) throw new Error(`${what}: not canonical base64`);
  return buf;
}
function hash32(s: string, what: string): Buffer {
  const h = b64(s, what);
  if (h.length !== 32) throw new Error(`${what}: ${h.length} bytes, expected a 32-byte SHA-256 hash`);
  return h;
}
const isU = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
const DECIMAL = /^(0|[1-9][0-9]*)$/; // no leading zeroes (tlog-checkpoint, tlog-proof)

// ---------------------------------------------------------------- signed-note v1.0.0
export interface Vkey {
  name: string;
  keyId: Buffer;
  publicKey: Buffer;
  key: KeyObject;
}
/** Key names: non-empty, no Unicode spaces, no "+" (signed-note "Format"). */
const KEY_NAME = /^[^\s\u0085+]+$/u;

/** vkey = name "+" hex8(keyID) "+" base64(0x01 || 32-byte Ed25519 key); base64 may contain "+". */
export function parseVkey(vkey: string): Vkey {
  const i = vkey.indexOf('+');
  const j = vkey.indexOf('+', i + 1);
  if (i < 0 || j < 0) throw new Error('vkey: expected <name>+<hex key ID>+<base64 key>');
  const [name, idHex] = [vkey.slice(0, i), vkey.slice(i + 1, j)];
  if (!KEY_NAME.test(name)) throw new Error(`vkey: invalid key name ${JSON.stringify(name)}`);
  if (!/^[0-9a-f]{8}$/i.test(idHex)) throw new Error('vkey: key ID must be 8 hex digits');
  const raw = b64(vkey.slice(j + 1), 'vkey key');
  if (raw.length !== 33 || raw[0] !== 0x01)
    throw new Error('vkey: only Ed25519 keys (type 0x01) are supported');
  const publicKey = raw.subarray(1);
  // signed-note "Ed25519 signatures": key ID = SHA-256(name || 0x0A || 0x01 || pubkey)[:4]
  const keyId = sha256(Buffer.from(`${name}\n`), raw).subarray(0, 4);
  if (keyId.toString('hex') !== idHex.toLowerCase())
    throw new Error('vkey: embedded key ID does not match key');
  const jwk = { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') };
  return { name, keyId, publicKey, key: createPublicKey({ key: jwk, format: 'jwk' }) };
}

/** Opens a signed note with one trusted Ed25519 key and returns its text (signed-note "Format", "Signatures"). */
export function openSignedNote(note: string | Uint8Array, vkey: string | Vkey): string {
  const k = typeof vkey === 'string' ? parseVkey(vkey) : vkey;
  const s = typeof note === 'string' ? note : Buffer.from(note).toString('utf8');
  if (/\p{Cs}/u.test(s) || (typeof note !== 'string' && !Buffer.from(s).equals(note)))
    throw new Error('note: not valid UTF-8');
  if ([...s].some((c) => c < ' ' && c !== '\n')) throw new Error('note: contains a control character');
  const cut = s.lastIndexOf('\n\n'); // the text ends at the *last* blank line
  if (cut < 0 || !s.endsWith('\n')) throw new Error('note: malformed (no blank line, or no final newline)');
  const text = s.slice(0, cut + 1);
  const lines = s.slice(cut + 2, -1).split('\n');
  if (lines.length > 100) throw new Error('note: too many signatures');
  let verified = false;
  for (const line of lines) {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m || !KEY_NAME.test(m[1]!))
      throw new Error(`note: malformed signature line ${JSON.stringify(line)}`);
    const sig = b64(m[2]!, 'note signature');
    if (sig.length < 5) throw new Error('note: signature too short');
    if (m[1] !== k.name || !sig.subarray(0, 4).equals(k.keyId)) continue; // unknown key: ignore
    const ok = sig.length === 68 && cryptoVerify(null, Buffer.from(text, 'utf8'), k.key, sig.subarray(4));
    if (!ok) throw new Error(`note: invalid signature by ${k.name}+${k.keyId.toString('hex')}`);
    verified = true;
  }
  if (!verified) throw new Error(`note: no signature by ${k.name}+${k.keyId.toString('hex')}`);
  return text;
}

// ---------------------------------------------------------------- tlog-checkpoint v1.0.0
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
  extensions: string[];
}
/** Verifies the log's signature, then parses origin / tree size / base64 root / extension lines. */
export function verifyCheckpointNote(
  note: string | Uint8Array,
  vkey: string | Vkey,
  origin?: string,
): Checkpoint {
  const lines = openSignedNote(note, vkey).slice(0, -1).split('\n');
  const [o = '', size = '', root = '', ...extensions] = lines;
  if (lines.length < 3 || o === '') throw new Error('checkpoint: needs origin, size and root hash lines');
  if (origin !== undefined && o !== origin) throw new Error(`checkpoint: origin ${o}, expected ${origin}`);
  if (!DECIMAL.test(size) || !isU(Number(size))) throw new Error(`checkpoint: bad tree size ${size}`);
  if (extensions.some((e) => e === '')) throw new Error('checkpoint: empty extension line');
  return { origin: o, size: Number(size), rootHash: hash32(root, 'checkpoint root hash'), extensions };
}

// ---------------------------------------------------------------- RFC 9162 proofs
const half = (n: number): number => Math.floor(n / 2);
function check32(hs: Uint8Array[], what: string): void {
  for (const h of hs) if (h.length !== 32) throw new Error(`${what}: hash of ${h.length} bytes`);
}

/** RFC 9162 §2.1.3.2: verify an inclusion proof (audit path, leaf side first). Throws on failure. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Buffer,
  proof: Buffer[],
  root: Buffer,
): void {
  if (!isU(index) || !isU(size) || index >= size)
    throw new Error(`inclusion: index ${index} not in tree of ${size}`);
  check32([leaf, root, ...proof], 'inclusion');
  let [fn, sn, r] = [index, size - 1, leaf];
  for (const p of proof) {
    if (sn === 0) throw new Error('inclusion: proof too long');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else r = nodeHash(r, p);
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) throw new Error('inclusion: proof too short');
  if (!r.equals(root)) throw new Error(`inclusion: leaf ${index} does not lead to root of tree ${size}`);
}

/** RFC 9162 §2.1.4.2: verify a consistency proof. size1 = 0 is rejected, as transparency-dev/merkle does. */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Buffer,
  root2: Buffer,
  proof: Buffer[],
) {
  if (!isU(size1) || !isU(size2) || size1 < 1 || size1 > size2)
    throw new Error(`consistency: bad sizes ${size1} -> ${size2}`);
  if (size1 === size2) {
    // Like transparency-dev/merkle (and its probes), equal sizes only compare the roots byte for byte.
    if (proof.length > 0 || !root1.equals(root2))
      throw new Error('consistency: equal sizes need equal roots, no proof');
    return;
  }
  check32([root1, root2, ...proof], 'consistency');
  if (proof.length === 0) throw new Error('consistency: empty proof');
  const path = 2 ** Math.round(Math.log2(size1)) === size1 ? [root1, ...proof] : proof; // size1 a power of 2
  let [fn, sn] = [size1 - 1, size2 - 1];
  while (fn % 2 === 1) [fn, sn] = [half(fn), half(sn)];
  let [fr, sr] = [path[0]!, path[0]!];
  for (const c of path.slice(1)) {
    if (sn === 0) throw new Error('consistency: proof too long');
    if (fn % 2 === 1 || fn === sn) {
      [fr, sr] = [nodeHash(c, fr), nodeHash(c, sr)];
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else sr = nodeHash(sr, c);
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) throw new Error('consistency: proof too short');
  if (!fr.equals(root1)) throw new Error(`consistency: proof does not lead to root of tree ${size1}`);
  if (!sr.equals(root2)) throw new Error(`consistency: proof does not lead to root of tree ${size2}`);
}

// ---------------------------------------------------------------- tlog-proof@v1
export interface TlogProof {
  extra?: Buffer;
  index: number;
  proof: Buffer[];
  checkpoint: string;
}
export function parseTlogProof(text: string): TlogProof {
  const cut = text.indexOf('\n\n'); // proof lines are non-empty; the checkpoint follows the first empty line
  if (cut < 0) throw new Error('tlog-proof: no empty line before the checkpoint');
  const lines = text.slice(0, cut).split('\n');
  if (lines.shift() !== 'c2sp.org/tlog-proof@v1') throw new Error('tlog-proof: missing header line');
  const extra = lines[0]?.startsWith('extra ') ? b64(lines.shift()!.slice(6), 'tlog-proof extra') : undefined;
  const m = /^index (\d+)$/.exec(lines.shift() ?? '');
  if (!m || !DECIMAL.test(m[1]!) || !isU(Number(m[1])))
    throw new Error('tlog-proof: missing or bad index line');
  const proof = lines.map((l, i) => hash32(l, `tlog-proof hash ${i}`));
  return { ...(extra ? { extra } : {}), index: Number(m[1]), proof, checkpoint: text.slice(cut + 2) };
}
/** tlog-proof "Format": verify the log signature on the checkpoint, then inclusion of SHA-256(0x00 || leaf). */
export function verifyTlogProofBundle(text: string, vkey: string, leafBytes: Uint8Array) {
  const p = parseTlogProof(text);
  const cp = verifyCheckpointNote(p.checkpoint, vkey);
  verifyInclusion(p.index, cp.size, leafHash(leafBytes), p.proof, cp.rootHash);
  return { ...cp, index: p.index, extra: p.extra };
}

// ---------------------------------------------------------------- Lodestone receipts
/** RFC 8785 (JCS), minimal: sorted keys (UTF-16 code units, §3.2.3), no whitespace, ES serialisation (§3.2.2). */
export function canonicalJson(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error('JCS: non-finite number');
  if (v === null || ['boolean', 'number', 'string'].includes(typeof v)) return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v !== 'object') throw new Error(`JCS: cannot encode ${typeof v}`);
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}
export interface Receipt {
  statement: string;
  entry: { v: number; statement: string; registered: string };
  index: number;
  proof: string[];
  checkpoint: string;
}
export function verifyReceipt(receipt: Receipt | string, vkey: string, statementBytes?: Uint8Array) {
  const r: Receipt = typeof receipt === 'string' ? JSON.parse(receipt) : receipt;
  const { entry } = r;
  if (typeof r.statement !== 'string' || !/^[0-9a-f]{64}$/.test(r.statement))
    throw new Error('receipt: statement must be lowercase hex SHA-256');
  if (entry?.v !== 1) throw new Error('receipt: entry.v must be 1');
  if (entry.statement !== r.statement) throw new Error('receipt: entry.statement differs from statement');
  const t = entry.registered;
  if (typeof t !== 'string' || Number.isNaN(Date.parse(t)) || new Date(t).toISOString() !== t)
    throw new Error('receipt: entry.registered is not RFC 3339 UTC with milliseconds');
  if (statementBytes && sha256(statementBytes).toString('hex') !== r.statement)
    throw new Error('receipt: SHA-256 of the statement bytes differs from statement');
  if (!Array.isArray(r.proof)) throw new Error('receipt: proof must be an array');
  const cp = verifyCheckpointNote(r.checkpoint, vkey);
  const leaf = Buffer.from(canonicalJson(entry), 'utf8');
  const proof = r.proof.map((p, i) => hash32(p, `receipt proof[${i}]`));
  verifyInclusion(r.index, cp.size, leafHash(leaf), proof, cp.rootHash);
  return { ...cp, index: r.index, leaf };
}

// ---------------------------------------------------------------- tlog-tiles
/** N as zero-padded 3-digit path elements, all but the last prefixed "x": 1234067 -> x001/x234/067. */
function encodeIndex(n: number): string {
  const groups: string[] = [];
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'));
    n = Math.floor(n / 1000);
  } while (n > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}
/** Width 256 (or omitted) means a full tile; 1..255 a partial tile ".p/<W>". */
export const tilePath = (level: number | 'entries', n: number, width = 256): string =>
  `tile/${level}/${encodeIndex(n)}${width > 0 && width < 256 ? `.p/${width}` : ''}`;

/** Root of the tree of `size` leaves from per-level tile hashes: fold the perfect subtrees of RFC 9162 MTH. */
export function rootFromTiles(levels: Buffer[][], size: number): Buffer {
  const peaks: Buffer[] = [];
  let [start, k] = [0, 0];
  while (2 ** (k + 1) <= size) k++;
  for (; size > 0 && k >= 0; k--) {
    if (size - start < 2 ** k) continue;
    const span = 256 ** Math.floor(k / 8); // a 2^k subtree is 2^(k mod 8) hashes at tile level floor(k/8)
    const hs = levels[Math.floor(k / 8)]!.slice(start / span, (start + 2 ** k) / span);
    peaks.push(mth(hs));
    start += 2 ** k;
  }
  return peaks.length === 0 ? sha256() : peaks.reduceRight((acc, h) => nodeHash(h, acc));
}

function get(url: string, timeoutMs: number): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = (u.protocol === 'https:' ? https : http).get(u, {
      headers: { 'accept-encoding': 'gzip, identity' },
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${url}: timeout`)));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const enc = (res.headers['content-encoding'] ?? 'identity').toLowerCase();
        try {
          if (enc !== 'identity' && enc !== 'gzip')
            throw new Error(`${url}: unsupported Content-Encoding ${enc}`);
          const body = enc === 'gzip' ? gunzipSync(Buffer.concat(chunks)) : Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, body });
        } catch (e) {
          reject(e);
        }
      });
    });
  });
}

export interface LogOptions {
  origin?: string; // if set, the checkpoint origin must equal it
  entries?: boolean; // fetch and check entry bundles (default true)
  concurrency?: number;
  timeoutMs?: number;
}
export interface VerifiedLog extends Checkpoint {
  checkpoint: string;
  levels: Buffer[][]; // levels[l][i] = i-th hash of tile level l (levels[0] are the leaf hashes)
  entries?: Buffer[];
}

/** Fetches <prefix>/checkpoint, every hash tile and entry bundle, and checks them against each other. */
export async function fetchAndVerifyLog(
  baseUrl: string,
  vkey: string,
  opts: LogOptions = {},
): Promise<VerifiedLog> {
  const base = baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 10_000;
  /** Runs fn over items with bounded concurrency and concatenates the results in order. */
  const pool = async <T>(items: T[], fn: (t: T) => Promise<Buffer[]>): Promise<Buffer[]> => {
    const out: Buffer[][] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 8 }, worker));
    return out.flat();
  };
  const cpRes = await get(`${base}/checkpoint`, timeoutMs);
  if (cpRes.status !== 200) throw new Error(`checkpoint: HTTP ${cpRes.status}`);
  const cp = verifyCheckpointNote(cpRes.body, vkey, opts.origin);
  const checkpoint = cpRes.body.toString('utf8');

  // tlog-tiles "Partial Tiles": level l holds floor(size / 256^l) hashes, in full tiles then one partial tile.
  const counts: number[] = [];
  for (let c = cp.size; c > 0; c = Math.floor(c / 256)) counts.push(c);
  const width = (count: number, n: number) => Math.min(256, count - n * 256);
  const tiles = (count: number) =>
    Array.from({ length: Math.ceil(count / 256) }, (_, n) => [n, width(count, n)] as const);
  // A partial tile MAY be gone once the full tile exists; fall back to its prefix ("Partial Tiles").
  const fetchTile = async (level: number | 'entries', n: number, w: number) => {
    let [path, r] = [tilePath(level, n, w), await get(`${base}/${tilePath(level, n, w)}`, timeoutMs)];
    if (r.status === 404 && w < 256)
      [path, r] = [tilePath(level, n), await get(`${base}/${tilePath(level, n)}`, timeoutMs)];
    if (r.status !== 200) throw new Error(`${tilePath(level, n, w)}: HTTP ${r.status}`);
    return { path, full: path === tilePath(level, n), body: r.body };
  };
  const hashTile = async (l: number, n: number, w: number): Promise<Buffer[]> => {
    const { path, full, body } = await fetchTile(l, n, w);
    if (body.length !== (full ? 256 : w) * 32)
      throw new Error(`${path}: ${body.length} bytes, expected ${(full ? 256 : w) * 32}`);
    return Array.from({ length: w }, (_, i) => body.subarray(i * 32, i * 32 + 32));
  };
  // tlog-tiles "Log entries": a bundle is a sequence of big-endian uint16 length-prefixed entries.
  const bundle = async (n: number, w: number): Promise<Buffer[]> => {
    const { path, full, body } = await fetchTile('entries', n, w);
    const out: Buffer[] = [];
    for (let off = 0; off < body.length; ) {
      const len = off + 2 <= body.length ? body.readUInt16BE(off) : -1;
      if (len < 0 || off + 2 + len > body.length) throw new Error(`${path}: entry ${out.length} truncated`);
      out.push(body.subarray(off + 2, off + 2 + len));
      off += 2 + len;
    }
    if (out.length !== (full ? 256 : w))
      throw new Error(`${path}: ${out.length} entries, expected ${full ? 256 : w}`);
    return out.slice(0, w);
  };
  const levels: Buffer[][] = [];
  for (const [l, c] of counts.entries()) levels.push(await pool(tiles(c), ([n, w]) => hashTile(l, n, w)));
  const entries = opts.entries === false ? undefined : await pool(tiles(cp.size), ([n, w]) => bundle(n, w));

  const tileOf = (l: number | 'entries', i: number) => {
    const n = Math.floor(i / 256);
    return tilePath(l, n, width(l === 'entries' ? cp.size : counts[l]!, n));
  };
  entries?.forEach((e, i) => {
    if (!leafHash(e).equals(levels[0]![i]!))
      throw new Error(
        `${tileOf(0, i)} hash #${i % 256} != SHA-256(0x00 || entry ${i} of ${tileOf('entries', i)})`,
      );
  });
  // tlog-tiles "Merkle Tree": each level-(l+1) hash is the MTH of the corresponding full level-l tile.
  for (let l = 0; l + 1 < levels.length; l++) {
    levels[l + 1]!.forEach((h, j) => {
      if (!mth(levels[l]!.slice(j * 256, j * 256 + 256)).equals(h))
        throw new Error(`${tileOf(l + 1, j)} hash #${j % 256} != root of full tile ${tilePath(l, j)}`);
    });
  }
  const root = rootFromTiles(levels, cp.size);
  if (!root.equals(cp.rootHash))
    throw new Error(
      `checkpoint root ${cp.rootHash.toString('hex')} != ${root.toString('hex')} recomputed from tiles`,
    );
  return { ...cp, checkpoint, levels, ...(entries ? { entries } : {}) };
}
