import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS,
  CASE_OUTCOMES,
  type CaseActionStatement,
  MAX_JUSTIFICATION_LENGTH,
} from '../../model/index.js';
import type { InteropErrorCode } from '../errors.js';
import { assertSubjectMutationsSafe } from '../testing/subject-mutations.js';
import { FINDING_URN_PREFIX } from './cases.js';
import { CASE_ACTION_TYPE, LODESTONE_CONTEXT, VC_V2_CONTEXT } from './contexts.js';
import { parseCredential } from './parse.js';
import { caseActionCredential } from './trust-build.js';
import type { CredentialIssuerInput } from './wire.js';

// biome-ignore lint/suspicious/noExplicitAny: tests poke hostile shapes into credential JSON.
type Json = any;

const OFFICER: CredentialIssuerInput = { id: 'did:web:officer.example', name: 'Compliance officer' };
const KID = `${OFFICER.id}#key-1`;
const FINDING = '0123456789abcdef'.repeat(4);
const ID = 'urn:uuid:00000000-0000-4000-8000-00000000cafe';
const AT = '2025-03-01T10:00:00Z';
const S = '/credentialSubject';

/** One valid statement of each action. */
const ACTIONS: readonly CaseActionStatement[] = [
  { kind: 'case-action', finding: FINDING, action: 'acknowledge' },
  { kind: 'case-action', finding: FINDING, action: 'acknowledge', justification: 'Seen; looking into it.' },
  { kind: 'case-action', finding: FINDING, action: 'assign', assignee: 'did:web:analyst.example' },
  {
    kind: 'case-action',
    finding: FINDING,
    action: 'assign',
    assignee: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    justification: 'Sanctions desk',
  },
  {
    kind: 'case-action',
    finding: FINDING,
    action: 'resolve',
    outcome: 'false-positive',
    justification: 'Name match on a different entity.',
  },
  { kind: 'case-action', finding: FINDING, action: 'reopen', justification: 'New evidence.' },
];

const build = (action: CaseActionStatement): Json =>
  structuredClone(caseActionCredential(action, OFFICER, { id: ID, validFrom: AT }));
const parse = (vc: unknown) => parseCredential(vc, { kid: KID });

function expectCode(fn: () => unknown, code: InteropErrorCode, path?: string): void {
  expect(fn).toThrow(expect.objectContaining(path === undefined ? { code } : { code, path }));
}

describe('caseActionCredential', () => {
  it('writes a ComplianceCaseAction: extension envelope, the finding as a URN, validFrom the time', () => {
    expect(build(ACTIONS[4] as CaseActionStatement)).toEqual({
      '@context': [VC_V2_CONTEXT, LODESTONE_CONTEXT],
      type: ['VerifiableCredential', CASE_ACTION_TYPE],
      id: ID,
      issuer: OFFICER,
      validFrom: AT,
      credentialSubject: {
        id: `${FINDING_URN_PREFIX}${FINDING}`,
        action: 'resolve',
        justification: 'Name match on a different entity.',
        outcome: 'false-positive',
      },
    });
  });

  it.each(ACTIONS.map((a) => [a.action, a] as const))('round-trips %s through the parser', (_, action) => {
    expect(parse(build(action))).toEqual({
      issuer: OFFICER.id,
      kid: KID,
      credentialId: ID,
      time: AT,
      body: action,
    });
  });

  it('takes every outcome, and a justification of exactly the maximum length', () => {
    for (const outcome of CASE_OUTCOMES) {
      const action: CaseActionStatement = {
        kind: 'case-action',
        finding: FINDING,
        action: 'resolve',
        outcome,
        justification: 'x'.repeat(MAX_JUSTIFICATION_LENGTH),
      };
      expect(parse(build(action)).body).toEqual(action);
    }
  });

  it('defaults validFrom to now', () => {
    const before = Date.now();
    const vc = caseActionCredential(ACTIONS[0] as CaseActionStatement, OFFICER);
    expect(Date.parse(vc.validFrom ?? '')).toBeGreaterThanOrEqual(before - 1);
    expect(vc.id).toMatch(/^urn:uuid:/);
  });

  it.each<[string, CaseActionStatement, string]>([
    [
      'a finding id in upper case',
      { ...(ACTIONS[0] as CaseActionStatement), finding: FINDING.toUpperCase() },
      `${S}/id`,
    ],
    ['a short finding id', { ...(ACTIONS[0] as CaseActionStatement), finding: 'abc' }, `${S}/id`],
    ['assign without assignee', { kind: 'case-action', finding: FINDING, action: 'assign' }, `${S}/assignee`],
    [
      'resolve without outcome',
      { kind: 'case-action', finding: FINDING, action: 'resolve', justification: 'j' },
      `${S}/outcome`,
    ],
    [
      'resolve without justification',
      { kind: 'case-action', finding: FINDING, action: 'resolve', outcome: 'mitigated' },
      `${S}/justification`,
    ],
    [
      'reopen without justification',
      { kind: 'case-action', finding: FINDING, action: 'reopen' },
      `${S}/justification`,
    ],
    [
      'an outcome on acknowledge',
      { ...(ACTIONS[0] as CaseActionStatement), outcome: 'mitigated' },
      `${S}/outcome`,
    ],
    [
      'an assignee on resolve',
      { ...(ACTIONS[4] as CaseActionStatement), assignee: 'did:web:a.example' },
      `${S}/assignee`,
    ],
    [
      'an empty justification',
      { ...(ACTIONS[0] as CaseActionStatement), justification: '' },
      `${S}/justification`,
    ],
  ])('refuses %s', (_, action, path) => {
    expectCode(() => caseActionCredential(action, OFFICER), 'INTEROP_INVALID', path);
  });
});

