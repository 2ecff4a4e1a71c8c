import {
  CASE_ACTIONS,
  CASE_OUTCOMES,
  type CaseActionKind,
  type CaseActionStatement,
  type CaseOutcome,
  MAX_JUSTIFICATION_LENGTH,
} from '../../model/index.js';
import { at, invalid, type JsonObject, opt, readDid, readEnum, readObject, req } from './check.js';
import { CASE_ACTION_KIND, envelope } from './envelope.js';
import type { CredentialIssuerInput, CredentialJson, CredentialOptions } from './wire.js';

/**
 * The Lodestone extension credential `ComplianceCaseAction` (DESIGN.md §7): an action on the compliance
 * case of one finding — acknowledge, assign, resolve, reopen. Envelope as every extension: `@context`
 * `[VC 2.0, Lodestone]`, issuer `{id, name}`, exact properties, `validFrom` the time of the action. Which
 * properties the subject carries depends on the action; whether the issuer may act on the finding, and
 * whether the finding exists, is the service's business, not the parser's.
 */

/** The URN prefix of a finding's id in a credential subject; the finding id (64 lowercase hex) follows. */
export const FINDING_URN_PREFIX = 'urn:lodestone:finding:';

const FINDING_URN = /^urn:lodestone:finding:([0-9a-f]{64})$/;
const SUBJECT_KEYS: ReadonlySet<string> = new Set(['id', 'action', 'assignee', 'justification', 'outcome']);
const PATH = '/credentialSubject';

/** Whether an action must, may or must not carry a property. */
type Presence = 'required' | 'optional' | 'absent';

/** The subject properties each action carries besides `id` and `action`. */
const PRESENCE: Readonly<
  Record<CaseActionKind, Readonly<Record<'assignee' | 'justification' | 'outcome', Presence>>>
> = {
  acknowledge: { assignee: 'absent', justification: 'optional', outcome: 'absent' },
  assign: { assignee: 'required', justification: 'optional', outcome: 'absent' },
  resolve: { assignee: 'absent', justification: 'required', outcome: 'required' },
  reopen: { assignee: 'absent', justification: 'required', outcome: 'absent' },
};

/**
 * Parse the subject of a case action: exactly `{id: urn:lodestone:finding:<64 hex>, action, assignee?,
 * justification?, outcome?}`, where `assign` requires `assignee` (a DID), `resolve` requires `outcome`,
 * `resolve` and `reopen` require `justification` (1 to 4 000 characters; optional on the others), and a
 * property the action does not take is refused.
 */
export function parseCaseActionSubject(value: unknown): CaseActionStatement {
  const s = readObject(value, PATH, SUBJECT_KEYS);
  const finding = readFinding(req(s, 'id', PATH), at(PATH, 'id'));
  const action = readEnum<CaseActionKind>(req(s, 'action', PATH), at(PATH, 'action'), CASE_ACTIONS);
  const presence = PRESENCE[action];
  const assignee = readFor(s, 'assignee', action, presence.assignee, readDid);
  const justification = readFor(s, 'justification', action, presence.justification, readJustification);
  const outcome = readFor(s, 'outcome', action, presence.outcome, (v, p) =>
    readEnum<CaseOutcome>(v, p, CASE_OUTCOMES),
  );
  return {
    kind: 'case-action',
    finding,
    action,
    ...(assignee === undefined ? {} : { assignee }),
    ...(justification === undefined ? {} : { justification }),
    ...(outcome === undefined ? {} : { outcome }),
  };
}

/** The property `key` of the subject as `presence` says the action takes it. */
function readFor<T>(
  s: JsonObject,
  key: string,
  action: CaseActionKind,
  presence: Presence,
  read: (value: unknown, path: string) => T,
): T | undefined {
  const value = opt(s, key);
  const path = at(PATH, key);
  if (presence === 'absent') {
    if (value !== undefined) invalid(path, `not allowed when action is ${JSON.stringify(action)}`);
    return undefined;
  }
  if (value === undefined) {
    if (presence === 'required') invalid(path, `required when action is ${JSON.stringify(action)}`);
    return undefined;
  }
  return read(value, path);
}

/** A finding's URN; gives its id (the 64 hex digits). */
function readFinding(value: unknown, path: string): string {
  const match = typeof value === 'string' ? FINDING_URN.exec(value) : null;
  if (match?.[1] === undefined) {
    invalid(path, `expected ${FINDING_URN_PREFIX} followed by 64 lowercase hex digits`);
  }
  return match[1];
}

function readJustification(value: unknown, path: string): string {
  if (typeof value !== 'string') invalid(path, 'expected a string');
  if (value.length === 0 || value.length > MAX_JUSTIFICATION_LENGTH) {
    invalid(path, `expected 1 to ${MAX_JUSTIFICATION_LENGTH} characters`);
  }
  return value;
}

/** Options of {@link caseActionJson}. */
export interface CaseActionOptions extends CredentialOptions {
  /** The credential's `validFrom`: the time of the action (the statement's time); default now. */
  readonly validFrom?: string;
}

/** The `ComplianceCaseAction` JSON of a case action (issued by whoever acts on the case). */
export function caseActionJson(
  action: CaseActionStatement,
  issuer: CredentialIssuerInput,
  options: CaseActionOptions = {},
): CredentialJson {
  const subject = {
    id: `${FINDING_URN_PREFIX}${action.finding}`,
    action: action.action,
    ...(action.assignee === undefined ? {} : { assignee: action.assignee }),
    ...(action.justification === undefined ? {} : { justification: action.justification }),
    ...(action.outcome === undefined ? {} : { outcome: action.outcome }),
  };
  const validFrom = options.validFrom ?? new Date().toISOString();
  return envelope(CASE_ACTION_KIND, issuer, options, subject, validFrom);
}
