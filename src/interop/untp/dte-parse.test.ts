import { describe, expect, it } from 'vitest';
import type { InteropErrorCode } from '../errors.js';
import { traceabilityCredential } from './build.js';
import { EVENTS, MINE_CO, REFINER_CO } from './examples.js';
import { parseCredential } from './parse.js';

// biome-ignore lint/suspicious/noExplicitAny: tests poke hostile shapes into credential JSON.
type Json = any;

const MINE_KID = `${MINE_CO.id}#key-1`;

/** The credential of every example event, in kind order, as it arrives off the wire (a fresh copy). */
function dte(): Json {
  return JSON.parse(
    JSON.stringify(traceabilityCredential(Object.values(EVENTS), MINE_CO, { id: 'urn:uuid:dte' })),
  );
}

function expectCode(fn: () => unknown, code: InteropErrorCode, path?: string): void {
  expect(fn).toThrow(expect.objectContaining(path === undefined ? { code } : { code, path }));
}

describe('parseCredential of a traceability credential', () => {
  describe('when an event is wrong', () => {
    // Events in credential order: extract, commission, ship, receive, transform, assay, trade.
    const E = '/credentialSubject';
    it.each<[string, (s: Json[]) => void, InteropErrorCode, string]>([
      [
        'a mass in half grams',
        (s) => (s[0].quantityList[0] = { ...s[0].quantityList[0], quantity: 1.5, uom: 'GRM' }),
        'INTEROP_BAD_QUANTITY',
        `${E}/0/quantityList/0/quantity`,
      ],
      [
        'a volume',
        (s) => (s[2].quantityList[0].uom = 'LTR'),
        'INTEROP_BAD_QUANTITY',
        `${E}/2/quantityList/0/quantity`,
      ],
      [
        'a negative mass',
        (s) => (s[3].quantityList[0].quantity = -5),
        'INTEROP_BAD_QUANTITY',
        `${E}/3/quantityList/0/quantity`,
      ],
      [
        'a mass fraction finer than 1 ppm',
        (s) => (s[0].elementContent[s[0].quantityList[0].productId].Li = 0.0000001),
        'INTEROP_BAD_CONTENT',
        `${E}/0/elementContent/https:~1~1id.mine.example~1lot~1ore-2026-0001/Li`,
      ],
      [
        'an unknown element',
        (s) => (s[5].elementContent[s[5].epcList[0].id] = { Xx: 0.1 }),
        'INTEROP_BAD_CONTENT',
        `${E}/5/elementContent/https:~1~1id.mine.example~1lot~1sc6-2026-0001-a/Xx`,
      ],
      [
        'a fraction above 1',
        (s) => (s[5].elementContent[s[5].epcList[0].id].Li = 1.2),
        'INTEROP_BAD_CONTENT',
        `${E}/5/elementContent/https:~1~1id.mine.example~1lot~1sc6-2026-0001-a/Li`,
      ],
      [
        'an AggregationEvent',
        (s) => (s[1].type = ['AggregationEvent', 'Event']),
        'INTEROP_UNSUPPORTED',
        `${E}/1/type`,
      ],
      [
        'an unknown custody event kind',
        (s) => (s[1].custodyEvent = 'teleport'),
        'INTEROP_UNSUPPORTED',
        `${E}/1/custodyEvent`,
      ],
      ['no custody event kind', (s) => delete s[1].custodyEvent, 'INTEROP_INVALID', `${E}/1/custodyEvent`],
      [
        'the wrong UNTP type for the kind',
        (s) => (s[4].type = ['ObjectEvent', 'Event']),
        'INTEROP_INVALID',
        `${E}/4/type`,
      ],
      [
        'the wrong bizStep',
        (s) => (s[2].bizStep = 'https://ref.gs1.org/cbv/BizStep-receiving'),
        'INTEROP_INVALID',
        `${E}/2/bizStep`,
      ],
      ['a bare CBV word', (s) => (s[2].disposition = 'in_transit'), 'INTEROP_INVALID', `${E}/2/disposition`],
      ['an undefined property', (s) => (s[3].note = 'x'), 'INTEROP_INVALID', `${E}/3/note`],
      [
        'sensor data (not kept)',
        (s) => (s[3].sensorElementList = []),
        'INTEROP_INVALID',
        `${E}/3/sensorElementList`,
      ],
      [
        'an extra property in a QuantityElement',
        (s) => (s[3].quantityList[0].batch = 'x'),
        'INTEROP_INVALID',
        `${E}/3/quantityList/0/batch`,
      ],
      [
        'a material for a batch not created',
        (s) => (s[0].material['https://x.example/other'] = 'li.metal'),
        'INTEROP_INVALID',
        `${E}/0/material/https:~1~1x.example~1other`,
      ],
      [
        'no content for a created batch',
        (s) => (s[4].elementContent = {}),
        'INTEROP_INVALID',
        `${E}/4/elementContent`,
      ],
      [
        'a bad event time',
        (s) => (s[4].eventTime = '2026-02-30T00:00:00Z'),
        'INTEROP_INVALID',
        `${E}/4/eventTime`,
      ],
      [
        'a recipient that is not a DID',
        (s) => (s[2].recipient = 'refinery'),
        'INTEROP_INVALID',
        `${E}/2/recipient`,
      ],
      [
        'a seller other than the issuer',
        (s) => (s[6].sourceParty = REFINER_CO.id),
        'INTEROP_INVALID',
        `${E}/6/sourceParty`,
      ],
      ['a price without currency', (s) => delete s[6].priceCurrency, 'INTEROP_INVALID', `${E}/6`],
      ['a price as a number', (s) => (s[6].price = 87500), 'INTEROP_INVALID', `${E}/6/price`],
      ['two events with one id', (s) => (s[1].id = s[0].id), 'INTEROP_INVALID', E],
      ['a tolerance above 1', (s) => (s[4].tolerance = 1.5), 'INTEROP_INVALID', `${E}/4/tolerance`],
      [
        'an output created twice',
        (s) => s[4].outputQuantityList.push(s[4].outputQuantityList[0]),
        'INTEROP_INVALID',
        `${E}/4/outputQuantityList`,
      ],
    ])('%s → %s at %s', (_, mutate, code, path) => {
      const vc = dte();
      mutate(vc.credentialSubject);
      expectCode(() => parseCredential(vc, { kid: MINE_KID }), code, path);
    });

    it('rejects an empty event list and more than 1000 events', () => {
      const vc = dte();
      vc.credentialSubject = [];
      expectCode(() => parseCredential(vc, { kid: MINE_KID }), 'INTEROP_INVALID', E);
      vc.credentialSubject = Array.from({ length: 1001 }, () => dte().credentialSubject[0]);
      expectCode(() => parseCredential(vc, { kid: MINE_KID }), 'INTEROP_INVALID', E);
    });

    it('rejects more than 1000 inputs', () => {
      const vc = dte();
      const input = vc.credentialSubject[4].inputQuantityList[0];
      vc.credentialSubject[4].inputQuantityList = Array.from({ length: 1001 }, () => input);
      expectCode(() => parseCredential(vc, { kid: MINE_KID }), 'INTEROP_INVALID', `${E}/4/inputQuantityList`);
    });

    it('takes a traceability credential without validFrom', () => {
      const vc = dte();
      delete vc.validFrom;
      expect(parseCredential(vc, { kid: MINE_KID }).time).toBe(EVENTS.commission.time);
    });

    it('leaves material codes to the ledger, but wants strings', () => {
      const vc = dte();
      const batch = vc.credentialSubject[0].quantityList[0].productId;
      vc.credentialSubject[0].material[batch] = 'no.such.material';
      const body: Json = parseCredential(vc, { kid: MINE_KID }).body;
      expect(body.events[0].batch.material).toBe('no.such.material');
      vc.credentialSubject[0].material[batch] = 7;
      expectCode(() => parseCredential(vc, { kid: MINE_KID }), 'INTEROP_INVALID');
    });
  });
});
