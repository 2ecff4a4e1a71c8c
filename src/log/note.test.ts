// Golden vectors: ../shared/vectors/note/signed-note.json. Per ../shared/vectors/note/PROVENANCE.md they
// come from golang/mod sumdb/note (note_test.go, example_test.go @ fe2ec04f), C2SP signed-note.md
// (@ 5ba5ee83), transparency-dev/formats (log/note_test.go, note/note_verifier_test.go @ 0b850f1a) and
// transparency-dev/tessera testdata (@ 1811ae1a); EnochRoot's seed (32 zero bytes) was derived there.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyPairFromSeed, sha256 } from '../crypto/index.js';
import { LogError } from './errors.js';
import {
  computeKeyId,
  formatNote,
  isValidKeyName,
  type NoteSigner,
  type NoteVerifier,
  newEd25519Signer,
  newEd25519Verifier,
  openNote,
  parseNote,
  signNote,
} from './note.js';
import {
  decodeVerifierKey,
  formatSignerKey,
  formatVerifierKey,
  parseSignerKey,
  parseVerifierKey,
} from './note-keys.js';

interface KeyVector {
  name: string;
  vkey: string;
  sig_type: number;
  public_key_hex: string;
  key_id_hex: string;
  skey?: string;
  skey_derived?: string;
  seed_hex?: string;
}
interface NoteVector {
  desc: string;
  note: string;
  text: string;
  signatures_valid_with: string[];
}
interface OpenCase {
  desc: string;
  note?: string;
  note_b64?: string;
  verifiers: string[];
  expect: string;
  verified?: string[];
  unverified?: string[];
  unverified_count?: number;
}
interface SignedNoteVectors {
  keys: KeyVector[];
  notes: NoteVector[];
  bad_vkeys: { vkey?: string; why?: string }[];
  malformed_notes: OpenCase[];
  open_cases: OpenCase[];
  ecdsa_vkey_example: { vkey: string; computed_key_id: string };
}

const VECTORS = new URL('../../../shared/vectors/note/', import.meta.url);
const V = JSON.parse(readFileSync(new URL('signed-note.json', VECTORS), 'utf8')) as SignedNoteVectors;

const key = (name: string): KeyVector => V.keys.find((k) => k.name === name)!;
const PETER = key('PeterNeumann');
const PETER_NOTE = V.notes[0]!.note;
const GO_TEXT = V.notes[0]!.text;
const PETER_SIG_LINE = PETER_NOTE.slice(GO_TEXT.length + 1);
const ENOCH_SIG_LINE = V.notes[1]!.note.slice(PETER_NOTE.length);

/** The LogError code `fn` throws; any other exception fails the test. */
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof LogError) return err.code;
    throw err;
  }
  return 'no error';
}

// The vectors' expectation words, mapped to our closed code union.
const EXPECTED_CODE: Record<string, string> = {
  'error:malformed': 'LOG_NOTE_MALFORMED',
  'error:unverified': 'LOG_NOTE_UNVERIFIED',
  'error:invalid-signature': 'LOG_NOTE_UNVERIFIED',
};

function caseNote(c: OpenCase): string | Uint8Array {
  if (c.note_b64 !== undefined) return Buffer.from(c.note_b64, 'base64');
  if (c.note !== undefined) return c.note;
  // "note_construct": text + "\n" + peterSig*101 (golang/mod TestOpen).
  return `${GO_TEXT}\n${PETER_SIG_LINE.repeat(101)}`;
}

interface TestKey {
  readonly signer: NoteSigner;
  readonly verifier: NoteVerifier;
}

/** Deterministic keys with non-ASCII names, so UTF-8 handling of names is exercised too. */
function testKeys(count: number): TestKey[] {
  return Array.from({ length: count }, (_, i) => {
    const pair = keyPairFromSeed(sha256(Buffer.from(`seed ${i}`)));
    const name = `signer${i}.example/${'é'.repeat(i)}`;
    return { signer: newEd25519Signer(name, pair), verifier: newEd25519Verifier(name, pair.publicRaw) };
  });
}

describe('computeKeyId', () => {
  it.each(V.keys)('reproduces the key ID of $name', (k) => {
    expect(computeKeyId(k.name, k.sig_type, Buffer.from(k.public_key_hex, 'hex')).toString('hex')).toBe(
      k.key_id_hex,
    );
  });

  it('is not the rule of ECDSA (0x02) keys, whose ID is SHA-256(SPKI)[:4]', () => {
    // Type 0x02 is out of scope; this only pins the vector's rule so nobody "fixes" computeKeyId for it.
    const spki = Buffer.from(V.ecdsa_vkey_example.vkey.split('+').slice(2).join('+'), 'base64').subarray(1);
    expect(sha256(spki).subarray(0, 4).toString('hex')).toBe(V.ecdsa_vkey_example.computed_key_id);
  });

  it('rejects a signature type that is not a byte', () => {
    expect(codeOf(() => computeKeyId('a', 256, Buffer.alloc(32)))).toBe('LOG_BAD_KEY');
  });
});

