import {
  type CertificateCredential,
  type CertificationFilter,
  type CertificationStatus,
  type ClaimResult,
  certificationOf,
  checkClaims,
  type Directory,
  fail,
  pass,
  StatusBitstring,
  type TrustBook,
  type TrustView,
  trustView,
  type VerificationResult,
  verifyCertificate,
} from '../credentials/index.js';
import type { ParsedJws } from '../crypto/index.js';
import {
  parseCredential,
  readClaims,
  readEnvelopedCredential,
  statusListCredential,
  validateCredential,
} from '../interop/index.js';
import type { CertificateStatement, StatusPurpose, SupplyStatement } from '../model/index.js';
import { ServiceError } from './errors.js';
import { parseStatement } from './parse.js';

/** A certificate as listed: what it is about and its verdict at the time asked. */
export interface CertificateSummary {
  readonly id: string;
  readonly issuer: string;
  readonly name: string;
  readonly scheme: { readonly id: string; readonly name: string };
  readonly subjects: readonly { readonly kind: string; readonly id: string }[];
  readonly topics: readonly string[];
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly statement: string;
  readonly registered: string;
  readonly verified: boolean;
  /** The checks that failed, by name. */
  readonly failed: readonly string[];
}

export interface CertificateFilter {
  readonly subject?: string;
  readonly issuer?: string;
  readonly scheme?: string;
}

/**
 * The certificate use-cases over the node's trust book and directory (issue 4 items 4–6): verify a
 * presented credential, list and read registered certificates, certification "as of" a time, claims.
 */
export class CertificateQueries {
  readonly #book: () => TrustBook;
  readonly #directory: Directory;

  constructor(book: () => TrustBook, directory: Directory) {
    this.#book = book;
    this.#directory = directory;
  }

