/**
 * Acceptance (DESIGN.md §13): "Hostile input (malformed and oversized bodies, bad base64, wrong key,
 * unknown kid, hostile paths) only ever yields 4xx problems; the server keeps serving; nothing partial is
 * stored."
 *
 * fast-check properties against the real app in-process (`app.inject`), then a handful of requests over a
 * real socket: `fetch`, and raw bytes for HTTP that does not parse. Every answer is either the legitimate
 * 2xx of a valid request (a registration whose receipt verifies) or an `application/problem+json` 4xx with
 * a catalogued code. After each property the node still answers `/healthz` with a log size equal to the
 * number of valid registrations, and at the end the data directory audits clean with exactly those
 * statements.
 */
import { sign as cryptoSign, type KeyObject } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { PROBLEM_TYPE_PREFIX, PROBLEMS, type ProblemCode } from '../src/api/problems.js';
import { generateEd25519, jwkFromPublicKey } from '../src/crypto/index.js';
import { type InteropError, parseCredential, VC_V2_CONTEXT } from '../src/interop/index.js';
import type { SupplyStatement } from '../src/model/index.js';
import { auditDataDirectory, verifyReceipt } from '../src/service/index.js';
import { didOf, openTestNode, samplePayload, type TestSigner, testSigner } from './helpers/node.js';

const TOKEN = 'hostile-test-operator-token';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const MAX_STATEMENT = 256 * 1024;
/** When the signers' keys become active (their registrations' validFrom). */
const KEYS_FROM = '2020-01-01T00:00:00.000Z';

let t: Awaited<ReturnType<typeof openTestNode>>;
let app: FastifyInstance;
let other: TestSigner;
let vkey: string;
/** A valid statement, registered before the properties run. */
let base: string;
/** Ids of every statement the node acknowledged with 201: the log must hold exactly these. */
const created = new Set<string>();
/** Kids registered over the API by the properties (random kids may name one later). */
const registeredKids = new Set<string>();

/** `samplePayload(n)` issued by `signer`'s organisation (a credential's issuer is its kid's DID). */
const payloadOf = (signer: TestSigner, n: number) => ({ ...samplePayload(n), issuer: didOf(signer) });

