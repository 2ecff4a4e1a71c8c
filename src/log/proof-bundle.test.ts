// Golden vectors: ../shared/vectors/note/tlog-proof.json. Per ../shared/vectors/note/PROVENANCE.md the
// marshal and parse-error cases come from transparency-dev/formats proof/tlog_proof_test.go @ 0b850f1a
// (spec: C2SP tlog-proof.md @ 5ba5ee83); `derived_full` was built by this project from the merkle
// reference tree and the cosigned checkpoint of cosignature.json.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../crypto/index.js';
import { openCheckpoint } from './checkpoint.js';
import { LogError } from './errors.js';
import { parseVerifierKey } from './note-keys.js';
import { verifyInclusion } from './proof.js';
import { formatTlogProof, MAX_TLOG_PROOF_HASHES, parseTlogProof, type TlogProof } from './proof-bundle.js';

interface TlogProofVectors {
  marshal: {
    desc: string;
    index: number;
    hashes_hex: string[];
    extra_ascii?: string;
    checkpoint: string;
    want: string;
  }[];
  unmarshal_errors: { input: string; err: string }[];
  derived_full: { leaf_hex: string; proof_text: string; log_vkey: string; witness_cosig_vkeys: string[] };
}

const VECTORS = new URL('../../../shared/vectors/note/', import.meta.url);
const V = JSON.parse(readFileSync(new URL('tlog-proof.json', VECTORS), 'utf8')) as TlogProofVectors;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof LogError) return err.code;
    throw err;
  }
  return 'no error';
}

const H = sha256(Buffer.from('h')).toString('base64');
const bundle = (lines: string[], checkpoint = 'checkpoint\n') => `${lines.join('\n')}\n\n${checkpoint}`;

describe('formatTlogProof', () => {
  it.each(V.marshal)('writes the upstream "$desc" case', (m) => {
    const p: TlogProof = {
      ...(m.extra_ascii === undefined ? {} : { extra: Buffer.from(m.extra_ascii, 'ascii') }),
      index: m.index,
      proof: m.hashes_hex.map((h) => Buffer.from(h, 'hex')),
      checkpoint: m.checkpoint,
    };
    expect(formatTlogProof(p)).toBe(m.want);
    expect(parseTlogProof(m.want)).toEqual(p);
  });

  it.each([
    ['a negative index', { index: -1 }, 'LOG_PROOF_BUNDLE_MALFORMED'],
    ['an index beyond 2^53 - 1', { index: 2 ** 53 }, 'LOG_PROOF_BUNDLE_MALFORMED'],
    ['a 31-byte hash', { proof: [Buffer.alloc(31)] }, 'LOG_BAD_HASH'],
    ['65 hashes', { proof: Array(65).fill(Buffer.alloc(32)) }, 'LOG_PROOF_BUNDLE_MALFORMED'],
    ['a checkpoint without a final newline', { checkpoint: 'cp' }, 'LOG_PROOF_BUNDLE_MALFORMED'],
    ['an empty checkpoint', { checkpoint: '' }, 'LOG_PROOF_BUNDLE_MALFORMED'],
  ])('rejects %s', (_, change, code) => {
    expect(codeOf(() => formatTlogProof({ index: 0, proof: [], checkpoint: 'cp\n', ...change }))).toBe(code);
  });
});

