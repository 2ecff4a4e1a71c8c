import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhookSignature } from './webhook-signature.js';

const secret = newWebhookSecret();
const body = '{"type":"finding.raised","timestamp":"2026-01-01T00:00:00.000Z","data":{"seq":1}}';
const now = 1_767_225_600;
const headers = signWebhook(secret, 'finding_1', now, body);

describe('signWebhook', () => {
  it('signs `id.timestamp.body` with HMAC-SHA256 keyed by the secret bytes (Standard Webhooks v1)', () => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', key).update(`finding_1.${now}.${body}`).digest('base64');
    expect(headers).toEqual({
      'webhook-id': 'finding_1',
      'webhook-timestamp': String(now),
      'webhook-signature': `v1,${mac}`,
    });
  });

  it('matches the Standard Webhooks reference vector', () => {
    // The test vector the Standard Webhooks reference libraries share (their signature tests).
    const vector = signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(vector['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('refuses a secret that is not whsec_ + base64 of 24 to 64 bytes', () => {
    expect(() => signWebhook('sk_abc', 'i', now, body)).toThrow(RangeError);
    expect(() => signWebhook('whsec_AAAA', 'i', now, body)).toThrow(RangeError);
  });
});

describe('verifyWebhookSignature', () => {
  it('accepts what signWebhook signed, within the tolerance', () => {
    expect(verifyWebhookSignature(secret, headers, body, 300, now + 299)).toBe(true);
    expect(verifyWebhookSignature(secret, headers, Buffer.from(body), 300, now - 299)).toBe(true);
  });

  it('accepts when any one of several space-delimited signatures matches (secret rotation)', () => {
    const rotated = { ...headers, 'webhook-signature': `v1,AAAA v1a,xyz ${headers['webhook-signature']}` };
    expect(verifyWebhookSignature(secret, rotated, body, 300, now)).toBe(true);
  });

  describe('when anything was changed', () => {
    it('refuses a tampered body', () => {
      expect(verifyWebhookSignature(secret, headers, body.replace('1}', '2}'), 300, now)).toBe(false);
    });

    it('refuses another secret', () => {
      expect(verifyWebhookSignature(newWebhookSecret(), headers, body, 300, now)).toBe(false);
    });

    it('refuses a changed id or timestamp', () => {
      const otherId = { ...headers, 'webhook-id': 'finding_2' };
      const otherTime = { ...headers, 'webhook-timestamp': String(now + 1) };
      expect(verifyWebhookSignature(secret, otherId, body, 300, now)).toBe(false);
      expect(verifyWebhookSignature(secret, otherTime, body, 300, now)).toBe(false);
    });
  });

  it('refuses a stale or future timestamp (replay)', () => {
    expect(verifyWebhookSignature(secret, headers, body, 300, now + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, headers, body, 300, now - 301)).toBe(false);
  });

  it('refuses missing, repeated or malformed headers without throwing', () => {
    const { 'webhook-signature': _, ...unsigned } = headers;
    expect(verifyWebhookSignature(secret, unsigned, body, 300, now)).toBe(false);
    expect(verifyWebhookSignature(secret, { ...headers, 'webhook-id': ['a', 'b'] }, body, 300, now)).toBe(
      false,
    );
    expect(verifyWebhookSignature(secret, { ...headers, 'webhook-timestamp': '1e9' }, body, 300, now)).toBe(
      false,
    );
    expect(verifyWebhookSignature(secret, { ...headers, 'webhook-signature': 'v1' }, body, 300, now)).toBe(
      false,
    );
    expect(
      verifyWebhookSignature(secret, { ...headers, 'webhook-signature': 'v2,abc' }, body, 300, now),
    ).toBe(false);
  });
});
