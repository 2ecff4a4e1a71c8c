import { randomBytes } from 'node:crypto';
import { SEVERITIES, type Severity } from '../../compliance/index.js';
import type { Webhook, WebhookFilters, WebhookStore, WebhookWithSecret } from '../../store/index.js';
import { ServiceError } from '../errors.js';
import { VERSION } from '../version.js';
import type { FindingSource, FindingView } from './types.js';
import { newWebhookSecret, signWebhook } from './webhook-signature.js';

/** Exponential backoff: the n-th consecutive failure waits a uniform random time in [0, min(max, base·factorⁿ⁻¹)]. */
export interface Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
  readonly factor: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 1000, maxMs: 300_000, factor: 2 };
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
/** The Standard Webhooks event type of every delivery. */
export const WEBHOOK_EVENT_TYPE = 'finding.raised';
export const MAX_WEBHOOK_URL_LENGTH = 2048;
/** The severities a webhook's `minSeverity` may name, lowest first. */
export const WEBHOOK_SEVERITIES: readonly Severity[] = SEVERITIES;

export interface WebhookDispatcherOptions {
  readonly store: WebhookStore;
  readonly source: FindingSource;
  readonly fetch?: typeof fetch;
  /** Wall clock, ms: signing timestamps and recorded times. */
  readonly now?: () => number;
  readonly backoff?: Partial<Backoff>;
  /** Per request, ms (default 10 s). */
  readonly timeoutMs?: number;
  /** Findings read from the source at a time (default 100). */
  readonly batchLimit?: number;
  /** Uniform in [0, 1): the jitter (tests pin it). */
  readonly random?: () => number;
  /** How long `close` lets in-flight requests run before aborting them, ms (default 2 s). */
  readonly closeGraceMs?: number;
}

/** A webhook as `POST /v1/webhooks` asks for it. */
export interface WebhookRegistration {
  readonly url: string;
  readonly minSeverity?: Severity;
  readonly rules?: readonly string[];
  /** Deliver findings with seq above this (default: the latest seq now, so only new findings). */
  readonly since?: number;
}

/** A webhook with how far behind its receiver is: findings stored but not yet acknowledged or skipped. */
export interface WebhookStatus extends Webhook {
  readonly lag: number;
}

interface Worker {
  readonly id: string;
  /** The running delivery loop, if any. */
  task?: Promise<void>;
  /** The pending retry, if any: no delivery starts before it fires. */
  timer?: NodeJS.Timeout;
  /** A wake-up came while the loop ran: look again when it ends. */
  dirty: boolean;
  failures: number;
}

type Outcome =
  | { readonly ok: true; readonly status: number; readonly at: Date }
  | { readonly ok: false; readonly status?: number; readonly error: string; readonly retryAfterMs?: number };

/**
 * Delivers compliance findings to registered webhooks (Standard Webhooks: signed, one POST per finding),
 * at least once and in seq order per webhook. A webhook's cursor advances durably on each 2xx before the
 * next finding is sent; any other outcome retries the same finding with exponential backoff and full
 * jitter, forever. Each webhook has its own loop, so a slow or dead receiver delays no other.
 */
export class WebhookDispatcher {
  readonly #store: WebhookStore;
  readonly #source: FindingSource;
  readonly #fetch: typeof fetch;
  readonly #now: () => number;
  readonly #backoff: Backoff;
  readonly #timeoutMs: number;
  readonly #batchLimit: number;
  readonly #random: () => number;
  readonly #closeGraceMs: number;
  readonly #workers = new Map<string, Worker>();
  readonly #abort = new AbortController();
  #unsubscribe: (() => void) | undefined;
  #wakeScheduled = false;
  #closed = false;

  constructor(options: WebhookDispatcherOptions) {
    this.#store = options.store;
    this.#source = options.source;
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? Date.now;
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
    this.#batchLimit = options.batchLimit ?? 100;
    this.#random = options.random ?? Math.random;
    this.#closeGraceMs = options.closeGraceMs ?? 2000;
  }