describe('parseVerifierKey', () => {
  describe('when the vkey is well formed', () => {
    it.each(V.keys)('parses and re-formats $name', (k) => {
      const v = parseVerifierKey(k.vkey);
      expect(v.name).toBe(k.name);
      expect(v.keyId.toString('hex')).toBe(k.key_id_hex);
      expect(formatVerifierKey(k.name, k.sig_type, Buffer.from(k.public_key_hex, 'hex'))).toBe(k.vkey);
    });

    it('accepts an upper-case key ID, as Go does', () => {
      const upper = PETER.vkey.replace(PETER.key_id_hex, PETER.key_id_hex.toUpperCase());
      expect(parseVerifierKey(upper).keyId.toString('hex')).toBe(PETER.key_id_hex);
    });
  });

  describe('when the vkey is bad', () => {
    it.each(V.bad_vkeys.filter((b) => b.vkey !== undefined))('rejects $why', (b) => {
      expect(codeOf(() => parseVerifierKey(b.vkey!))).toBe('LOG_BAD_KEY');
    });

    it('rejects every proper substring of the PeterNeumann vkey (golang/mod TestOpen)', () => {
      const vkey = PETER.vkey;
      for (let start = 0; start < vkey.length; start++) {
        for (let end = start; end <= vkey.length; end++) {
          if (start === 0 && end === vkey.length) continue;
          expect(codeOf(() => parseVerifierKey(vkey.slice(start, end)))).toBe('LOG_BAD_KEY');
        }
      }
    });

    it('rejects every single-character +1 mutation of the PeterNeumann vkey (golang/mod TestOpen)', () => {
      const vkey = PETER.vkey;
      for (let i = 0; i < vkey.length; i++) {
        const mutated = vkey.slice(0, i) + String.fromCharCode(vkey.charCodeAt(i) + 1) + vkey.slice(i + 1);
        expect(codeOf(() => parseVerifierKey(mutated))).toBe('LOG_BAD_KEY');
      }
    });

    it('rejects the ECDSA (0x02) vkey: verifying that type is out of scope', () => {
      expect(codeOf(() => parseVerifierKey(V.ecdsa_vkey_example.vkey))).toBe('LOG_BAD_KEY');
    });

    it.each([
      ['a name with a space', 'Peter Neumann'],
      ['a name with a no-break space', 'Peter\u00a0Neumann'],
      ['an empty name', ''],
    ])('rejects %s', (_, name) => {
      const pub = Buffer.from(PETER.public_key_hex, 'hex');
      const id = computeKeyId(name, 1, pub).toString('hex');
      const vkey = `${name}+${id}+${Buffer.concat([Buffer.of(1), pub]).toString('base64')}`;
      expect(codeOf(() => parseVerifierKey(vkey))).toBe('LOG_BAD_KEY');
      expect(codeOf(() => formatVerifierKey(name, 1, pub))).toBe('LOG_BAD_KEY');
    });
  });

  it('formats only the Ed25519 types 0x01 and 0x04 with 32-byte keys', () => {
    expect(codeOf(() => formatVerifierKey('a', 2, Buffer.alloc(32)))).toBe('LOG_BAD_KEY');
    expect(codeOf(() => formatVerifierKey('a', 1, Buffer.alloc(31)))).toBe('LOG_BAD_KEY');
  });
});

describe('parseSignerKey', () => {
  const withSkeys = V.keys.filter((k) => k.seed_hex !== undefined);

  it.each(withSkeys)('parses the skey of $name and signs as its vkey', (k) => {
    const skey = k.skey ?? k.skey_derived!;
    const signer = parseSignerKey(skey);
    expect(signer.name).toBe(k.name);
    expect(signer.keyId.toString('hex')).toBe(k.key_id_hex);
    expect(formatSignerKey(k.name, Buffer.from(k.seed_hex!, 'hex'))).toBe(skey);
    const message = Buffer.from('hello\n');
    expect(parseVerifierKey(k.vkey).verify(message, signer.sign(message))).toBe(true);
  });

  it.each([
    ['a wrong prefix', (s: string) => s.replace('PRIVATE+KEY', 'PRIVATE+KEYS')],
    ['a wrong key ID', (s: string) => s.replace('+c74f20a3+', '+c74f20a4+')],
    ['a type other than 0x01', (s: string) => s.replace('+AYEK', '+BIEK')],
    ['a truncated seed', (s: string) => s.slice(0, -4)],
    ['too few parts', () => 'PRIVATE+KEY+PeterNeumann+c74f20a3'],
  ])('rejects %s', (_, mutate) => {
    expect(codeOf(() => parseSignerKey(mutate(PETER.skey!)))).toBe('LOG_BAD_KEY');
  });
});

