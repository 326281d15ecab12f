import type { Page } from 'playwright-core';
import { headingIs } from './browser';

/** Page objects for signing in, administration and the audit log: each checks it is on its page, then acts through data-qa hooks and labels. */

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

/** Signs in from the sign-in page and waits for the user bar, as each journey does between users. */
export async function signInThroughPage(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await (await SignInPage.verifyOnPage(page)).signIn(email, password);
  await page.locator('[data-qa="user-bar"]').waitFor();
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

/** The pages about one case (checks, decision, meetings, ledger): the success message, the error summary, signing out. */
export class CasePage {
  protected constructor(readonly page: Page) {}
  async flash(): Promise<string | null> {
    const banner = this.page.locator('.govuk-notification-banner--success .govuk-notification-banner__content');
    return (await banner.count()) ? (await banner.innerText()).trim() : null;
  }
  async errorSummary(): Promise<string[]> {
    return (await this.page.locator('.govuk-error-summary__list a').allInnerTexts()).map((s) => s.trim());
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
