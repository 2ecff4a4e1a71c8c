import { InteropError } from '../errors.js';

/**
 * Hand-written readers for hostile credential JSON (the registration hot path runs them on every
 * statement, so no schema compiler here). Each takes the value and its RFC 6901 JSON pointer and returns
 * the value narrowed, or throws `InteropError` `INTEROP_INVALID` with that pointer as `path`.
 */

/** A JSON object as parsed (own enumerable properties only are ever read). */
export type JsonObject = Readonly<Record<string, unknown>>;

/** The longest string accepted anywhere: bounds memory and log noise from hostile input. */
export const MAX_STRING_LENGTH = 2048;

/** The JSON pointer of `key` inside the value at `path` (RFC 6901 escaping). */
export function at(path: string, key: string | number): string {
  // The hot path builds a pointer per field read; escaping is rare (batch ids are URIs), so test first.
  if (typeof key === 'number' || !NEEDS_ESCAPE.test(key)) return `${path}/${key}`;
  return `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

const NEEDS_ESCAPE = /[~/]/;

/** Throw `INTEROP_INVALID` at `path`. */
export function invalid(path: string, message: string): never {
  throw new InteropError('INTEROP_INVALID', message, { path });
}

/** Throw `INTEROP_UNSUPPORTED` at `path`: recognised, but not something Lodestone reads. */
export function unsupported(path: string, message: string): never {
  throw new InteropError('INTEROP_UNSUPPORTED', message, { path });
}

/**
 * A plain JSON object whose keys are all in `allowed`. Any other key, `__proto__` included, is rejected:
 * a property the mapping does not define would be silently dropped, and dropping is not allowed.
 */
export function readObject(value: unknown, path: string, allowed: ReadonlySet<string>): JsonObject {
  const object = asPlainObject(value, path);
  for (const key of Object.keys(object)) {
    if (!allowed.has(key)) invalid(at(path, key), `unexpected property ${JSON.stringify(key)}`);
  }
  return object;
}

/** A plain JSON object (no class instance, no array), keys unchecked. */
export function asPlainObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(path, 'expected an object');
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) invalid(path, 'expected a plain JSON object');
  return value as JsonObject;
}

/** The own property `key` of `object`, or `undefined` (never an inherited one such as `constructor`). */
export function opt(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** The own property `key` of `object`; throws when it is absent. */
export function req(object: JsonObject, key: string, path: string): unknown {
  const value = opt(object, key);
  if (value === undefined) invalid(at(path, key), `missing required property ${JSON.stringify(key)}`);
  return value;
}

/** A non-empty string of at most {@link MAX_STRING_LENGTH} characters. */
export function readString(value: unknown, path: string): string {
  if (typeof value !== 'string') invalid(path, 'expected a string');
  if (value.length === 0 || value.length > MAX_STRING_LENGTH) {
    invalid(path, `expected 1 to ${MAX_STRING_LENGTH} characters`);
  }
  return value;
}

/** A string of at most {@link MAX_STRING_LENGTH} characters, possibly empty (free text that may say nothing). */
export function readText(value: unknown, path: string): string {
  if (typeof value !== 'string') invalid(path, 'expected a string');
  if (value.length > MAX_STRING_LENGTH) invalid(path, `expected at most ${MAX_STRING_LENGTH} characters`);
  return value;
}

/** `true` or `false`. */
export function readBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') invalid(path, 'expected true or false');
  return value;
}

/** A finite JSON number. */
export function readNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(path, 'expected a number');
  return value;
}

/**
 * Check that no item of `list` (read from the array at `path`) repeats an earlier one; the error points
 * at the repeat. For lists that are sets: a repeat is a mistake, and keeping it would change nothing.
 */
export function checkDistinct(list: readonly string[], path: string): void {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item)) invalid(at(path, i), `${JSON.stringify(item)} is listed twice`);
    seen.add(item);
  });
}

/** An array of at most `max` items (and at least `min`). */
export function readArray(value: unknown, path: string, max: number, min = 0): readonly unknown[] {
  if (!Array.isArray(value)) invalid(path, 'expected an array');
  if (value.length < min || value.length > max) invalid(path, `expected ${min} to ${max} items`);
  return value;
}

/** One of `allowed`. */
export function readEnum<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    invalid(path, `expected one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Exactly `expected`. */
export function readConst(value: unknown, path: string, expected: string): void {
  if (value !== expected) invalid(path, `expected ${JSON.stringify(expected)}`);
}

/** A `type` array holding exactly the names in `expected`, in any order, each once. */
export function readTypes(value: unknown, path: string, expected: readonly string[]): void {
  const types = readArray(value, path, expected.length, expected.length);
  const seen = new Set<unknown>(types);
  if (seen.size !== expected.length || !expected.every((t) => seen.has(t))) {
    invalid(path, `expected type ${JSON.stringify(expected)}`);
  }
}

/** RFC 3986 absolute URI: a scheme, then only URI characters, with well-formed percent escapes. */
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/** True when `value` is an absolute URI by {@link URI}. */
export function isUri(value: string): boolean {
  return value.length <= MAX_STRING_LENGTH && URI.test(value) && !BAD_ESCAPE.test(value);
}

/** An absolute URI (RFC 3986). */
export function readUri(value: unknown, path: string): string {
  if (typeof value !== 'string' || !isUri(value)) invalid(path, 'expected an absolute URI');
  return value;
}

/** W3C DID syntax: `did:<method>:<method-specific-id>` (DID Core §3.1). */
const DID = /^did:[a-z0-9]+:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2}|:)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})$/;

/** True when `value` is a DID (no path, query or fragment). */
export function isDid(value: string): boolean {
  return value.length <= MAX_STRING_LENGTH && DID.test(value);
}

/** A DID. */
export function readDid(value: unknown, path: string): string {
  if (typeof value !== 'string' || !isDid(value)) invalid(path, 'expected a DID (did:<method>:<id>)');
  return value;
}

/** The DID of a DID URL (the part before `#`), or `undefined` when `kid` is not a DID URL. */
export function didOfKid(kid: string): string | undefined {
  const hash = kid.indexOf('#');
  const did = hash === -1 ? kid : kid.slice(0, hash);
  return isDid(did) && isUri(kid) ? did : undefined;
}

/** A key id: a DID URL whose DID is `owner` (a key is always named under its organisation's DID). */
export function readKid(value: unknown, path: string, owner: string): string {
  if (typeof value !== 'string' || didOfKid(value) !== owner) {
    invalid(path, `expected a DID URL of ${owner}`);
  }
  return value;
}
