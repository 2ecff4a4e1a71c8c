import { describe, expect, it } from 'vitest';
import { ATOMIC_WEIGHTS, CONFORMITY_TOPICS, FACILITY_KINDS } from '../../model/index.js';
import { exampleCredentials } from '../untp/examples.js';
import { readJsonAsset } from './assets.js';
import { validateCredential } from './validate.js';

/**
 * Conformance of the trust registry credentials, certificates and status lists: the Lodestone schemas of
 * the extension types are in force and agree with the model, and the contexts expand what each kind
 * carries (the built examples pass; validate.test.ts and the property tests check every kind).
 */

// biome-ignore lint/suspicious/noExplicitAny: tests poke wrong shapes into credential JSON.
type Json = any;

const examples = exampleCredentials();
const copy = (name: string): Json => structuredClone(examples[name]);

describe('the accreditation schema', () => {
  const defs = (
    readJsonAsset('schemas/lodestone/accreditation-schema.json') as {
      $defs: Record<string, { enum: string[] }>;
    }
  ).$defs;

  it('lists exactly the model’s topics, elements and facility kinds', () => {
    expect(defs['conformityTopic']?.enum).toEqual(CONFORMITY_TOPICS);
    expect(defs['element']?.enum).toEqual(Object.keys(ATOMIC_WEIGHTS));
    expect(defs['facilityKind']?.enum).toEqual(FACILITY_KINDS);
  });
});

describe('validateCredential of the new kinds', () => {
  it.each<[string, (vc: Json) => void, RegExp]>([
    [
      'trust-list',
      (vc) => (vc.credentialSubject.accreditationBody[0].country = 'can'),
      /^TrustList schema: \/credentialSubject\/accreditationBody\/0\/country/,
    ],
    [
      'trust-list',
      (vc) => (vc.credentialSubject.accreditationBody = []),
      /^TrustList schema: \/credentialSubject\/accreditationBody/,
    ],
    [
      'accreditation',
      (vc) => delete vc.validUntil,
      /^Accreditation schema: \/ must have required property 'validUntil'/,
    ],
    [
      'accreditation',
      (vc) => vc.credentialSubject.conformityTopic.push('social.labour'),
      /^Accreditation schema: \/credentialSubject\/conformityTopic/,
    ],
    [
      'accreditation',
      (vc) => (vc.credentialSubject.minerals = ['Kryptonite']),
      /^Accreditation schema: \/credentialSubject\/minerals\/0/,
    ],
    [
      'accreditation-status',
      (vc) => (vc.credentialSubject.accreditationStatus = 'revoked'),
      /^AccreditationStatusChange schema: \/credentialSubject\/accreditationStatus/,
    ],
    [
      'certificate',
      (vc) => delete vc.credentialSubject.scope.owner,
      /^DigitalConformityCredential schema: \/credentialSubject\/scope must have required property 'owner'/,
    ],
    [
      'certificate',
      (vc) => (vc.credentialSubject.assessment[0].conformityTopic = 'social.wages'),
      /^DigitalConformityCredential schema: \/credentialSubject\/assessment\/0\/conformityTopic/,
    ],
  ])('a %s fails its schema', async (name, mutate, error) => {
    const vc = copy(name);
    mutate(vc);
    const result = await validateCredential(vc);
    expect(result.ok).toBe(false);
    expect(result.errors).toContainEqual(expect.stringMatching(error));
  });

  it('expands minerals in an assessment only with the Lodestone context', async () => {
    const vc = copy('certificate');
    vc['@context'].pop();
    expect((await validateCredential(vc)).errors).toEqual([
      'JSON-LD: invalid property {"property":"minerals","expandedProperty":"minerals"}',
    ]);
  });

  it('expands an accreditation’s conformityTopic only inside an Accreditation (a type-scoped term)', async () => {
    const vc = copy('trust-list');
    vc.credentialSubject.conformityTopic = ['social.labour'];
    expect((await validateCredential(vc)).errors).toContainEqual(
      expect.stringMatching(/^JSON-LD: invalid property \{"property":"conformityTopic"/),
    );
  });

  it('expands a status list with the VC 2.0 context alone, and no term it does not define', async () => {
    expect(await validateCredential(copy('status-list'))).toEqual({ ok: true, errors: [] });
    const vc = copy('status-list');
    vc.credentialSubject.listSize = 131_072;
    expect((await validateCredential(vc)).errors).toEqual([
      'JSON-LD: invalid property {"property":"listSize","expandedProperty":"listSize"}',
    ]);
  });
});
