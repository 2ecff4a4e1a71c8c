import { ed25519Verify } from '../crypto/index.js';
import type {
  AccreditationScope,
  CertificateStatement,
  ElementSymbol,
  SupplyStatement,
} from '../model/index.js';
import { keyObjectOf } from './keys.js';
import { type Check, fail, pass, skip } from './result.js';
import { inForce, ms } from './time.js';
import type { AccreditationRecord, LoggedAt, TrustView } from './view.js';

/** A certificate to verify: parsed, with the signature to check. */
export interface CertificateCredential {
  readonly statement: SupplyStatement & { readonly body: CertificateStatement };
  /** The JWS signing input and signature; absent for a certificate the node verified at registration. */
  readonly jws?: { readonly signingInput: Uint8Array; readonly signature: Uint8Array };
  /** Where it is logged, if it is. */
  readonly logged?: LoggedAt;
}

/** What every check reads: the credential, the trust view, issuance time and the time judged at. */
export interface CheckContext {
  readonly cred: CertificateCredential;
  readonly view: TrustView;
  /** Issuance: the certificate's `validFrom`. */
  readonly issuedMs: number;
  readonly nowMs: number;
}

export function signatureCheck({ cred, view }: CheckContext): Check {
  const { kid, issuer } = cred.statement;
  const key = view.key(kid);
  if (key === undefined || key.did !== issuer) {
    return fail('signature', `${kid} is not a registered key of ${issuer}`, { kid });
  }
  if (cred.jws === undefined) {
    const where = cred.logged === undefined ? {} : { statement: cred.logged.statement };
    return pass('signature', `verified with ${kid} when the node registered it`, { kid, ...where });
  }
  const ok = ed25519Verify(keyObjectOf(key.jwk), cred.jws.signingInput, cred.jws.signature);
  return ok
    ? pass('signature', `Ed25519 signature verifies with ${kid}`, { kid, jwk: key.jwk })
    : fail(
        'signature',
        `signature does not verify with ${kid}: the credential was altered or signed with another key`,
        {
          kid,
        },
      );
}

export function issuerCheck({ cred, view, issuedMs }: CheckContext): Check {
  const { issuer, kid, body } = cred.statement;
  const org = view.organization(issuer);
  if (org === undefined && issuer !== view.operator) {
    return fail('issuer', `${issuer} is not a registered organisation`, { did: issuer });
  }
  const evidence = { did: issuer, legalName: org?.legalName, country: org?.country, kid };
  const key = view.key(kid);
  if (key !== undefined && key.did === issuer) {
    if (key.revokedFrom !== undefined) {
      return fail('issuer', `key ${kid} was revoked from ${key.revokedFrom}`, { ...evidence, key });
    }
    const active =
      ms(key.activeFrom) <= issuedMs && (key.retiredFrom === undefined || issuedMs < ms(key.retiredFrom));
    if (!active)
      return fail('issuer', `key ${kid} was not active at issuance (${body.validFrom})`, {
        ...evidence,
        key,
      });
  }
  if (!view.hasRole(issuer, 'certifier', issuedMs)) {
    return fail(
      'issuer',
      `${issuer} did not hold the certifier role at issuance (${body.validFrom})`,
      evidence,
    );
  }
  return pass('issuer', `${org?.legalName ?? issuer} was a registered certifier at issuance`, evidence);
}

/**
 * The accreditation chain and the scope, judged together: the certificate is trusted through the first
 * accreditation of its issuer whose chain holds and whose scope covers it.
 */
export function accreditationChecks(ctx: CheckContext): [Check, Check] {
  const { cred, view } = ctx;
  const candidates = view.accreditationsOf(cred.statement.issuer);
  if (candidates.length === 0) {
    return [
      fail('accreditation', `${cred.statement.issuer} holds no accreditation`, {}),
      skip('scope', 'no accreditation to compare the scope with'),
    ];
  }
  let chained: { readonly a: AccreditationRecord; readonly gaps: string[] } | undefined;
  let firstBreak: { readonly a: AccreditationRecord; readonly reason: string } | undefined;
  for (const a of candidates) {
    const reason = chainBreak(a, ctx);
    if (reason !== undefined) {
      firstBreak ??= { a, reason };
      continue;
    }
    const gaps = scopeGaps(a.scope, ctx);
    if (gaps.length === 0) {
      return [
        chainPass(a, ctx),
        pass(
          'scope',
          'the accreditation covers the scheme, topics, minerals and facility kinds',
          scopeEvidence(a),
        ),
      ];
    }
    chained ??= { a, gaps };
  }
  if (chained !== undefined) {
    return [
      chainPass(chained.a, ctx),
      fail(
        'scope',
        `outside the accreditation's scope: ${chained.gaps.join('; ')}`,
        scopeEvidence(chained.a),
      ),
    ];
  }
  const broken = firstBreak!;
  return [
    fail('accreditation', broken.reason, accreditationEvidence(broken.a)),
    skip('scope', 'no accreditation in force to compare the scope with'),
  ];
}

