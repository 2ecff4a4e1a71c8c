import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATOMIC_WEIGHTS,
  type CustodyEvent,
  type CustodyModel,
  type ElementContent,
  type ElementSymbol,
  type ExtractionMethod,
  listMaterials,
  type NewBatch,
  type ProcessKind,
} from '../../model/index.js';
import { EpcisError } from './errors.js';
import { exportEpcis } from './export.js';
import { importEpcis } from './import.js';
import { validateEpcis } from './schema.js';
import type { ExportedEvent } from './types.js';

// Property tests over random canonical events: every kind exports to schema-valid EPCIS, and import gives
// back exactly what was exported. Mines and other facilities are kept apart, as registration keeps them.

const MINE_PREFIX = 'https://example.org/mine/';
const isMine = (facility: string): boolean => facility.startsWith(MINE_PREFIX);

const token = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/);
const uri = fc
  .tuple(
    fc.constantFrom(
      'https://example.org/lot/',
      'urn:lodestone:test:',
      'https://id.gs1.org/01/09506000134352/10/',
    ),
    token,
  )
  .map(([prefix, local]) => prefix + local);
const did = fc
  .tuple(fc.constantFrom('did:web:', 'did:key:z6Mk'), token)
  .map(([prefix, local]) => prefix + local);
const mine = token.map((local) => MINE_PREFIX + local);
const plant = token.map((local) => `https://example.org/plant/${local}`);
const time = fc
  .tuple(
    fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    fc.constantFrom('Z', '+00:00', '+02:00', '-05:30', '+14:00'),
  )
  .map(([date, offset]) => date.toISOString().replace('Z', offset));
// Ids are URIs as a rule; a few are not, to exercise lodestone:id.
const eventId = fc.oneof(
  { weight: 9, arbitrary: uri },
  { weight: 1, arbitrary: token.map((t) => `event ${t}`) },
);
const grams = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 100_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }) },
);
const ppm = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(0, 1, 999_999, 1_000_000));
const element = fc.constantFrom(...(Object.keys(ATOMIC_WEIGHTS) as ElementSymbol[]));
const content = (minKeys: number): fc.Arbitrary<ElementContent> =>
  fc.dictionary(element, ppm, { minKeys, maxKeys: 5 });
const material = fc.constantFrom(...listMaterials().map((m) => m.code));
const custodyModel = fc.constantFrom<CustodyModel>(
  'identity-preserved',
  'segregated',
  'controlled-blending',
  'mass-balance',
  'book-and-claim',
);
const method = fc.constantFrom<ExtractionMethod>('industrial', 'artisanal');
const process = fc.constantFrom<ProcessKind>(
  'concentrate',
  'leach',
  'refine',
  'precipitate',
  'calcine',
  'blend',
  'split',
  'recycle',
  'manufacture',
);
const batch: fc.Arbitrary<NewBatch> = fc.record({ id: uri, material, grams, content: content(0) });
const base = { id: eventId, time };

const ARBITRARY: Readonly<Record<CustodyEvent['type'], fc.Arbitrary<CustodyEvent>>> = {
  extract: fc.record({ ...base, type: fc.constant('extract'), facility: mine, method, batch, custodyModel }),
  commission: fc.record({ ...base, type: fc.constant('commission'), facility: plant, batch, custodyModel }),
  ship: fc.record(
    {
      ...base,
      type: fc.constant('ship'),
      batch: uri,
      grams,
      splitInto: uri,
      to: did,
      toFacility: plant,
      transportMode: fc.constantFrom('sea', 'road', 'rail', 'air'),
      expectedArrival: time,
    },
    { requiredKeys: ['id', 'time', 'type', 'batch', 'grams', 'to', 'toFacility'] },
  ),
  receive: fc.record({ ...base, type: fc.constant('receive'), batch: uri, facility: plant, grams }),
  transform: fc.record({
    ...base,
    type: fc.constant('transform'),
    facility: plant,
    process,
    inputs: fc.array(fc.record({ batch: uri, grams }), { minLength: 1, maxLength: 4 }),
    outputs: fc.uniqueArray(batch, { minLength: 1, maxLength: 4, selector: (b) => b.id }),
    tolerancePpm: fc.integer({ min: 0, max: 1_000_000 }),
    custodyModel,
  }),
  // An assay measures at least one element: one that measured nothing is not exported as content.
  assay: fc.record(
    {
      ...base,
      type: fc.constant('assay'),
      batch: uri,
      content: content(1),
      certificate: fc.oneof(
        uri,
        token.map((t) => `certificate ${t}`),
      ),
    },
    { requiredKeys: ['id', 'time', 'type', 'batch', 'content'] },
  ),
  trade: fc.record(
    {
      ...base,
      type: fc.constant('trade'),
      batch: uri,
      buyer: did,
      price: fc.record({
        amount: fc.stringMatching(/^\d{1,9}(\.\d{1,4})?$/),
        currency: fc.stringMatching(/^[A-Z]{3}$/),
      }),
      incoterm: fc.constantFrom('EXW', 'FOB', 'CIF', 'DAP'),
    },
    { requiredKeys: ['id', 'time', 'type', 'batch', 'buyer'] },
  ),
};