describe('parseTlogProof', () => {
  it.each(V.unmarshal_errors)('rejects the upstream case "$err"', (u) => {
    expect(codeOf(() => parseTlogProof(u.input))).toBe('LOG_PROOF_BUNDLE_MALFORMED');
  });

  it.each([
    // formats' own extra case: a 65 KiB line made Go's bufio.Scanner fail.
    ['a 65 KiB line and no checkpoint', `c2sp.org/tlog-proof@v1\nindex 0\n${'a'.repeat(65 * 1024)}\n`],
    ['an index with a leading zero', bundle(['c2sp.org/tlog-proof@v1', 'index 05'])],
    ['an index beyond 2^53 - 1', bundle(['c2sp.org/tlog-proof@v1', 'index 9007199254740992'])],
    ['an index line with a trailing CR', bundle(['c2sp.org/tlog-proof@v1', 'index 5\r'])],
    ['extra after the index', bundle(['c2sp.org/tlog-proof@v1', 'index 5', 'extra AA=='])],
    ['two extra lines', bundle(['c2sp.org/tlog-proof@v1', 'extra AA==', 'extra AA==', 'index 5'])],
    ['non-canonical base64 in a hash', bundle(['c2sp.org/tlog-proof@v1', 'index 0', H.replace(/.=$/, 'B=')])],
    ['65 hashes', bundle(['c2sp.org/tlog-proof@v1', 'index 0', ...Array(65).fill(H)])],
    ['a checkpoint without a final newline', bundle(['c2sp.org/tlog-proof@v1', 'index 0'], 'cp')],
    ['a missing checkpoint', bundle(['c2sp.org/tlog-proof@v1', 'index 0'], '')],
    ['a header with a trailing space', bundle(['c2sp.org/tlog-proof@v1 ', 'index 0'])],
  ])('rejects %s', (_, text) => {
    expect(codeOf(() => parseTlogProof(text))).toBe('LOG_PROOF_BUNDLE_MALFORMED');
  });

  it('parses the example of C2SP tlog-proof.md (its signatures are elided, so only the layout)', () => {
    const example = [
      'c2sp.org/tlog-proof@v1',
      'extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ',
      'index 73894',
      'gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=',
      'B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=',
      'EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=',
      'RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=',
      'AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=',
    ];
    const checkpoint =
      'example.com/fancylog\n109482\nsFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n\n— example.com/fancylog hI2DJw[...]1roloI=\n';
    const p = parseTlogProof(bundle(example, checkpoint));
    expect(p.index).toBe(73894);
    expect(p.proof).toHaveLength(5);
    expect(p.checkpoint).toBe(checkpoint);
    expect(formatTlogProof(p)).toBe(bundle(example, checkpoint));
  });

  it('accepts 64 hashes and an empty extra', () => {
    const p = parseTlogProof(bundle(['c2sp.org/tlog-proof@v1', 'extra ', 'index 0', ...Array(64).fill(H)]));
    expect(p.proof).toHaveLength(MAX_TLOG_PROOF_HASHES);
    expect(p.extra).toEqual(Buffer.alloc(0));
  });
});

describe('the derived offline proof (leaf 5 of the reference tree, 2 cosignatures)', () => {
  const d = V.derived_full;
  const leafHash = sha256(Buffer.of(0x00), Buffer.from(d.leaf_hex, 'hex')); // RFC 6962 §2.1 leaf hash

  it('verifies end to end: log signature, both cosignatures, then inclusion', () => {
    const p = parseTlogProof(d.proof_text);
    expect(formatTlogProof(p)).toBe(d.proof_text);
    const witnesses = d.witness_cosig_vkeys.map(parseVerifierKey);
    const { checkpoint, note } = openCheckpoint(p.checkpoint, parseVerifierKey(d.log_vkey), witnesses);
    expect(note.verified.map((s) => s.name)).toEqual(['Log', 'Known', 'KnownAgain']);
    expect(() =>
      verifyInclusion(p.index, checkpoint.size, leafHash, p.proof, checkpoint.rootHash),
    ).not.toThrow();
  });

  it('fails inclusion when a proof hash is changed', () => {
    const p = parseTlogProof(d.proof_text);
    const proof = p.proof.map((h, i) => (i === 1 ? sha256(h) : h));
    const { checkpoint } = openCheckpoint(p.checkpoint, parseVerifierKey(d.log_vkey));
    expect(
      codeOf(() => verifyInclusion(p.index, checkpoint.size, leafHash, proof, checkpoint.rootHash)),
    ).toBe('LOG_PROOF_INVALID');
  });
});

describe('properties', () => {
  const proofArb = fc.record(
    {
      extra: fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
      index: fc.maxSafeNat(),
      proof: fc.array(
        fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b)),
        { maxLength: MAX_TLOG_PROOF_HASHES },
      ),
      // The checkpoint is opaque here: any text ending in "\n", blank lines included.
      checkpoint: fc.string({ unit: 'binary', maxLength: 60 }).map((s) => `${s}\n`),
    },
    { requiredKeys: ['index', 'proof', 'checkpoint'] },
  );

  it('parse(format(p)) is p', () => {
    fc.assert(
      fc.property(proofArb, (p) => {
        expect(parseTlogProof(formatTlogProof(p))).toEqual(p);
      }),
    );
  });

  it('hostile input only ever throws LogError', () => {
    const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const hostile = fc.oneof(
      fc.string({ unit: anyCodeUnit }),
      fc
        .tuple(
          fc.constantFrom(V.derived_full.proof_text, V.marshal[1]!.want),
          fc.nat(),
          fc.string({ unit: anyCodeUnit, maxLength: 3 }),
        )
        .map(([s, at, ins]) => s.slice(0, at % (s.length + 1)) + ins + s.slice((at % (s.length + 1)) + 1)),
    );
    fc.assert(
      fc.property(hostile, (input) => {
        try {
          parseTlogProof(input);
        } catch (err) {
          if (!(err instanceof LogError)) throw err;
        }
      }),
      { numRuns: 300 },
    );
  });
});
