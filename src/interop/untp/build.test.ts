import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CustodyStatement } from '../../model/index.js';
import {
  facilityCredential,
  identityCredential,
  keyRevocationCredential,
  traceabilityCredential,
} from './build.js';
import { EVENTS, exampleCredentials, FACILITY, IDENTITY, MINE_CO, REVOCATION } from './examples.js';
import { parseCredential } from './parse.js';

describe('the builders', () => {
  it('give a credential a fresh urn:uuid id unless told one', () => {
    const a = identityCredential(IDENTITY, MINE_CO);
    const b = identityCredential(IDENTITY, MINE_CO);
    expect(a.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.id).not.toBe(b.id);
    expect(identityCredential(IDENTITY, MINE_CO, { id: 'urn:uuid:fixed' }).id).toBe('urn:uuid:fixed');
  });

  it('refuse what they cannot write exactly, with the error the parser would give', () => {
    const halfGram = { ...EVENTS.receive, grams: 1.5 };
    expect(() => traceabilityCredential([halfGram], MINE_CO)).toThrow(
      expect.objectContaining({ code: 'INTEROP_BAD_QUANTITY' }),
    );
    const badContent = { ...EVENTS.assay, content: { Li: 1_000_001 } };
    expect(() => traceabilityCredential([badContent], MINE_CO)).toThrow(
      expect.objectContaining({ code: 'INTEROP_BAD_CONTENT' }),
    );
    expect(() => facilityCredential({ ...FACILITY, country: 'XXX' }, MINE_CO)).toThrow(
      expect.objectContaining({
        code: 'INTEROP_INVALID',
        path: '/credentialSubject/facility/countryOfOperation',
      }),
    );
    expect(() => identityCredential(IDENTITY, { id: 'Registry', name: 'R' })).toThrow(
      expect.objectContaining({ code: 'INTEROP_INVALID', path: '/issuer/id' }),
    );
    expect(() => traceabilityCredential([], MINE_CO)).toThrow(
      expect.objectContaining({ code: 'INTEROP_INVALID' }),
    );
    const { boundary: _, ...mineWithoutBoundary } = FACILITY;
    expect(() => facilityCredential(mineWithoutBoundary, MINE_CO)).toThrow(
      expect.objectContaining({ code: 'INTEROP_INVALID' }),
    );
  });

  it('name batches an event creates after their material, others as the caller says or by their id', () => {
    const vc = traceabilityCredential([EVENTS.transform], MINE_CO, {
      productName: (batch) => (batch.endsWith('ore-2026-0001') ? 'Spodumene pegmatite ore' : undefined),
    });
    const [event] = vc.credentialSubject as {
      inputQuantityList: { productName: string }[];
      outputQuantityList: { productName: string }[];
    }[];
    expect(event?.inputQuantityList[0]?.productName).toBe('Spodumene pegmatite ore');
    expect(event?.outputQuantityList[0]?.productName).toBe('Spodumene concentrate SC6 (6 % Li2O)');
    const unnamed = traceabilityCredential([EVENTS.receive], MINE_CO).credentialSubject as {
      quantityList: { productName: string }[];
    }[];
    expect(unnamed[0]?.quantityList[0]?.productName).toBe(EVENTS.receive.batch);
  });

  it('date a traceability credential from its earliest event and a revocation from revokedFrom by default', () => {
    expect(traceabilityCredential(Object.values(EVENTS), MINE_CO).validFrom).toBe(EVENTS.commission.time);
    expect(keyRevocationCredential(REVOCATION, MINE_CO).validFrom).toBe(REVOCATION.revokedFrom);
  });

  it('keep events in order', () => {
    const events = [EVENTS.ship, EVENTS.extract, EVENTS.trade];
    const body = parseCredential(traceabilityCredential(events, MINE_CO), { kid: MINE_CO.id })
      .body as CustodyStatement;
    expect(body.events.map((e) => e.type)).toEqual(['ship', 'extract', 'trade']);
  });
});

describe('docs/statements.md', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../../docs/statements.md', import.meta.url)), 'utf8');
  const blocks = [
    ...doc.matchAll(/<!-- example (credential|event): ([a-z-]+) -->\n```json\n([\s\S]*?)\n```/g),
  ];
  const credentials = exampleCredentials();

  it('shows one example of every statement kind and every custody event kind', () => {
    expect(blocks.map((b) => b[2]).sort()).toEqual(Object.keys(credentials).sort());
  });

  it.each(blocks.map((b) => [b[2], b[1], b[3]] as const))(
    'shows what the builders write for %s (%s)',
    (name, what, json) => {
      const built = credentials[name ?? ''];
      expect(built).toBeDefined();
      const expected = what === 'event' ? (built?.credentialSubject as unknown[] | undefined)?.[0] : built;
      expect(JSON.parse(json ?? '')).toEqual(JSON.parse(JSON.stringify(expected)));
    },
  );
});
