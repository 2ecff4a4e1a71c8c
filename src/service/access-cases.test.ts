import { describe, expect, it } from 'vitest';
import type { Role, SupplyStatement } from '../model/index.js';
import { canReadStatement, isPublicStatement, type Viewer } from './access.js';

/** A compliance case action is confidential: its issuer and those who see everything read it, no one else. */

const ISSUER = 'did:web:officer.example';
const ASSIGNEE = 'did:web:analyst.example';
const statement: SupplyStatement = {
  issuer: ISSUER,
  kid: `${ISSUER}#key-1`,
  credentialId: 'urn:uuid:00000000-0000-4000-8000-000000000001',
  time: '2025-03-01T10:00:00Z',
  body: { kind: 'case-action', finding: 'a'.repeat(64), action: 'assign', assignee: ASSIGNEE },
};
const org = (did: string, roles: readonly Role[]): Viewer => ({
  kind: 'organization',
  did,
  roles,
});

describe('access to a case action', () => {
  it('is not public', () => {
    expect(isPublicStatement(statement)).toBe(false);
  });

  it.each<[string, Viewer, boolean]>([
    ['its issuer', org(ISSUER, ['producer']), true],
    ['the operator', { kind: 'operator' }, true],
    ['an auditor', org('did:web:auditor.example', ['auditor']), true],
    ['a regulator', org('did:web:regulator.example', ['regulator']), true],
    ['the assignee (not a counterparty)', org(ASSIGNEE, ['producer']), false],
    ['another organisation', org('did:web:other.example', ['certifier']), false],
    ['an anonymous viewer', { kind: 'anonymous' }, false],
  ])('%s → %s', (_, viewer, readable) => {
    expect(canReadStatement(viewer, statement)).toBe(readable);
  });
});
