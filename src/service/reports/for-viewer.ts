import type { RuleSet } from '../../compliance/index.js';
import { seesEverything, type Viewer } from '../access.js';
import type { CertificateQueries } from '../certificates.js';
import { ServiceError } from '../errors.js';
import type { FindingView } from '../findings/index.js';
import type { SupplyQueries } from '../supply-queries.js';
import { assembleReport } from './assemble.js';
import { dueDiligenceReport } from './report.js';
import type { DueDiligenceReport, ReportSubject } from './types.js';

/** Subjects per findings query: SQLite binds at most 32 766 parameters to one statement. */
const CHUNK = 500;

/** What a node lends a report. */
export interface ReportSources {
  readonly supply: SupplyQueries;
  readonly certificates: CertificateQueries;
  readonly findings: (query: { subjects: readonly string[]; limit: number }) => FindingView[];
  readonly origin: string;
  readonly size: number;
  readonly ruleSet: RuleSet;
}

/**
 * The due-diligence report a viewer may read: an organisation's own (or anyone's for the operator,
 * auditors and regulators), or a batch's when the viewer holds it or something made from it.
 * @throws ServiceError ACCESS_REQUIRED, REGISTRY_NOT_FOUND, BATCH_NOT_FOUND
 */
export function reportFor(
  sources: ReportSources,
  viewer: Viewer,
  subject: ReportSubject,
  at: string,
): DueDiligenceReport {
  if (viewer.kind === 'anonymous') throw new ServiceError('ACCESS_REQUIRED', 'reports need a token');
  if (!seesEverything(viewer)) {
    const own =
      viewer.kind === 'organization' && subject.kind === 'organization' && subject.did === viewer.did;
    const held = subject.kind === 'batch' && sources.supply.batchFor(viewer, subject.id) !== undefined;
    // Indistinguishable from an unknown subject, as for batches elsewhere.
    if (subject.kind === 'batch' && !held)
      throw new ServiceError('BATCH_NOT_FOUND', `no batch ${subject.id}`);
    if (subject.kind === 'organization' && !own) {
      throw new ServiceError('REGISTRY_NOT_FOUND', `no report on ${subject.did} for you`);
    }
  }
  const input = assembleReport(
    {
      supply: sources.supply,
      certificates: sources.certificates,
      findings: ({ subjects }) => {
        const all = [...subjects];
        const found: FindingView[] = [];
        for (let i = 0; i < all.length; i += CHUNK) {
          found.push(
            ...sources.findings({ subjects: all.slice(i, i + CHUNK), limit: Number.MAX_SAFE_INTEGER }),
          );
        }
        return found.sort((a, b) => a.seq - b.seq);
      },
      origin: sources.origin,
      size: sources.size,
      ruleSet: sources.ruleSet,
    },
    subject,
    at,
  );
  return dueDiligenceReport(input);
}
