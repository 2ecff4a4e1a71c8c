import type { LodestoneNode, Registration } from '../node.js';
import type { Submission } from './emit.js';

/**
 * Registrations go to the node in chunks of this many, all submitted before any is awaited; the node's
 * sequencer integrates exactly one chunk per commit (its `maxBatch`), so where checkpoints fall depends
 * on the submissions alone, never on timing.
 */
export const CHUNK = 512;

/** A clock the node reads: set to each submission's registration time just before it is submitted. */
export interface SettableClock {
  ms: number;
}

/**
 * Register every submission in order. The node checks a statement's signature against the registry
 * when it is submitted, before earlier submissions of the same chunk are applied, so a chunk ends
 * before the first statement of an organisation registered within it.
 * @throws the node's coded error for a refused submission (a bug in the world's plan)
 */
export async function registerAll(
  node: LodestoneNode,
  clock: SettableClock,
  submissions: readonly Submission[],
  progress?: (done: number, total: number) => void,
): Promise<void> {
  const total = submissions.length;
  let pending: Promise<Registration>[] = [];
  const fresh = new Set<string>();
  let done = 0;
  const flush = async (): Promise<void> => {
    for (const registration of await Promise.all(pending)) {
      if (!registration.created)
        throw new Error(`demo world: ${registration.receipt.statement} was planned twice`);
    }
    done += pending.length;
    pending = [];
    fresh.clear();
    progress?.(done, total);
  };
  progress?.(0, total);
  for (const submission of submissions) {
    if (pending.length >= CHUNK || (submission.kind === 'statement' && fresh.has(submission.signer)))
      await flush();
    clock.ms = submission.atMs;
    pending.push(submit(node, submission));
    if (submission.kind === 'identity') fresh.add(submission.input.subject);
  }
  await flush();
}

function submit(node: LodestoneNode, submission: Submission): Promise<Registration> {
  switch (submission.kind) {
    case 'identity':
      return node.registerIdentity(submission.input);
    case 'trust-list':
      return node.publishTrustList(submission.bodies);
    case 'statement':
      return node.register(submission.jws);
  }
}
