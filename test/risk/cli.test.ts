/**
 * `lodestone risk` against a real node process, and `risk import` of an updated datasets folder (the
 * change report, and a malformed file refused with its line and column). Needs `npm run build`.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RISK_DATA_DIR } from '../../src/service/index.js';
import { tempDir } from '../helpers/node.js';
import { killAllNodes, runCli, type SpawnedNode, spawnNode } from '../helpers/spawn-node.js';

describe('lodestone risk', () => {
  const { dir, cleanup } = tempDir('lodestone-risk-cli-');
  let node: SpawnedNode;

  beforeAll(async () => {
    node = await spawnNode({ dataDir: join(dir, 'data') });
  }, 60_000);
  afterAll(async () => {
    await killAllNodes();
    cleanup();
  });

  it('prints concentration as a table and as JSON', async () => {
    const env = { LODESTONE_URL: node.url };
    const human = await runCli(['risk', 'concentration', '--mineral', 'cobalt'], { env });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/cobalt\s+mining\s+2024\s+5,867\s+COD 75\.9 %/);
    const json = await runCli(
      ['risk', 'concentration', '--mineral', 'nickel', '--stage', 'mining', '--json'],
      { env },
    );
    expect(Math.round(JSON.parse(json.stdout).items[0].hhi)).toBe(3706);
    const scenario = await runCli(
      [
        'risk',
        'scenario',
        '--country',
        'IDN',
        '--mineral',
        'nickel',
        '--stage',
        'mining',
        '--restriction',
        '50',
        '--json',
      ],
      { env },
    );
    expect(scenario.code, scenario.stderr).toBe(0);
    expect(JSON.parse(scenario.stdout).exposure).toBeNull();
    const bad = await runCli(['risk', 'concentration', '--mineral', 'unobtainium', '--stage', 'mining'], {
      env,
    });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/RISK_UNKNOWN_MINERAL/);
  }, 120_000);

  it('imports an updated release and reports what changed; refuses a malformed file with its line and column', async () => {
    const updated = join(dir, 'usgs-next');
    cpSync(RISK_DATA_DIR, updated, { recursive: true });
    const file = join(updated, 'mine_production.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.startsWith('cobalt,') && l.includes(',COD,') && l.includes('2024'));
    expect(i).toBeGreaterThan(0);
    lines[i] = lines[i]!.replace(/,220000(\.0)?,/, ',230000,');
    writeFileSync(file, lines.join('\n'));
    const data = join(dir, 'import-data');
    const ok = await runCli(['risk', 'import', updated, '--data', data, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).summary).toEqual({ added: 0, removed: 0, changed: 1 });
    writeFileSync(file, `${lines.join('\n')}\ncobalt,mining,not-a-row`);
    const bad = await runCli(['risk', 'import', updated, '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/mine_production\.csv:\d+:\d+/);
  }, 120_000);
});
