import type { Check } from '../scope.js';

/**
 * LS-CERT-MISSING: where the OECD guidance puts its audit points (mines, and smelters and refiners),
 * every required responsible-sourcing topic must be certified at the event time.
 */
export const certificateMissing: Check = function* (scope) {
  const { topics, processes } = scope.thresholds.certificate;
  for (const event of scope.events) {
    const checked =
      event.type === 'extract' || (event.type === 'transform' && processes.includes(event.process));
    if (!checked) continue;
    const missing = topics.filter((topic) => !scope.context.certifiedAt(event.facility, topic, event.time));
    if (missing.length === 0) continue;
    const what = event.type === 'extract' ? 'extraction' : `${event.process} transform`;
    yield {
      subject: { kind: 'facility', id: event.facility },
      at: event.time,
      facts: { event: event.id, activity: what, missing, required: topics },
      message: `${what} at ${event.facility} without a valid certificate for ${missing.join(', ')} at ${event.time}`,
    };
  }
};

/**
 * LS-REVOKED-UPSTREAM: a sale is where a recall must bite, so each trade looks up every origin facility
 * of the batch's composition for certificates revoked by the trade time.
 */
export const revokedUpstream: Check = function* (scope) {
  for (const event of scope.events) {
    if (event.type !== 'trade') continue;
    const batch = scope.batch(event.batch);
    if (batch === undefined) continue;
    const revoked = originFacilities(batch.composition).flatMap((facility) =>
      scope.context.revokedCertificatesAt(facility, event.time).map((c) => ({ facility, ...c })),
    );
    if (revoked.length === 0) continue;
    const related = revoked.flatMap((r) =>
      r.revokedBy === undefined ? [r.statement] : [r.statement, r.revokedBy],
    );
    yield {
      subject: { kind: 'batch', id: batch.id },
      at: event.time,
      related: [batch.createdBy, ...related],
      facts: { event: event.id, buyer: event.buyer, revoked },
      message: `batch ${batch.id} sold to ${event.buyer} depends on ${revoked.length} revoked certificate(s) upstream: ${revoked.map((r) => `${r.certificate} (${r.facility})`).join(', ')}`,
    };
  }
};

/** Declared origin facilities of a composition, sorted; undeclared origins have no certificate to revoke. */
function originFacilities(
  composition: Readonly<Record<string, readonly (readonly [string, string])[] | undefined>>,
): string[] {
  const facilities = new Set<string>();
  for (const parts of Object.values(composition)) {
    for (const [origin] of parts ?? []) {
      const space = origin.indexOf(' ');
      if (origin.slice(0, space) !== 'undeclared') facilities.add(origin.slice(space + 1));
    }
  }
  return [...facilities].sort();
}