  get view(): TrustView {
    return trustView(this.#directory, this.#book());
  }

  get book(): TrustBook {
    return this.#book();
  }

  /**
   * Verify a presented certificate: a compact JWS, or an `EnvelopedVerifiableCredential` holding one.
   * Anything unreadable is a verdict with a failed `format` check, never an exception.
   */
  verify(input: unknown, at: string): VerificationResult {
    return verifyPresented(input, this.view, at);
  }

  /** Registered certificates, in registration order, each judged at `at`. */
  list(filter: CertificateFilter, at: string): CertificateSummary[] {
    const book = this.#book();
    const records =
      filter.subject === undefined ? book.certificates() : book.certificatesAbout(filter.subject);
    const view = this.view;
    return records
      .filter((r) => filter.issuer === undefined || r.credential.issuer === filter.issuer)
      .filter((r) => filter.scheme === undefined || r.credential.body.scheme.id === filter.scheme)
      .map((r) =>
        summarize(r.credential, r, verifyCertificate({ statement: r.credential, logged: r }, view, at)),
      );
  }

  /** One registered certificate with its JWS and verdict at `at`. */
  get(
    id: string,
    at: string,
  ): { summary: CertificateSummary; jws: string; result: VerificationResult } | undefined {
    const record = this.#book().certificate(id);
    if (record === undefined) return undefined;
    const result = verifyCertificate({ statement: record.credential, logged: record }, this.view, at);
    return { summary: summarize(record.credential, record, result), jws: record.jws, result };
  }

  certification(subject: string, at: string, filter: CertificationFilter = {}): CertificationStatus {
    return certificationOf(subject, this.#book(), this.view, at, filter);
  }

  /**
   * The claims of a product passport or facility record, each checked against the trusted certificates.
   * @throws InteropError when the credential's claims cannot be read
   */
  claims(credential: unknown, at: string): ClaimResult[] {
    return checkClaims(readClaims(credential), this.#book(), this.view, at);
  }

  /** The alliance trust list's versions and every accreditation with its status history. */
  registry(): { trustLists: unknown[]; accreditations: unknown[] } {
    const book = this.#book();
    return {
      trustLists: book.trustLists().map(({ fromMs: _f, ...l }) => l),
      accreditations: book.accreditations().map(({ fromMs: _f, untilMs: _u, changes, ...a }) => ({
        ...a,
        changes: changes.map(({ fromMs: _c, ...c }) => c),
      })),
    };
  }

  /** The status list's version in force at `at` (latest by default), as published (its JWS). */
  statusList(id: string, at?: string): { jws: string; validFrom: string } | undefined {
    const list = this.#book().statusList(id);
    if (list === undefined) return undefined;
    const atMs = at === undefined ? Number.POSITIVE_INFINITY : Date.parse(at);
    const version = [...list.versions].reverse().find((v) => v.fromMs <= atMs);
    return version && { jws: version.jws, validFrom: version.validFrom };
  }
}

/**
 * Verify a presented certificate (a compact JWS, or an `EnvelopedVerifiableCredential` holding one)
 * against a trust view: a node's, or a trust bundle's offline. Anything unreadable is a verdict with a
 * failed `format` check, never an exception.
 */
export function verifyPresented(input: unknown, view: TrustView, at: string): VerificationResult {
  const read = readCertificate(input, at);
  if ('reason' in read) {
    return { verified: false, at, credential: { id: '', issuer: '' }, checks: [fail('format', read.reason)] };
  }
  const result = verifyCertificate(read, view, at);
  const format = pass('format', 'a UNTP 0.6.1 DigitalConformityCredential secured as vc+jwt', {});
  return { ...result, checks: [format, ...result.checks] };
}

type Read = CertificateCredential | { readonly reason: string };

function readCertificate(input: unknown, at: string): Read {
  let jws: string;
  try {
    jws = typeof input === 'string' ? input.trim() : readEnvelopedCredential(input);
  } catch (err) {
    return { reason: (err as Error).message };
  }
  let parsed: { jws: ParsedJws; statement: SupplyStatement };
  try {
    parsed = parseStatement(jws, at);
  } catch (err) {
    // InteropError messages carry the JSON pointer of what is wrong.
    return { reason: (err as Error).message };
  }
  const { statement } = parsed;
  if (statement.body.kind !== 'certificate') {
    return { reason: `a ${statement.body.kind} credential, not a DigitalConformityCredential` };
  }
  return {
    statement: statement as SupplyStatement & { readonly body: CertificateStatement },
    jws: { signingInput: parsed.jws.signingInput, signature: parsed.jws.signature },
  };
}

function summarize(
  credential: SupplyStatement & { readonly body: CertificateStatement },
  logged: { readonly statement: string; readonly registered: string },
  result: VerificationResult,
): CertificateSummary {
  const { body } = credential;
  const subjects = new Map<string, { kind: string; id: string }>();
  for (const a of body.assessments)
    for (const s of a.subjects) subjects.set(s.id, { kind: s.kind, id: s.id });
  return {
    id: credential.credentialId,
    issuer: credential.issuer,
    name: body.name,
    scheme: body.scheme,
    subjects: [...subjects.values()],
    topics: [...new Set(body.assessments.map((a) => a.topic))],
    validFrom: body.validFrom,
    ...(body.validUntil !== undefined && { validUntil: body.validUntil }),
    statement: logged.statement,
    registered: logged.registered,
    verified: result.verified,
    failed: result.checks.filter((c) => c.status === 'fail').map((c) => c.check),
  };
}

/**
 * Check a certificate before it is signed (`lodestone credential issue`): it must parse as the UNTP 0.6.1
 * `DigitalConformityCredential` the node will register, and validate against the W3C VC 2.0 and UNTP
 * schemas and JSON-LD-expand offline. Returns the conformance problems (none: ready to sign).
 * @throws InteropError when it is not a certificate Lodestone reads
 */
export async function checkCertificateCredential(payload: unknown, kid: string): Promise<readonly string[]> {
  const statement = parseCredential(payload, { kid });
  if (statement.body.kind !== 'certificate') {
    throw new ServiceError(
      'STATEMENT_UNSUPPORTED',
      `a ${statement.body.kind} credential, not a DigitalConformityCredential`,
    );
  }
  const { errors } = await validateCredential(payload as object);
  return errors;
}

/** A new version of a status list: `previous`'s bits (or an empty list) with `index` set or cleared. */
export function nextStatusList(
  previous: string | undefined,
  change: { readonly purpose: StatusPurpose; readonly index: number; readonly value: boolean },
  issuer: { readonly id: string; readonly name: string },
  id: string,
  validFrom: string,
): object {
  const bits = (previous === undefined ? StatusBitstring.create() : StatusBitstring.decode(previous)).with(
    change.index,
    change.value,
  );
  return statusListCredential(
    { kind: 'status-list', purpose: change.purpose, encodedList: bits.encode(), validFrom },
    issuer,
    { id },
  );
}
