// Golden vectors: ../shared/vectors/note/checkpoint.json (+ keys from signed-note.json). Per
// ../shared/vectors/note/PROVENANCE.md: marshal/unmarshal cases from transparency-dev/formats
// log/checkpoint_test.go @ 0b850f1a; the sumdb tree note from golang/mod sumdb/tlog/note_test.go @ fe2ec04f;
// 16 signed checkpoints from transparency-dev/tessera testdata/log/checkpoint.N @ 1811ae1a; the spec
// example from C2SP tlog-checkpoint.md @ 5ba5ee83; the RFC6962NoteSignature (0x05) checkpoint from
// formats note/note_rfc6962_test.go. The "0123" leading-zero case is DERIVED from the spec text.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyPairFromSeed, sha256 } from '../crypto/index.js';
import {
  type Checkpoint,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
} from './checkpoint.js';
import { LogError } from './errors.js';
import { computeKeyId, newEd25519Signer, newEd25519Verifier, openNote, parseNote, signNote } from './note.js';
import { parseVerifierKey } from './note-keys.js';

interface CheckpointVectors {
  marshal: { origin: string; size: number; hash_hex: string; want: string }[];
  unmarshal: { desc: string; body: string; valid: boolean; rest?: string }[];
  signed: { desc: string; note: string; vkey: string }[];
  sumdb_tree: { size: number; hash_hex: string; body: string };
  c2sp_example: { note: string };
  rfc6962_note_signature: { note: string; vkey: string; log_id_hex: string; key_id_hex: string };
}
interface KeyVector {
  name: string;
  skey?: string;
  seed_hex?: string;
}

const VECTORS = new URL('../../../shared/vectors/note/', import.meta.url);
const load = <T>(file: string): T => JSON.parse(readFileSync(new URL(file, VECTORS), 'utf8')) as T;
const V = load<CheckpointVectors>('checkpoint.json');
const KEYS = load<{ keys: KeyVector[] }>('signed-note.json').keys;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof LogError) return err.code;
    throw err;
  }
  return 'no error';
}

const ROOT = sha256(Buffer.from('root'));
const LOG = keyPairFromSeed(sha256(Buffer.from('log seed')));
const logSigner = newEd25519Signer('example.com/log', LOG);
const logVerifier = newEd25519Verifier('example.com/log', LOG.publicRaw);
const sample: Checkpoint = { origin: 'example.com/log', size: 42, rootHash: ROOT, extensions: [] };

/** Replaces the root line (the third) of a body by a 32-byte root. */
function withRoot32(body: string): string {
  const lines = body.split('\n');
  lines[2] = ROOT.toString('base64');
  return lines.join('\n');
}

describe('formatCheckpoint', () => {
  describe('with the upstream marshal cases', () => {
    it.each(V.marshal)('refuses the $hash_hex root: not 32 bytes (strict, see the vector note)', (m) => {
      const cp = { origin: m.origin, size: m.size, rootHash: Buffer.from(m.hash_hex, 'hex'), extensions: [] };
      expect(codeOf(() => formatCheckpoint(cp))).toBe('LOG_BAD_HASH');
    });

    it.each(V.marshal)('writes the same layout as $origin with a 32-byte root', (m) => {
      const cp = { origin: m.origin, size: m.size, rootHash: ROOT, extensions: [] };
      expect(formatCheckpoint(cp)).toBe(withRoot32(m.want));
    });
  });

  it('reproduces the Go checksum database tree note body', () => {
    const t = V.sumdb_tree;
    const cp = {
      origin: 'go.sum database tree',
      size: t.size,
      rootHash: Buffer.from(t.hash_hex, 'hex'),
      extensions: [],
    };
    expect(formatCheckpoint(cp)).toBe(t.body);
    expect(parseCheckpoint(t.body)).toEqual(cp);
  });

  it.each([
    ['an empty origin', { origin: '' }],
    ['a two-line origin', { origin: 'a\nb' }],
    ['a control character', { origin: 'a\tb' }],
    ['a negative size', { size: -1 }],
    ['a fractional size', { size: 1.5 }],
    ['a size beyond 2^53 - 1', { size: 2 ** 53 }],
    ['an empty extension line', { extensions: ['ok', ''] }],
    ['a multi-line extension', { extensions: ['a\nb'] }],
  ])('rejects %s', (_, change) => {
    expect(codeOf(() => formatCheckpoint({ ...sample, ...change }))).toBe('LOG_CHECKPOINT_MALFORMED');
  });
});

