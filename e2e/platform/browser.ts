import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestContext } from '../../test/harness';

/**
 * What every browser journey shares: the app served to one Chromium page, Content Security
 * Policy breaches collected, axe-core on each page, and screenshots for the user guide.
 */

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/user-guide/images');

export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** What the browser refused under the Content Security Policy, for the journey to assert none. */
  readonly cspErrors: string[];
  close(): Promise<void>;
}

/** Serves the app on a free port and opens one page on it, in London time and British English. */
export async function openBrowser(t: TestContext, options: { viewport?: { width: number; height: number } } = {}): Promise<BrowserSession> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const baseURL = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ timezoneId: 'Europe/London', locale: 'en-GB', baseURL, ...(options.viewport ? { viewport: options.viewport } : {}) });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) cspErrors.push(m.text());
    });
    return { browser, context, page, cspErrors, close: () => browser.close() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/** Waits for the page's first heading and checks it: the text exactly, or a pattern. */
export async function headingIs(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('h1').first().waitFor();
  const actual = (await page.locator('h1').first().innerText()).trim();
  if (typeof text === 'string') assert.equal(actual, text, `on the page "${text}" (at ${page.url()})`);
  else assert.match(actual, text, `at ${page.url()}`);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** axe-core on the page as it stands: zero violations, or a readable list of them. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  // evaluated rather than added as a <script>, so the page's CSP stays in force
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  assert.deepEqual(
    violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`),
    [],
    `axe-core on ${label}`,
  );
}

/** Screenshots for the user guide (docs/user-guide/images/<name>.png), only when SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
