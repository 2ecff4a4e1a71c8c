import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEMS } from './problems.js';

describe('the error catalogue', () => {
  it('documents every code with its status in docs/errors.md, and nothing else', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([A-Z_]+)`\s*\| (\d{3})\s*\|/gm)].map((m) => [m[1], Number(m[2])]);
    const code = Object.entries(PROBLEMS).map(([c, p]) => [c, p.status]);
    expect(rows.sort()).toEqual(code.sort());
  });
});