beforeAll(async () => {
  t = await openTestNode();
  // The first entry: the signer's identity, registered by the operator.
  created.add(t.node.supply.organization(didOf(t.signer))!.statement);
  app = await buildApp({ node: t.node, operatorToken: TOKEN, logLevel: false });
  vkey = t.node.info.vkey;
  other = testSigner('did:web:mine.example#key-7');
  const identity = await app.inject({
    method: 'POST',
    url: '/v1/operator/identities',
    headers: AUTH,
    payload: {
      subject: didOf(other),
      legalName: 'Example Mining SARL',
      registeredId: 'CD-1',
      idScheme: { id: 'https://rccm.example/', name: 'RCCM' },
      country: 'COD',
      roles: ['producer'],
      keys: [{ kid: other.kid, jwk: jwkFromPublicKey(other.keys.publicKey) }],
      validFrom: KEYS_FROM,
    },
  });
  expect(await registration(identity, 'the second signer')).toBe('created');
  base = t.signer.sign(samplePayload(1));
  expect(await registration(await postStatement(base, 'application/jose'), base)).toBe('created');
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

interface Res {
  readonly statusCode: number;
  readonly headers: Record<string, unknown>;
  readonly body: string;
}

const CODES = Object.keys(PROBLEMS) as ProblemCode[];

/** A 4xx `application/problem+json` with a catalogued code whose status is the response's. */
function expectProblem(res: Res, context: string): ProblemCode {
  const where = `${context} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, where).toBeLessThan(500);
  expect(String(res.headers['content-type']), where).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body) as { code: ProblemCode; status: number; type: string; title: string };
  expect(CODES, where).toContain(body.code);
  expect(body, where).toMatchObject({
    status: res.statusCode,
    type: `${PROBLEM_TYPE_PREFIX}${body.code}`,
    title: PROBLEMS[body.code].title,
  });
  expect(PROBLEMS[body.code].status, where).toBe(res.statusCode);
  return body.code;
}

function postStatement(body: string | Buffer, contentType?: string) {
  return app.inject({
    method: 'POST',
    url: '/v1/statements',
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    payload: body,
  });
}

/**
 * Check the answer to a registration: a 201 is a new statement whose receipt verifies against what the
 * node stored, a 200 one registered before; anything else a 4xx problem.
 */
async function registration(res: Res, context: string): Promise<'created' | 'duplicate' | ProblemCode> {
  if (res.statusCode !== 201 && res.statusCode !== 200) return expectProblem(res, context);
  const receipt = JSON.parse(res.body) as { statement: string };
  expect(created.has(receipt.statement), context).toBe(res.statusCode === 200);
  const stored = await app.inject({ url: `/v1/statements/${receipt.statement}`, headers: AUTH });
  expect(stored.statusCode).toBe(200);
  expect(verifyReceipt(stored.body, receipt, vkey).ok, context).toBe(true);
  if (res.statusCode === 201) created.add(receipt.statement);
  return res.statusCode === 201 ? 'created' : 'duplicate';
}

/** The node still serves, and its log holds exactly the acknowledged registrations. */
async function expectHealthy(): Promise<void> {
  const health = await app.inject('/healthz');
  expect(health.statusCode).toBe(200);
  expect(health.json()).toMatchObject({ status: 'ok', size: created.size, pending: 0 });
}

const b64u = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** A compact JWS over exactly these header and payload bytes, signed with `key`. */
function signRaw(header: string, payload: string | Buffer, key: KeyObject): string {
  const input = `${b64u(header)}.${b64u(payload)}`;
  return `${input}.${b64u(cryptoSign(null, Buffer.from(input, 'ascii'), key))}`;
}

const printable = (maxLength: number, minLength = 0) =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength,
    maxLength,
  });

const CONTENT_TYPES = [
  'application/jose',
  'application/json',
  'text/plain',
  'application/jose; charset=utf-8',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/json;',
  'application/jose+json',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'text/plain; charset=latin1',
  '*/*',
  ';',
  '',
];
const contentTypeArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constantFrom('application/jose', 'application/json', 'text/plain'), weight: 4 },
  { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 3 },
  { arbitrary: printable(60), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

const bodyArb: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
  fc.string({ maxLength: 500 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((jws) => JSON.stringify({ jws })),
  fc.integer({ min: 1, max: 200_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.constantFrom(
    '',
    ' ',
    'null',
    '{}',
    '[]',
    '"a.b.c"',
    'a.b.c',
    '..',
    '{"jws":null}',
    '{"jws":""}',
    '{"jws":["a","b"]}',
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '\u0000',
    '\ufeff{}',
    '{"jws": ',
  ),
);

describe('POST /v1/statements with arbitrary bodies', () => {
  it('answers random bodies and content types with 4xx problems, storing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb, contentTypeArb, async (body, type) => {
        const res = await postStatement(body, type);
        const outcome = await registration(res, `${type} ${JSON.stringify(String(body).slice(0, 80))}`);
        expect(outcome).not.toBe('created');
      }),
      { numRuns: 1000 },
    );
    await expectHealthy();
  });

  it.each<[string, () => string | Buffer, string | undefined, number, ProblemCode]>([
    ['an unsupported media type', () => base, 'application/xml', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['no content type', () => base, undefined, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['malformed JSON', () => '{"jws": ', 'application/json', 400, 'MALFORMED_BODY'],
    ['an empty JSON body', () => '', 'application/json', 400, 'MALFORMED_BODY'],
    [
      'a __proto__ member',
      () => '{"__proto__":{"x":1},"jws":"a"}',
      'application/json',
      400,
      'MALFORMED_BODY',
    ],
    ['JSON without jws', () => '{"statement":"x"}', 'application/json', 400, 'STATEMENT_MALFORMED'],
    ['a body over 1 MiB', () => 'a'.repeat(1024 * 1024 + 1), 'application/jose', 413, 'BODY_TOO_LARGE'],
    [
      'a statement over 256 KiB',
      () => t.signer.sign({ ...samplePayload(2), pad: 'x'.repeat(MAX_STATEMENT) }),
      'application/jose',
      413,
      'STATEMENT_TOO_LARGE',
    ],
  ])('answers %s with a problem', async (_what, body, type, status, code) => {
    const res = await postStatement(body(), type);
    expect(expectProblem(res, _what)).toBe(code);
    expect(res.statusCode).toBe(status);
    await expectHealthy();
  });
});

describe('POST /v1/operator/identities with arbitrary bodies, with and without the operator token', () => {
  // Valid values are the likeliest in each field, so that a good share of the bodies are whole registrations.
  const jwkArb = fc.oneof(
    {
      arbitrary: fc
        .constant(null)
        .map(() => ({ ...jwkFromPublicKey(generateEd25519().publicKey) }) as Record<string, unknown>),
      weight: 12,
    },
    fc.constant(null).map(() => ({ ...jwkFromPublicKey(generateEd25519().publicKey), d: b64u('secret') })),
    fc.record({
      kty: fc.constantFrom('OKP', 'EC', 'RSA', 'oct', ''),
      crv: fc.constantFrom('Ed25519', 'X25519', 'P-256', 'Ed448'),
      x: fc.oneof(
        fc.uint8Array({ minLength: 0, maxLength: 64 }).map((b) => b64u(Buffer.from(b))),
        printable(50),
        fc.constant(`${b64u(Buffer.alloc(32, 7))}=`),
        fc.constant(b64u(Buffer.alloc(32)).replace(/A$/, 'B')), // non-canonical trailing bits
        fc.constant(b64u(Buffer.alloc(32))), // a point of small order
      ),
    }),
    fc.jsonValue({ maxDepth: 3 }),
  );
  // Subjects that cannot collide with the signers' organisations (re-registering one with a new key would
  // retire the signer's: an operator act, not hostile input).
  const subjectArb = fc.oneof(
    { arbitrary: fc.nat(9999).map((n) => `did:web:hostile-${n}.example`), weight: 18 },
    // Re-registrations: new keys, retired keys, backdated changes.
    { arbitrary: fc.constantFrom('did:web:hostile.example', 'did:web:hostile-2.example'), weight: 6 },
    fc.constantFrom('', ' ', 'did:web:', 'not a did', 'did:WEB:hostile.example', 'x'.repeat(2049), '\ud800'),
    printable(40),
    fc.jsonValue({ maxDepth: 1 }),
  );
  // A kid under the subject's DID (what the registry accepts), or anything else.
  const kidFor = (subject: unknown, fragment: string | null, raw: unknown): unknown =>
    fragment === null
      ? raw
      : `${typeof subject === 'string' ? subject : 'did:web:hostile.example'}#${fragment}`;
  const keyArb = fc
    .tuple(
      fc.oneof(
        { arbitrary: fc.constantFrom('key-1', 'key-2', 'k'), weight: 18 },
        fc.constantFrom('', 'a b', 'é', '#', '%zz'),
        printable(20, 1),
        fc.constant(null),
      ),
      fc.oneof(fc.string({ maxLength: 30 }), fc.jsonValue({ maxDepth: 1 })),
      jwkArb,
    )
    .map(([fragment, raw, jwk]) => (subject: unknown) => ({ kid: kidFor(subject, fragment, raw), jwk }));
  const textArb = fc.oneof(
    { arbitrary: printable(40, 1), weight: 18 },
    fc.string({ maxLength: 600 }),
    fc.jsonValue({ maxDepth: 1 }),
  );
  const identityArb = fc
    .record(
      {
        subject: subjectArb,
        legalName: textArb,
        registeredId: textArb,
        idScheme: fc.oneof(
          { arbitrary: fc.constant({ id: 'https://register.example/', name: 'Register' }), weight: 18 },
          fc.record({ id: printable(30), name: printable(20) }),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        country: fc.oneof(
          { arbitrary: fc.constantFrom('CAN', 'COD', 'FIN'), weight: 18 },
          fc.constantFrom('ZZZ', 'AAA', 'can', 'CA', 'CANA', '', 124),
        ),
        roles: fc.oneof(
          {
            arbitrary: fc.subarray(['producer', 'auditor', 'regulator', 'certifier', 'witness']),
            weight: 18,
          },
          fc.constantFrom(['emperor'], 'producer', ['producer', 'producer'], null),
          fc.jsonValue({ maxDepth: 1 }),
        ),
        // Given the subject, since a valid kid is a DID URL of it.
        keys: fc.oneof(
          {
            arbitrary: fc.array(keyArb, { minLength: 1, maxLength: 3 }).map(
              (keys) =>
                (subject: unknown): unknown =>
                  keys.map((k) => k(subject)),
            ),
            weight: 18,
          },
          { arbitrary: fc.constant((): unknown => []), weight: 1 },
          { arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => (): unknown => v), weight: 1 },
        ),
        validFrom: fc.oneof(
          { arbitrary: fc.constantFrom('2021-01-01T00:00:00Z', '2024-06-01T00:00:00.000+02:00'), weight: 6 },
          fc.constantFrom(
            '1969-12-31T23:59:59Z',
            '2999-01-01T00:00:00Z',
            '2021-02-30T00:00:00Z',
            'yesterday',
            '',
          ),
        ),
        extra: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: ['subject', 'legalName', 'registeredId', 'idScheme', 'country', 'roles', 'keys'] },
    )
    .map(({ keys, ...body }) => ({ ...body, keys: keys(body.subject) }));
  const authArb: fc.Arbitrary<string | undefined> = fc.oneof(
    { arbitrary: fc.constant(`Bearer ${TOKEN}`), weight: 4 },
    {
      arbitrary: fc.constantFrom(
        undefined,
        `Bearer ${TOKEN} `,
        'Bearer wrong',
        'Bearer ',
        `Basic ${TOKEN}`,
        `bearer ${TOKEN}`,
        TOKEN,
        'Bearer a.b.c',
      ),
      weight: 3,
    },
    { arbitrary: printable(80), weight: 1 },
  );

  it('answers 201 only to a valid registration with the token; otherwise a 4xx problem', async () => {
    const registered = new Map<string, Set<string>>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { arbitrary: identityArb.map((b) => JSON.stringify(b)), weight: 4 },
          { arbitrary: bodyArb, weight: 1 },
        ),
        authArb,
        fc.oneof(
          { arbitrary: fc.constant('application/json'), weight: 4 },
          { arbitrary: contentTypeArb, weight: 1 },
        ),
        async (body, auth, type) => {
          const res = await app.inject({
            method: 'POST',
            url: '/v1/operator/identities',
            headers: {
              ...(auth !== undefined && { authorization: auth }),
              ...(type && { 'content-type': type }),
            },
            payload: body,
          });
          const context = `${auth} ${type} ${JSON.stringify(String(body).slice(0, 300))}`;
          if (res.statusCode === 201 || res.statusCode === 200) {
            // The scheme is case-insensitive (RFC 9110 §11.1); the token is not.
            expect(/^bearer[ \t]+(.*?)[ \t]*$/is.exec(auth ?? '')?.[1], context).toBe(TOKEN);
            expect(['created', 'duplicate']).toContain(await registration(res, context));
            const { subject, keys } = JSON.parse(String(body)) as {
              subject: string;
              keys: { kid: string }[];
            };
            expect(subject, context).toMatch(/^did:web:hostile(-\d+)?\.example$/);
            const kids = registered.get(subject) ?? new Set<string>();
            for (const { kid } of keys) {
              expect(kid.startsWith(`${subject}#`), context).toBe(true);
              kids.add(kid);
              registeredKids.add(kid);
            }
            registered.set(subject, kids);
            return;
          }
          const code = expectProblem(res, context);
          if (auth === undefined || !/^bearer[ \t]/i.test(auth)) expect(code, context).toBe('UNAUTHORIZED');
        },
      ),
      { numRuns: 800 },
    );
    // Every organisation registered is served with every key it was given, public parts only.
    expect(registered.size, 'some hostile-looking registrations are valid').toBeGreaterThan(0);
    for (const [did, kids] of registered) {
      const res = await app.inject(`/v1/organizations/${encodeURIComponent(did)}`);
      expect(res.statusCode).toBe(200);
      const org = res.json() as { keys: { kid: string; jwk: Record<string, unknown> }[] };
      expect(org.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([...kids]));
      for (const k of org.keys) expect(Object.keys(k.jwk).sort(), k.kid).toEqual(['crv', 'kty', 'x']);
    }
    for (const signer of [t.signer, other]) {
      const org = (await app.inject(`/v1/organizations/${encodeURIComponent(didOf(signer))}`)).json();
      expect(org.keys.map((k: { kid: string }) => k.kid)).toEqual([signer.kid]);
    }
    await expectHealthy();
  });

  it.each<[string, Record<string, string>, string, number, ProblemCode]>([
    ['no token, invalid body', {}, '{"nonsense": true}', 401, 'UNAUTHORIZED'],
    ['no token, malformed JSON', {}, '{"subject":', 401, 'UNAUTHORIZED'],
    ['a wrong token, invalid body', { authorization: 'Bearer wrong-token' }, '[]', 403, 'FORBIDDEN'],
    ['an access token', { authorization: 'Bearer a.b.c' }, '{}', 403, 'FORBIDDEN'],
    ['the token, an empty object', AUTH, '{}', 400, 'VALIDATION'],
    ['the token, malformed JSON', AUTH, '{"subject":', 400, 'MALFORMED_BODY'],
  ])('answers %s with its problem, the operator check first', async (_what, headers, body, status, code) => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/operator/identities',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: body,
    });
    expect(expectProblem(res, _what)).toBe(code);
    expect(res.statusCode).toBe(status);
  });
});

