import {
  type AccreditationStatement,
  type AccreditationStatusStatement,
  ALLIANCE_MEMBERS,
  type CertificateStatement,
  type StatusListStatement,
  type SupplyStatement,
  type TrustListStatement,
} from '../model/index.js';
import { CredentialsError, ensure } from './errors.js';
import { StatusBitstring } from './status-list.js';
import { MAX_BACKDATE_MS, ms } from './time.js';
import type {
  AccreditationRecord,
  CertificateRecord,
  Directory,
  LoggedAt,
  StatusListRecord,
  TrustHistory,
  TrustListVersion,
} from './view.js';

/** A trust statement with what the log says about it. */
export interface TrustEntry extends LoggedAt {
  readonly statement: string;
  /** The compact JWS as registered. */
  readonly jws: string;
}

/**
 * The trust registry (DESIGN.md §6) as a function of the log: the alliance trust list's versions,
 * accreditations with their status history, certificates, and status list versions. {@link apply}
 * checks a statement against what is already there and the directory, then records it, or throws and
 * records nothing. Trust changes never take effect before they are logged (beyond clock skew), so a
 * report about a past time never changes afterwards.
 */
export class TrustBook implements TrustHistory {
  readonly #lists: TrustListVersion[] = [];
  readonly #accreditations = new Map<string, AccreditationRecord>();
  readonly #byHolder = new Map<string, string[]>();
  readonly #certificates = new Map<string, CertificateRecord>();
  readonly #bySubject = new Map<string, string[]>();
  readonly #statusLists = new Map<string, StatusListRecord>();

  /**
   * Check and record a parsed trust statement (other kinds are ignored: the ledger has them).
   * @throws CredentialsError with the code of the first rule it breaks
   */
  apply(statement: SupplyStatement, entry: TrustEntry, directory: Directory): void {
    const { body } = statement;
    switch (body.kind) {
      case 'trust-list':
        this.#trustList(statement, body, entry, directory);
        break;
      case 'accreditation':
        this.#accreditation(statement, body, entry, directory);
        break;
      case 'accreditation-status':
        this.#accreditationStatus(statement, body, entry, directory);
        break;
      case 'certificate':
        this.#certificate(statement, body, entry, directory);
        break;
      case 'status-list':
        this.#statusList(statement, body, entry, directory);
        break;
      default:
        // Identity, facility and custody statements are the ledger's.
        break;
    }
  }

  trustLists(): readonly TrustListVersion[] {
    return this.#lists;
  }

  accreditation(id: string): AccreditationRecord | undefined {
    return this.#accreditations.get(id);
  }

  accreditationsOf(holder: string): readonly AccreditationRecord[] {
    return (this.#byHolder.get(holder) ?? []).map((id) => this.#accreditations.get(id)!);
  }

  accreditations(): readonly AccreditationRecord[] {
    return [...this.#accreditations.values()];
  }

  statusList(id: string): StatusListRecord | undefined {
    return this.#statusLists.get(id);
  }

  statusLists(): readonly StatusListRecord[] {
    return [...this.#statusLists.values()];
  }

  certificate(id: string): CertificateRecord | undefined {
    return this.#certificates.get(id);
  }

  /** Certificates in registration order. */
  certificates(): readonly CertificateRecord[] {
    return [...this.#certificates.values()];
  }

  /** Certificates with an assessment about `subject` (facility URI, organisation DID or batch URI). */
  certificatesAbout(subject: string): readonly CertificateRecord[] {
    return (this.#bySubject.get(subject) ?? []).map((id) => this.#certificates.get(id)!);
  }

  #trustList(s: SupplyStatement, body: TrustListStatement, entry: TrustEntry, dir: Directory): void {
    const fromMs = ms(body.validFrom);
    authorized(dir, s.issuer, 'operator', fromMs, 'issue the alliance trust list');
    const seen = new Set<string>();
    for (const b of body.bodies) {
      ensure(
        ALLIANCE_MEMBERS.includes(b.country),
        'TRUST_LIST_INVALID',
        () => `${b.did}: ${b.country} is not an alliance member`,
      );
      ensure(!seen.has(b.did), 'TRUST_LIST_INVALID', () => `${b.did} is listed twice`);
      seen.add(b.did);
    }
    notBackdated(fromMs, entry, this.#lists.at(-1)?.fromMs, 'trust list', 'TRUST_LIST_INVALID');
    this.#lists.push({
      ...logged(entry),
      validFrom: body.validFrom,
      fromMs,
      issuer: s.issuer,
      bodies: body.bodies,
    });
  }

  #accreditation(s: SupplyStatement, body: AccreditationStatement, entry: TrustEntry, dir: Directory): void {
    const fromMs = ms(body.validFrom);
    const untilMs = ms(body.validUntil);
    authorized(dir, s.issuer, 'accreditor', fromMs, 'accredit');
    ensure(fromMs < untilMs, 'TRUST_ACCREDITATION_INVALID', () => 'validUntil must be after validFrom');
    ensure(
      dir.organization(body.holder) !== undefined,
      'TRUST_ACCREDITATION_INVALID',
      () => `holder ${body.holder} is not a registered organisation`,
    );
    notBackdated(fromMs, entry, undefined, 'accreditation', 'TRUST_ACCREDITATION_INVALID');
    this.#uniqueId(s.credentialId);
    this.#accreditations.set(s.credentialId, {
      ...logged(entry),
      id: s.credentialId,
      body: s.issuer,
      holder: body.holder,
      scope: body.scope,
      validFrom: body.validFrom,
      validUntil: body.validUntil,
      fromMs,
      untilMs,
      changes: [],
    });
    push(this.#byHolder, body.holder, s.credentialId);
  }

  #accreditationStatus(
    s: SupplyStatement,
    body: AccreditationStatusStatement,
    entry: TrustEntry,
    dir: Directory,
  ): void {
    const fromMs = ms(body.validFrom);
    const record = this.#accreditations.get(body.accreditation);
    if (record === undefined || record.body !== s.issuer) {
      throw new CredentialsError(
        'TRUST_UNKNOWN_ACCREDITATION',
        `${s.issuer} issued no accreditation ${body.accreditation}`,
      );
    }
    authorized(dir, s.issuer, 'accreditor', fromMs, 'change an accreditation');
    const last = record.changes.at(-1);
    ensure(
      last?.status !== 'withdrawn',
      'TRUST_ACCREDITATION_CONFLICT',
      () => `${record.id} was withdrawn on ${last?.validFrom}; withdrawal is final`,
    );
    notBackdated(fromMs, entry, last?.fromMs, 'accreditation change', 'TRUST_ACCREDITATION_CONFLICT');
    const change = {
      ...logged(entry),
      status: body.status,
      reason: body.reason,
      validFrom: body.validFrom,
      fromMs,
    };
    this.#accreditations.set(record.id, { ...record, changes: [...record.changes, change] });
  }

