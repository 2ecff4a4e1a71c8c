import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Ed25519PublicJwk,
  jwkFromPublicKey,
  keyPairFromSeed,
  signCompactJws,
  toBase64Url,
} from '../../crypto/index.js';
import { formatSignerKey } from '../../log/index.js';
import { fsyncDirectory, writeFileAtomically, writeFileDurably } from '../durable-file.js';
import { NODE_KEY_FILE } from '../identity.js';
import { OPERATOR_KEY_FILE } from '../operator.js';
import { WITNESS_KEY_FILE } from '../witness.js';
import { Random } from './random.js';

/** Where the organisations' private key files go, inside the data directory. */
export const DEMO_KEYS_DIR = 'demo-keys';

/** An organisation of the demo world that signs its own statements. */
export interface DemoSigner {
  readonly did: string;
  /** `<did>#key-1`. */
  readonly kid: string;
  readonly publicJwk: Ed25519PublicJwk;
  /** The 32-byte Ed25519 seed (the key file's `d`). */
  readonly seed: Buffer;
  /** Sign a credential as a compact JWS (`vc+jwt`). */
  sign(payload: unknown): string;
}

/** The signer of `did`, its key drawn from its own stream of world `seed`. */
export function deriveSigner(seed: number, did: string): DemoSigner {
  const keySeed = Random.of(seed, `key ${did}`).bytes(32);
  const pair = keyPairFromSeed(keySeed);
  const kid = `${did}#key-1`;
  return {
    did,
    kid,
    publicJwk: jwkFromPublicKey(pair.publicKey),
    seed: keySeed,
    sign: (payload) =>
      signCompactJws(JSON.stringify(payload), { kid, typ: 'vc+jwt', cty: 'vc' }, pair.privateKey),
  };
}

/**
 * Write the node's own key files — the log key, the operator key and the witness key, in the formats
 * `LodestoneNode.open` reads — derived from world `seed`, so that the node opened on `dataDir` signs
 * exactly the same checkpoints and registrations for the same seed. Must run before the node first opens.
 */
export function writeNodeKeys(dataDir: string, seed: number, origin: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = (name: string): Buffer => Random.of(seed, `node key ${name}`).bytes(32);
  writeFileDurably(join(dataDir, NODE_KEY_FILE), `${formatSignerKey(origin, key('log'))}\n`, 0o600);
  writeFileDurably(join(dataDir, OPERATOR_KEY_FILE), `${toBase64Url(key('operator'))}\n`, 0o600);
  writeFileDurably(
    join(dataDir, WITNESS_KEY_FILE),
    `${formatSignerKey(`${origin}/witness`, key('witness'))}\n`,
    0o600,
  );
}

/**
 * Write each organisation's private key as `lodestone keys generate` does (`{kid, jwk: {kty, crv, x, d}}`,
 * mode 0600) to `<dir>/<name>.key.json`, so a newcomer can sign as any of them. Returns the file names.
 */
export function writeSignerKeys(dir: string, signers: ReadonlyMap<string, DemoSigner>): Map<string, string> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = new Map<string, string>();
  for (const [name, signer] of signers) {
    const file = `${name}.key.json`;
    const json = { kid: signer.kid, jwk: { ...signer.publicJwk, d: toBase64Url(signer.seed) } };
    writeFileAtomically(join(dir, file), `${JSON.stringify(json, null, 2)}\n`, 0o600);
    files.set(signer.did, file);
  }
  fsyncDirectory(dir);
  return files;
}