function chainPass(a: AccreditationRecord, ctx: CheckContext): Check {
  const list = inForce(ctx.view.trustLists(), ctx.issuedMs);
  const body = list?.bodies.find((b) => b.did === a.body);
  return pass(
    'accreditation',
    `accredited by ${body?.name ?? a.body} (${body?.country ?? '?'}), on the alliance trust list`,
    { ...accreditationEvidence(a), trustList: list?.statement, trustListValidFrom: list?.validFrom },
  );
}

/** Why `a` does not make its holder trusted for a certificate issued at `issuedMs`, judged at `nowMs`. */
function chainBreak(a: AccreditationRecord, { view, issuedMs, nowMs }: CheckContext): string | undefined {
  if (issuedMs < a.fromMs || issuedMs >= a.untilMs) {
    return `accreditation ${a.id} was not valid at issuance (valid ${a.validFrom} to ${a.validUntil})`;
  }
  const atIssuance = inForce(a.changes, issuedMs);
  if (atIssuance !== undefined && atIssuance.status !== 'active') {
    return `accreditation ${a.id} was ${atIssuance.status} at issuance (from ${atIssuance.validFrom}: ${atIssuance.reason})`;
  }
  const latest = inForce(a.changes, nowMs);
  if (latest?.status === 'withdrawn') {
    return `accreditation ${a.id} was withdrawn on ${latest.validFrom} (${latest.reason})`;
  }
  const lists = view.trustLists();
  if (!inForce(lists, issuedMs)?.bodies.some((b) => b.did === a.body)) {
    return `accreditation body ${a.body} was not on the alliance trust list at issuance`;
  }
  if (!inForce(lists, nowMs)?.bodies.some((b) => b.did === a.body)) {
    return `accreditation body ${a.body} is no longer on the alliance trust list`;
  }
  if (!view.hasRole(a.body, 'accreditor', a.fromMs)) {
    return `accreditation body ${a.body} did not hold the accreditor role when it accredited`;
  }
  return undefined;
}

/** What the certificate covers that the scope does not. */
function scopeGaps(scope: AccreditationScope, { cred, view }: CheckContext): string[] {
  const { body } = cred.statement;
  const gaps: string[] = [];
  if (!scope.schemes.includes(body.scheme.id)) gaps.push(`scheme ${body.scheme.id}`);
  for (const topic of new Set(body.assessments.map((a) => a.topic))) {
    if (!scope.topics.includes(topic)) gaps.push(`topic ${topic}`);
  }
  for (const mineral of mineralsOf(cred, view)) {
    if (!scope.minerals.includes(mineral)) gaps.push(`mineral ${mineral}`);
  }
  for (const subject of subjectsOf(body)) {
    if (subject.kind !== 'facility') continue;
    const kind = view.facility(subject.id)?.facilityKind;
    if (kind !== undefined && !scope.facilityKinds.includes(kind))
      gaps.push(`facility kind ${kind} (${subject.id})`);
  }
  return gaps;
}

/** The minerals a certificate speaks for: those its assessments name and the elements of its batches. */
function mineralsOf(cred: CertificateCredential, view: TrustView): ElementSymbol[] {
  const minerals = new Set<ElementSymbol>();
  for (const a of cred.statement.body.assessments) {
    for (const m of a.minerals) minerals.add(m);
    for (const s of a.subjects) {
      if (s.kind === 'batch') for (const e of view.batch(s.id)?.elements ?? []) minerals.add(e);
    }
  }
  return [...minerals].sort();
}

