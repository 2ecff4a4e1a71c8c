/**
 * The dashboard in a real browser (issue 6 item 3): Debian's Chromium driven by playwright-core, against a
 * real node process started the way the README starts one (`serve --demo-if-empty` on an empty data
 * directory). It walks the pages, traces a product back to its mines, verifies a receipt and a revoked
 * certificate, and fails on any console error. Screenshots go to artifacts/screenshots/. Needs
 * `npm run build` (npm test builds first) and /usr/bin/chromium (.ci/run installs it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchPage, screenshot } from '../helpers/browser.js';
import { tempDir } from '../helpers/node.js';
import { killAllNodes, type SpawnedNode, spawnNode, TEST_OPERATOR_TOKEN } from '../helpers/spawn-node.js';

interface Manifest {
  readonly products: readonly { batch: string; originCountries: readonly string[] }[];
  readonly facilities: readonly { id: string; kind: string; country: string }[];
  readonly certificates: readonly { id: string; verdict: string; failingCheck?: string }[];
}

describe('the dashboard in Chromium, on a node with the demo world', () => {
  const { dir, cleanup } = tempDir('lodestone-web-');
  const data = join(dir, 'data');
  let node: SpawnedNode;
  let browser: Browser;
  let page: Page;
  let manifest: Manifest;
  const consoleErrors: string[] = [];

  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${node.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}`, ...init.headers },
    });
    expect(res.ok, `${path}: ${res.status}`).toBe(true);
    return res;
  };
  const shot = (name: string) => screenshot(page, name);
  const byId = (id: string) => page.locator(`[data-testid="${id}"]`);

  beforeAll(async () => {
    node = await spawnNode({ dataDir: data, args: ['--demo-if-empty'], startTimeoutMs: 120_000 });
    manifest = JSON.parse(readFileSync(join(data, 'demo.json'), 'utf8')) as Manifest;
    ({ browser, page } = await launchPage(consoleErrors));
  }, 180_000);

  afterEach(() => {
    expect(consoleErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await killAllNodes();
    cleanup();
  });

  it('shows the overview with real counts and, with the operator token, volumes', async () => {
    await page.goto(`${node.url}/`);
    await expect
      .poll(async () => Number(await byId('count-batches').getAttribute('data-value')))
      .toBeGreaterThan(100);
    expect(Number(await byId('count-certificates').getAttribute('data-value'))).toBeGreaterThan(0);
    expect(Number(await byId('log-size').getAttribute('data-value'))).toBeGreaterThan(100);
    await byId('token-toggle').click();
    await byId('token-input').fill(TEST_OPERATOR_TOKEN);
    await byId('token-save').click();
    await expect.poll(() => byId('token-status').textContent()).toBe('Token set');
    await byId('chart-volumes-material').locator('svg').first().waitFor();
    expect(await byId('volume-row').count()).toBeGreaterThan(3);
    await shot('overview');
  }, 60_000);

  it('traces a product back to its mines: a Sankey of element flows and the origin mines', async () => {
    const product = manifest.products[0]!;
    await page.goto(`${node.url}/#/batches/${encodeURIComponent(product.batch)}`);
    await expect.poll(() => byId('batch-id').textContent()).toContain(product.batch);
    await byId('sankey').locator('svg').first().waitFor();
    // Origins are shown per element: walk every element and collect the mines' countries.
    const mines = manifest.facilities.filter((f) => f.kind === 'mine');
    const countries = new Set<string | undefined>();
    const elements = await byId('element-select')
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? ''));
    expect(elements.length).toBeGreaterThan(0);
    for (const element of elements) {
      await byId('element-select').selectOption(element);
      await byId('origin-row').first().waitFor();
      const rows = await byId('origin-row').evaluateAll((rs) =>
        rs.map((r) => r.getAttribute('data-facility')),
      );
      for (const id of rows) countries.add(mines.find((m) => m.id === id)?.country);
    }
    expect(countries.has(undefined), 'every origin row is a mine of the demo world').toBe(false);
    expect([...countries].sort()).toEqual([...product.originCountries].sort());
    expect(await byId('share-row').count()).toBeGreaterThan(0);
    await shot('batch-provenance');
  }, 60_000);

  it('lists organisations, facilities and certificates with their verdicts', async () => {
    await page.goto(`${node.url}/#/organizations`);
    await byId('organization-row').first().waitFor();
    await page.goto(`${node.url}/#/facilities`);
    await byId('facility-row').first().waitFor();
    await byId('facilities-map').locator('svg').first().waitFor();
    await shot('facilities');
    await page.goto(`${node.url}/#/certificates`);
    await byId('certificate-row').first().waitFor();
    const verdicts = await byId('certificate-row').evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-verified')),
    );
    expect(verdicts).toContain('true');
    expect(verdicts).toContain('false');
    await shot('certificates');
  }, 60_000);

  it('verifies a receipt on the public verification page, and refuses a tampered statement', async () => {
    const product = manifest.products[0]!;
    const batch = (await (await api(`/v1/batches/${encodeURIComponent(product.batch)}`)).json()) as {
      createdBy: string;
    };
    const statement = (await (await api(`/v1/statements/${batch.createdBy}`)).text()).trim();
    const receipt = await (await api(`/v1/statements/${batch.createdBy}/receipt`)).text();
    await page.goto(`${node.url}/#/verify`);
    await byId('verify-statement-input').fill(statement);
    await byId('verify-receipt-input').fill(receipt);
    await byId('verify-receipt-submit').click();
    await expect.poll(() => byId('verify-result').getAttribute('data-verified')).toBe('true');
    const statuses = await byId('check-row').evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-status')),
    );
    expect(statuses.length).toBeGreaterThan(2);
    expect(new Set(statuses)).toEqual(new Set(['pass']));
    await shot('verify-receipt');

    const [h, p, s] = statement.split('.') as [string, string, string];
    await byId('verify-statement-input').fill(`${h}.${p.slice(0, -4)}AAAA.${s}`);
    await byId('verify-receipt-submit').click();
    await expect.poll(() => byId('verify-result').getAttribute('data-verified')).toBe('false');
  }, 60_000);

  it('shows the risk observatory: concentration with a choropleth, a scenario with exposed batches, the pipeline', async () => {
    await page.goto(`${node.url}/#/risk`);
    await expect
      .poll(async () => Number(await byId('risk-hhi').getAttribute('data-value')))
      .toBeGreaterThan(0);
    await byId('risk-map').locator('svg').first().waitFor();
    expect(await byId('risk-share-row').count()).toBeGreaterThan(1);
    await shot('risk-concentration');
    await page.goto(`${node.url}/#/risk/scenario`);
    const presets = await byId('scenario-preset')
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? ''));
    await byId('scenario-preset').selectOption(presets.find((p) => p !== '') ?? '');
    await byId('scenario-run').click();
    await byId('scenario-result').waitFor();
    expect(await byId('scenario-alternative-row').count()).toBeGreaterThan(0);
    await shot('risk-scenario');
    await page.goto(`${node.url}/#/risk/pipeline`);
    await byId('pipeline-chart').locator('svg').first().waitFor();
    expect(await byId('pipeline-benchmark-row').count()).toBeGreaterThan(0);
    await shot('risk-pipeline');
  }, 60_000);

  it('verifies a revoked certificate check by check', async () => {
    const revoked = manifest.certificates.find((c) => c.failingCheck === 'status');
    expect(revoked, 'the demo world revokes a certificate').toBeDefined();
    const { jws } = (await (await api(`/v1/certificates/${encodeURIComponent(revoked!.id)}`)).json()) as {
      jws: string;
    };
    await page.goto(`${node.url}/#/verify`);
    await byId('verify-certificate-input').fill(jws);
    await byId('verify-certificate-submit').click();
    await expect.poll(() => byId('verify-result').getAttribute('data-verified')).toBe('false');
    expect(
      await page.locator('[data-testid="check-row"][data-check="status"]').getAttribute('data-status'),
    ).toBe('fail');
    expect(
      await page.locator('[data-testid="check-row"][data-check="signature"]').getAttribute('data-status'),
    ).toBe('pass');
    await shot('verify-certificate');
  }, 60_000);
});
