import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EpcisError } from './errors.js';
import { importEpcis } from './import.js';
import type { ImportOptions, ImportResult, SkipCode } from './types.js';

// Every GS1 example document of the reference copy (shared/standards/epcis/JSON/**, see its PROVENANCE.md),
// read as it is. Each document imports or is rejected whole; each of its events is mapped or skipped.

const EXAMPLES = new URL('../../../../shared/standards/epcis/JSON/', import.meta.url);
const DEFAULTS: ImportOptions = {
  defaults: { material: 'co.hydroxide', content: { Co: 300000 }, facility: 'https://example.org/facility/1' },
};
const MASS_UNITS = new Set(['KGM', 'TNE', 'GRM']);

type Doc = Record<string, unknown> & { epcisBody: Record<string, unknown> };

const names: string[] = readdirSync(fileURLToPath(EXAMPLES), { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.jsonld'))
  .sort();
const load = (name: string): Doc => JSON.parse(readFileSync(fileURLToPath(new URL(name, EXAMPLES)), 'utf8'));

function eventList(doc: Doc): Record<string, unknown>[] {
  const body = doc.epcisBody as {
    eventList?: never[];
    queryResults?: { resultsBody: { eventList: never[] } };
  };
  return body.eventList ?? body.queryResults?.resultsBody.eventList ?? [];
}

/** Whether any quantity element of the document is a mass in a unit Lodestone accounts. */
function carriesMass(doc: Doc): boolean {
  const lists = ['quantityList', 'inputQuantityList', 'outputQuantityList', 'childQuantityList'];
  return eventList(doc).some((event) =>
    lists.some((key) =>
      ((event[key] as { uom?: string }[] | undefined) ?? []).some((q) => MASS_UNITS.has(q.uom ?? '')),
    ),
  );
}

type Outcome = { readonly result: ImportResult } | { readonly rejected: EpcisError };

function importExample(name: string): Outcome {
  try {
    return { result: importEpcis(load(name), DEFAULTS) };
  } catch (err) {
    if (err instanceof EpcisError) return { rejected: err };
    throw err;
  }
}

const outcomes = new Map(names.map((name) => [name, importExample(name)]));
const imported = (name: string): ImportResult => {
  const outcome = outcomes.get(name);
  if (outcome === undefined || !('result' in outcome)) throw new Error(`${name} did not import`);
  return outcome.result;
};

describe('importEpcis on every GS1 example', () => {
  it('reads all 24 example documents of the reference copy', () => {
    // The reference notes speak of 47 examples; the copy holds these 24 JSON-LD documents.
    expect(names).toHaveLength(24);
  });

  it.each(names)('%s: imports or is rejected with a reason, and accounts for every event', (name) => {
    const outcome = outcomes.get(name)!;
    if ('rejected' in outcome) {
      expect(outcome.rejected.message).not.toBe('');
      return;
    }
    const { events, skipped } = outcome.result;
    expect(events.length + skipped.length).toBe(eventList(load(name)).length);
    for (const entry of skipped) expect(entry.reason).not.toBe('');
    const indices = skipped.map((entry) => entry.index);
    expect(new Set(indices).size).toBe(indices.length);
  });

  it('imports every document, maps 2 events and skips 31, by reason', () => {
    const results = [...outcomes.values()].flatMap((o) => ('result' in o ? [o.result] : []));
    expect(results).toHaveLength(24);
    const byCode: Partial<Record<SkipCode, number>> = {};
    for (const entry of results.flatMap((r) => r.skipped)) byCode[entry.code] = (byCode[entry.code] ?? 0) + 1;
    expect(results.flatMap((r) => r.events).map((e) => e.type)).toEqual(['receive', 'receive']);
    expect(byCode).toEqual({ 'not-mass': 18, 'unsupported-event-type': 10, 'error-declaration': 3 });
  });

  it('maps an event of each example carrying mass where one is mappable, and says why not elsewhere', () => {
    // Every example with a KGM/TNE/GRM quantity; a new one fails here until it is classified.
    const expected: Record<string, 'mapped' | SkipCode[]> = {
      'Example_9.6.2-ObjectEvent.jsonld': 'mapped',
      'WithDigitalLinkID/Example_9.6.2-ObjectEventWithDigitalLink.jsonld': 'mapped',
      // Packing of instances: not a custody event.
      'Example_9.6.3-AggregationEvent.jsonld': ['unsupported-event-type'],
      'WithDigitalLinkID/Example_9.6.3-AggregationEventWithDigitalLink.jsonld': ['unsupported-event-type'],
      // Instances (inputEPCList) and unit-less counts among the inputs.
      'Example_9.6.4-TransformationEvent.jsonld': ['not-mass'],
      'WithDigitalLinkID/Example_9.6.4-TransformationEventWithDigitalLink.jsonld': ['not-mass'],
      // A retracted event, and its correction which transforms instances beside the lots.
      'WithErrorDeclaration/ErrorDeclarationAndCorrectiveEvent.jsonld': ['error-declaration', 'not-mass'],
    };
    expect(names.filter((name) => carriesMass(load(name)))).toEqual(Object.keys(expected).sort());
    for (const [name, outcome] of Object.entries(expected)) {
      const { events, skipped } = imported(name);
      if (outcome === 'mapped') expect(events.length, name).toBeGreaterThanOrEqual(1);
      else
        expect(
          skipped.map((s) => s.code),
          name,
        ).toEqual(outcome);
    }
  });
});

describe('chosen examples, mapped field by field', () => {
  it('Example_9.6.2-ObjectEvent.jsonld: receiving 200 KGM of an LGTIN lot at the bizLocation', () => {
    expect(imported('Example_9.6.2-ObjectEvent.jsonld')).toEqual({
      events: [
        {
          type: 'receive',
          id: 'ni:///sha-256;a98f08ae6ac4de3482054314d637c07010b448d3802dccb028a06aafcc6a4b10?ver=CBV2.0',
          time: '2013-06-08T14:58:56.591Z',
          batch: 'urn:epc:class:lgtin:4012345.012345.998877',
          facility: 'urn:epc:id:sgln:0614141.00888.0',
          grams: 200000,
        },
      ],
      skipped: [],
    });
  });

  it('WithDigitalLinkID/Example_9.6.2-ObjectEventWithDigitalLink.jsonld: the batch is the Digital Link', () => {
    expect(
      imported('WithDigitalLinkID/Example_9.6.2-ObjectEventWithDigitalLink.jsonld').events,
    ).toMatchObject([
      { type: 'receive', batch: 'https://id.gs1.org/01/70614141123451/10/998877', grams: 200000 },
    ]);
  });

  it('EPCISQueryDocument.jsonld: shipping and receiving of instances only, both skipped', () => {
    expect(imported('EPCISQueryDocument.jsonld').skipped).toEqual([
      {
        index: 0,
        eventID: 'ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0',
        type: 'ObjectEvent',
        code: 'not-mass',
        reason: 'epcList names instances, whose mass is unknown: Lodestone accounts mass, not instances',
      },
      {
        index: 1,
        eventID: 'ni:///sha-256;00e1e6eba3a7cc6125be4793a631f0af50f8322e0ab5f2c0bab994a11cec1d79?ver=CBV2.0',
        type: 'ObjectEvent',
        code: 'not-mass',
        reason: 'epcList names instances, whose mass is unknown: Lodestone accounts mass, not instances',
      },
    ]);
  });

  it('Example_9.6.3-AggregationEvent.jsonld: aggregation is not modelled', () => {
    expect(imported('Example_9.6.3-AggregationEvent.jsonld').skipped).toMatchObject([
      { index: 0, type: 'AggregationEvent', code: 'unsupported-event-type' },
    ]);
  });

  it('WithErrorDeclaration/ErrorDeclarationAndCorrectiveEvent.jsonld: its correction, without instances, is a transform', () => {
    const doc = load('WithErrorDeclaration/ErrorDeclarationAndCorrectiveEvent.jsonld');
    expect(imported('WithErrorDeclaration/ErrorDeclarationAndCorrectiveEvent.jsonld').skipped).toMatchObject([
      { index: 0, eventID: 'urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8', code: 'error-declaration' },
      { index: 1, eventID: 'urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8', code: 'not-mass' },
    ]);
    const correction = eventList(doc)[1]!;
    delete correction['inputEPCList'];
    delete correction['outputEPCList'];
    const defaults = {
      ...DEFAULTS.defaults,
      process: 'refine' as const,
      custodyModel: 'segregated' as const,
    };
    expect(importEpcis(doc, { defaults }).events).toEqual([
      {
        type: 'transform',
        id: 'urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8',
        time: '2021-01-28T00:00:00+01:00',
        facility: 'https://example.org/facility/1',
        process: 'refine',
        inputs: [{ batch: 'urn:epc:class:lgtin:4012345.022222.87545GHGH', grams: 500000 }],
        outputs: [
          {
            id: 'urn:epc:idpat:sgtin:4012345.044444.*',
            material: 'co.hydroxide',
            grams: 500000,
            content: { Co: 300000 },
          },
        ],
        tolerancePpm: 0,
        custodyModel: 'segregated',
      },
    ]);
  });

  it('Example_9.6.4-TransformationEvent.jsonld: without its instances, still unit-less counts among the inputs', () => {
    const doc = load('Example_9.6.4-TransformationEvent.jsonld');
    const event = eventList(doc)[0]!;
    delete event['inputEPCList'];
    delete event['outputEPCList'];
    event['outputQuantityList'] = [
      { epcClass: 'urn:epc:class:lgtin:4012345.077889.1', quantity: 40, uom: 'KGM' },
    ];
    expect(importEpcis(doc, DEFAULTS).skipped).toMatchObject([
      {
        code: 'bad-quantity',
        reason: /lgtin:0614141\.077777\.987 has no uom: a quantity without a unit counts instances/,
      },
    ]);
  });
});
