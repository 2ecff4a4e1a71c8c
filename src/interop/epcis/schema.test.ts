import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { epcisAssetUrl, isEpcisUri, summarizeErrors, validateEpcis } from './schema.js';

const REPO_ROOT = new URL('../../../', import.meta.url);
const EXAMPLE = new URL('../shared/standards/epcis/JSON/Example_9.6.2-ObjectEvent.jsonld', REPO_ROOT);
const example = (): Record<string, unknown> => JSON.parse(readFileSync(fileURLToPath(EXAMPLE), 'utf8'));

describe('epcisAssetUrl', () => {
  it('finds the shipped schema from this source folder', () => {
    expect(existsSync(fileURLToPath(epcisAssetUrl('EPCIS-JSON-Schema.json')))).toBe(true);
  });

  it('resolves to the same file from the built module in dist/interop/epcis/', () => {
    const built = new URL('dist/interop/epcis/schema.js', REPO_ROOT).href;
    expect(epcisAssetUrl('EPCIS-JSON-Schema.json', built).href).toBe(
      epcisAssetUrl('EPCIS-JSON-Schema.json').href,
    );
  });

  it('ships a byte-for-byte copy of the reference schema', () => {
    const shipped = readFileSync(fileURLToPath(epcisAssetUrl('EPCIS-JSON-Schema.json')));
    const reference = readFileSync(
      fileURLToPath(new URL('../shared/standards/epcis/EPCIS-JSON-Schema.json', REPO_ROOT)),
    );
    expect(shipped.equals(reference)).toBe(true);
  });
});

describe('validateEpcis', () => {
  it('accepts a GS1 example document', () => {
    expect(validateEpcis(example())).toEqual({ ok: true, errors: [] });
  });

  it('locates violations by JSON pointer', () => {
    const doc = example();
    const event = (doc['epcisBody'] as { eventList: Record<string, unknown>[] }).eventList[0]!;
    event['eventTimeZoneOffset'] = '+25:00';
    const result = validateEpcis(doc);
    expect(result.ok).toBe(false);
    expect(result.errors).toContain(
      '/epcisBody/eventList/0/eventTimeZoneOffset must match pattern "^([+]|[-])((0[0-9]|1[0-3]):([0-5][0-9])|14:00)$"',
    );
  });

  it('names the property an extension field would need to be', () => {
    const doc = example();
    const event = (doc['epcisBody'] as { eventList: Record<string, unknown>[] }).eventList[0]!;
    event['unprefixed field'] = 1;
    const result = validateEpcis(doc);
    expect(result.ok).toBe(false);
    expect(result.errors.some((e) => e.includes('"unprefixed field"'))).toBe(true);
  });

  it('rejects what is not a document', () => {
    expect(validateEpcis(42).ok).toBe(false);
    expect(validateEpcis({}).ok).toBe(false);
    expect(validateEpcis(null).ok).toBe(false);
  });
});

describe('isEpcisUri', () => {
  it('applies the schema rule: a scheme is required', () => {
    expect(isEpcisUri('urn:epc:class:lgtin:4012345.012345.998877')).toBe(true);
    expect(isEpcisUri('did:web:example.com')).toBe(true);
    expect(isEpcisUri('lodestone:statement')).toBe(true);
    expect(isEpcisUri('batch 7')).toBe(false);
    expect(isEpcisUri(7)).toBe(false);
  });
});

describe('summarizeErrors', () => {
  it('keeps messages short', () => {
    const errors = Array.from({ length: 8 }, (_, i) => `e${i}`);
    expect(summarizeErrors(errors)).toBe('e0; e1; e2; e3; e4; and 3 more');
  });
});