const exported = (event: fc.Arbitrary<CustodyEvent>): fc.Arbitrary<ExportedEvent> =>
  fc.record({ event, actor: did, statement: fc.stringMatching(/^[0-9a-f]{64}$/), recordTime: time });

const anyEvent = fc.oneof(...Object.values(ARBITRARY));

describe('exportEpcis over random canonical events', () => {
  it.each(Object.keys(ARBITRARY) as CustodyEvent['type'][])(
    '%s events validate against the EPCIS schema',
    (type) => {
      fc.assert(
        fc.property(
          fc.array(exported(ARBITRARY[type]), { minLength: 1, maxLength: 3 }),
          time,
          (events, created) => {
            const doc = exportEpcis(events, { creationDate: created });
            expect(validateEpcis(JSON.parse(JSON.stringify(doc)))).toEqual({ ok: true, errors: [] });
          },
        ),
        { numRuns: 60 },
      );
    },
  );
});

describe('importEpcis(exportEpcis(x))', () => {
  it('gives back the same canonical events, through JSON text', () => {
    fc.assert(
      fc.property(fc.array(exported(anyEvent), { maxLength: 8 }), time, (events, created) => {
        const text = JSON.stringify(exportEpcis(events, { creationDate: created }));
        const result = importEpcis(JSON.parse(text), { mines: isMine });
        expect(result.skipped).toEqual([]);
        // Through JSON: fast-check builds some records without a prototype, which toStrictEqual would see.
        expect(result.events).toStrictEqual(JSON.parse(JSON.stringify(events.map((e) => e.event))));
      }),
      { numRuns: 200 },
    );
  });
});

// Hostile input: whatever a mutation does to a valid document, import returns an accounting of every
// event or throws an EpcisError; nothing else escapes.

type Mutation = {
  readonly at: number;
  readonly kind: 'replace' | 'delete' | 'rename';
  readonly value: unknown;
};

const EXAMPLE = new URL(
  '../../../../shared/standards/epcis/JSON/WithErrorDeclaration/ErrorDeclarationAndCorrectiveEvent.jsonld',
  import.meta.url,
);

/** Every object or array in `root`, with the keys through which it is reached. */
function containers(root: unknown): { readonly node: Record<string, unknown>; readonly key: string }[] {
  const found: { node: Record<string, unknown>; key: string }[] = [];
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const key of Object.keys(node)) {
      found.push({ node: node as Record<string, unknown>, key });
      visit((node as Record<string, unknown>)[key]);
    }
  };
  visit(root);
  return found;
}

function mutate(doc: unknown, mutations: readonly Mutation[]): unknown {
  const copy = structuredClone(doc);
  for (const { at, kind, value } of mutations) {
    const slots = containers(copy);
    const slot = slots[at % Math.max(slots.length, 1)];
    if (slot === undefined) continue;
    if (kind === 'replace') slot.node[slot.key] = value;
    else if (kind === 'delete') delete slot.node[slot.key];
    else slot.node[`lodestone:${slot.key}`] = slot.node[slot.key];
  }
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'rename'),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(
      -1,
      0,
      1e-7,
      1e21,
      0.0005,
      '',
      'KGM',
      'TNE',
      'ADD',
      'OBSERVE',
      'commissioning',
      'shipping',
    ),
  ),
});

function assertAccountedOrRejected(doc: unknown): void {
  let result: ReturnType<typeof importEpcis>;
  try {
    result = importEpcis(doc, {
      mines: isMine,
      defaults: { material: 'co.hydroxide', content: { Co: 300000 } },
    });
  } catch (err) {
    expect(err).toBeInstanceOf(EpcisError);
    return;
  }
  const body = (
    doc as { epcisBody: { eventList?: unknown[]; queryResults?: { resultsBody: { eventList: unknown[] } } } }
  ).epcisBody;
  const list = body.eventList ?? body.queryResults?.resultsBody.eventList ?? [];
  expect(result.events.length + result.skipped.length).toBe(list.length);
}

describe('importEpcis on hostile input', () => {
  it('accounts for every event or throws EpcisError, for mutations of exported documents', () => {
    fc.assert(
      fc.property(
        fc.array(exported(anyEvent), { minLength: 1, maxLength: 4 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (events, mutations) => {
          const doc = JSON.parse(
            JSON.stringify(exportEpcis(events, { creationDate: '2025-01-01T00:00:00Z' })),
          );
          assertAccountedOrRejected(mutate(doc, mutations));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accounts for every event or throws EpcisError, for mutations of a GS1 example', () => {
    const example: unknown = JSON.parse(readFileSync(fileURLToPath(EXAMPLE), 'utf8'));
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        assertAccountedOrRejected(mutate(example, mutations));
      }),
      { numRuns: 300 },
    );
  });

  it('throws EpcisError for arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => importEpcis(value)).toThrow(EpcisError);
      }),
      { numRuns: 200 },
    );
  });
});
