/** Debian's Chromium driven by playwright-core, as every dashboard test drives it. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

const CHROMIUM = process.env.LODESTONE_CHROMIUM ?? '/usr/bin/chromium';
/** Where screenshots go, for a person to look at after the run. */
export const SHOTS = new URL('../../artifacts/screenshots/', import.meta.url).pathname;

/**
 * A headless Chromium with one 1280×900 page. Every console error or warning and every uncaught page
 * error is pushed onto `consoleErrors`, which the tests expect to stay empty.
 */
export async function launchPage(consoleErrors: string[]): Promise<{ browser: Browser; page: Page }> {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  return { browser, page };
}

/** A full-page screenshot into {@link SHOTS}. */
export function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}
