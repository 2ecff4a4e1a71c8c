import {
  type ElementContent,
  type ElementSymbol,
  isElementSymbol,
  type NewBatch,
} from '../../model/index.js';
import { InteropError } from '../errors.js';
import {
  asPlainObject,
  at,
  invalid,
  type JsonObject,
  opt,
  readArray,
  readObject,
  readString,
  readTypes,
  readUri,
  req,
} from './check.js';
import { fractionOf, gramsOf, ppmOf, wireQuantity } from './quantity.js';
import type { JsonMap } from './wire.js';

/**
 * Batches inside DTE events. UNTP's `QuantityElement` and `Item` are closed objects, so what Lodestone
 * adds about a batch (material code, element content) sits on the event in maps keyed by batch id.
 */

/** Most inputs or outputs of one transformation. */
export const MAX_BATCHES = 1000;

const QUANTITY_KEYS: ReadonlySet<string> = new Set(['productId', 'productName', 'quantity', 'uom']);
const ITEM_KEYS: ReadonlySet<string> = new Set(['type', 'id', 'name']);

/** A batch reference with a mass. */
export interface BatchQuantity {
  readonly batch: string;
  readonly grams: number;
}

/** A UNTP `QuantityElement`: batch id as `productId`, the mass as quantity + Rec 20 unit. */
export function readQuantityElement(value: unknown, path: string): BatchQuantity {
  const q = readObject(value, path, QUANTITY_KEYS);
  readString(req(q, 'productName', path), at(path, 'productName'));
  return {
    batch: readUri(req(q, 'productId', path), at(path, 'productId')),
    grams: gramsOf(req(q, 'quantity', path), opt(q, 'uom'), at(path, 'quantity')),
  };
}

/** A quantity list of `min` to `max` elements. */
export function readQuantityList(
  e: JsonObject,
  key: string,
  path: string,
  min: number,
  max: number,
): BatchQuantity[] {
  const p = at(path, key);
  return readArray(req(e, key, path), p, max, min).map((item, i) => readQuantityElement(item, at(p, i)));
}

/** The one batch of an `epcList` (a UNTP `Item` {id, name}), for events that carry no quantity. */
export function readSingleItem(e: JsonObject, path: string): string {
  const p = at(path, 'epcList');
  const [item] = readArray(req(e, 'epcList', path), p, 1, 1);
  const ip = at(p, 0);
  const object = readObject(item, ip, ITEM_KEYS);
  const type = opt(object, 'type');
  if (type !== undefined) readTypes(type, at(ip, 'type'), ['Item']);
  readString(req(object, 'name', ip), at(ip, 'name'));
  return readUri(req(object, 'id', ip), at(ip, 'id'));
}

/**
 * The batches an event creates: its quantity list under `key`, with the `material` and `elementContent`
 * maps of the event, each keyed by exactly the created batch ids.
 */
export function readNewBatches(
  e: JsonObject,
  key: string,
  path: string,
  min: number,
  max: number,
): NewBatch[] {
  const created = readQuantityList(e, key, path, min, max);
  const ids = new Set(created.map((q) => q.batch));
  if (ids.size !== created.length) invalid(at(path, key), 'a batch is created twice');
  const materials = readBatchMap(e, 'material', path, ids);
  const contents = readBatchMap(e, 'elementContent', path, ids);
  return created.map(({ batch, grams }) => ({
    id: batch,
    material: readString(opt(materials, batch), at(at(path, 'material'), batch)),
    grams,
    content: readContent(opt(contents, batch), at(at(path, 'elementContent'), batch)),
  }));
}

/** A map keyed by exactly the batch ids in `ids`. */
export function readBatchMap(e: JsonObject, key: string, path: string, ids: ReadonlySet<string>): JsonObject {
  const p = at(path, key);
  const map = asPlainObject(req(e, key, path), p);
  const keys = Object.keys(map);
  for (const id of keys) if (!ids.has(id)) invalid(at(p, id), 'not a batch of this event');
  if (keys.length !== ids.size) invalid(p, `expected an entry for each of ${[...ids].join(', ')}`);
  return map;
}

/**
 * Element content: element symbol → mass fraction (at most 6 decimals) → integer ppm.
 * @throws InteropError INTEROP_BAD_CONTENT for an unknown element or a bad fraction
 */
export function readContent(value: unknown, path: string): ElementContent {
  const fractions = asPlainObject(value, path);
  const content: Partial<Record<ElementSymbol, number>> = {};
  for (const symbol of Object.keys(fractions)) {
    if (!isElementSymbol(symbol)) {
      throw new InteropError('INTEROP_BAD_CONTENT', `unknown element ${JSON.stringify(symbol)}`, {
        path: at(path, symbol),
      });
    }
    content[symbol] = ppmOf(fractions[symbol], at(path, symbol), 'INTEROP_BAD_CONTENT');
  }
  return content;
}

/** Element content as wire fractions. */
export function contentJson(content: ElementContent): JsonMap {
  const fractions: Record<string, number> = {};
  for (const [symbol, ppm] of Object.entries(content)) {
    if (ppm !== undefined) fractions[symbol] = fractionOf(ppm, 'INTEROP_BAD_CONTENT');
  }
  return fractions;
}

/** A `QuantityElement` for a batch and its mass. */
export function quantityJson(batch: string, productName: string, grams: number): JsonMap {
  const { quantity, uom } = wireQuantity(grams);
  return { productId: batch, productName, quantity, uom };
}