describe('parseCredential of a ComplianceCaseAction', () => {
  it.each<[string, (vc: Json) => void, InteropErrorCode, string]>([
    [
      'an unknown subject property',
      (vc) => (vc.credentialSubject.note = 'x'),
      'INTEROP_INVALID',
      `${S}/note`,
    ],
    ['no subject id', (vc) => delete vc.credentialSubject.id, 'INTEROP_INVALID', `${S}/id`],
    [
      'a finding URN of another kind',
      (vc) => (vc.credentialSubject.id = `urn:lodestone:case:${FINDING}`),
      'INTEROP_INVALID',
      `${S}/id`,
    ],
    [
      'a finding id with a 65th digit',
      (vc) => (vc.credentialSubject.id += '0'),
      'INTEROP_INVALID',
      `${S}/id`,
    ],
    ['no action', (vc) => delete vc.credentialSubject.action, 'INTEROP_INVALID', `${S}/action`],
    ['an unknown action', (vc) => (vc.credentialSubject.action = 'close'), 'INTEROP_INVALID', `${S}/action`],
    [
      'an unknown outcome',
      (vc) => (vc.credentialSubject.outcome = 'ignored'),
      'INTEROP_INVALID',
      `${S}/outcome`,
    ],
    ['a null outcome', (vc) => (vc.credentialSubject.outcome = null), 'INTEROP_INVALID', `${S}/outcome`],
    [
      'resolve turned into reopen, outcome kept',
      (vc) => (vc.credentialSubject.action = 'reopen'),
      'INTEROP_INVALID',
      `${S}/outcome`,
    ],
    [
      'resolve turned into assign',
      (vc) => (vc.credentialSubject.action = 'assign'),
      'INTEROP_INVALID',
      `${S}/assignee`,
    ],
    [
      'a justification that is not text',
      (vc) => (vc.credentialSubject.justification = 7),
      'INTEROP_INVALID',
      `${S}/justification`,
    ],
    [
      'a justification over 4 000 characters',
      (vc) => (vc.credentialSubject.justification = 'x'.repeat(MAX_JUSTIFICATION_LENGTH + 1)),
      'INTEROP_INVALID',
      `${S}/justification`,
    ],
    [
      'a subject that is a list',
      (vc) => (vc.credentialSubject = [vc.credentialSubject]),
      'INTEROP_INVALID',
      S,
    ],
    ['no validFrom', (vc) => delete vc.validFrom, 'INTEROP_INVALID', '/validFrom'],
    ['a validUntil', (vc) => (vc.validUntil = '2026-01-01T00:00:00Z'), 'INTEROP_INVALID', '/validUntil'],
    [
      'a UNTP-typed issuer',
      (vc) => (vc.issuer.type = ['CredentialIssuer']),
      'INTEROP_INVALID',
      '/issuer/type',
    ],
    ['a third type', (vc) => vc.type.push('AccreditationStatusChange'), 'INTEROP_INVALID', '/type'],
    ['no Lodestone context', (vc) => vc['@context'].pop(), 'INTEROP_INVALID', '/@context'],
  ])('refuses a resolution with %s (%s at %s)', (_, mutate, code, path) => {
    const vc = build(ACTIONS[4] as CaseActionStatement);
    mutate(vc);
    expectCode(() => parse(vc), code, path);
  });

  it('refuses an assignee that is not a DID, and an assign turned into acknowledge', () => {
    const vc = build(ACTIONS[2] as CaseActionStatement);
    vc.credentialSubject.assignee = 'https://analyst.example';
    expectCode(() => parse(vc), 'INTEROP_INVALID', `${S}/assignee`);
    const ack = build(ACTIONS[2] as CaseActionStatement);
    ack.credentialSubject.action = 'acknowledge';
    expectCode(() => parse(ack), 'INTEROP_INVALID', `${S}/assignee`);
  });
});

describe('parseCredential on random case action subjects', () => {
  const text = fc.oneof(fc.string({ maxLength: 8 }), fc.constant('x'.repeat(MAX_JUSTIFICATION_LENGTH + 1)));
  const field = fc.oneof(
    fc.constantFrom<unknown>(...CASE_ACTIONS, ...CASE_OUTCOMES, 'did:web:a.example', 'nope', null, 7, [], {}),
    text,
    fc.jsonValue({ maxDepth: 2 }),
  );
  const KEYS = ['id', 'action', 'assignee', 'justification', 'outcome', 'extra', '__proto__'] as const;

  it('gives a valid statement or an InteropError with no cause, never another error', () => {
    assertSubjectMutationsSafe({ statements: ACTIONS, build, parse, keys: KEYS, field });
  });
});
