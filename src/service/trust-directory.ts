import type {
  BatchFacts,
  Directory,
  FacilityFacts,
  KeyFacts,
  OrganizationFacts,
} from '../credentials/index.js';
import type { BatchRow, FacilityRow, Ledger } from '../custody/index.js';
import type { ElementSymbol, Role } from '../model/index.js';

/**
 * The credentials module's {@link Directory} over the node's ledger: the identity registry, facilities
 * and batches as they are now (the ledger is replaced when it is rebuilt, hence the getter).
 */
export class LedgerDirectory implements Directory {
  readonly operator: string;
  readonly #ledger: () => Ledger;

  constructor(ledger: () => Ledger, operator: string) {
    this.#ledger = ledger;
    this.operator = operator;
  }

  key(kid: string): KeyFacts | undefined {
    return this.#ledger().key(kid);
  }

  organization(did: string): OrganizationFacts | undefined {
    const org = this.#ledger().organization(did);
    return org && { did: org.did, legalName: org.legalName, country: org.country };
  }

  hasRole(did: string, role: Role, atMs: number): boolean {
    return this.#ledger().hasRoleAt(did, role, atMs);
  }

  facility(id: string): FacilityFacts | undefined {
    const f = this.#ledger().facility(id);
    return f && facilityFacts(f);
  }

  batch(id: string): BatchFacts | undefined {
    const b = this.#ledger().batch(id);
    return b && batchFacts(b);
  }
}

/** What verification reads of a facility row (also what a trust bundle carries). */
export function facilityFacts(f: FacilityRow): FacilityFacts {
  return { id: f.id, name: f.name, operator: f.operator, facilityKind: f.facilityKind, country: f.country };
}

/** What verification reads of a batch row: its material and the elements it carries mass of. */
export function batchFacts(b: BatchRow): BatchFacts {
  const elements = (Object.entries(b.content) as [ElementSymbol, number][]).filter(([, ppm]) => ppm > 0);
  return { id: b.id, material: b.material, elements: elements.map(([e]) => e).sort() };
}
