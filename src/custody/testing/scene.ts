/** A small scene for custody-event tests: two producers with facilities, a certifier, and lots. */
import type { NewBatch } from '../../model/index.js';
import { lot, World } from './world.js';

export const ACME = 'did:web:acme.example';
export const BETA = 'did:web:beta.example';
export const CERT = 'did:web:lab.example';
export const MINE = 'https://acme.example/mine';
export const ACME_REFINERY = 'https://acme.example/refinery';
export const BETA_REFINERY = 'https://beta.example/refinery';
export const BETA_MINE = 'https://beta.example/mine';

/** ACME (CAN: a mine and a refinery), BETA (DEU: a refinery and a mine), CERT (certifier). */
export function scene(maxFutureMs?: number): World {
  const w = new World(maxFutureMs);
  w.register(ACME, ['producer'], 'CAN');
  w.register(BETA, ['producer'], 'DEU');
  w.register(CERT, ['certifier'], 'FRA');
  w.facility(ACME, MINE, 'mine', 'CAN');
  w.facility(ACME, ACME_REFINERY, 'refinery', 'CAN');
  w.facility(BETA, BETA_REFINERY, 'refinery', 'DEU');
  w.facility(BETA, BETA_MINE, 'mine', 'DEU');
  return w;
}

/** Cobalt hydroxide at 30 % Co. */
export const hydroxide = (id: string, grams = 1_000_000): NewBatch =>
  lot(id, 'co.hydroxide', grams, { Co: 300_000 });

/** Battery-grade cobalt sulfate at 20.8 % Co. */
export const sulfate = (id: string, grams: number): NewBatch =>
  lot(id, 'co.sulfate.battery', grams, { Co: 208_000 });
