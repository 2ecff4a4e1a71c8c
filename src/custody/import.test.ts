import { describe, expect, it } from 'vitest';
import type { CrossBorderReceiptStatement } from '../model/index.js';
import type { ImportedBatch } from './import.js';
import { ACME, ACME_REFINERY, BETA, BETA_REFINERY, scene } from './testing/scene.js';

const FOREIGN_MINE = 'https://ca.example/facilities/mine';

function arrival(batch = 'ca-lot-1', facility = BETA_REFINERY): CrossBorderReceiptStatement {
  return {
    kind: 'cross-border-receipt',
    id: `urn:event:arrival:${batch}`,
    time: '2025-01-01T00:00:30.000Z',
    facility,
    batch,
    origin: 'ca.example/log',
    shipment: { statement: 'a.b.c', receipt: {}, event: 'urn:event:ship' },
    summary: { statement: 'a.b.c', receipt: {} },
  };
}

/** 1 t of hydroxide at 30 % Co: 3·10^11 µg of cobalt, two thirds industrial, one third artisanal. */
const IMPORTED: ImportedBatch = {
  material: 'co.hydroxide',
  grams: 1_000_000,
  content: { Co: 300_000 },
  composition: {
    Co: [
      [`artisanal ${FOREIGN_MINE}`, '100000000000'],
      [`industrial ${FOREIGN_MINE}`, '200000000000'],
    ],
  },
};

describe('a batch arriving from another member nation', () => {
  it('enters custody at the receiver facility with the composition its origin summarised', () => {
    const w = scene();
    const effects = w.submit(BETA, arrival(), { time: '2025-01-01T00:00:30.000Z', imported: IMPORTED });
    expect(effects.batches).toEqual([
      expect.objectContaining({
        id: 'ca-lot-1',
        material: 'co.hydroxide',
        createdGrams: 1_000_000,
        remainingGrams: 1_000_000,
        custodian: BETA,
        owner: BETA,
        facility: BETA_REFINERY,
        status: 'active',
        composition: IMPORTED.composition,
      }),
    ]);
    expect(effects.events).toEqual([
      expect.objectContaining({
        actor: BETA,
        batches: ['ca-lot-1'],
        event: expect.objectContaining({ type: 'receive', facility: BETA_REFINERY, grams: 1_000_000 }),
      }),
    ]);
  });

  it('is refused without the verified summary, and leaves the ledger unchanged', () => {
    const w = scene();
    w.rejects('CUSTODY_IMPORT_UNVERIFIED', () => w.submit(BETA, arrival()));
  });

  it('is refused when the summary does not add up to the batch mass', () => {
    const w = scene();
    const short = {
      ...IMPORTED,
      composition: { Co: [[`industrial ${FOREIGN_MINE}`, '299999999999'] as const] },
    };
    w.rejects('CUSTODY_IMPORT_MISMATCH', () => w.submit(BETA, arrival(), { imported: short }));
    const twice = {
      ...IMPORTED,
      composition: {
        Co: [
          [`industrial ${FOREIGN_MINE}`, '150000000000'] as const,
          [`industrial ${FOREIGN_MINE}`, '150000000000'] as const,
        ],
      },
    };
    w.rejects('CUSTODY_IMPORT_MISMATCH', () => w.submit(BETA, arrival(), { imported: twice }));
  });

  it('is refused at a facility the receiver does not operate, or for a batch id in use', () => {
    const w = scene();
    w.rejects('CUSTODY_NOT_FACILITY_OPERATOR', () =>
      w.submit(BETA, arrival('ca-lot-2', ACME_REFINERY), { imported: IMPORTED }),
    );
    w.submit(BETA, arrival('ca-lot-3'), { imported: IMPORTED });
    w.rejects('CUSTODY_BATCH_EXISTS', () =>
      w.submit(
        ACME,
        { ...arrival('ca-lot-3', ACME_REFINERY), id: 'urn:event:other' },
        { imported: IMPORTED },
      ),
    );
  });
});
