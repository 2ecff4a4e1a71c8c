import { afterEach, describe, expect, it, vi } from 'vitest';
import { InteropError } from '../errors.js';
import { LODESTONE_CONTEXT, VC_V2_CONTEXT } from '../untp/contexts.js';
import { exampleCredentials } from '../untp/examples.js';
import { createDocumentLoader, shippedContexts } from './loader.js';
import { validateCredential } from './validate.js';

// biome-ignore lint/suspicious/noExplicitAny: tests poke wrong shapes into credential JSON.
type Json = any;

const examples = exampleCredentials();
const copy = (name: string): Json => structuredClone(examples[name]);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('validateCredential', () => {
  it.each(Object.keys(examples))(
    'passes the %s example: VC schema, type schema and safe JSON-LD',
    async (name) => {
      expect(await validateCredential(copy(name))).toEqual({ ok: true, errors: [] });
    },
  );

  describe('JSON-LD, in safe mode', () => {
    it('fails a property no context defines (it would be dropped), even where the schemas allow it', async () => {
      const vc = copy('receive');
      vc.credentialSubject[0].remark = 'arrived wet';
      expect(await validateCredential(vc)).toEqual({
        ok: false,
        errors: ['JSON-LD: invalid property {"property":"remark","expandedProperty":"remark"}'],
      });
    });

    it('fails a type no context defines', async () => {
      const vc = copy('key-rotation');
      vc.issuer.type = ['CredentialIssuer']; // defined by UNTP contexts only, which an extension does not use
      const result = await validateCredential(vc);
      expect(result.ok).toBe(false);
      expect(result.errors).toContainEqual(expect.stringMatching(/^JSON-LD: relative @type reference/));
    });

    it('fails an attempt to redefine a protected Lodestone term', async () => {
      const vc = copy('extract');
      vc['@context'].push({ custodyEvent: 'https://elsewhere.example/kind' });
      const result = await validateCredential(vc);
      expect(result.errors).toContainEqual(
        expect.stringMatching(/^JSON-LD: protected term redefinition "custodyEvent"/),
      );
    });

    it('fails a context Lodestone does not ship, without fetching it', async () => {
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      const vc = copy('identity');
      vc['@context'].push('https://contexts.example/extra.jsonld');
      const result = await validateCredential(vc);
      expect(result.errors).toContainEqual(expect.stringContaining('is not shipped with Lodestone'));
      expect(fetchSpy).not.toHaveBeenCalled();
    });
  });

  describe('JSON Schemas', () => {
    it('fails a UNTP credential missing a required field (facility name)', async () => {
      const vc = copy('facility');
      delete vc.credentialSubject.facility.name;
      const result = await validateCredential(vc);
      expect(result.errors).toContain(
        'DigitalFacilityRecord schema: /credentialSubject/facility must have required property \'name\' ("name")',
      );
    });

    it('fails a UNTP issuer without a name and a closed object with an extra property', async () => {
      const vc = copy('trade');
      delete vc.issuer.name;
      vc.credentialSubject[0].epcList[0].gtin = '09520123456788';
      const { errors } = await validateCredential(vc);
      expect(errors).toContain(
        'DigitalTraceabilityEvent schema: /issuer must have required property \'name\' ("name")',
      );
      expect(errors).toContain(
        'DigitalTraceabilityEvent schema: /credentialSubject/0/epcList/0 must NOT have additional properties ("gtin")',
      );
    });

    it('fails the VC 2.0 schema for an empty subject list', async () => {
      const vc = copy('assay');
      vc.credentialSubject = [];
      expect((await validateCredential(vc)).errors).toContainEqual(
        expect.stringMatching(/^VC 2\.0 schema: \/credentialSubject/),
      );
    });

    it('fails a Lodestone extension credential against its own schema', async () => {
      const vc = copy('key-revocation');
      vc.credentialSubject.revokedFrom = 'May 20th';
      expect((await validateCredential(vc)).errors).toContainEqual(
        expect.stringMatching(/^KeyRevocation schema: \/credentialSubject\/revokedFrom/),
      );
    });

    it('checks a credential of a type it has no schema for against VC 2.0 only', async () => {
      const vc = {
        '@context': [VC_V2_CONTEXT, LODESTONE_CONTEXT],
        type: ['VerifiableCredential'],
        issuer: 'did:web:x.example',
        credentialSubject: { id: 'did:web:y.example' },
      };
      expect(await validateCredential(vc)).toEqual({ ok: true, errors: [] });
    });
  });
});

describe('createDocumentLoader', () => {
  it('serves every shipped context', async () => {
    const load = createDocumentLoader();
    for (const url of shippedContexts()) {
      const loaded = await load(url);
      expect(loaded.documentUrl).toBe(url);
      expect(loaded.document).toHaveProperty('@context');
    }
  });

  it('refuses any other URL with INTEROP_UNKNOWN_CONTEXT and never reaches the network', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const load = createDocumentLoader();
    for (const url of [
      'https://www.w3.org/2018/credentials/v1',
      'https://test.uncefact.org/vocabulary/untp/dte/0.6.0/',
      'file:///etc/passwd',
    ]) {
      await expect(load(url)).rejects.toThrow(InteropError);
      await expect(load(url)).rejects.toMatchObject({ code: 'INTEROP_UNKNOWN_CONTEXT' });
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