describe('mutations of a valid signed JWS', () => {
  const ALPHABET = [...'ABCXYZabcxyz0189-_'];
  const HOSTILE = [
    '.',
    '=',
    '+',
    '/',
    ' ',
    '\t',
    '\n',
    '%',
    '"',
    '\\',
    '\u0000',
    'é',
    '\u00a0',
    '\u2028',
    '\ud800',
    '\udfff',
    '😀',
  ];
  const charArb = fc.oneof(
    fc.constantFrom(...ALPHABET, ...HOSTILE),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );
  const parts = (): [string, string, string] => base.split('.') as [string, string, string];
  const edit = (part: number, f: (p: string) => string): string => {
    const ps = parts();
    ps[part] = f(ps[part]!);
    return ps.join('.');
  };
  const at = (s: string, i: number): number => i % (s.length + 1);

  // Mutations of the bytes: none of them is the original statement (whitespace around it aside).
  const byteMutation = fc.oneof(
    fc
      .tuple(fc.nat(2), fc.nat(), charArb)
      .map(([p, i, c]) =>
        edit(
          p,
          (s) =>
            s.slice(0, at(s, i) % Math.max(1, s.length)) +
            c +
            s.slice((at(s, i) % Math.max(1, s.length)) + 1),
        ),
      ),
    fc
      .tuple(fc.nat(2), fc.nat(), charArb)
      .map(([p, i, c]) => edit(p, (s) => s.slice(0, at(s, i)) + c + s.slice(at(s, i)))),
    fc
      .tuple(fc.nat(2), fc.nat(), fc.integer({ min: 1, max: 5 }))
      .map(([p, i, n]) => edit(p, (s) => s.slice(0, at(s, i)) + s.slice(at(s, i) + n))),
    fc
      .constantFrom([1, 0, 2], [0, 2, 1], [2, 1, 0], [1, 2, 0], [2, 0, 1], [0, 0, 2], [0, 1, 1])
      .map((order) => order.map((i) => parts()[i]).join('.')),
    fc
      .constantFrom('.', '..', '.x', '.e30', 'sig')
      .map((extra) => base + (extra === 'sig' ? `.${parts()[2]}` : extra)),
    fc.nat(3).map((k) => parts().slice(0, k).join('.')),
    fc.tuple(fc.nat(2), fc.constantFrom('=', '==', '===')).map(([p, pad]) => edit(p, (s) => s + pad)),
    fc
      .tuple(fc.nat(), fc.constantFrom(' ', '\t', '\r\n', '\u00a0', '\u2028', '\ufeff'))
      .map(([i, w]) => base.slice(0, at(base, i)) + w + base.slice(at(base, i))),
    fc.nat().map((n) => base.slice(0, n % base.length)),
    fc.constant(null).map(() => base.replaceAll('-', '+').replaceAll('_', '/')),
    fc.constant(null).map(() => base.toUpperCase()),
    fc.constant(null).map(() => `${base}\u0000`),
  );

  it('never registers a changed statement: 4xx problems (or, for surrounding whitespace, the original)', async () => {
    await fc.assert(
      fc.asyncProperty(byteMutation, fc.boolean(), async (jws, asJson) => {
        const res = asJson
          ? await postStatement(JSON.stringify({ jws }), 'application/json')
          : await postStatement(jws, 'application/jose');
        const outcome = await registration(res, JSON.stringify(jws));
        if (outcome === 'created' || outcome === 'duplicate') {
          // Whitespace around the JWS is dropped in both body forms; nothing else may register.
          expect(jws.trim(), JSON.stringify(jws)).toBe(base);
        }
      }),
      { numRuns: 1500 },
    );
    await expectHealthy();
  });

  // Re-encoded headers and payloads, correctly signed, so each is judged on its content.
  const kidArb = fc.oneof(
    { arbitrary: fc.constant(null).map(() => t.signer.kid), weight: 4 },
    { arbitrary: fc.constant(null).map(() => other.kid), weight: 4 },
    {
      // Kids the registry does not know: of an unregistered organisation, and one a registered
      // organisation never bound.
      arbitrary: fc.constantFrom('did:web:unknown.example#key-1', 'did:web:refiner.example#key-2'),
      weight: 2,
    },
    fc.constantFrom(
      'did:web:refiner.example', // the bare DID
      'did:web:refiner.example#',
      '',
      'x'.repeat(2048),
      'x'.repeat(2049),
      'did:web:ünïcødé.example#κλειδί',
      '\ud800',
      'did:web:refiner.example#key-1\u0000',
    ),
    fc.string({ maxLength: 40 }),
    fc.jsonValue({ maxDepth: 1 }),
  );
  const algArb = fc.oneof(
    { arbitrary: fc.constant('EdDSA'), weight: 8 },
    fc.constantFrom('none', 'HS256', 'RS256', 'ES256', 'Ed25519', 'eddsa', 'EdDSA ', ''),
    fc.jsonValue({ maxDepth: 1 }),
  );
  const headerArb = fc
    .tuple(
      algArb,
      kidArb,
      fc.option(fc.constantFrom('vc+jwt', 'JWT', 42)),
      fc.oneof(
        { arbitrary: fc.constant({}), weight: 8 },
        { arbitrary: fc.constantFrom(['exp'], [], 'b64', null).map((crit) => ({ crit })), weight: 1 },
        { arbitrary: fc.constantFrom(false, true, null).map((b64) => ({ b64 })), weight: 1 },
      ),
      fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })),
    )
    .map(([alg, kid, typ, special, extra]) =>
      JSON.stringify({ ...extra, alg, kid, ...(typ !== null && { typ }), ...special }),
    );
  const rawHeaderArb = fc.oneof(
    headerArb,
    headerArb,
    headerArb,
    fc.constantFrom('[]', '"EdDSA"', 'null', '42', '{', '', '{"alg":"EdDSA","kid":"a","kid":1}'),
    fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 40 }),
  );
  const rawPayloadArb: fc.Arbitrary<string | Buffer> = fc.oneof(
    {
      arbitrary: fc
        .dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }))
        .map((o) => JSON.stringify(o)),
      weight: 3,
    },
    fc.constantFrom(
      'hello',
      '[1,2]',
      '1',
      'null',
      '"x"',
      '',
      ' {}',
      '\ufeff{}',
      '{',
      '{"a":1}{',
      '{"a":1}',
      '{}',
    ),
    fc.json({ maxDepth: 3 }),
    fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 })).map((o) => JSON.stringify(o)),
    fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    fc.string({ unit: 'binary', maxLength: 100 }),
  );
  /**
   * Credentials, mostly well formed and issued by the DID of the header's kid (so that the key, the
   * signature and the time are what decides), some with a broken envelope, issuer, id or time.
   */
  const credentialArb = fc
    .record({
      context: fc.oneof(
        { arbitrary: fc.constant([VC_V2_CONTEXT]), weight: 8 },
        fc.constantFrom([], VC_V2_CONTEXT, ['https://example.org/'], null),
      ),
      type: fc.oneof(
        { arbitrary: fc.constant(['VerifiableCredential', 'ExampleAttestation']), weight: 8 },
        fc.constantFrom(['ExampleAttestation'], 'VerifiableCredential', ['VerifiableCredential', 7], []),
      ),
      issuer: fc.oneof(
        { arbitrary: fc.constantFrom('kid', 'kid-object'), weight: 6 },
        { arbitrary: fc.constantFrom('did:web:mine.example', 'did:web:refiner.example'), weight: 2 },
        fc.constantFrom('not-a-did', { name: 'x' }),
      ),
      id: fc.option(fc.constantFrom('urn:uuid:00000000-0000-4000-8000-00000000abcd', 'not a uri', 42), {
        freq: 2,
      }),
      validFrom: fc.option(
        fc.constantFrom('2021-06-01T00:00:00Z', '2019-06-01T00:00:00Z', '2999-01-01T00:00:00Z', 'soon'),
        { freq: 2 },
      ),
      subject: fc.jsonValue({ maxDepth: 2 }),
      extra: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
      nonce: fc.nat(),
    })
    .map((c) => (kid: unknown): string => {
      const did = typeof kid === 'string' ? kid.split('#')[0]! : 'did:web:refiner.example';
      const issuer =
        c.issuer === 'kid' ? did : c.issuer === 'kid-object' ? { id: did, name: 'Issuer' } : c.issuer;
      return JSON.stringify({
        ...c.extra,
        '@context': c.context,
        type: c.type,
        ...(c.id !== null && { id: c.id }),
        issuer,
        ...(c.validFrom !== null && { validFrom: c.validFrom }),
        credentialSubject: c.subject,
        nonce: c.nonce,
      });
    });
  /** A payload, given the header's kid. */
  const payloadArb: fc.Arbitrary<(kid: unknown) => string | Buffer> = fc.oneof(
    { arbitrary: credentialArb, weight: 3 },
    { arbitrary: rawPayloadArb.map((p) => () => p), weight: 2 },
  );
  const kidOf = (header: string): unknown => {
    try {
      return (JSON.parse(header) as { kid?: unknown }).kid;
    } catch {
      return undefined;
    }
  };

  /**
   * What the node may answer, judged from the header and payload in the order it checks: the JWS, then the
   * payload (a JSON object, then a credential, whose issuer the kid must belong to), then the registry (the
   * kid is a registered key, active at the statement's time), then the signature, then the rules (a time
   * not in the future).
   */
  function expected(
    header: string,
    payload: string | Buffer,
    signerKid: string,
  ): (ProblemCode | 'created')[] {
    let h: unknown;
    try {
      h = JSON.parse(Buffer.from(header, 'utf8').toString('utf8'));
    } catch {
      return ['STATEMENT_MALFORMED'];
    }
    if (typeof h !== 'object' || h === null || Array.isArray(h)) return ['STATEMENT_MALFORMED'];
    const { alg, crit, b64, kid } = h as Record<string, unknown>;
    if (alg !== 'EdDSA' || crit !== undefined || b64 !== undefined) return ['STATEMENT_UNSUPPORTED'];
    if (typeof kid !== 'string' || kid.length === 0 || kid.length > 2048) return ['STATEMENT_MALFORMED'];
    let p: unknown;
    try {
      p = JSON.parse(Buffer.from(payload).toString('utf8'));
    } catch {
      p = undefined;
    }
    const object =
      typeof p === 'object' && p !== null && !Array.isArray(p) && Buffer.from(payload)[0] === 0x7b;
    if (!object) return ['STATEMENT_BAD_PAYLOAD'];
    // The credential parser (src/interop, tested on its own) is the oracle for the INTEROP_* codes.
    let statement: SupplyStatement;
    try {
      statement = parseCredential(p, { kid });
    } catch (err) {
      return [(err as InteropError).code as ProblemCode];
    }
    const hash = kid.indexOf('#');
    if (!(hash > 0 && hash < kid.length - 1 && kid.slice(0, hash) === statement.issuer)) {
      return ['IDENTITY_ISSUER_MISMATCH'];
    }
    if (kid !== t.signer.kid && kid !== other.kid) {
      return registeredKids.has(kid)
        ? ['IDENTITY_KEY_INACTIVE', 'STATEMENT_BAD_SIGNATURE']
        : ['IDENTITY_UNKNOWN_KEY'];
    }
    // A credential without validFrom speaks for its registration time, now.
    const time = statement.time === '' ? Date.now() : Date.parse(statement.time);
    if (time < Date.parse(KEYS_FROM)) return ['IDENTITY_KEY_INACTIVE'];
    if (kid !== signerKid) return ['STATEMENT_BAD_SIGNATURE'];
    if (time > Date.now() + 5 * 60_000) return ['CUSTODY_FUTURE_TIME'];
    return ['created'];
  }

  it('judges re-encoded headers and payloads exactly: alg, crit, b64, kid, payload, credential, key, signature', async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(rawHeaderArb, payloadArb, fc.boolean(), async (header, payloadFor, byOther) => {
        const signer = byOther ? other : t.signer;
        const payload = payloadFor(kidOf(header));
        const jws = signRaw(header, payload, signer.keys.privateKey);
        const res = await postStatement(jws, 'application/jose');
        const context = `${header} ${JSON.stringify(String(payload))} by ${signer.kid}`;
        const outcome = await registration(res, context);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        // A statement registered before (e.g. `{}` twice) is a duplicate of the first.
        expect(expected(header, payload, signer.kid), context).toContain(
          outcome === 'duplicate' ? 'created' : outcome,
        );
      }),
      { numRuns: 1500 },
    );
    // Each stage of the pipeline decided some cases.
    for (const stage of [
      'created',
      'STATEMENT_MALFORMED',
      'STATEMENT_UNSUPPORTED',
      'STATEMENT_BAD_PAYLOAD',
      'INTEROP_NOT_A_CREDENTIAL',
      'INTEROP_ISSUER_MISMATCH',
      'IDENTITY_UNKNOWN_KEY',
      'STATEMENT_BAD_SIGNATURE',
    ]) {
      expect(outcomes.get(stage) ?? 0, `${stage} in ${JSON.stringify([...outcomes])}`).toBeGreaterThan(0);
    }
    await expectHealthy();
  });

  const credential = (signer: TestSigner, n: number): string => JSON.stringify(payloadOf(signer, n));
  it.each<[string, () => string, number, ProblemCode]>([
    [
      'alg none',
      () => signRaw(JSON.stringify({ alg: 'none', kid: t.signer.kid }), '{}', t.signer.keys.privateKey),
      400,
      'STATEMENT_UNSUPPORTED',
    ],
    [
      'alg none, no signature',
      () => `${b64u(JSON.stringify({ alg: 'none', kid: t.signer.kid }))}.${b64u('{}')}.`,
      400,
      'STATEMENT_UNSUPPORTED',
    ],
    [
      'alg HS256',
      () => signRaw(JSON.stringify({ alg: 'HS256', kid: t.signer.kid }), '{}', t.signer.keys.privateKey),
      400,
      'STATEMENT_UNSUPPORTED',
    ],
    [
      'a crit header',
      () =>
        signRaw(
          JSON.stringify({ alg: 'EdDSA', kid: t.signer.kid, crit: ['exp'], exp: 1 }),
          '{}',
          t.signer.keys.privateKey,
        ),
      400,
      'STATEMENT_UNSUPPORTED',
    ],
    [
      'b64: false',
      () =>
        signRaw(
          JSON.stringify({ alg: 'EdDSA', kid: t.signer.kid, b64: false, crit: ['b64'] }),
          '{}',
          t.signer.keys.privateKey,
        ),
      400,
      'STATEMENT_UNSUPPORTED',
    ],
    [
      'the kid of another key',
      () =>
        signRaw(
          JSON.stringify({ alg: 'EdDSA', kid: other.kid }),
          credential(other, 11),
          t.signer.keys.privateKey,
        ),
      422,
      'STATEMENT_BAD_SIGNATURE',
    ],
    [
      'an unknown kid',
      () =>
        signRaw(
          JSON.stringify({ alg: 'EdDSA', kid: 'did:web:nobody.example#1' }),
          JSON.stringify({ ...samplePayload(12), issuer: 'did:web:nobody.example' }),
          t.signer.keys.privateKey,
        ),
      422,
      'IDENTITY_UNKNOWN_KEY',
    ],
    [
      'a kid the signer’s organisation never registered',
      () =>
        signRaw(
          JSON.stringify({ alg: 'EdDSA', kid: 'did:web:refiner.example#key-2' }),
          credential(t.signer, 13),
          t.signer.keys.privateKey,
        ),
      422,
      'IDENTITY_UNKNOWN_KEY',
    ],
    [
      'a kid of 2049 characters',
      () => signRaw(JSON.stringify({ alg: 'EdDSA', kid: 'k'.repeat(2049) }), '{}', t.signer.keys.privateKey),
      400,
      'STATEMENT_MALFORMED',
    ],
    [
      'a lone-surrogate kid',
      () =>
        signRaw(
          JSON.stringify({ alg: 'EdDSA', kid: '\ud800' }),
          credential(t.signer, 14),
          t.signer.keys.privateKey,
        ),
      422,
      'INTEROP_ISSUER_MISMATCH',
    ],
    [
      'a credential of another issuer than the kid',
      () =>
        signRaw(
          JSON.stringify({ alg: 'EdDSA', kid: t.signer.kid }),
          credential(other, 15),
          t.signer.keys.privateKey,
        ),
      422,
      'INTEROP_ISSUER_MISMATCH',
    ],
    [
      'the bare DID as kid',
      () =>
        signRaw(
          JSON.stringify({ alg: 'EdDSA', kid: didOf(t.signer) }),
          credential(t.signer, 16),
          t.signer.keys.privateKey,
        ),
      422,
      'IDENTITY_ISSUER_MISMATCH',
    ],
    [
      'a credential dated before its key was active',
      () =>
        signRaw(
          JSON.stringify({ alg: 'EdDSA', kid: t.signer.kid }),
          JSON.stringify({ ...payloadOf(t.signer, 17), validFrom: '2019-06-01T00:00:00Z' }),
          t.signer.keys.privateKey,
        ),
      422,
      'IDENTITY_KEY_INACTIVE',
    ],
    [
      'a credential dated in the future',
      () =>
        signRaw(
          JSON.stringify({ alg: 'EdDSA', kid: t.signer.kid }),
          JSON.stringify({ ...payloadOf(t.signer, 18), validFrom: '2999-01-01T00:00:00Z' }),
          t.signer.keys.privateKey,
        ),
      422,
      'CUSTODY_FUTURE_TIME',
    ],
    [
      'a payload that is not JSON',
      () =>
        signRaw(JSON.stringify({ alg: 'EdDSA', kid: t.signer.kid }), 'not json', t.signer.keys.privateKey),
      422,
      'STATEMENT_BAD_PAYLOAD',
    ],
    [
      'a payload array',
      () => signRaw(JSON.stringify({ alg: 'EdDSA', kid: t.signer.kid }), '[{}]', t.signer.keys.privateKey),
      422,
      'STATEMENT_BAD_PAYLOAD',
    ],
    [
      'a JSON object that is no credential',
      () => signRaw(JSON.stringify({ alg: 'EdDSA', kid: t.signer.kid }), '{"b":2}', t.signer.keys.privateKey),
      422,
      'INTEROP_NOT_A_CREDENTIAL',
    ],
    [
      'a signature by a key nobody registered',
      () =>
        signRaw(
          JSON.stringify({ alg: 'EdDSA', kid: t.signer.kid }),
          credential(t.signer, 19),
          generateEd25519().privateKey,
        ),
      422,
      'STATEMENT_BAD_SIGNATURE',
    ],
    [
      'bad base64 in the signature',
      () => `${base.slice(0, base.lastIndexOf('.'))}.***`,
      400,
      'STATEMENT_MALFORMED',
    ],
    ['padding', () => `${base}=`, 400, 'STATEMENT_MALFORMED'],
    ['an extra part', () => `${base}.${base.split('.')[2]}`, 400, 'STATEMENT_MALFORMED'],
    ['whitespace inside', () => base.replace('.', ' .'), 400, 'STATEMENT_MALFORMED'],
  ])('answers %s with its problem', async (_what, jws, status, code) => {
    const res = await postStatement(jws(), 'application/jose');
    expect(expectProblem(res, _what)).toBe(code);
    expect(res.statusCode).toBe(status);
  });
});

