import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Ed25519KeyPair,
  generateEd25519,
  jwkFromPublicKey,
  signCompactJws,
} from '../../src/crypto/index.js';
import type { Role } from '../../src/model/index.js';
import { LodestoneNode, type NodeOptions } from '../../src/service/index.js';

/** A fresh temporary data directory; `cleanup` removes it. */
export function tempDir(prefix = 'lodestone-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A statement signer with its kid, for tests. */
export interface TestSigner {
  readonly kid: string;
  readonly keys: Ed25519KeyPair;
  sign(payload: unknown): string;
}

export function testSigner(kid = 'did:web:refiner.example#key-1'): TestSigner {
  const keys = generateEd25519();
  return {
    kid,
    keys,
    sign: (payload) =>
      signCompactJws(JSON.stringify(payload), { kid, typ: 'vc+jwt', cty: 'vc' }, keys.privateKey),
  };
}

/** The DID a signer's kid belongs to. */
export function didOf(signer: TestSigner): string {
  return signer.kid.split('#')[0]!;
}

/** Register the signer's organisation with the node, as the operator (one logged identity statement). */
export async function registerSigner(
  node: LodestoneNode,
  signer: TestSigner,
  roles: readonly Role[] = ['producer'],
  country = 'CAN',
): Promise<void> {
  const did = didOf(signer);
  await node.registerIdentity({
    subject: did,
    legalName: `Organisation ${did}`,
    registeredId: did,
    idScheme: { id: 'urn:lodestone:scheme:test', name: 'test register' },
    country,
    roles,
    keys: [
      { kid: signer.kid, jwk: { kty: 'OKP', crv: 'Ed25519', x: jwkFromPublicKey(signer.keys.publicKey).x } },
    ],
    validFrom: '2020-01-01T00:00:00.000Z',
  });
}

/** A node on a temp directory with one registered signer (its identity is the log's first entry). */
export async function openTestNode(options: Partial<NodeOptions> = {}): Promise<{
  node: LodestoneNode;
  signer: TestSigner;
  dir: string;
  close: () => Promise<void>;
}> {
  const { dir, cleanup } = tempDir();
  const node = LodestoneNode.open({
    dataDir: dir,
    origin: 'test.lodestone.example/log',
    maxDelayMs: 1,
    ...options,
  });
  const signer = testSigner();
  await registerSigner(node, signer);
  const handle = {
    node,
    signer,
    dir,
    // Closes whichever node the test left in `handle.node` (tests may reopen the directory).
    close: async () => {
      await handle.node.close();
      cleanup();
    },
  };
  return handle;
}

/**
 * A ~1 KiB verifiable credential, unique per `n`, of a type the node registers without modelling (so it
 * exercises the log, signatures and the registry, not custody rules).
 */
export function samplePayload(n: number): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential', 'ExampleAttestation'],
    id: `urn:uuid:00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    issuer: { type: ['CredentialIssuer'], id: 'did:web:refiner.example', name: 'Example Refining Ltd' },
    credentialSubject: [
      {
        type: ['TransformationEvent', 'Event'],
        id: `https://refiner.example/events/${n}`,
        processType: 'refine',
        eventTime: '2026-11-27T09:00:00Z',
        action: 'observe',
        bizStep: 'https://ref.gs1.org/cbv/BizStep-commissioning',
        disposition: 'https://ref.gs1.org/cbv/Disp-active',
        bizLocation: 'https://refiner.example/facilities/kokkola',
        inputEPCList: [
          { type: ['Item'], id: `https://refiner.example/batches/in-${n}`, name: 'Cobalt hydroxide lot' },
        ],
        outputEPCList: [
          { type: ['Item'], id: `https://refiner.example/batches/out-${n}`, name: 'Cobalt sulfate lot' },
        ],
        quantityList: [{ productId: 'https://refiner.example/products/coso4', quantity: 20000, uom: 'KGM' }],
      },
    ],
  };
}