export function validityCheck({ cred, nowMs }: CheckContext): Check {
  const { validFrom, validUntil } = cred.statement.body;
  const evidence = { validFrom, validUntil };
  if (nowMs < ms(validFrom)) return fail('validity', `not valid before ${validFrom}`, evidence);
  if (validUntil !== undefined && nowMs >= ms(validUntil))
    return fail('validity', `expired on ${validUntil}`, evidence);
  return pass(
    'validity',
    validUntil === undefined ? `valid from ${validFrom}` : `valid ${validFrom} to ${validUntil}`,
    evidence,
  );
}

export function statusCheck({ cred, view, nowMs }: CheckContext): Check {
  const { status, credentialId } = {
    status: cred.statement.body.status,
    credentialId: cred.statement.credentialId,
  };
  if (status.length === 0) {
    return pass('status', 'no credentialStatus: the issuer cannot revoke or suspend it', {});
  }
  const entries: Record<string, unknown>[] = [];
  for (const entry of status) {
    const evidence = { list: entry.list, index: entry.index, purpose: entry.purpose };
    const list = view.statusList(entry.list);
    if (list === undefined) return fail('status', `status list ${entry.list} is not published`, evidence);
    if (list.issuer !== cred.statement.issuer || list.purpose !== entry.purpose) {
      return fail(
        'status',
        `${entry.list} is ${list.issuer}'s ${list.purpose} list, not the issuer's ${entry.purpose} list`,
        evidence,
      );
    }
    const version = inForce(list.versions, nowMs);
    if (version === undefined)
      return fail('status', `status list ${entry.list} has no version in force yet`, evidence);
    if (entry.index >= version.bits.length) {
      return fail(
        'status',
        `index ${entry.index} is beyond the list's ${version.bits.length} entries`,
        evidence,
      );
    }
    const versionEvidence = { ...evidence, version: version.statement, versionValidFrom: version.validFrom };
    if (version.bits.get(entry.index)) {
      const since = list.versions.find((v) => v.fromMs <= nowMs && v.bits.get(entry.index))!;
      const state = entry.purpose === 'revocation' ? 'revoked' : 'suspended';
      return fail('status', `${credentialId} is ${state} since ${since.validFrom}`, {
        ...versionEvidence,
        since: since.validFrom,
      });
    }
    entries.push(versionEvidence);
  }
  return pass('status', 'not revoked or suspended', { entries });
}

export function subjectCheck({ cred, view }: CheckContext): Check {
  const { body } = cred.statement;
  const seen: Record<string, unknown>[] = [];
  for (const subject of subjectsOf(body)) {
    if (subject.kind === 'facility') {
      const facility = view.facility(subject.id);
      if (facility === undefined)
        return fail('subject', `facility ${subject.id} is not registered`, { subject });
      if (facility.operator !== body.issuedTo) {
        return fail(
          'subject',
          `facility ${subject.id} is operated by ${facility.operator}, not by ${body.issuedTo} to whom it was issued`,
          { subject, facility },
        );
      }
      seen.push({
        ...subject,
        name: facility.name,
        facilityKind: facility.facilityKind,
        country: facility.country,
      });
    } else if (subject.kind === 'batch') {
      const batch = view.batch(subject.id);
      if (batch === undefined) return fail('subject', `batch ${subject.id} is not registered`, { subject });
      seen.push({ ...subject, material: batch.material });
    } else {
      const org = view.organization(subject.id);
      if (org === undefined)
        return fail('subject', `organisation ${subject.id} is not registered`, { subject });
      seen.push({ ...subject, legalName: org.legalName, country: org.country });
    }
  }
  return pass('subject', `${seen.length} subject(s) registered and matching`, { subjects: seen });
}

/** Each distinct subject of a certificate's assessments, in order. */
export function subjectsOf(
  body: CertificateStatement,
): { kind: 'facility' | 'organization' | 'batch'; id: string }[] {
  const seen = new Map<string, { kind: 'facility' | 'organization' | 'batch'; id: string }>();
  for (const a of body.assessments) for (const s of a.subjects) if (!seen.has(s.id)) seen.set(s.id, { ...s });
  return [...seen.values()];
}

function accreditationEvidence(a: AccreditationRecord): Record<string, unknown> {
  return {
    accreditation: a.id,
    body: a.body,
    validFrom: a.validFrom,
    validUntil: a.validUntil,
    statement: a.statement,
  };
}

function scopeEvidence(a: AccreditationRecord): Record<string, unknown> {
  return { accreditation: a.id, scope: a.scope };
}