describe('hostile paths and queries', () => {
  const hex = (n: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
  const urlSafe = fc.constantFrom(..."abcxyzABCXYZ0189-._~!$&'()*+,;=:@");
  const segment = fc.oneof(
    fc.nat({ max: 400 }).map((n) => String(n).padStart(3, '0')),
    fc.nat().map(String),
    fc.constantFrom(
      'entries',
      'x000',
      'x001',
      'x999',
      '000.p',
      '001.p',
      '.p',
      '..',
      '.',
      '',
      '%2e%2e',
      '%2E',
      '%2F',
      '%2f..',
      '%00',
      '%zz',
      '%',
      '%%',
      '%c0%af',
      '%ff',
      'p',
      '256',
      '255',
      '000',
      '0',
      '00',
      '0000',
      '-1',
      '1e3',
      '0x1',
      ' ',
      '%20',
      '%0a',
      '\u00e9',
      '😀',
    ),
    fc.string({ unit: urlSafe, maxLength: 12 }),
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
  );
  const idArb = fc.oneof(
    hex(64),
    hex(63),
    hex(65),
    hex(64).map((h) => h.toUpperCase()),
    fc.constant(null).map(() => [...created][0]!),
    segment,
  );
  const valueArb = fc.oneof(
    fc.integer().map(String),
    fc.nat({ max: 5 }).map(String),
    fc.double().map(String),
    fc.constantFrom(
      '-1',
      '0',
      '1',
      '2',
      '1.5',
      '1.0',
      '1e3',
      '1e400',
      '-0',
      '0x10',
      '010',
      ' 1',
      '1 ',
      '+1',
      '',
      'NaN',
      'Infinity',
      '9007199254740991',
      '9007199254740992',
      '99999999999999999999',
      'true',
      'null',
      '[]',
      '%zz',
      '%00',
      'json',
      'tlog-proof',
      'JSON',
      'abc',
    ),
    fc.string({ maxLength: 10 }).map(encodeURIComponent),
  );
  const queryArb = fc
    .array(
      fc.tuple(
        fc.constantFrom(
          'index',
          'size',
          'first',
          'second',
          'format',
          'limit',
          'after',
          'country',
          'kind',
          'operator',
          'status',
          'x',
          '',
          'index[]',
          '__proto__',
        ),
        valueArb,
      ),
      { maxLength: 4 },
    )
    .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`));
  const pathArb = fc.oneof(
    fc.array(segment, { maxLength: 6 }).map((s) => `/log/tile/${s.join('/')}`),
    fc
      .tuple(fc.nat({ max: 70 }), fc.nat({ max: 3 }), fc.option(fc.nat({ max: 300 })))
      .map(([l, n, w]) => `/log/tile/${l}/${String(n).padStart(3, '0')}${w === null ? '' : `.p/${w}`}`),
    fc.tuple(idArb, queryArb).map(([id, q]) => `/v1/statements/${id}/receipt${q}`),
    idArb.map((id) => `/v1/statements/${id}`),
    fc
      .tuple(fc.constantFrom('inclusion', 'consistency', 'Inclusion', '', 'inclusion/', '..'), queryArb)
      .map(([kind, q]) => `/v1/log/proof/${kind}${q}`),
    fc
      .tuple(
        fc.constantFrom('organizations', 'facilities', 'batches'),
        fc.oneof(
          fc.constant(''),
          fc.constantFrom(
            'did%3Aweb%3Arefiner.example',
            'did:web:mine.example',
            'https%3A%2F%2Frefiner.example%2Ffacilities%2Fkokkola',
          ),
          segment,
        ),
        fc.constantFrom('', '/provenance', '/history', '/x'),
        queryArb,
      )
      .map(([what, id, sub, q]) => `/v1/${what}${id === '' ? '' : `/${id}`}${sub}${q}`),
  );

  it('answers every path and query with its 2xx or a 4xx problem, never a 5xx', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        pathArb,
        fc.oneof(
          { arbitrary: fc.constant('GET'), weight: 8 },
          { arbitrary: fc.constantFrom('POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS'), weight: 1 },
        ),
        fc.boolean(),
        async (url, method, auth) => {
          const res = await app.inject({ method: method as 'GET', url, ...(auth && { headers: AUTH }) });
          seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode === 200) {
            expect(method, url).toBe('GET');
            expect(String(res.headers['content-type']), url).not.toMatch(/problem/);
          } else expectProblem(res, `${method} ${url}`);
        },
      ),
      { numRuns: 2500 },
    );
    expect(seen.get(200), 'some hostile-looking requests are valid').toBeGreaterThan(0);
    await expectHealthy();
  });

  it.each<[string, number, ProblemCode[]]>([
    ['/v1/statements/%zz/receipt', 400, ['BAD_REQUEST']],
    ['/log/tile/0/%zz', 400, ['BAD_REQUEST']],
    ['/log/tile/0/../../../etc/passwd', 404, ['NOT_FOUND', 'LOG_TILE_PATH']],
    ['/log/tile/0/%2e%2e/%2e%2e/etc/passwd', 404, ['NOT_FOUND', 'LOG_TILE_PATH']],
    ['/log/tile/0/x000/000', 404, ['LOG_TILE_PATH']],
    ['/log/tile/0/000.p/0', 404, ['LOG_TILE_PATH']],
    ['/log/tile/entries/000', 404, ['TILE_NOT_FOUND']],
    ['/v1/log/proof/inclusion?index=-1', 400, ['VALIDATION']],
    ['/v1/log/proof/inclusion?index=1.5', 400, ['VALIDATION']],
    ['/v1/log/proof/inclusion?index=abc', 400, ['VALIDATION']],
    // Coerced to Infinity by the schema's number parsing, then out of range.
    ['/v1/log/proof/inclusion?index=1e400', 400, ['VALIDATION', 'BAD_QUERY']],
    ['/v1/log/proof/inclusion?index=9007199254740992', 400, ['VALIDATION']],
    ['/v1/log/proof/inclusion?index=0&index=1', 400, ['VALIDATION']],
    ['/v1/log/proof/inclusion?index=0&size=99999', 400, ['BAD_QUERY']],
    ['/v1/log/proof/consistency?first=0', 400, ['BAD_QUERY']],
    ['/v1/log/proof/consistency?first=1&second=1e400', 400, ['VALIDATION', 'BAD_QUERY']],
    ['/v1/statements/abc/receipt?format=xml', 400, ['VALIDATION']],
    [`/v1/statements/${'0'.repeat(64)}/receipt`, 404, ['STATEMENT_NOT_FOUND']],
    // Anyone may ask (registry statements are public); a statement one may not read is not found.
    ['/v1/statements/xyz', 400, ['VALIDATION']],
    [`/v1/statements/${'0'.repeat(64)}`, 404, ['STATEMENT_NOT_FOUND']],
    ['/v1/organizations/did%3Aweb%3Anobody.example', 404, ['REGISTRY_NOT_FOUND']],
    ['/v1/organizations?limit=0', 400, ['VALIDATION']],
    ['/v1/organizations?country=%00', 400, ['VALIDATION']],
    ['/v1/facilities?kind=volcano', 400, ['VALIDATION']],
    ['/v1/facilities/x', 404, ['REGISTRY_NOT_FOUND']],
    // Batches are confidential: no answer at all without credentials.
    ['/v1/batches', 401, ['ACCESS_REQUIRED']],
    ['/v1/batches/https%3A%2F%2Fx.example%2Flot', 401, ['ACCESS_REQUIRED']],
  ])('answers %s with %i %s', async (url, status, codes) => {
    const res = await app.inject(url);
    expect(codes).toContain(expectProblem(res, url));
    expect(res.statusCode).toBe(status);
  });
});

describe('over a real socket', () => {
  let url: string;
  let port: number;
  beforeAll(async () => {
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    port = Number(new URL(url).port);
  });

  const asRes = async (r: Response): Promise<Res> => ({
    statusCode: r.status,
    headers: Object.fromEntries(r.headers),
    body: await r.text(),
  });

  it('registers with fetch, and answers bad JSON and oversized bodies with problems', async () => {
    const jws = t.signer.sign(samplePayload(3));
    const ok = await fetch(`${url}/v1/statements`, {
      method: 'POST',
      headers: { 'content-type': 'application/jose' },
      body: jws,
    });
    expect(await registration(await asRes(ok), 'fetch')).toBe('created');
    const bad = await fetch(`${url}/v1/statements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"jws":',
    });
    expect(expectProblem(await asRes(bad), 'bad JSON')).toBe('MALFORMED_BODY');
    const big = await fetch(`${url}/v1/statements`, {
      method: 'POST',
      headers: { 'content-type': 'application/jose' },
      body: 'a'.repeat(2 * 1024 * 1024),
    });
    expect(expectProblem(await asRes(big), 'big')).toBe('BODY_TOO_LARGE');
    const identity = await fetch(`${url}/v1/operator/identities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(expectProblem(await asRes(identity), 'identity')).toBe('UNAUTHORIZED');
  });

  it('answers a chunked body that grows past the limit with 413', async () => {
    const chunks = (async function* () {
      for (let i = 0; i < 40; i++) yield new Uint8Array(64 * 1024).fill(0x61);
    })();
    const res = await fetch(`${url}/v1/statements`, {
      method: 'POST',
      headers: { 'content-type': 'application/jose' },
      body: chunks as unknown as RequestInit['body'],
      duplex: 'half',
    } as RequestInit);
    expect(expectProblem(await asRes(res), 'chunked')).toBe('BODY_TOO_LARGE');
  });

  /** Write raw bytes, optionally half-close, and read whatever comes back until the server closes. */
  function raw(data: string | Buffer, options: { end?: boolean } = {}): Promise<Res & { raw: string }> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      const received: Buffer[] = [];
      const timer = setTimeout(() => socket.destroy(), 3000);
      socket.on('data', (d) => received.push(d));
      socket.on('error', () => {});
      socket.on('close', () => {
        clearTimeout(timer);
        const text = Buffer.concat(received).toString('latin1');
        // Skip interim responses (100 Continue) to the final one.
        const final = text.replace(/^(?:HTTP\/1\.1 1\d\d [^\r]*\r\n(?:[^\r]+\r\n)*\r\n)+/, '');
        const [head = '', ...rest] = final.split('\r\n\r\n');
        const [statusLine = '', ...lines] = head.split('\r\n');
        const status = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine);
        if (!status) return reject(new Error(`no HTTP response: ${JSON.stringify(text.slice(0, 200))}`));
        const headers = Object.fromEntries(
          lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        );
        // Only the first response: a pipelined remainder may be answered too.
        const length = Number(headers['content-length'] ?? Number.NaN);
        const body = rest.join('\r\n\r\n');
        resolve({
          statusCode: Number(status[1]),
          headers,
          body: Number.isNaN(length) ? body : body.slice(0, length),
          raw: text,
        });
      });
      socket.write(data, () => {
        if (options.end) socket.end();
      });
    });
  }

  const jose = (extra: string) =>
    `POST /v1/statements HTTP/1.1\r\nHost: x\r\nContent-Type: application/jose\r\nConnection: close\r\n${extra}`;

  it.each<[string, () => string | Buffer, boolean, number]>([
    ['an HTTP/1.1 request without Host', () => 'GET /healthz HTTP/1.1\r\n\r\n', false, 400],
    ['CONNECT', () => 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', false, 404],
    ['a garbage request line', () => 'GARBAGE\r\n\r\n', false, 400],
    ['an unknown HTTP version', () => 'GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n', false, 400],
    ['a space in the path', () => 'GET /he althz HTTP/1.1\r\nHost: x\r\n\r\n', false, 400],
    [
      'a control byte in a header name',
      () => 'GET /healthz HTTP/1.1\r\nHost: x\r\nBad\x01Name: v\r\n\r\n',
      false,
      400,
    ],
    ['a NUL in a header value', () => 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n', false, 400],
    ['a bare LF in headers', () => 'GET /healthz HTTP/1.1\nHost: x\nX-A: \x7f\n\n', false, 400],
    [
      'headers over the size limit',
      () => `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
      false,
      431,
    ],
    [
      'Content-Length and chunked together',
      () => jose('Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'),
      false,
      400,
    ],
    ['a bad chunk size', () => jose('Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n'), false, 400],
    ['a truncated chunked body', () => jose('Transfer-Encoding: chunked\r\n\r\n10\r\nabc'), true, 400],
    ['a short body for its Content-Length', () => jose('Content-Length: 100\r\n\r\nabc'), true, 400],
    ['a bad Content-Length', () => jose('Content-Length: -1\r\n\r\nabc'), false, 400],
    [
      'an unknown expectation (ignored)',
      () => jose('Expect: x-hostile\r\nContent-Length: 3\r\n\r\nabc'),
      false,
      400,
    ],
    ['100-continue', () => jose('Expect: 100-continue\r\nContent-Length: 3\r\n\r\nabc'), false, 400],
  ])('answers %s with a problem and keeps serving', async (_what, data, end, status) => {
    const res = await raw(data(), { end });
    expect(res.statusCode, res.raw.slice(0, 300)).toBe(status);
    expectProblem(res, `${_what}: ${res.raw.slice(0, 300)}`);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { size: number }).size).toBe(created.size);
  });

  it('answers a request whose headers time out with a 408 problem', async () => {
    const accepted = new Promise<Socket>((resolve) => app.server.once('connection', resolve));
    const response = raw('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    // What Node emits once headersTimeout has passed (it checks every 30 s: too slow to wait for here).
    const timeout = Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
    app.server.emit('clientError', timeout, await accepted);
    const res = await response;
    expect(expectProblem(res, res.raw)).toBe('REQUEST_TIMEOUT');
    expect(res.statusCode).toBe(408);
  });

  it('answers random malformed HTTP with problems and keeps serving (property)', async () => {
    const bytes = (maxLength: number) =>
      fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength });
    const requestArb = fc
      .record({
        method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'get', 'PRI', ''), bytes(12)),
        path: fc.oneof(
          fc.constantFrom('/healthz', '/v1/statements', '/log/tile/0/000', '*', '', 'http://x/healthz', '//'),
          bytes(30).map((p) => `/${p}`),
        ),
        version: fc.constantFrom(
          'HTTP/1.1',
          'HTTP/1.0',
          'HTTP/2.0',
          'HTTP/1.1 ',
          'HTTX/1.1',
          'HTTP/1.10',
          '',
        ),
        headers: fc.array(
          fc.tuple(
            fc.oneof(
              fc.constantFrom('Host', 'Content-Length', 'Transfer-Encoding', 'Content-Type', 'Expect', ''),
              bytes(12),
            ),
            fc.oneof(
              fc.constantFrom(
                '1',
                '-1',
                'chunked',
                'gzip, chunked',
                'application/jose',
                '100-continue',
                '99999999999999999999',
              ),
              bytes(20),
            ),
          ),
          { maxLength: 5 },
        ),
        eol: fc.constantFrom('\r\n', '\n', '\r', '\r\r\n'),
        body: bytes(40),
      })
      .map(({ method, path, version, headers, eol, body }) =>
        [`${method} ${path} ${version}`, ...headers.map(([k, v]) => `${k}: ${v}`), '', body].join(eol),
      );
    await fc.assert(
      fc.asyncProperty(requestArb, async (request) => {
        const res = await raw(Buffer.from(request, 'latin1'), { end: true });
        const context = `${JSON.stringify(request)} → ${JSON.stringify(res.raw.slice(0, 300))}`;
        if (res.statusCode >= 400) expectProblem(res, context);
        else expect(res.statusCode, context).toBeLessThan(300);
      }),
      { numRuns: 300 },
    );
    const health = await fetch(`${url}/healthz`);
    expect(((await health.json()) as { size: number }).size).toBe(created.size);
  });
});

describe('nothing partial is stored', () => {
  it('the node and its data directory hold exactly the acknowledged registrations', async () => {
    await expectHealthy();
    await app.close();
    await t.node.close();
    const report = auditDataDirectory(t.dir, { vkey });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, size: created.size });
    expect(report.counts).toMatchObject({ entries: created.size, statements: created.size });
  });
});
