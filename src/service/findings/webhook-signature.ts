/**
 * Webhook signing per Standard Webhooks 1.0.0 (https://www.standardwebhooks.com, spec/standard-webhooks.md,
 * "Signature scheme" and "Webhook headers"): symmetric `v1` signatures, HMAC-SHA256 over
 * `{webhook-id}.{webhook-timestamp}.{body}` keyed with the secret's bytes.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of a serialized symmetric signing secret. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
/** Identifier of a symmetric (HMAC-SHA256) signature in `webhook-signature`. */
export const WEBHOOK_SIGNATURE_VERSION = 'v1';
/** How far a `webhook-timestamp` may be from the receiver's clock by default, seconds. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/** The three headers every delivery carries (a type, not an interface: it is a header record too). */
export type WebhookHeaders = {
  /** Stable per finding per webhook: a retry carries the same id, so receivers can deduplicate. */
  readonly 'webhook-id': string;
  /** Unix seconds of this attempt. */
  readonly 'webhook-timestamp': string;
  /** `v1,` + base64 HMAC-SHA256; a space-delimited list in general. */
  readonly 'webhook-signature': string;
};

/** A fresh secret: 32 random bytes, `whsec_` + base64 (the spec asks for 24 to 64). */
export function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/**
 * The headers that sign `body` as message `id` sent at `timestamp` (Unix seconds).
 * @throws RangeError when `secret` is not `whsec_` + base64 of 24 to 64 bytes.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): WebhookHeaders {
  const signature = hmac(secretBytes(secret), id, String(timestamp), body).toString('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `${WEBHOOK_SIGNATURE_VERSION},${signature}`,
  };
}

/**
 * True when `headers` carry a `v1` signature of `body` by `secret`, with a timestamp within
 * `toleranceSeconds` of `nowSeconds`. Headers are the receiver's (attacker-controlled): anything malformed
 * is a refusal, never a throw. Signatures are compared in constant time.
 * @throws RangeError when `secret` itself is malformed (the receiver's own configuration).
 */
export function verifyWebhookSignature(
  secret: string,
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  body: string | Uint8Array,
  toleranceSeconds: number = DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  nowSeconds: number = Date.now() / 1000,
): boolean {
  const key = secretBytes(secret);
  const id = single(headers['webhook-id']);
  const timestamp = single(headers['webhook-timestamp']);
  const signatures = single(headers['webhook-signature']);
  if (id === undefined || timestamp === undefined || signatures === undefined) return false;
  if (!/^\d{1,15}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) {
    return false;
  }
  const want = hmac(key, id, timestamp, body);
  let ok = false;
  // Several signatures during a secret rotation: any one that matches will do.
  for (const candidate of signatures.split(' ')) {
    const [version, value] = candidate.split(',', 2);
    if (version !== WEBHOOK_SIGNATURE_VERSION || value === undefined) continue;
    const got = Buffer.from(value, 'base64');
    if (got.length === want.length && timingSafeEqual(got, want)) ok = true;
  }
  return ok;
}

function hmac(key: Buffer, id: string, timestamp: string, body: string | Uint8Array): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

function secretBytes(secret: string): Buffer {
  const encoded = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : '';
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length < 24 || bytes.length > 64) {
    throw new RangeError(
      `webhook secret expected whsec_ + base64 of 24 to 64 bytes, got ${bytes.length} bytes`,
    );
  }
  return bytes;
}

function single(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