describe('isValidKeyName', () => {
  it.each([
    ['example.com/log', true],
    ['例え.example/ログ', true],
    ['', false],
    ['a+b', false],
    ['a b', false],
    ['a\u2028b', false],
    ['a\u0085b', false],
    ['a\u0001b', false],
    ['a\ud800b', false],
  ])('%j → %s', (name, ok) => {
    expect(isValidKeyName(name)).toBe(ok);
  });
});

describe('openNote', () => {
  describe('with the upstream notes', () => {
    it.each(V.notes)('verifies the $desc', (n) => {
      const verifiers = n.signatures_valid_with.map((name) => parseVerifierKey(key(name).vkey));
      const opened = openNote(n.note, verifiers);
      expect(opened.text).toBe(n.text);
      expect(opened.verified.map((s) => s.name)).toEqual(n.signatures_valid_with);
      expect(opened.unverified).toEqual([]);
    });

    it.each(V.notes.filter((n) => n.signatures_valid_with.every((name) => key(name).seed_hex)))(
      're-signs the $desc byte for byte',
      (n) => {
        // The C2SP example's key (example.com/foo) has no published seed, so it can only be verified.
        const signers = n.signatures_valid_with.map((name) => parseSignerKey(signerKey(name)));
        expect(signNote(n.text, signers)).toBe(n.note);
      },
    );
  });

  describe('with the upstream Open() cases', () => {
    it.each(V.open_cases)('$desc', (c) => {
      const verifiers = c.verifiers.map(parseVerifierKey);
      if (c.expect !== 'ok') {
        expect(codeOf(() => openNote(caseNote(c), verifiers))).toBe(EXPECTED_CODE[c.expect]);
        return;
      }
      const opened = openNote(caseNote(c), verifiers);
      expect(opened.verified.map((s) => s.name)).toEqual(c.verified);
      if (c.unverified) expect(opened.unverified.map((s) => s.name)).toEqual(c.unverified);
      if (c.unverified_count !== undefined) expect(opened.unverified).toHaveLength(c.unverified_count);
    });
  });

  describe('with the upstream malformed notes', () => {
    it.each(V.malformed_notes)('rejects: $desc', (c) => {
      expect(codeOf(() => openNote(caseNote(c), c.verifiers.map(parseVerifierKey)))).toBe(
        EXPECTED_CODE[c.expect],
      );
      expect(codeOf(() => parseNote(caseNote(c)))).toBe('LOG_NOTE_MALFORMED');
    });
  });

  describe('when verifiers or signatures collide', () => {
    const peter = parseVerifierKey(PETER.vkey);

    it('rejects two verifiers with the same name and key ID as ambiguous', () => {
      expect(codeOf(() => openNote(PETER_NOTE, [peter, parseVerifierKey(PETER.vkey)]))).toBe(
        'LOG_AMBIGUOUS_KEY',
      );
    });

    it('ignores a signature whose name matches a known key but whose ID does not', () => {
      const impostor = newEd25519Verifier(PETER.name, Buffer.from(key('EnochRoot').public_key_hex, 'hex'));
      expect(codeOf(() => openNote(PETER_NOTE, [impostor]))).toBe('LOG_NOTE_UNVERIFIED');
    });

    it('rejects a second, different signature by a known key that fails (Go would skip it)', () => {
      const forged = PETER_SIG_LINE.replace('x08go/ZJ', 'x08go/ZK');
      expect(codeOf(() => openNote(`${PETER_NOTE}${forged}`, [peter]))).toBe('LOG_NOTE_UNVERIFIED');
    });

    it('accepts 16 and 100 signature lines (signed-note §Format: at least 16)', () => {
      const lines = `${PETER_SIG_LINE}${ENOCH_SIG_LINE.repeat(99)}`;
      expect(openNote(`${GO_TEXT}\n${lines}`, [peter]).unverified).toHaveLength(1);
      expect(parseNote(`${GO_TEXT}\n${ENOCH_SIG_LINE.repeat(16)}`).signatures).toHaveLength(16);
    });
  });

  describe('when the note text is unusual', () => {
    it('rejects a lone surrogate, which has no UTF-8 form', () => {
      expect(codeOf(() => parseNote(`a\ud800\n\n${PETER_SIG_LINE}`))).toBe('LOG_NOTE_MALFORMED');
    });

    it('keeps a byte-order mark, so the verified bytes are the received bytes', () => {
      const { signer, verifier } = testKeys(1)[0]!;
      const note = signNote('\ufeffbom\n', [signer]);
      const opened = openNote(Buffer.from(note, 'utf8'), [verifier]);
      expect(opened.text).toBe('\ufeffbom\n');
    });

    it('rejects non-canonical base64 in a signature line', () => {
      const line = PETER_SIG_LINE.replace('AM=\n', 'AN=\n');
      expect(codeOf(() => parseNote(`${GO_TEXT}\n${line}`))).toBe('LOG_NOTE_MALFORMED');
    });

    it('separates the text at the last blank line, so texts may hold blank lines', () => {
      const { signer, verifier } = testKeys(1)[0]!;
      const text = '\n\nfirst\n\n\nlast\n\n';
      expect(openNote(signNote(text, [signer]), [verifier]).text).toBe(text);
    });
  });
});

