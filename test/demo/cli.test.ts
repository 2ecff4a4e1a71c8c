import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli, type StartServer } from '../../src/cli/index.js';
import type { DemoManifest, LodestoneNode } from '../../src/service/index.js';
import { tempDir } from '../helpers/node.js';

/** Run the CLI in-process, capturing what it writes; `serve` gets a server that only records the node. */
async function lodestone(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string; node?: LodestoneNode }> {
  let [stdout, stderr] = ['', ''];
  let node: LodestoneNode | undefined;
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const signals = ['SIGINT', 'SIGTERM'].map((s) => [s, process.listeners(s as NodeJS.Signals)] as const);
  const startServer: StartServer = async (options) => {
    node = options.node;
    return { url: 'http://127.0.0.1:0', close: () => options.node.close() };
  };
  try {
    const code = await runCli(['node', 'lodestone', ...args], { startServer });
    return { code, stdout, stderr, ...(node && { node }) };
  } finally {
    out.mockRestore();
    err.mockRestore();
    // `serve` leaves its signal handlers behind; they must not outlive the test.
    for (const [signal, before] of signals) {
      for (const listener of process.listeners(signal as NodeJS.Signals)) {
        if (!before.includes(listener)) process.removeListener(signal, listener);
      }
    }
  }
}

describe('lodestone demo', () => {
  const dirs = [tempDir('lodestone-demo-cli-'), tempDir('lodestone-demo-serve-')];
  afterAll(() => {
    for (const d of dirs) d.cleanup();
  });
  const [dir, serveDir] = dirs.map((d) => d.dir) as [string, string];

  it('refuses a data directory that is not empty (exit 2, with a hint)', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = await lodestone('demo', '--data', dir, '--scale', '0.05');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not empty \(notes\.txt\)/);
    expect(r.stderr).toMatch(/^hint: /m);
    expect(existsSync(join(dir, 'lodestone.sqlite'))).toBe(false);
  });

  it('refuses a scale or seed out of range before touching anything (exit 2)', async () => {
    const empty = join(dir, 'new');
    expect((await lodestone('demo', '--data', empty, '--scale', '0')).code).toBe(2);
    expect((await lodestone('demo', '--data', empty, '--seed', '-1')).code).toBe(2);
    expect(existsSync(empty)).toBe(false);
  });

  it('seeds a new directory and prints the manifest with --json, the operator token beside it', async () => {
    const target = join(dir, 'world');
    const r = await lodestone('demo', '--data', target, '--seed', '3', '--scale', '0.05', '--json');
    expect(r.code).toBe(0);
    const manifest = JSON.parse(r.stdout) as DemoManifest;
    expect(manifest.seed).toBe(3);
    expect(manifest.counts.statements).toBeGreaterThan(500);
    expect(existsSync(join(target, 'operator.token'))).toBe(true);
    expect(existsSync(join(target, manifest.organizations[0]!.keyFile))).toBe(true);
  });

  describe('serve --demo-if-empty', () => {
    it('seeds a directory without a log (at LODESTONE_DEMO_SCALE), with a progress line, then serves it', async () => {
      vi.stubEnv('LODESTONE_DEMO_SCALE', '0.05');
      try {
        const r = await lodestone('serve', '--demo-if-empty', '--data', serveDir, '--port', '0');
        expect(r.code).toBe(0);
        expect(r.stderr).toMatch(/demo world: statements registered: [\d,]+ \/ [\d,]+/);
        const manifest = JSON.parse(readFileSync(join(serveDir, 'demo.json'), 'utf8')) as DemoManifest;
        expect(manifest.scale).toBe(0.05);
        expect(r.node?.size).toBe(manifest.counts.statements);
        await r.node?.close();
      } finally {
        vi.unstubAllEnvs();
      }
    });

    it('serves a directory that holds a log as it is', async () => {
      const r = await lodestone('serve', '--demo-if-empty', '--data', serveDir, '--port', '0');
      expect(r.code).toBe(0);
      expect(r.stderr).not.toMatch(/demo world/);
      await r.node?.close();
    });
  });
});
