import type { SkipCode } from './types.js';
import { LODESTONE_VOCAB } from './vocab.js';

/** A JSON object as parsed: read only through {@link own}, so inherited keys (`__proto__`, …) never count. */
export type Json = Readonly<Record<string, unknown>>;

/**
 * Thrown inside the per-event mappers and caught by `importEpcis`, which records the event as skipped.
 * An exception rather than a return value so that each mapper reads as the straight list of facts it
 * needs. Deliberately not an Error: it never leaves this module.
 */
export class SkipSignal {
  constructor(
    readonly code: SkipCode,
    readonly reason: string,
  ) {}
}

/** Give up on the current event. */
export function skip(code: SkipCode, reason: string): never {
  throw new SkipSignal(code, reason);
}

export function own(object: Json, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The objects of a list, other items dropped. */
export function objects(list: readonly unknown[]): Json[] {
  return list.flatMap((item) => {
    const object = asObject(item);
    return object === undefined ? [] : [object];
  });
}

/** A value for a message: short, and never throwing (hostile input may be anything JSON can hold). */
export function describe(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  text ??= typeof value;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The prefixes a JSON-LD `@context` binds to Lodestone's vocabulary, given those in force around it.
 * A field is Lodestone's because its IRI is, not because it is spelled `lodestone:`: a document may bind
 * another prefix to the vocabulary, or bind `lodestone` to something else. Only term definitions in the
 * context itself are read; remote contexts are the standard EPCIS ones, which bind no such prefix.
 */
export function lodestonePrefixes(context: unknown, inherited: ReadonlySet<string>): ReadonlySet<string> {
  const prefixes = new Set(inherited);
  const entries = Array.isArray(context) ? context : [context];
  for (const entry of entries) {
    const definitions = asObject(entry);
    if (definitions === undefined) continue;
    for (const term of Object.keys(definitions)) {
      if (termIri(own(definitions, term)) === LODESTONE_VOCAB) prefixes.add(term);
      else prefixes.delete(term);
    }
  }
  return prefixes;
}

function termIri(definition: unknown): string | undefined {
  return asString(definition) ?? asString(own(asObject(definition) ?? {}, '@id'));
}

/** One EPCIS event, read with the Lodestone prefixes in force for it. */
export class EventView {
  readonly type: string;
  readonly eventID: string | undefined;

  constructor(
    readonly raw: Json,
    readonly index: number,
    private readonly prefixes: ReadonlySet<string>,
  ) {
    this.type = asString(own(raw, 'type')) ?? '(no type)';
    this.eventID = asString(own(raw, 'eventID'));
  }

  has(key: string): boolean {
    return own(this.raw, key) !== undefined;
  }

  string(key: string): string | undefined {
    return asString(own(this.raw, key));
  }

  list(key: string): readonly unknown[] {
    return asArray(own(this.raw, key));
  }

  object(key: string): Json | undefined {
    return asObject(own(this.raw, key));
  }

  /** A Lodestone extension field of the event, of its ILMD, or of any nested object. */
  ext(name: string, from: Json = this.raw): unknown {
    for (const prefix of this.prefixes) {
      const value = own(from, `${prefix}:${name}`);
      if (value !== undefined) return value;
    }
    return own(from, `${LODESTONE_VOCAB}${name}`);
  }

  /** The element symbol a key of a Lodestone content object names (`lodestone:Co` → `Co`), if it is one. */
  extName(key: string): string | undefined {
    if (key.startsWith(LODESTONE_VOCAB)) return key.slice(LODESTONE_VOCAB.length);
    const colon = key.indexOf(':');
    return colon > 0 && this.prefixes.has(key.slice(0, colon)) ? key.slice(colon + 1) : undefined;
  }
}
