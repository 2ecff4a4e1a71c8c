import type { KeyObject } from 'node:crypto';
import { type Ed25519PublicJwk, fromBase64Url, jwkFromPublicKey, keyPairFromSeed } from '../crypto/index.js';
import { readJsonFile } from './files.js';
import { CliError } from './output.js';

/** A signing key as `lodestone keys generate` writes it: `{ kid, jwk: { kty, crv, x, d } }`. */
export interface KeyFile {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: Ed25519PublicJwk;
}

export function readKeyFile(path: string): KeyFile {
  const json = readJsonFile(path) as { kid?: unknown; jwk?: { d?: unknown } };
  if (typeof json?.kid !== 'string' || typeof json.jwk?.d !== 'string') {
    throw new CliError(
      'CLI_INPUT',
      `${path} is not a key file`,
      'create one with `lodestone keys generate --out <file>`',
    );
  }
  try {
    const pair = keyPairFromSeed(fromBase64Url(json.jwk.d));
    return { kid: json.kid, privateKey: pair.privateKey, publicJwk: jwkFromPublicKey(pair.publicKey) };
  } catch (cause) {
    throw new CliError('CLI_INPUT', `${path} holds no valid Ed25519 private key`, undefined, { cause });
  }
}
