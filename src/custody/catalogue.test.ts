import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CUSTODY_ERROR_STATUS, CUSTODY_ERROR_TITLES } from './catalogue.js';

const HERE = new URL('./', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, HERE), 'utf8');
const CODES = Object.keys(CUSTODY_ERROR_STATUS);

describe('the custody error catalogue', () => {
  it('gives every code a status and a one-line title', () => {
    expect(Object.keys(CUSTODY_ERROR_TITLES).sort()).toEqual([...CODES].sort());
    for (const title of Object.values(CUSTODY_ERROR_TITLES)) expect(title).toMatch(/^[A-Z][^\n]{5,80}$/);
  });

  it('maps authorisation failures to 403 and state conflicts to 409', () => {
    const with403 = CODES.filter((c) => CUSTODY_ERROR_STATUS[c as keyof typeof CUSTODY_ERROR_STATUS] === 403);
    expect(with403.sort()).toEqual(
      [
        'IDENTITY_NOT_AUTHORIZED',
        'CUSTODY_NOT_CUSTODIAN',
        'CUSTODY_NOT_OWNER',
        'CUSTODY_NOT_RECIPIENT',
        'CUSTODY_NOT_FACILITY_OPERATOR',
      ].sort(),
    );
    for (const code of [
      'CUSTODY_INSUFFICIENT_QUANTITY',
      'CUSTODY_BATCH_EXISTS',
      'IDENTITY_KEY_CONFLICT',
    ] as const) {
      expect(CUSTODY_ERROR_STATUS[code]).toBe(409);
    }
  });

  it('documents every code with a one-line comment in errors.ts', () => {
    const source = read('errors.ts');
    for (const code of CODES)
      expect(source, code).toMatch(new RegExp(`/\\*\\* [^\\n]+ \\*/\\n\\s+\\| '${code}'`));
  });

  it('has a test that each code is thrown (a `rejects` with the ledger checked unchanged)', () => {
    const tests = readdirSync(HERE)
      .filter((f) => f.endsWith('.test.ts') && f !== 'catalogue.test.ts')
      .map(read)
      .join('\n');
    const untested = CODES.filter(
      (code) => !new RegExp(`rejects\\(\\s*'${code}'|'${code}',?\\s*\\]`).test(tests),
    );
    expect(untested).toEqual([]);
  });
});