  #certificate(s: SupplyStatement, body: CertificateStatement, entry: TrustEntry, dir: Directory): void {
    const fromMs = ms(body.validFrom);
    authorized(dir, s.issuer, 'certifier', fromMs, 'issue certificates');
    ensure(
      body.validUntil === undefined || fromMs < ms(body.validUntil),
      'CERTIFICATE_INVALID',
      () => 'validUntil must be after validFrom',
    );
    this.#uniqueId(s.credentialId);
    const credential = s as SupplyStatement & { readonly body: CertificateStatement };
    this.#certificates.set(s.credentialId, { ...logged(entry), credential, jws: entry.jws });
    const subjects = new Set(body.assessments.flatMap((a) => a.subjects.map((x) => x.id)));
    for (const subject of subjects) push(this.#bySubject, subject, s.credentialId);
  }

  #statusList(s: SupplyStatement, body: StatusListStatement, entry: TrustEntry, dir: Directory): void {
    const fromMs = ms(body.validFrom);
    const id = s.credentialId;
    ensure(
      dir.hasRole(s.issuer, 'certifier', fromMs) || dir.hasRole(s.issuer, 'accreditor', fromMs),
      'TRUST_NOT_AUTHORIZED',
      () =>
        `${s.issuer} is not a certifier or accreditor at ${body.validFrom}: it may not publish status lists`,
    );
    const bits = StatusBitstring.decode(body.encodedList);
    const record = this.#statusLists.get(id);
    if (record !== undefined) {
      ensure(
        record.issuer === s.issuer && record.purpose === body.purpose,
        'STATUS_LIST_CONFLICT',
        () => `${id} is ${record.issuer}'s ${record.purpose} list`,
      );
      const previous = record.versions.at(-1)!;
      notBackdated(fromMs, entry, previous.fromMs, 'status list version', 'STATUS_LIST_BACKDATED');
      if (body.purpose === 'revocation') {
        const cleared = bits.clearedFrom(previous.bits);
        ensure(
          cleared.length === 0,
          'STATUS_REVOCATION_IRREVERSIBLE',
          () =>
            `${id} clears revoked entries ${cleared.slice(0, 5).join(', ')}: revocation is not reversible`,
        );
      }
    } else {
      notBackdated(fromMs, entry, undefined, 'status list version', 'STATUS_LIST_BACKDATED');
      this.#uniqueId(id);
    }
    const version = { ...logged(entry), validFrom: body.validFrom, fromMs, bits, jws: entry.jws };
    this.#statusLists.set(id, {
      id,
      issuer: s.issuer,
      purpose: body.purpose,
      versions: [...(record?.versions ?? []), version],
    });
  }

  #uniqueId(id: string): void {
    ensure(
      !this.#accreditations.has(id) && !this.#certificates.has(id) && !this.#statusLists.has(id),
      'TRUST_DUPLICATE_ID',
      () => `credential id ${id} is already registered`,
    );
  }
}

function logged(entry: TrustEntry): LoggedAt {
  return { statement: entry.statement, registered: entry.registered };
}

function authorized(
  dir: Directory,
  did: string,
  role: 'operator' | 'accreditor' | 'certifier',
  atMs: number,
  what: string,
): void {
  ensure(
    dir.hasRole(did, role, atMs),
    'TRUST_NOT_AUTHORIZED',
    () => `${did} does not hold the ${role} role at ${new Date(atMs).toISOString()}: it may not ${what}`,
  );
}

/**
 * A trust change takes effect no earlier than its registration (less clock skew) and no earlier than the
 * change it follows: what the node reported about a past time stays true.
 */
function notBackdated(
  fromMs: number,
  entry: TrustEntry,
  previousMs: number | undefined,
  what: string,
  code:
    | 'TRUST_LIST_INVALID'
    | 'TRUST_ACCREDITATION_INVALID'
    | 'TRUST_ACCREDITATION_CONFLICT'
    | 'STATUS_LIST_BACKDATED',
): void {
  const registeredMs = ms(entry.registered);
  ensure(
    fromMs >= registeredMs - MAX_BACKDATE_MS,
    code,
    () => `a ${what} takes effect when it is registered (${entry.registered}), not before`,
  );
  ensure(
    previousMs === undefined || fromMs >= previousMs,
    code,
    () =>
      `a ${what} may not take effect before the one it follows (${new Date(previousMs ?? 0).toISOString()})`,
  );
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
