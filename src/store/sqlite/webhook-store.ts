import type Database from 'better-sqlite3';

type Db = Database.Database;

/** Which findings a webhook wants; both optional, ANDed. */
export interface WebhookFilters {
  /** Only findings of this severity or above (a compliance `Severity`). */
  readonly minSeverity?: string;
  /** Only findings of these rule ids. */
  readonly rules?: readonly string[];
}

/** What the dispatcher hands the store to register a webhook: its id and secret are already made. */
export interface NewWebhook extends WebhookFilters {
  readonly id: string;
  /** An http(s) URL, already checked. */
  readonly url: string;
  /** The Standard Webhooks signing secret, `whsec_` + base64. */
  readonly secret: string;
  /** The finding seq delivery starts after. */
  readonly deliveredThrough: number;
}

/** How deliveries to a webhook have gone. */
export interface WebhookStats {
  /** Requests made, successful or not. */
  readonly attempts: number;
  /** Failed attempts since the last success: the backoff exponent. */
  readonly consecutiveFailures: number;
  /** HTTP status of the last attempt (absent when it got no response). */
  readonly lastStatus?: number;
  /** Why the last attempt failed (absent after a success). */
  readonly lastError?: string;
  readonly lastAttemptAt?: string;
  /** When the failed finding is retried (absent when nothing waits). */
  readonly nextAttemptAt?: string;
}

/** A webhook subscription as listed: never its secret. */
export interface Webhook extends WebhookFilters {
  readonly id: string;
  readonly url: string;
  readonly createdAt: string;
  /** The last finding seq the receiver acknowledged with a 2xx (or that the filters skipped). */
  readonly deliveredThrough: number;
  readonly stats: WebhookStats;
}

/** A webhook with its signing secret: what its creation returns, and what the dispatcher signs with. */
export interface WebhookWithSecret extends Webhook {
  readonly secret: string;
}

/** A failed delivery attempt. */
export interface WebhookFailure {
  /** HTTP status, when the receiver answered at all. */
  readonly status?: number;
  readonly error: string;
  readonly at: Date;
  readonly nextAttemptAt: Date;
}

/** The webhook table, DDL appended to the store's schema. */
export const WEBHOOK_SCHEMA = `
-- Webhook subscriptions to compliance findings (issue 5). delivered_through is the durable delivery
-- cursor: every finding with seq <= it was acknowledged (2xx) or filtered out. rules: a JSON array.
CREATE TABLE IF NOT EXISTS webhooks (
  id                   TEXT PRIMARY KEY,
  url                  TEXT NOT NULL,
  secret               TEXT NOT NULL,
  min_severity         TEXT,
  rules                TEXT,
  created_at           TEXT NOT NULL,
  delivered_through    INTEGER NOT NULL,
  attempts             INTEGER NOT NULL DEFAULT 0,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_status          INTEGER,
  last_error           TEXT,
  last_attempt_at      TEXT,
  next_attempt_at      TEXT
) STRICT;
`;

interface WebhookRow {
  id: string;
  url: string;
  secret: string;
  min_severity: string | null;
  rules: string | null;
  created_at: string;
  delivered_through: number;
  attempts: number;
  consecutive_failures: number;
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
}

/** Persisted webhook subscriptions and their delivery cursors. Deleting one forgets it entirely. */
export class WebhookStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Register a webhook; returns it with its secret. */
  create(webhook: NewWebhook, now: Date = new Date()): WebhookWithSecret {
    const rules = webhook.rules === undefined ? null : JSON.stringify(webhook.rules);
    this.#db
      .prepare(
        `INSERT INTO webhooks (id, url, secret, min_severity, rules, created_at, delivered_through)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        webhook.id,
        webhook.url,
        webhook.secret,
        webhook.minSeverity ?? null,
        rules,
        now.toISOString(),
        webhook.deliveredThrough,
      );
    return this.#withSecret(webhook.id)!;
  }

  /** Every webhook, oldest first, without secrets. */
  list(): Webhook[] {
    const rows = this.#db.prepare('SELECT * FROM webhooks ORDER BY created_at, id').all() as WebhookRow[];
    return rows.map((r) => withoutSecret(fromRow(r)));
  }

  get(id: string): Webhook | undefined {
    const found = this.#withSecret(id);
    return found === undefined ? undefined : withoutSecret(found);
  }

  /** A webhook with its signing secret: for the dispatcher only. */
  getWithSecret(id: string): WebhookWithSecret | undefined {
    return this.#withSecret(id);
  }

  /** Forget a webhook; true if there was one. */
  delete(id: string): boolean {
    return this.#db.prepare('DELETE FROM webhooks WHERE id = ?').run(id).changes === 1;
  }

  /**
   * Move the cursor forward to `seq` (never back). With `delivery`, also record that successful attempt
   * and clear the failure state, in the same statement. True if the cursor moved.
   */
  advance(id: string, seq: number, delivery?: { readonly status: number; readonly at: Date }): boolean {
    if (delivery === undefined) {
      const sql = 'UPDATE webhooks SET delivered_through = ? WHERE id = ? AND delivered_through < ?';
      return this.#db.prepare(sql).run(seq, id, seq).changes === 1;
    }
    const sql = `UPDATE webhooks SET delivered_through = ?, attempts = attempts + 1, consecutive_failures = 0,
         last_status = ?, last_error = NULL, last_attempt_at = ?, next_attempt_at = NULL
       WHERE id = ? AND delivered_through < ?`;
    return this.#db.prepare(sql).run(seq, delivery.status, delivery.at.toISOString(), id, seq).changes === 1;
  }

  /** Record a failed attempt and when it is retried; returns the consecutive failures so far. */
  recordFailure(id: string, failure: WebhookFailure): number {
    const sql = `UPDATE webhooks SET attempts = attempts + 1, consecutive_failures = consecutive_failures + 1,
         last_status = ?, last_error = ?, last_attempt_at = ?, next_attempt_at = ?
       WHERE id = ? RETURNING consecutive_failures`;
    const failures = this.#db
      .prepare(sql)
      .pluck()
      .get(
        failure.status ?? null,
        failure.error.slice(0, 500),
        failure.at.toISOString(),
        failure.nextAttemptAt.toISOString(),
        id,
      ) as number | undefined;
    return failures ?? 0;
  }

  #withSecret(id: string): WebhookWithSecret | undefined {
    const row = this.#db.prepare('SELECT * FROM webhooks WHERE id = ?').get(id) as WebhookRow | undefined;
    return row === undefined ? undefined : fromRow(row);
  }
}

function fromRow(r: WebhookRow): WebhookWithSecret {
  return {
    id: r.id,
    url: r.url,
    secret: r.secret,
    ...(r.min_severity !== null && { minSeverity: r.min_severity }),
    ...(r.rules !== null && { rules: JSON.parse(r.rules) as string[] }),
    createdAt: r.created_at,
    deliveredThrough: r.delivered_through,
    stats: {
      attempts: r.attempts,
      consecutiveFailures: r.consecutive_failures,
      ...(r.last_status !== null && { lastStatus: r.last_status }),
      ...(r.last_error !== null && { lastError: r.last_error }),
      ...(r.last_attempt_at !== null && { lastAttemptAt: r.last_attempt_at }),
      ...(r.next_attempt_at !== null && { nextAttemptAt: r.next_attempt_at }),
    },
  };
}

function withoutSecret({ secret: _, ...webhook }: WebhookWithSecret): Webhook {
  return webhook;
}
