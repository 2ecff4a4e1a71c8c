import type { Check, Draft, Scope } from '../scope.js';
import type { FindingSubject } from '../types.js';

/**
 * LS-SANCTIONS-MATCH: every party a statement names (issuer, registered organisation, recipient, buyer)
 * and every facility it touches, with its operator, is matched by name against the sanctions lists.
 */
export const sanctionsMatch: Check = function* (scope) {
  const seen = new Set<string>();
  for (const [subject, role] of namedSubjects(scope)) {
    const key = `${subject.kind} ${subject.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const draft = matchDraft(scope, subject, role);
    if (draft !== undefined) yield draft;
  }
};

type Named = readonly [FindingSubject, string];

function* namedSubjects(scope: Scope): Iterable<Named> {
  const { statement } = scope.input;
  const body = statement.body;
  yield [{ kind: 'organization', id: statement.issuer }, 'issuer'];
  if (body.kind === 'identity') yield [{ kind: 'organization', id: body.subject }, 'registered organisation'];
  if (body.kind === 'facility') yield* facilityAndOperator(body.id);
  for (const event of scope.events) {
    if (event.type === 'ship') {
      yield [{ kind: 'organization', id: event.to }, 'recipient'];
      yield* facilityAndOperator(event.toFacility);
    } else if (event.type === 'trade') {
      yield [{ kind: 'organization', id: event.buyer }, 'buyer'];
    } else if ('facility' in event) {
      yield* facilityAndOperator(event.facility);
    }
  }

  function* facilityAndOperator(id: string): Iterable<Named> {
    yield [{ kind: 'facility', id }, 'facility'];
    const operator = scope.facility(id)?.operator;
    if (operator !== undefined) yield [{ kind: 'organization', id: operator }, 'facility operator'];
  }
}

function matchDraft(scope: Scope, subject: FindingSubject, role: string): Draft | undefined {
  const named = nameOf(scope, subject);
  if (named === undefined) return undefined;
  const match = scope.context.sanctionsMatch(named.name, named.country);
  const { minScore } = scope.thresholds.sanctions;
  if (match === undefined || !(match.score >= minScore)) return undefined;
  return {
    subject,
    at: scope.input.statement.time,
    facts: {
      role,
      name: named.name,
      country: named.country,
      score: match.score,
      minScore,
      explanation: match.explanation,
      entry: match.entry,
    },
    message: `${role} ${named.name} matches ${match.entry.list} entry ${match.entry.name} (score ${match.score}): ${match.explanation}`,
  };
}

function nameOf(scope: Scope, subject: FindingSubject): { name: string; country?: string } | undefined {
  if (subject.kind === 'facility') {
    const facility = scope.facility(subject.id);
    return facility === undefined ? undefined : { name: facility.name, country: facility.country };
  }
  const body = scope.input.statement.body;
  // A registration names the organisation before any row of it exists elsewhere.
  if (body.kind === 'identity' && body.subject === subject.id) {
    return { name: body.legalName, country: body.country };
  }
  const org =
    scope.input.effects.organizations.find((o) => o.did === subject.id) ??
    scope.context.organization(subject.id);
  return org === undefined ? undefined : { name: org.legalName, country: org.country };
}
