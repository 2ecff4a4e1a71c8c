import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_OUTCOMES, type CaseActionStatement } from '../../model/index.js';
import { caseActionCredential } from '../untp/trust-build.js';
import { readJsonAsset } from './assets.js';
import { validateCredential } from './validate.js';

/**
 * Conformance of the compliance case action: a built credential passes the W3C VC 2.0 schema, the
 * Lodestone ComplianceCaseAction schema and safe-mode JSON-LD expansion with the offline loader; the
 * schema refuses what the parser refuses, and the case terms expand only inside a ComplianceCaseAction.
 */

// biome-ignore lint/suspicious/noExplicitAny: tests poke wrong shapes into credential JSON.
type Json = any;

const OFFICER = { id: 'did:web:officer.example', name: 'Compliance officer' };
const RESOLVE: CaseActionStatement = {
  kind: 'case-action',
  finding: 'f'.repeat(64),
  action: 'resolve',
  outcome: 'mitigated',
  justification: 'Supplier re-audited; corrective plan accepted.',
};
const ASSIGN: CaseActionStatement = {
  kind: 'case-action',
  finding: 'f'.repeat(64),
  action: 'assign',
  assignee: 'did:web:analyst.example',
};
const build = (action: CaseActionStatement): Json =>
  structuredClone(caseActionCredential(action, OFFICER, { validFrom: '2025-03-01T10:00:00Z' }));

describe('validateCredential of a ComplianceCaseAction', () => {
  it.each([
    ['resolve', RESOLVE],
    ['assign', ASSIGN],
  ])('a built %s passes the schemas and expands as JSON-LD', async (_, action) => {
    expect(await validateCredential(build(action))).toEqual({ ok: true, errors: [] });
  });

  it('lists exactly the model’s actions and outcomes in its schema', () => {
    const schema = readJsonAsset('schemas/lodestone/case-action-schema.json') as Json;
    const subject = schema.properties.credentialSubject.properties;
    expect(subject.action.enum).toEqual(CASE_ACTIONS);
    expect(subject.outcome.enum).toEqual(CASE_OUTCOMES);
  });

  it.each<[string, CaseActionStatement, (vc: Json) => void, RegExp]>([
    [
      'an outcome on an assign',
      ASSIGN,
      (vc) => (vc.credentialSubject.outcome = 'mitigated'),
      /^ComplianceCaseAction schema: \/credentialSubject\/outcome boolean schema is false/,
    ],
    [
      'an assign without assignee',
      ASSIGN,
      (vc) => delete vc.credentialSubject.assignee,
      /^ComplianceCaseAction schema: \/credentialSubject must have required property 'assignee'/,
    ],
    [
      'a resolve without justification',
      RESOLVE,
      (vc) => delete vc.credentialSubject.justification,
      /^ComplianceCaseAction schema: \/credentialSubject must have required property 'justification'/,
    ],
    [
      'an upper-case finding id',
      RESOLVE,
      (vc) => (vc.credentialSubject.id = vc.credentialSubject.id.toUpperCase()),
      /^ComplianceCaseAction schema: \/credentialSubject\/id/,
    ],
    [
      'an unknown outcome',
      RESOLVE,
      (vc) => (vc.credentialSubject.outcome = 'ignored'),
      /^ComplianceCaseAction schema: \/credentialSubject\/outcome/,
    ],
  ])('fails its schema with %s', async (_, action, mutate, error) => {
    const vc = build(action);
    mutate(vc);
    const result = await validateCredential(vc);
    expect(result.ok).toBe(false);
    expect(result.errors).toContainEqual(expect.stringMatching(error));
  });

  it('expands the case terms only inside a ComplianceCaseAction (type-scoped: UNTP events define action)', async () => {
    const vc = build(RESOLVE);
    vc.type = ['VerifiableCredential', 'AccreditationStatusChange'];
    expect((await validateCredential(vc)).errors).toContainEqual(
      expect.stringMatching(/^JSON-LD: invalid property \{"property":"(action|justification|outcome)"/),
    );
  });
});
