/**
 * The federation page in a real browser (issue 8 part 7): Debian's Chromium driven by playwright-core
 * against a small federation started by the demo's service function (three member nodes in this process,
 * peering on loopback). It watches cosignatures arrive on node 1's checkpoint, then plants a split view
 * (a fork of node 1's log shown to node 2) and records the operator's decision on the alarm. Fails on any
 * console error or warning. Screenshots go to artifacts/screenshots/. Needs `npm run build` (the
 * dashboard is served from dist/web) and /usr/bin/chromium.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/index.js';
import {
  DEMO_PEERING,
  type FederationDemo,
  LodestoneNode,
  loadOrCreateOperatorToken,
  startFederationDemo,
} from '../../src/service/index.js';
import { launchPage, screenshot } from '../helpers/browser.js';
import { tempDir } from '../helpers/node.js';

async function until<T>(check: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the federation page in Chromium, on a three-node federation', () => {
  const { dir, cleanup } = tempDir('lodestone-web-federation-');
  let demo: FederationDemo | undefined;
  let browser: Browser;
  let page: Page;
  const closers: (() => Promise<void>)[] = [];
  const consoleErrors: string[] = [];

  const shot = (name: string) => screenshot(page, name);
  const byId = (id: string) => page.locator(`[data-testid="${id}"]`);

  beforeAll(async () => {
    demo = await startFederationDemo({ dataDir: join(dir, 'fed'), nodes: 3, basePort: 0, startServer });
    ({ browser, page } = await launchPage(consoleErrors));
  }, 60_000);

  afterEach(() => {
    expect(consoleErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    for (const close of closers) await close();
    await demo?.close();
    cleanup();
  });

  it('shows the peers, trusted, and the cosignatures arriving on the latest checkpoint', async () => {
    if (!demo) throw new Error('no demo');
    const [first, ...others] = demo.members;
    if (!first) throw new Error('no member');
    await page.goto(`${first.url}/#/federation`);
    await byId('federation').waitFor();
    expect(await byId('nav-federation').getAttribute('aria-current')).toBe('page');
    expect(await byId('federation-origin').textContent()).toBe('lodestone.local/federation/can');
    await expect.poll(() => byId('peer-row').count(), { timeout: 10_000 }).toBe(others.length);
    await expect
      .poll(() => byId('peer-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-trusted'))), {
        timeout: 10_000,
      })
      .toEqual(others.map(() => 'true'));
    expect(
      await byId('peer-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-origin'))),
    ).toEqual(others.map((o) => o.origin));
    // The page refreshes itself: cosignatures of the peers' witnesses arrive without a reload.
    await expect.poll(() => byId('cosignature').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const names = await byId('cosignature').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(names.every((n) => others.some((o) => o.witnessVkey.startsWith(`${n}+`)))).toBe(true);
    await expect
      .poll(() => byId('federation-size').getAttribute('data-value'), { timeout: 10_000 })
      .not.toBe('0');
    await byId('alarms-empty').waitFor();
    await shot('federation');
  }, 40_000);

  it('lists a split-view alarm with both checkpoints, and records the operator’s decision', async () => {
    if (!demo) throw new Error('no demo');
    // Stop the federation, fork node 1's log (same origin and key, then two different next entries),
    // and show the fork to node 2 beside the honest node 1: node 2's witness sees two histories.
    await demo.close();
    demo = undefined;
    const can = join(dir, 'fed', 'can');
    const forkDir = join(dir, 'fork');
    cpSync(can, forkDir, { recursive: true });
    demo = await startFederationDemo({
      dataDir: join(dir, 'fed'),
      nodes: 2,
      basePort: 0,
      startServer,
      activityMs: 0,
    });
    const [honest, deu] = demo.members;
    if (!honest || !deu) throw new Error('no members');
    const fork = LodestoneNode.open({
      dataDir: forkDir,
      verifyThreads: 0,
      witnessedLogs: [{ origin: deu.origin, vkey: deu.vkey }],
    });
    const forkServer = await startServer({
      node: fork,
      operatorToken: 'f'.repeat(32),
      port: 0,
      host: '127.0.0.1',
    });
    closers.push(() => forkServer.close());
    const identity = (slug: string) => ({
      subject: `did:web:${slug}.fork.example`,
      legalName: slug,
      registeredId: slug,
      idScheme: { id: 'urn:lodestone:test', name: 'test' },
      country: 'CAN',
      roles: ['producer' as const],
      keys: [
        {
          kid: `did:web:${slug}.fork.example#key-1`,
          jwk: {
            kty: 'OKP' as const,
            crv: 'Ed25519' as const,
            x: 'l7kz9t8Bc8Gg9VgwYs9F3i9Q8bC4zEo0h9rq0m8nS3Y',
          },
        },
      ],
    });
    await honest.node.registerIdentity(identity('honest'));
    await fork.registerIdentity(identity('forked'));
    await deu.node.startPeering(
      [
        { origin: honest.origin, vkey: honest.vkey, url: honest.url },
        { origin: honest.origin, vkey: honest.vkey, url: forkServer.url },
      ],
      DEMO_PEERING,
    );
    await until(async () => (deu.node.alarms().length > 0 ? true : undefined), 15_000);

    await page.goto(`${deu.url}/#/federation`);
    await byId('alarm').first().waitFor();
    await byId('alarms-locked').waitFor();
    const alarm = byId('alarm').last();
    expect(await alarm.getAttribute('data-origin')).toBe(honest.origin);
    expect(await alarm.getAttribute('data-decision')).toBe('none');
    for (const id of ['alarm-first', 'alarm-second']) {
      expect(await alarm.locator(`[data-testid="${id}"]`).textContent()).toMatch(
        /^lodestone\.local\/federation\/can\n/,
      );
    }
    await expect
      .poll(() => byId('peer-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-trusted'))))
      .toEqual(['false', 'false']);
    // With the operator token the form appears; an empty justification is refused before sending.
    await byId('token-toggle').click();
    await byId('token-input').fill(loadOrCreateOperatorToken(deu.dataDir).token);
    await byId('token-save').click();
    const form = alarm.locator('[data-testid="alarm-form"]');
    await form.waitFor();
    await form.locator('[data-testid="alarm-submit"]').click();
    await form.locator('[data-testid="alarm-input-error"]').waitFor();
    await form.locator('[data-testid="alarm-distrust"]').check();
    await form
      .locator('[data-testid="alarm-justification"]')
      .fill('Two roots for one size: the CAN log forked.');
    await form.locator('[data-testid="alarm-submit"]').click();
    await form.locator('[data-testid="alarm-decided"]').waitFor();
    await expect.poll(() => alarm.getAttribute('data-decision'), { timeout: 10_000 }).toBe('distrust');
    const id = Number(await alarm.getAttribute('data-id'));
    const stored = deu.node.alarms().find((a) => a.id === id) as
      | { decision?: { decision: string } }
      | undefined;
    expect(stored?.decision?.decision).toBe('distrust');
    await shot('federation-alarm');
  }, 60_000);
});
