import { createHash } from 'node:crypto';
import type { Finding } from '../../src/compliance/index.js';
import type { FindingSource, FindingView } from '../../src/service/findings/types.js';

/** A finding as the monitor would serve it, with `over` replacing any of its fields. */
export function findingView(seq: number, over: Partial<Finding> = {}): FindingView {
  const id = createHash('sha256').update(`finding ${seq}`).digest('hex');
  return {
    id,
    rule: 'R1',
    ruleSet: 'test-1',
    severity: 'high',
    title: 'A test finding',
    subject: { kind: 'batch', id: 'urn:lot:1' },
    statement: 'ab'.repeat(32),
    at: '2026-01-01T00:00:00.000Z',
    evidence: { statements: ['ab'.repeat(32)], facts: {} },
    message: `finding number ${seq}`,
    ...over,
    seq,
    index: seq,
    issuer: 'did:web:issuer.example',
    raisedAt: new Date().toISOString(),
    case: { finding: id, status: 'open', history: [] },
  };
}

/** An in-memory FindingSource: the compliance monitor's contract, without the monitor. */
export class MemoryFindingSource implements FindingSource {
  readonly #findings: FindingView[] = [];
  readonly #listeners = new Set<(finding: FindingView) => void>();

  /** Store a finding and notify the listeners, as the monitor does. */
  add(over: Partial<Finding> = {}): FindingView {
    const finding = findingView(this.#findings.length + 1, over);
    this.#findings.push(finding);
    for (const listener of this.#listeners) listener(finding);
    return finding;
  }

  since(seq: number, limit: number): FindingView[] {
    return this.#findings.filter((f) => f.seq > seq).slice(0, limit);
  }

  latestSeq(): number {
    return this.#findings.length;
  }

  subscribe(listener: (finding: FindingView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
