/** `lodestone export` as a real process (needs `npm run build`). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, killStarted, runCli } from './helpers/cli.js';
import { openTestNode, samplePayload, tempDir } from './helpers/node.js';

const handle = await openTestNode();
const out = tempDir('lodestone-export-cli-');

beforeAll(async () => {
  assertBuilt();
  // The signer's identity registration and four statements: five entries.
  await Promise.all(
    Array.from({ length: 4 }, (_, i) => handle.node.register(handle.signer.sign(samplePayload(i)))),
  );
  expect(handle.node.size).toBe(5);
});

afterAll(async () => {
  killStarted();
  await handle.close();
  out.cleanup();
});

describe('lodestone export', () => {
  it('--json prints the report and exits 0, with the node still running', async () => {
    const target = join(out.dir, 'log');
    const r = await runCli(['export', '--data', handle.dir, '--out', target, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(''); // no progress lines with --json
    expect(JSON.parse(r.stdout)).toEqual({
      origin: handle.node.info.origin,
      size: 5,
      written: 3, // tile/0/000.p/5, tile/entries/000.p/5 and the checkpoint
      unchanged: 0,
      bytes: expect.any(Number),
    });
    expect(readFileSync(join(target, 'checkpoint'), 'utf8')).toBe(handle.node.checkpoint());
    expect(existsSync(join(target, 'tile/0/000.p/5'))).toBe(true);

    const again = await runCli(['export', '--data', handle.dir, '--out', target]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^exported .* at size 5: 0 files written .* 3 unchanged$/m);
  });

  it('a missing --out is a usage error (exit 2) with a hint', async () => {
    const r = await runCli(['export', '--data', handle.dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: missing --out$/m);
    expect(r.stderr).toMatch(/^hint: .*--out/m);
  });

  it('an --out directory of another log is refused (exit 2) with a hint, and a missing --data too', async () => {
    const foreign = join(out.dir, 'foreign');
    const first = await runCli(['export', '--data', handle.dir, '--out', foreign, '--json']);
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(
      join(foreign, 'checkpoint'),
      'elsewhere.example/log\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n',
    );
    const r = await runCli(['export', '--data', handle.dir, '--out', foreign]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: EXPORT_OTHER_LOG: /m);
    expect(r.stderr).toMatch(/^hint: /m);

    const none = await runCli(['export', '--data', join(out.dir, 'no-such-dir'), '--out', foreign]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: EXPORT_NO_LOG: /m);
    expect(none.stderr).toMatch(/^hint: .*--data/m);
  });
});
