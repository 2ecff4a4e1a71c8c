import type { Role } from '../model/index.js';
import type {
  BatchFacts,
  Directory,
  FacilityFacts,
  KeyFacts,
  OrganizationFacts,
  TrustHistory,
  TrustView,
} from './view.js';

/** An organisation with its role history: `[fromMs, roles]`, each in force until the next. */
export interface OrganizationData extends OrganizationFacts {
  readonly roles: readonly (readonly [fromMs: number, roles: readonly Role[]])[];
}

/** A directory as plain data: what a trust bundle carries for offline verification. */
export interface DirectoryData {
  readonly operator: string;
  readonly organizations: readonly OrganizationData[];
  readonly keys: readonly KeyFacts[];
  readonly facilities: readonly FacilityFacts[];
  readonly batches: readonly BatchFacts[];
}

/** A {@link Directory} over {@link DirectoryData} (an exported trust bundle). */
export class DataDirectory implements Directory {
  readonly operator: string;
  readonly #orgs: ReadonlyMap<string, OrganizationData>;
  readonly #keys: ReadonlyMap<string, KeyFacts>;
  readonly #facilities: ReadonlyMap<string, FacilityFacts>;
  readonly #batches: ReadonlyMap<string, BatchFacts>;

  constructor(data: DirectoryData) {
    this.operator = data.operator;
    this.#orgs = new Map(data.organizations.map((o) => [o.did, o]));
    this.#keys = new Map(data.keys.map((k) => [k.kid, k]));
    this.#facilities = new Map(data.facilities.map((f) => [f.id, f]));
    this.#batches = new Map(data.batches.map((b) => [b.id, b]));
  }

  key(kid: string): KeyFacts | undefined {
    return this.#keys.get(kid);
  }

  organization(did: string): OrganizationFacts | undefined {
    const org = this.#orgs.get(did);
    return org === undefined ? undefined : { did: org.did, legalName: org.legalName, country: org.country };
  }

  hasRole(did: string, role: Role, atMs: number): boolean {
    if (did === this.operator) return true;
    const epochs = this.#orgs.get(did)?.roles ?? [];
    for (let i = epochs.length - 1; i >= 0; i--) {
      const [fromMs, roles] = epochs[i]!;
      if (fromMs <= atMs) return roles.includes(role);
    }
    return false;
  }

  facility(id: string): FacilityFacts | undefined {
    return this.#facilities.get(id);
  }

  batch(id: string): BatchFacts | undefined {
    return this.#batches.get(id);
  }
}

/** A trust view: a directory and the trust registry's history, read as one. */
export function trustView(directory: Directory, history: TrustHistory): TrustView {
  return {
    operator: directory.operator,
    key: (kid) => directory.key(kid),
    organization: (did) => directory.organization(did),
    hasRole: (did, role, atMs) => directory.hasRole(did, role, atMs),
    facility: (id) => directory.facility(id),
    batch: (id) => directory.batch(id),
    trustLists: () => history.trustLists(),
    accreditationsOf: (holder) => history.accreditationsOf(holder),
    accreditation: (id) => history.accreditation(id),
    statusList: (id) => history.statusList(id),
  };
}