describe('signNote', () => {
  const { signer } = testKeys(1)[0]!;

  it.each([
    ['a text without a final newline', 'no newline', 1],
    ['a text with a control character', 'tab\there\n', 1],
    ['no signers', 'text\n', 0],
    ['101 signers', 'text\n', 101],
  ])('rejects %s', (_, text, count) => {
    expect(codeOf(() => signNote(text, Array(count).fill(signer)))).toBe('LOG_NOTE_MALFORMED');
  });

  it('rejects a signer with an invalid name', () => {
    expect(codeOf(() => signNote('text\n', [{ ...signer, name: 'a b' }]))).toBe('LOG_BAD_KEY');
  });

  it('formats what it parses', () => {
    const parsed = parseNote(V.notes[1]!.note);
    expect(formatNote(parsed.text, parsed.signatures)).toBe(V.notes[1]!.note);
  });
});

describe('properties', () => {
  const pool = testKeys(5);
  const lineArb = fc
    .string({ unit: 'binary', maxLength: 20 })
    .map((s) => [...s].filter((c) => c.codePointAt(0)! >= 0x20).join(''));
  const textArb = fc.array(lineArb, { maxLength: 6 }).map((lines) => `${lines.join('\n')}\n`);

  it('sign → open returns the text, with exactly the known signers verified', () => {
    fc.assert(
      fc.property(
        textArb,
        fc.subarray(pool, { minLength: 1 }),
        fc.subarray(pool),
        (text, signing, others) => {
          // At least one signer is known, or the note is (rightly) rejected as unverified.
          const known = [signing[0]!, ...others.filter((k) => k !== signing[0])];
          const note = signNote(
            text,
            signing.map((k) => k.signer),
          );
          const opened = openNote(
            note,
            known.map((k) => k.verifier),
          );
          const names = (keys: TestKey[]) => keys.map((k) => k.signer.name);
          expect(opened.text).toBe(text);
          expect(opened.verified.map((s) => s.name)).toEqual(names(signing.filter((k) => known.includes(k))));
          expect(opened.unverified.map((s) => s.name)).toEqual(
            names(signing.filter((k) => !known.includes(k))),
          );
        },
      ),
    );
  });

  it('format(parse(note)) is the identity on valid notes', () => {
    fc.assert(
      fc.property(textArb, fc.subarray(pool, { minLength: 1 }), (text, signing) => {
        const note = signNote(
          text,
          signing.map((k) => k.signer),
        );
        const parsed = parseNote(note);
        expect(formatNote(parsed.text, parsed.signatures)).toBe(note);
      }),
    );
  });

  it('hostile input into every parser only ever throws LogError', () => {
    const valid = [PETER_NOTE, V.notes[1]!.note, PETER.vkey, PETER.skey!];
    const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    const hostile = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: anyCodeUnit }),
      fc
        .tuple(
          fc.constantFrom(...valid),
          fc.nat(),
          fc.nat({ max: 3 }),
          fc.string({ unit: anyCodeUnit, maxLength: 3 }),
        )
        .map(
          ([s, at, del, ins]) => s.slice(0, at % (s.length + 1)) + ins + s.slice((at % (s.length + 1)) + del),
        ),
    );
    const peter = parseVerifierKey(PETER.vkey);
    fc.assert(
      fc.property(hostile, (input) => {
        for (const parse of [
          () => parseNote(input),
          () => parseNote(Buffer.from(input, 'latin1')),
          () => openNote(input, [peter]),
          () => parseVerifierKey(input),
          () => decodeVerifierKey(input),
          () => parseSignerKey(input),
        ]) {
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

function signerKey(name: string): string {
  const k = key(name);
  return k.skey ?? k.skey_derived!;
}
