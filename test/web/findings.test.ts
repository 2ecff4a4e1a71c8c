/**
 * The compliance findings in a real browser (issue 5 part 8): Debian's Chromium driven by playwright-core
 * against a node started as the README starts one (`serve --demo-if-empty`). With the operator token it
 * reads the overview's findings panel, resolves a finding's case as a false positive, lists the resolved
 * cases, and watches a finding raised by a new statement arrive on the open findings page without a
 * reload. Fails on any console error or warning. Screenshots go to artifacts/screenshots/. Needs
 * `npm run build` and /usr/bin/chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readKeyFile } from '../../src/cli/key-file.js';
import { signCompactJws } from '../../src/crypto/index.js';
import { traceabilityCredential } from '../../src/interop/index.js';
import type { CustodyEvent } from '../../src/model/index.js';
import { launchPage, screenshot } from '../helpers/browser.js';
import { tempDir } from '../helpers/node.js';
import { killAllNodes, type SpawnedNode, spawnNode, TEST_OPERATOR_TOKEN } from '../helpers/spawn-node.js';

interface Manifest {
  readonly organizations: readonly { slug: string; did: string; name: string; keyFile: string }[];
  readonly facilities: readonly { id: string; slug: string; operator: string }[];
}

/** Wait until the compliance monitor has evaluated every log entry: it follows the log after start-up. */
async function caughtUp(url: string): Promise<void> {
  const read = async <T>(path: string): Promise<T> => (await (await fetch(`${url}${path}`)).json()) as T;
  const deadline = Date.now() + 150_000;
  for (;;) {
    const { log } = await read<{ log: { size: number } }>('/v1/overview');
    const { evaluatedThrough } = await read<{ evaluatedThrough: number }>('/v1/compliance');
    if (evaluatedThrough >= log.size - 1) return;
    if (Date.now() > deadline)
      throw new Error(`evaluated through ${evaluatedThrough} of ${log.size} entries`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('compliance findings and cases in Chromium, on a node with the demo world', () => {
  const { dir, cleanup } = tempDir('lodestone-web-findings-');
  const data = join(dir, 'data');
  let node: SpawnedNode;
  let browser: Browser;
  let page: Page;
  let manifest: Manifest;
  const consoleErrors: string[] = [];

  const shot = (name: string) => screenshot(page, name);
  const byId = (id: string) => page.locator(`[data-testid="${id}"]`);
  const attributes = (id: string, name: string) =>
    byId(id).evaluateAll((els, n) => els.map((e) => e.getAttribute(n) ?? ''), name);

  /** An artisanal extraction at Kasulo (a listed conflict-affected area), signed by its operator. */
  const kasuloExtraction = (): string => {
    const mine = manifest.facilities.find((f) => f.slug === 'kasulo');
    const org = manifest.organizations.find((o) => o.did === mine?.operator);
    if (mine === undefined || org === undefined) throw new Error('the demo world has no Kasulo mine');
    const key = readKeyFile(join(data, org.keyFile));
    const stamp = Date.now();
    const event: CustodyEvent = {
      type: 'extract',
      id: `urn:uuid:00000000-0000-4000-a000-${stamp.toString(16).padStart(12, '0')}`,
      time: new Date(stamp - 60_000).toISOString(),
      facility: mine.id,
      method: 'artisanal',
      batch: {
        id: `https://${org.slug}.example/batches/web-live-${stamp}`,
        material: 'co.ore.copper-cobalt',
        grams: 900_000_000,
        content: { Co: 4_500, Cu: 20_000 },
      },
      custodyModel: 'segregated',
    };
    const credential = traceabilityCredential([event], { id: org.did, name: org.name });
    return signCompactJws(
      JSON.stringify(credential),
      { kid: key.kid, typ: 'vc+jwt', cty: 'vc' },
      key.privateKey,
    );
  };

  beforeAll(async () => {
    node = await spawnNode({ dataDir: data, args: ['--demo-if-empty'], startTimeoutMs: 120_000 });
    manifest = JSON.parse(readFileSync(join(data, 'demo.json'), 'utf8')) as Manifest;
    await caughtUp(node.url);
    ({ browser, page } = await launchPage(consoleErrors));
  }, 330_000);

  afterEach(() => {
    expect(consoleErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await killAllNodes();
    cleanup();
  });

  it('shows counts by severity and the latest findings on the overview, with the planted red flags', async () => {
    // Without a token the panel says one is needed; the token is set once, through the token field.
    await page.goto(`${node.url}/`);
    await byId('findings-locked').waitFor();
    await byId('token-toggle').click();
    await byId('token-input').fill(TEST_OPERATOR_TOKEN);
    await byId('token-save').click();
    await expect.poll(() => byId('token-status').textContent()).toBe('Token set');
    await byId('findings-counts').waitFor();
    const values = await page
      .locator('[data-testid^="findings-count-"]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(values).toHaveLength(5);
    expect(values.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const rules = await attributes('findings-rule', 'data-rule');
    expect(rules).toContain('LS-CAHRA-ORIGIN');
    expect(rules).toContain('LS-STRUCTURING');
    await byId('finding-row').first().waitFor();
    expect(await byId('finding-row').count()).toBeGreaterThan(0);
    expect(await byId('finding-row').count()).toBeLessThanOrEqual(20);
    await expect
      .poll(() => byId('findings-stream').getAttribute('data-state'), { timeout: 5_000 })
      .toBe('live');
  }, 60_000);

  it('resolves a finding as a false positive: the case turns resolved, with the action in its history', async () => {
    await page.goto(`${node.url}/#/findings?rule=LS-CAHRA-ORIGIN`);
    await byId('finding-row').first().waitFor();
    expect(new Set(await attributes('finding-row', 'data-rule'))).toEqual(new Set(['LS-CAHRA-ORIGIN']));
    const row = page.locator('[data-testid="finding-row"][data-status="open"]').first();
    const id = await row.getAttribute('data-id');
    await row.locator('[data-testid="finding-link"]').click();
    await byId('finding-message').waitFor();
    expect(await byId('finding-rule-id').textContent()).toBe('LS-CAHRA-ORIGIN');
    expect((await byId('finding-rule-title').textContent())?.trim()).not.toBe('');
    expect((await byId('finding-rule-source').textContent())?.trim()).not.toBe('');
    expect(await byId('evidence-statement').count()).toBeGreaterThan(0);
    expect(await byId('fact').count()).toBeGreaterThan(0);
    expect(
      await byId('case-summary').locator('[data-testid="case-status"]').getAttribute('data-status'),
    ).toBe('open');

    // Resolving without a justification is refused here, before anything is sent.
    await byId('case-outcome').selectOption('false-positive');
    await byId('case-resolve').click();
    await byId('case-input-error').waitFor();

    await byId('case-justification').fill(
      'The lot was re-sampled at a certified site outside the listed area.',
    );
    await byId('case-resolve').click();
    await expect
      .poll(() => byId('case-summary').locator('[data-testid="case-status"]').getAttribute('data-status'), {
        timeout: 15_000,
      })
      .toBe('resolved');
    expect(await attributes('case-history-row', 'data-action')).toEqual(['resolve']);
    expect(await byId('case-history').textContent()).toContain('false-positive');
    expect(await byId('case-outcome-value').textContent()).toBe('false-positive');
    await byId('case-reopen').waitFor();
    await shot('finding-detail');

    await page.goto(`${node.url}/#/cases?status=resolved`);
    await byId('cases-table').waitFor();
    expect(await attributes('finding-row', 'data-id')).toContain(id);
    expect(await byId('cases-tab-resolved').getAttribute('aria-current')).toBe('page');
    await shot('cases');
  }, 60_000);

  it('shows a finding raised by a new statement on the open findings page, without a reload', async () => {
    await page.goto(`${node.url}/#/findings`);
    await byId('finding-row').first().waitFor();
    await expect
      .poll(() => byId('findings-stream').getAttribute('data-state'), { timeout: 5_000 })
      .toBe('live');
    const before = await byId('finding-row').count();
    await page.evaluate(() => {
      (globalThis as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    const res = await fetch(`${node.url}/v1/statements`, {
      method: 'POST',
      headers: { 'content-type': 'application/jose' },
      body: kasuloExtraction(),
    });
    expect(res.status, await res.clone().text()).toBe(201);

    const live = page.locator('[data-testid="finding-row"][data-live="true"]');
    await expect
      .poll(() => live.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rule'))), {
        timeout: 10_000,
      })
      .toContain('LS-CAHRA-ORIGIN');
    // Newest first: the arrival heads the table.
    expect(await byId('finding-row').first().getAttribute('data-live')).toBe('true');
    expect(await byId('finding-row').count()).toBeGreaterThanOrEqual(Math.min(before + 1, 100));
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    await shot('findings-feed');
  }, 60_000);
});
