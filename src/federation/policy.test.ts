// Parser tests for c2sp.org/tlog-policy (C2SP/C2SP tlog-policy.md): every construct, every error code,
// and property tests that valid texts round-trip and corrupted ones fail only with a PolicyError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatVerifierKey,
  newEd25519Signer,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
} from '../log/index.js';
import { formatPolicy, MAX_POLICY_LINES, type Policy, parsePolicy } from './policy.js';
import { PolicyError, type PolicyErrorCode } from './policy-errors.js';

const keyCache = new Map<number, Buffer>();
/** Deterministic test keys, cached: key derivation dominates the property tests otherwise. */
function publicKey(i: number): Buffer {
  const cached = keyCache.get(i) ?? newEd25519Signer('k', new Uint8Array(32).fill(i)).publicKey;
  keyCache.set(i, cached);
  return cached;
}
const logVkey = (name: string, i: number) => formatVerifierKey(name, SIG_TYPE_ED25519, publicKey(i));
const witVkey = (name: string, i: number) => formatVerifierKey(name, SIG_TYPE_COSIGNATURE_V1, publicKey(i));

const L1 = logVkey('example.org/log', 1);
const W1 = witVkey('w1.example', 11);
const W2 = witVkey('w2.example', 12);
const W3 = witVkey('w3.example', 13);

/** The structure without key objects, for comparisons. */
function shape(p: Policy) {
  return {
    logs: p.logs.map((l) => [l.vkey, l.origin, l.url]),
    witnesses: p.witnesses.map((w) => [w.name, w.vkey, w.keyName, w.url]),
    groups: p.groups.map((g) => [g.name, g.rule, g.threshold, [...g.members]]),
    quorum: p.quorum,
  };
}

function codeOf(text: string): PolicyErrorCode | 'OK' {
  try {
    parsePolicy(text);
    return 'OK';
  } catch (err) {
    if (err instanceof PolicyError) return err.code;
    throw err;
  }
}

describe('parsePolicy: constructs', () => {
  it('parses the spec example shape with comments, blanks, tabs, URLs and nested groups', () => {
    const text = [
      '# federation policy',
      `log ${L1} https://log.example.org/`,
      '',
      `\twitness  X1 ${W1}   https://w1.example/submit  `,
      `witness X2 ${W2}`,
      `witness Y1 ${W3}`,
      '   # indented comment',
      'group X 2 X1 X2',
      'group Y any Y1',
      'group X-and-Y all X Y',
      'quorum X-and-Y',
    ].join('\n');
    const p = parsePolicy(text);
    expect(shape(p)).toEqual({
      logs: [[L1, 'example.org/log', 'https://log.example.org/']],
      witnesses: [
        ['X1', W1, 'w1.example', 'https://w1.example/submit'],
        ['X2', W2, 'w2.example', undefined],
        ['Y1', W3, 'w3.example', undefined],
      ],
      groups: [
        ['X', 2, 2, ['X1', 'X2']],
        ['Y', 'any', 1, ['Y1']],
        ['X-and-Y', 'all', 2, ['X', 'Y']],
      ],
      quorum: 'X-and-Y',
    });
  });

  it('accepts quorum none with no logs or witnesses (only the quorum is mandatory)', () => {
    expect(shape(parsePolicy('quorum none\n'))).toEqual({
      logs: [],
      witnesses: [],
      groups: [],
      quorum: 'none',
    });
  });

  it('accepts a single witness as the quorum, and lines after the quorum', () => {
    const p = parsePolicy(`witness a ${W1}\nquorum a\nwitness b ${W2}\n`);
    expect(p.quorum).toBe('a');
    expect(p.witnesses.map((w) => w.name)).toEqual(['a', 'b']);
  });

  it('treats non-ASCII octets as opaque name bytes (K ≠ Kelvin sign)', () => {
    const p = parsePolicy(`witness K ${W1}\nwitness \u212a ${W2}\ngroup g all K \u212a\nquorum g\n`);
    expect(p.groups[0]?.members).toEqual(['K', '\u212a']);
  });

  it('supports at least 32 logs, 32 witnesses and 32 groups', () => {
    const lines: string[] = [];
    for (let i = 0; i < 32; i++) lines.push(`log ${logVkey(`log${i}.example`, 100 + i)}`);
    for (let i = 0; i < 32; i++) lines.push(`witness w${i} ${witVkey(`w${i}.example`, 150 + i)}`);
    for (let i = 0; i < 32; i++) lines.push(`group g${i} any w${i}${i > 0 ? ` g${i - 1}` : ''}`);
    lines.push('quorum g31');
    const p = parsePolicy(lines.join('\n'));
    expect([p.logs.length, p.witnesses.length, p.groups.length]).toEqual([32, 32, 32]);
  });

  it('reports the line number in the message and on the error', () => {
    let err: unknown;
    try {
      parsePolicy(`witness a ${W1}\n\ngroup g 2 a\nquorum g\n`);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PolicyError);
    expect((err as PolicyError).line).toBe(3);
    expect((err as PolicyError).message).toMatch(/^line 3: /);
  });
});