describe('parseCheckpoint', () => {
  describe('with the upstream unmarshal cases', () => {
    const valid = V.unmarshal.filter((u) => u.valid);
    const invalid = V.unmarshal.filter((u) => !u.valid);

    // Upstream Go accepts these bodies, but each has a 7- or 37-byte root: tlog-checkpoint §"Note text" 3
    // makes it an RFC 6962 (SHA-256) root, so a strict parser rejects them.
    it.each(valid)('rejects "$desc" for its non-32-byte root', (u) => {
      expect(codeOf(() => parseCheckpoint(u.body))).toBe('LOG_CHECKPOINT_MALFORMED');
    });

    it.each(valid)('parses "$desc" with a 32-byte root, unless an extension line is empty', (u) => {
      const body = withRoot32(u.body);
      const rest = (u.rest ?? '').split('\n').slice(0, -1);
      if (rest.includes('')) {
        // "extension lines, if any, MUST be non-empty" (tlog-checkpoint §"Note text" 4); Go accepts them.
        expect(codeOf(() => parseCheckpoint(body))).toBe('LOG_CHECKPOINT_MALFORMED');
        return;
      }
      const cp = parseCheckpoint(body);
      expect(cp.extensions).toEqual(rest);
      expect(formatCheckpoint(cp)).toBe(body);
    });

    it.each(invalid)('rejects "$desc"', (u) => {
      expect(codeOf(() => parseCheckpoint(u.body))).toBe('LOG_CHECKPOINT_MALFORMED');
    });
  });

  it.each([
    ['0', 0],
    ['9007199254740991', 2 ** 53 - 1],
  ])('accepts the size %s', (text, size) => {
    expect(parseCheckpoint(`o\n${text}\n${ROOT.toString('base64')}\n`).size).toBe(size);
  });

  it.each(['9007199254740992', '00', '+5', ' 5', '5 ', '0x10', '1e3', '٣'])('rejects the size %j', (text) => {
    expect(codeOf(() => parseCheckpoint(`o\n${text}\n${ROOT.toString('base64')}\n`))).toBe(
      'LOG_CHECKPOINT_MALFORMED',
    );
  });

  it.each([
    ['CRLF line ends', 'o\r\n1\r\nROOT\r\n'],
    ['non-canonical base64 root', `o\n1\n${ROOT.toString('base64').replace(/.=$/, 'B=')}\n`],
    ['an empty body', ''],
    ['a missing final newline', `o\n1\nROOT`],
  ])('rejects %s', (_, body) => {
    const text = body.replace('ROOT', ROOT.toString('base64'));
    expect(codeOf(() => parseCheckpoint(text))).toBe('LOG_CHECKPOINT_MALFORMED');
  });
});