  /** Listen for new findings and resume every webhook: what was pending before a restart is delivered. */
  start(): void {
    if (this.#unsubscribe !== undefined || this.#closed) return;
    this.#unsubscribe = this.#source.subscribe(() => this.#scheduleWake());
    for (const webhook of this.#store.list()) this.#resume(webhook);
  }

  /**
   * Register a webhook and start delivering to it. Returns it with its secret (shown only here).
   * @throws ServiceError `WEBHOOK_URL_INVALID` (not an http(s) URL), `WEBHOOK_SINCE_INVALID` (beyond the latest seq).
   */
  register(registration: WebhookRegistration): WebhookWithSecret {
    const url = checkWebhookUrl(registration.url);
    const latest = this.#source.latestSeq();
    const since = registration.since ?? latest;
    if (!Number.isSafeInteger(since) || since < 0 || since > latest) {
      throw new ServiceError('WEBHOOK_SINCE_INVALID', `since must be an integer from 0 to ${latest}`);
    }
    const webhook = this.#store.create(
      {
        id: `wh_${randomBytes(16).toString('base64url')}`,
        url,
        secret: newWebhookSecret(),
        ...(registration.minSeverity !== undefined && { minSeverity: registration.minSeverity }),
        ...(registration.rules !== undefined && { rules: registration.rules }),
        deliveredThrough: since,
      },
      new Date(this.#now()),
    );
    if (this.#unsubscribe !== undefined) this.#resume(webhook);
    return webhook;
  }

  /** Forget a webhook and stop delivering to it; true if there was one. */
  remove(id: string): boolean {
    const worker = this.#workers.get(id);
    if (worker !== undefined) clearTimeout(worker.timer);
    this.#workers.delete(id);
    return this.#store.delete(id);
  }

  /** Every webhook with its delivery state and lag. */
  status(): WebhookStatus[] {
    const latest = this.#source.latestSeq();
    return this.#store.list().map((w) => withLag(w, latest));
  }

  statusOf(id: string): WebhookStatus | undefined {
    const webhook = this.#store.get(id);
    return webhook === undefined ? undefined : withLag(webhook, this.#source.latestSeq());
  }

  /** Stop: cancel retries, let in-flight requests finish (aborting them after the grace period). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe?.();
    const tasks: Promise<void>[] = [];
    for (const worker of this.#workers.values()) {
      clearTimeout(worker.timer);
      if (worker.task !== undefined) tasks.push(worker.task);
    }
    const grace = setTimeout(() => this.#abort.abort(), this.#closeGraceMs);
    await Promise.allSettled(tasks);
    clearTimeout(grace);
  }

  // The source calls its listeners synchronously as it stores findings: wake the loops later, once.
  #scheduleWake(): void {
    if (this.#wakeScheduled) return;
    this.#wakeScheduled = true;
    setImmediate(() => {
      this.#wakeScheduled = false;
      for (const worker of this.#workers.values()) this.#kick(worker);
    });
  }

  #resume(webhook: Webhook): void {
    const worker: Worker = { id: webhook.id, dirty: false, failures: webhook.stats.consecutiveFailures };
    this.#workers.set(webhook.id, worker);
    const next = webhook.stats.nextAttemptAt;
    const wait = next === undefined ? 0 : Date.parse(next) - this.#now();
    if (wait > 0) this.#retryIn(worker, wait);
    else this.#kick(worker);
  }

  #kick(worker: Worker): void {
    if (this.#closed || worker.timer !== undefined) return;
    if (worker.task !== undefined) {
      worker.dirty = true;
      return;
    }
    worker.task = this.#pump(worker)
      .catch((err: unknown) => this.#failed(worker, { ok: false, error: describe(err) }))
      .finally(() => {
        worker.task = undefined;
        if (worker.dirty) this.#kick(worker);
      });
  }

  /** Deliver everything past the cursor, in order, until caught up or a delivery fails. */
  async #pump(worker: Worker): Promise<void> {
    for (;;) {
      worker.dirty = false;
      const webhook = this.#store.getWithSecret(worker.id);
      if (webhook === undefined || this.#closed) return;
      const batch = this.#source.since(webhook.deliveredThrough, this.#batchLimit);
      if (batch.length === 0) return;
      for (const finding of batch) {
        if (this.#closed || this.#workers.get(worker.id) !== worker) return;
        if (!matches(webhook, finding)) {
          this.#store.advance(webhook.id, finding.seq);
          continue;
        }
        const outcome = await this.#deliver(webhook, finding);
        // A 2xx that arrives while closing is still recorded: the receiver has the finding.
        if (!outcome.ok) return this.#failed(worker, outcome);
        this.#store.advance(webhook.id, finding.seq, outcome);
        worker.failures = 0;
      }
    }
  }

  async #deliver(webhook: WebhookWithSecret, finding: FindingView): Promise<Outcome> {
    const body = JSON.stringify({ type: WEBHOOK_EVENT_TYPE, timestamp: finding.raisedAt, data: finding });
    const at = new Date(this.#now());
    const signed = signWebhook(
      webhook.secret,
      webhookMessageId(finding),
      Math.floor(at.getTime() / 1000),
      body,
    );
    try {
      const response = await this.#fetch(webhook.url, {
        method: 'POST',
        headers: { ...signed, 'content-type': 'application/json', 'user-agent': `lodestone/${VERSION}` },
        body,
        // Standard Webhooks: a 3xx is a failure; the operator updates the URL instead.
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.#timeoutMs), this.#abort.signal]),
      });
      await response.body?.cancel().catch(() => undefined);
      const { status } = response;
      if (status >= 200 && status < 300) return { ok: true, status, at };
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      return {
        ok: false,
        status,
        error: `HTTP ${status}`,
        ...(retryAfterMs !== undefined && { retryAfterMs }),
      };
    } catch (err) {
      return { ok: false, error: describe(err) };
    }
  }

  /** Record a failed attempt and schedule the retry (none while closing: the next start resumes). */
  #failed(worker: Worker, outcome: Outcome & { ok: false }): void {
    worker.failures += 1;
    const { baseMs, maxMs, factor } = this.#backoff;
    const ceiling = Math.min(maxMs, baseMs * factor ** (worker.failures - 1));
    const delay = Math.min(maxMs, Math.max(Math.floor(this.#random() * ceiling), outcome.retryAfterMs ?? 0));
    const now = this.#now();
    if (!this.#abort.signal.aborted && this.#workers.get(worker.id) === worker) {
      const failure = { error: outcome.error, at: new Date(now), nextAttemptAt: new Date(now + delay) };
      try {
        this.#store.recordFailure(worker.id, {
          ...failure,
          ...(outcome.status !== undefined && { status: outcome.status }),
        });
      } catch {
        // The stats are advisory; the retry below does not depend on them.
      }
    }
    if (!this.#closed && this.#workers.get(worker.id) === worker) this.#retryIn(worker, delay);
  }

  #retryIn(worker: Worker, delay: number): void {
    worker.timer = setTimeout(() => {
      worker.timer = undefined;
      this.#kick(worker);
    }, delay);
    worker.timer.unref();
  }
}

/**
 * The URL a webhook may be registered with: absolute http or https, without credentials (fetch refuses
 * those), at most 2048 characters. Returns it normalized.
 * @throws ServiceError `WEBHOOK_URL_INVALID`
 */
export function checkWebhookUrl(text: string): string {
  if (text.length > MAX_WEBHOOK_URL_LENGTH) {
    throw new ServiceError('WEBHOOK_URL_INVALID', `url is longer than ${MAX_WEBHOOK_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ServiceError('WEBHOOK_URL_INVALID', 'url is not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ServiceError('WEBHOOK_URL_INVALID', `url must be http or https, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ServiceError('WEBHOOK_URL_INVALID', 'url must not carry credentials');
  }
  return url.href;
}

/** The `webhook-id` of a finding's deliveries: the same on every retry, so receivers can deduplicate. */
export function webhookMessageId(finding: FindingView): string {
  return `finding_${finding.seq}`;
}

function matches(filters: WebhookFilters, finding: FindingView): boolean {
  if (filters.rules !== undefined && filters.rules.length > 0 && !filters.rules.includes(finding.rule)) {
    return false;
  }
  const min = filters.minSeverity;
  return min === undefined || SEVERITIES.indexOf(finding.severity) >= SEVERITIES.indexOf(min as Severity);
}

function withLag(webhook: Webhook, latest: number): WebhookStatus {
  return { ...webhook, lag: Math.max(0, latest - webhook.deliveredThrough) };
}

// Retry-After in seconds; the HTTP-date form is ignored (the backoff applies).
function parseRetryAfter(value: string | null): number | undefined {
  return value !== null && /^\d{1,9}$/.test(value) ? Number(value) * 1000 : undefined;
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err.cause as { code?: unknown } | undefined)?.code;
  return `${err.name}: ${err.message}${typeof cause === 'string' ? ` (${cause})` : ''}`;
}
