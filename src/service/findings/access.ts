import type { Ledger } from '../../custody/index.js';
import { seesEverything, type Viewer } from '../access.js';
import type { StoredFinding } from './types.js';

/**
 * Findings speak about custody, which is confidential (DESIGN.md §3): the operator, auditors and
 * regulators see every finding; an organisation sees those its own statements raised and those about
 * itself, a facility it operates or a batch it owns or holds. Anonymous callers see none.
 */
export function canSeeFinding(viewer: Viewer, finding: StoredFinding, ledger: Ledger): boolean {
  if (seesEverything(viewer)) return true;
  if (viewer.kind !== 'organization') return false;
  const did = viewer.did;
  if (finding.issuer === did) return true;
  const { kind, id } = finding.subject;
  if (kind === 'organization') return id === did;
  if (kind === 'facility') return ledger.facility(id)?.operator === did;
  const batch = ledger.batch(id);
  return batch !== undefined && (batch.owner === did || batch.custodian === did);
}
