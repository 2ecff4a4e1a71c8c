import { type BatchRow, provenanceOf } from '../../custody/index.js';
import { getMaterial } from '../../model/index.js';
import { type Check, exceeds, ratio, type Scope } from '../scope.js';

/**
 * LS-UNKNOWN-ORIGIN: transform outputs only. A commissioned batch is undeclared by its own declaration,
 * and a split inherits its parent's composition; flagging those would repeat what is already known. A
 * transform is where undeclared material gets blended into something that looks traced.
 */
export const unknownOrigin: Check = function* (scope) {
  const { maxShare } = scope.thresholds.unknownOrigin;
  for (const batch of transformOutputs(scope)) {
    const over: Record<string, unknown>[] = [];
    for (const [element, parts] of Object.entries(batch.composition)) {
      let total = 0n;
      let undeclared = 0n;
      for (const [origin, micrograms] of parts ?? []) {
        total += BigInt(micrograms);
        if (origin.startsWith('undeclared ')) undeclared += BigInt(micrograms);
      }
      if (total > 0n && exceeds(undeclared, total, maxShare)) {
        over.push({ element, undeclaredMicrograms: undeclared.toString(), share: ratio(undeclared, total) });
      }
    }
    if (over.length === 0) continue;
    yield {
      subject: { kind: 'batch', id: batch.id },
      at: batch.createdAt,
      facts: { material: batch.material, maxShare, elements: over },
      message: `batch ${batch.id} has ${over.map((o) => `${o.element} ${o.share}`).join(', ')} of undeclared origin, above ${maxShare}`,
    };
  }
};

/** LS-SINGLE-COUNTRY: the CRMA's 65 % benchmark, applied to each new batch of a watched stage. */
export const singleCountry: Check = function* (scope) {
  const { maxShare, stages, alliance } = scope.thresholds.singleCountry;
  for (const batch of transformOutputs(scope)) {
    if (!stages.includes(getMaterial(batch.material).stage)) continue;
    const facts = (facility: string) => {
      const country = scope.facility(facility)?.country;
      return country === undefined ? undefined : { country };
    };
    const over: Record<string, unknown>[] = [];
    for (const element of provenanceOf(batch.composition, facts)) {
      for (const share of element.byCountry) {
        if (share.key === 'undeclared' || share.key === 'unknown' || alliance.includes(share.key)) continue;
        const [n, d] = share.share.split('/').map(BigInt) as [bigint, bigint];
        if (exceeds(n, d, maxShare))
          over.push({
            element: element.element,
            country: share.key,
            share: share.share,
            percent: share.percent,
          });
      }
    }
    if (over.length === 0) continue;
    yield {
      subject: { kind: 'batch', id: batch.id },
      at: batch.createdAt,
      facts: { material: batch.material, maxShare, elements: over },
      message: `batch ${batch.id} depends on ${over.map((o) => `${o.country} for ${o.percent} % of ${o.element}`).join(', ')}, above ${maxShare * 100} %`,
    };
  }
};

function* transformOutputs(scope: Scope): Iterable<BatchRow> {
  for (const event of scope.events) {
    if (event.type !== 'transform') continue;
    for (const output of event.outputs) {
      const batch = scope.batch(output.id);
      if (batch !== undefined) yield batch;
    }
  }
}
