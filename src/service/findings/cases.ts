import type { CaseActionStatement, SupplyStatement } from '../../model/index.js';
import type { CaseEvent, CaseState, CaseStatus } from './types.js';

/**
 * Cases (issue 5 part 4), folded from the logged case-action statements in log order: the log is the
 * case file, this is its index. Folding accepts whatever the log holds (the node checked each action
 * when it was registered); the status follows the last action.
 */
export class CaseBook {
  readonly #cases = new Map<string, CaseState>();

  /** The case of a finding: open with no history until someone acts. */
  get(finding: string): CaseState {
    return this.#cases.get(finding) ?? { finding, status: 'open', history: [] };
  }

  /** Every case someone acted on, in order of its first action. */
  all(): CaseState[] {
    return [...this.#cases.values()];
  }

  /** Apply a logged case action; returns the case after it. */
  apply(statement: SupplyStatement & { readonly body: CaseActionStatement }, id: string): CaseState {
    const { body } = statement;
    const before = this.get(body.finding);
    const event: CaseEvent = {
      action: body.action,
      by: statement.issuer,
      at: statement.time,
      statement: id,
      ...(body.assignee !== undefined && { assignee: body.assignee }),
      ...(body.justification !== undefined && { justification: body.justification }),
      ...(body.outcome !== undefined && { outcome: body.outcome }),
    };
    const assignee = body.action === 'assign' ? body.assignee : before.assignee;
    const next: CaseState = {
      finding: body.finding,
      status: STATUS_AFTER[body.action],
      ...(assignee !== undefined && { assignee }),
      ...(body.action === 'resolve' && body.outcome !== undefined && { outcome: body.outcome }),
      history: [...before.history, event],
    };
    this.#cases.set(body.finding, next);
    return next;
  }
}

const STATUS_AFTER: Readonly<Record<CaseActionStatement['action'], CaseStatus>> = {
  acknowledge: 'acknowledged',
  assign: 'assigned',
  resolve: 'resolved',
  reopen: 'acknowledged',
};

/**
 * Why an action may not follow a case's current status, or undefined when it may: a resolved case is
 * reopened before anything else, an open one is never reopened, and acknowledging is the first step only.
 */
export function transitionRefusal(
  status: CaseStatus,
  action: CaseActionStatement['action'],
): string | undefined {
  if (status === 'resolved' && action !== 'reopen') return `the case is resolved: reopen it first`;
  if (status !== 'resolved' && action === 'reopen')
    return `only a resolved case can be reopened (it is ${status})`;
  if (action === 'acknowledge' && status !== 'open') return `the case is already ${status}`;
  return undefined;
}
