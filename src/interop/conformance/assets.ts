import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InteropError } from '../errors.js';

/**
 * The URL of a shipped data file under `assets/`. This module sits three folders below the package root
 * both as source (`src/interop/conformance/`) and as built code (`dist/interop/conformance/`), so one
 * relative URL serves tsx, vitest and `node dist/…` alike.
 */
export function assetUrl(relative: string): URL {
  return new URL(`../../../assets/${relative}`, import.meta.url);
}

const cache = new Map<string, unknown>();

/**
 * A shipped JSON (or JSON-LD) file, parsed once per process and shared: callers must not mutate it.
 * @throws InteropError INTEROP_ASSET_MISSING when it is missing or not JSON (a broken installation)
 */
export function readJsonAsset(relative: string): unknown {
  const cached = cache.get(relative);
  if (cached !== undefined) return cached;
  const url = assetUrl(relative);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(fileURLToPath(url), 'utf8'));
  } catch (cause) {
    throw new InteropError('INTEROP_ASSET_MISSING', `cannot read shipped asset ${url.href}`, { cause });
  }
  cache.set(relative, value);
  return value;
}