describe('openCheckpoint', () => {
  describe('with the 16 Tessera testdata checkpoints', () => {
    const tessera = KEYS.find((k) => k.name === 'example.com/log/testdata')!;

    it.each(V.signed.map((s, size) => ({ ...s, size })))('opens $desc and re-signs it byte for byte', (s) => {
      const { checkpoint, note } = openCheckpoint(s.note, parseVerifierKey(s.vkey));
      expect(checkpoint.size).toBe(s.size);
      expect(checkpoint.origin).toBe('example.com/log/testdata');
      expect(note.verified).toHaveLength(1);
      const signer = newEd25519Signer(tessera.name, Buffer.from(tessera.seed_hex!, 'hex'));
      expect(signCheckpoint(checkpoint, signer)).toBe(s.note);
    });
  });

  it('parses the C2SP example, whose key is unpublished: it opens with no known key', () => {
    const { text } = parseNote(V.c2sp_example.note);
    expect(parseCheckpoint(text).size).toBe(20852163);
    expect(codeOf(() => openCheckpoint(V.c2sp_example.note, logVerifier))).toBe('LOG_NOTE_UNVERIFIED');
  });

  it('treats the RFC 6962 (0x05) signature as an unknown key: verifying that type is out of scope', () => {
    const r = V.rfc6962_note_signature;
    const { text, signatures } = parseNote(r.note);
    expect(parseCheckpoint(text).size).toBe(115474666);
    // The vector's key ID rule is the generic one, over the 32-byte LogID.
    const name = r.vkey.slice(0, r.vkey.indexOf('+'));
    expect(computeKeyId(name, 0x05, Buffer.from(r.log_id_hex, 'hex')).toString('hex')).toBe(r.key_id_hex);
    expect(signatures[0]!.keyId.toString('hex')).toBe(r.key_id_hex);
    expect(codeOf(() => parseVerifierKey(r.vkey))).toBe('LOG_BAD_KEY');
    expect(codeOf(() => openNote(r.note, [logVerifier]))).toBe('LOG_NOTE_UNVERIFIED');
  });

  describe('when the log did not sign', () => {
    it('rejects a checkpoint signed only by another known key', () => {
      const other = keyPairFromSeed(sha256(Buffer.from('other')));
      const note = signCheckpoint(sample, newEd25519Signer('other.example', other));
      const extra = [newEd25519Verifier('other.example', other.publicRaw)];
      expect(codeOf(() => openCheckpoint(note, logVerifier, extra))).toBe('LOG_NOTE_UNVERIFIED');
    });
  });

  describe('when the origin is not the expected one', () => {
    const note = signCheckpoint({ ...sample, origin: 'example.com/other' }, logSigner);

    it('rejects it by default (the log key name)', () => {
      expect(codeOf(() => openCheckpoint(note, logVerifier))).toBe('LOG_CHECKPOINT_MALFORMED');
    });

    it('accepts it when told that origin', () => {
      expect(openCheckpoint(note, logVerifier, [], { origin: 'example.com/other' }).checkpoint.size).toBe(42);
    });
  });

  it('rejects a signed text that is not a checkpoint', () => {
    const note = signNote('example.com/log\nnot a size\n', [logSigner]);
    expect(codeOf(() => openCheckpoint(note, logVerifier))).toBe('LOG_CHECKPOINT_MALFORMED');
  });
});

describe('properties', () => {
  const lineArb = fc
    .string({ unit: 'binary', minLength: 1, maxLength: 16 })
    .filter((s) => [...s].every((c) => c.codePointAt(0)! >= 0x20));
  const checkpointArb = fc.record({
    origin: lineArb,
    size: fc.maxSafeNat(),
    rootHash: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b)),
    extensions: fc.array(lineArb, { maxLength: 3 }),
  });

  it('parse(format(cp)) is cp', () => {
    fc.assert(
      fc.property(checkpointArb, (cp) => {
        expect(parseCheckpoint(formatCheckpoint(cp))).toEqual(cp);
      }),
    );
  });

  it('openCheckpoint(signCheckpoint(cp)) is cp', () => {
    fc.assert(
      fc.property(checkpointArb, (cp) => {
        const opened = openCheckpoint(signCheckpoint(cp, logSigner), logVerifier, [], { origin: cp.origin });
        expect(opened.checkpoint).toEqual(cp);
      }),
      { numRuns: 50 },
    );
  });

  it('hostile input only ever throws LogError', () => {
    const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const valid = [V.sumdb_tree.body, V.signed[3]!.note];
    const hostile = fc.oneof(
      fc.string({ unit: anyCodeUnit }),
      fc
        .tuple(fc.constantFrom(...valid), fc.nat(), fc.string({ unit: anyCodeUnit, maxLength: 3 }))
        .map(([s, at, ins]) => s.slice(0, at % (s.length + 1)) + ins + s.slice((at % (s.length + 1)) + 1)),
    );
    const tessera = parseVerifierKey(V.signed[0]!.vkey);
    fc.assert(
      fc.property(hostile, (input) => {
        for (const parse of [() => parseCheckpoint(input), () => openCheckpoint(input, tessera)]) {
          try {
            parse();
          } catch (err) {
            if (!(err instanceof LogError)) throw err;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