describe('parsePolicy: malformations', () => {
  const cases: [string, string, PolicyErrorCode][] = [
    ['unknown keyword', 'logs x\nquorum none', 'POLICY_SYNTAX'],
    ['prototype keyword', 'constructor x\nquorum none', 'POLICY_SYNTAX'],
    ['log without vkey', 'log\nquorum none', 'POLICY_SYNTAX'],
    ['log with extra field', `log ${L1} u extra\nquorum none`, 'POLICY_SYNTAX'],
    ['witness without vkey', 'witness a\nquorum none', 'POLICY_SYNTAX'],
    ['witness with extra field', `witness a ${W1} u extra\nquorum none`, 'POLICY_SYNTAX'],
    ['inline comment is an extra field', `witness a ${W1} u # c\nquorum none`, 'POLICY_SYNTAX'],
    ['group without members', `witness a ${W1}\ngroup g any\nquorum g`, 'POLICY_SYNTAX'],
    ['quorum without name', 'quorum', 'POLICY_SYNTAX'],
    ['quorum with two names', `witness a ${W1}\nquorum a none`, 'POLICY_SYNTAX'],
    ['carriage return', 'quorum none\r\n', 'POLICY_BAD_CHARACTER'],
    ['NUL', 'quorum\u0000 none', 'POLICY_BAD_CHARACTER'],
    ['DEL', '#\u007f\nquorum none', 'POLICY_BAD_CHARACTER'],
    ['lone surrogate', '# \ud800\nquorum none', 'POLICY_BAD_CHARACTER'],
    ['garbage vkey', 'log nope\nquorum none', 'POLICY_BAD_KEY'],
    [
      'vkey with wrong key ID',
      `log ${L1.replace(/\+[0-9a-f]{8}\+/, '+00000000+')}\nquorum none`,
      'POLICY_BAD_KEY',
    ],
    ['log with a cosignature (0x04) vkey', `log ${W1}\nquorum none`, 'POLICY_BAD_KEY'],
    ['witness with a plain Ed25519 (0x01) vkey', `witness a ${L1}\nquorum a`, 'POLICY_BAD_KEY'],
    ['duplicate log key', `log ${L1}\nlog ${L1}\nquorum none`, 'POLICY_DUPLICATE_KEY'],
    [
      'same log key, other name',
      `log ${L1}\nlog ${logVkey('other.example', 1)}\nquorum none`,
      'POLICY_DUPLICATE_KEY',
    ],
    [
      'same witness key, other name',
      `witness a ${W1}\nwitness b ${witVkey('x', 11)}\nquorum a`,
      'POLICY_DUPLICATE_KEY',
    ],
    ['duplicate witness name', `witness a ${W1}\nwitness a ${W2}\nquorum a`, 'POLICY_DUPLICATE_NAME'],
    ['group named like a witness', `witness a ${W1}\ngroup a any a\nquorum a`, 'POLICY_DUPLICATE_NAME'],
    [
      'duplicate group name',
      `witness a ${W1}\ngroup g any a\ngroup g all a\nquorum g`,
      'POLICY_DUPLICATE_NAME',
    ],
    ['witness named none', `witness none ${W1}\nquorum none`, 'POLICY_DUPLICATE_NAME'],
    ['group named none', `witness a ${W1}\ngroup none any a\nquorum a`, 'POLICY_DUPLICATE_NAME'],
    ['undefined member', `witness a ${W1}\ngroup g any a b\nquorum g`, 'POLICY_UNKNOWN_MEMBER'],
    ['forward reference', `group g any a\nwitness a ${W1}\nquorum g`, 'POLICY_UNKNOWN_MEMBER'],
    ['self reference (cycle)', `witness a ${W1}\ngroup g any a g\nquorum g`, 'POLICY_UNKNOWN_MEMBER'],
    ['none as a member', `witness a ${W1}\ngroup g any a none\nquorum g`, 'POLICY_UNKNOWN_MEMBER'],
    ['quorum before its definition', `quorum a\nwitness a ${W1}`, 'POLICY_UNKNOWN_MEMBER'],
    ['quorum undefined', 'quorum nobody', 'POLICY_UNKNOWN_MEMBER'],
    ['duplicate member', `witness a ${W1}\ngroup g any a a\nquorum g`, 'POLICY_DUPLICATE_MEMBER'],
    ['k = 0', `witness a ${W1}\ngroup g 0 a\nquorum g`, 'POLICY_BAD_THRESHOLD'],
    ['k > n', `witness a ${W1}\nwitness b ${W2}\ngroup g 3 a b\nquorum g`, 'POLICY_BAD_THRESHOLD'],
    ['k with leading zero', `witness a ${W1}\ngroup g 01 a\nquorum g`, 'POLICY_BAD_THRESHOLD'],
    ['negative k', `witness a ${W1}\ngroup g -1 a\nquorum g`, 'POLICY_BAD_THRESHOLD'],
    ['k not decimal', `witness a ${W1}\ngroup g 0x1 a\nquorum g`, 'POLICY_BAD_THRESHOLD'],
    ['huge k', `witness a ${W1}\ngroup g 99999999999999999999 a\nquorum g`, 'POLICY_BAD_THRESHOLD'],
    ['keyword case matters', `witness a ${W1}\ngroup g ANY a\nquorum g`, 'POLICY_BAD_THRESHOLD'],
    ['no quorum', `witness a ${W1}\n`, 'POLICY_NO_QUORUM'],
    ['empty text', '', 'POLICY_NO_QUORUM'],
    ['two quorums', `witness a ${W1}\nquorum a\nquorum none`, 'POLICY_NO_QUORUM'],
    ['too many lines', '#\n'.repeat(MAX_POLICY_LINES) + 'quorum none\n', 'POLICY_TOO_LARGE'],
    ['too many bytes', `#${'x'.repeat(1 << 20)}\nquorum none`, 'POLICY_TOO_LARGE'],
  ];
  it.each(cases)('%s', (_desc, text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it('accepts exactly the line limit', () => {
    expect(codeOf(`${'#\n'.repeat(MAX_POLICY_LINES - 1)}quorum none\n`)).toBe('OK');
  });
});

describe('parsePolicy: properties', () => {
  // Valid policies from valid pieces: n witnesses, then groups over earlier names, then a quorum.
  const arbPolicyText = fc
    .record({
      logs: fc.integer({ min: 0, max: 3 }),
      witnesses: fc.integer({ min: 1, max: 6 }),
      groups: fc.array(
        fc.record({
          picks: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
          rule: fc.nat(),
          form: fc.nat(2),
        }),
        { maxLength: 5 },
      ),
      quorumPick: fc.nat(),
      urls: fc.boolean(),
      sep: fc.constantFrom(' ', '\t', '  \t '),
    })
    .map(({ logs, witnesses, groups, quorumPick, urls, sep }) => {
      const names: string[] = [];
      const lines: string[] = [];
      for (let i = 0; i < logs; i++)
        lines.push(['log', logVkey(`l${i}.example`, 40 + i), ...(urls ? [`https://l${i}`] : [])].join(sep));
      for (let i = 0; i < witnesses; i++) {
        names.push(`w${i}`);
        lines.push(
          ['witness', `w${i}`, witVkey(`w${i}.example`, 60 + i), ...(urls ? [`https://w${i}`] : [])].join(
            sep,
          ),
        );
        if (i % 2 === 0) lines.push('# comment', '');
      }
      groups.forEach((g, j) => {
        const members = [...new Set(g.picks.map((p) => names[p % names.length]!))];
        const rule = g.form === 0 ? 'all' : g.form === 1 ? 'any' : String(1 + (g.rule % members.length));
        lines.push(['group', `g${j}`, rule, ...members].join(sep));
        names.push(`g${j}`);
      });
      const quorum =
        quorumPick % (names.length + 1) === names.length ? 'none' : names[quorumPick % (names.length + 1)]!;
      lines.push(`quorum${sep}${quorum}`);
      return lines.join('\n');
    });

  it('valid texts parse, and formatPolicy round-trips their structure', () => {
    fc.assert(
      fc.property(arbPolicyText, (text) => {
        const p = parsePolicy(text);
        expect(shape(parsePolicy(formatPolicy(p)))).toEqual(shape(p));
      }),
      { numRuns: 200 },
    );
  });

  it('corrupted lines fail with a PolicyError or still parse, never with another error', () => {
    const corruption = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('\r', '\u0000', '\u007f', 'none', 'group', '0', 'all', '#', '+', '\ud800'),
    );
    fc.assert(
      fc.property(arbPolicyText, fc.nat(), fc.nat(), corruption, (text, lineIdx, pos, junk) => {
        const lines = text.split('\n');
        const i = lineIdx % lines.length;
        const line = lines[i]!;
        const at = pos % (line.length + 1);
        lines[i] = line.slice(0, at) + junk + line.slice(at);
        try {
          parsePolicy(lines.join('\n'));
        } catch (err) {
          expect(err).toBeInstanceOf(PolicyError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
