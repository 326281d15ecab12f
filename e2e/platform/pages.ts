import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/user-guide/images');

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

/** Screenshots for the user guide, only when SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function headingIs(page: Page, text: string): Promise<void> {
  await page.locator('h1').first().waitFor();
  assert.equal((await page.locator('h1').first().innerText()).trim(), text, `on the page "${text}" (at ${page.url()})`);
}

export class SignInPage {
  private constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page): Promise<SignInPage> {
    await headingIs(page, 'Sign in to OpenMASH');
    return new SignInPage(page);
  }
  async signIn(email: string, password: string): Promise<void> {
    await this.page.fill('#email', email);
    await this.page.fill('#password', password);
    await this.page.click('[data-qa="sign-in"]');
  }
}

/** What every signed-in page has: the user bar, the navigation and the success banner. */
class SignedInPage {
  protected constructor(readonly page: Page) {}
  async signedInAs(): Promise<string> {
    return (await this.page.locator('[data-qa="user-bar"] strong').innerText()).trim();
  }
  async flash(): Promise<string | null> {
    const banner = this.page.locator('.govuk-notification-banner--success');
    return (await banner.count()) ? (await banner.innerText()).trim() : null;
  }
  async navigateTo(text: string): Promise<void> {
    await this.page.locator('.govuk-service-navigation__link', { hasText: text }).first().click();
  }
  async signOut(): Promise<void> {
    await this.page.click('[data-qa="sign-out"]');
  }
}

export class HomePage extends SignedInPage {
  static async verifyOnPage(page: Page): Promise<HomePage> {
    await headingIs(page, 'OpenMASH');
    await page.locator('[data-qa="user-bar"]').waitFor();
    return new HomePage(page);
  }
}

export class HubPage extends SignedInPage {
  static async verifyOnPage(page: Page): Promise<HubPage> {
    await headingIs(page, 'Hub settings');
    return new HubPage(page);
  }
}

export class AgenciesPage extends SignedInPage {
  static async verifyOnPage(page: Page): Promise<AgenciesPage> {
    await headingIs(page, 'Agencies');
    return new AgenciesPage(page);
  }
  async names(): Promise<string[]> {
    return this.page.locator('[data-qa="agencies"] tbody tr td:first-child a').allInnerTexts();
  }
}

export class UsersPage extends SignedInPage {
  static async verifyOnPage(page: Page): Promise<UsersPage> {
    await headingIs(page, 'Users');
    return new UsersPage(page);
  }
  async addUser(): Promise<void> {
    await this.page.click('[data-qa="add-user"]');
  }
  async statusOf(name: string): Promise<string> {
    return (await this.page.locator('[data-qa="users"] tbody tr', { hasText: name }).locator('td').nth(4).innerText()).trim();
  }
  async open(name: string): Promise<void> {
    await this.page.locator('[data-qa="users"] a', { hasText: name }).click();
  }
}

export class UserFormPage extends SignedInPage {
  static async verifyOnPage(page: Page, heading: 'Add a user' | 'Change user'): Promise<UserFormPage> {
    await headingIs(page, heading);
    return new UserFormPage(page);
  }
  async fill(values: { name?: string; email?: string; agency?: string; role?: string }): Promise<void> {
    if (values.name !== undefined) await this.page.fill('#displayName', values.name);
    if (values.email !== undefined) await this.page.fill('#email', values.email);
    if (values.agency !== undefined) await this.page.selectOption('#agencyId', { label: values.agency });
    if (values.role !== undefined) await this.page.selectOption('#role', { label: values.role });
  }
  async save(): Promise<void> {
    await this.page.click('[data-qa="save-user"]');
  }
  async errorSummary(): Promise<string[]> {
    return (await this.page.locator('.govuk-error-summary__list a').allInnerTexts()).map((s) => s.trim());
  }
  async deactivate(): Promise<void> {
    await this.page.click('[data-qa="deactivate"]');
  }
}

export class PasswordOncePage extends SignedInPage {
  static async verifyOnPage(page: Page, heading: string): Promise<PasswordOncePage> {
    await headingIs(page, heading);
    return new PasswordOncePage(page);
  }
  async firstPassword(): Promise<string> {
    return (await this.page.locator('[data-qa="first-password"]').innerText()).trim();
  }
  async continue(): Promise<void> {
    await this.page.locator('a', { hasText: 'Continue' }).click();
  }
}

export class AuditPage extends SignedInPage {
  static async verifyOnPage(page: Page): Promise<AuditPage> {
    await headingIs(page, 'Audit log');
    return new AuditPage(page);
  }
  async searchByRecord(recordType: string, recordId: string): Promise<void> {
    await this.page.selectOption('#recordType', { label: recordType });
    await this.page.fill('#recordId', recordId);
    await this.page.click('[data-qa="audit-search-submit"]');
  }
  async actions(): Promise<string[]> {
    return (await this.page.locator('[data-qa="audit-events"] tbody tr td:nth-child(3)').allInnerTexts()).map((s) => s.trim().split(/\s/)[0]);
  }
  async verifyChain(): Promise<void> {
    await this.page.click('[data-qa="verify-chain"]');
  }
}

export class VerifyPage extends SignedInPage {
  static async verifyOnPage(page: Page): Promise<VerifyPage> {
    await headingIs(page, 'Audit chain verified');
    await page.locator('[data-qa="chain-ok"]').waitFor();
    return new VerifyPage(page);
  }
}
