import { createHash } from 'node:crypto';

/** SHA-256 of `data` (FIPS 180-4), 32 bytes. */
export function sha256(...parts: Uint8Array[]): Buffer<ArrayBuffer> {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** Lowercase hex SHA-256 of `data`: the form statement ids take everywhere. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
