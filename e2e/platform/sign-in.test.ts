import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createTestContext, TEST_PASSWORD, type TestContext } from '../../test/harness';
import { assertAccessible, type BrowserSession, openBrowser, screenshot } from './browser';
import { AgenciesPage, AuditPage, HomePage, HubPage, PasswordOncePage, SignInPage, UserFormPage, UsersPage, VerifyPage } from './pages';

/**
 * An administrator looks after the hub and adds then removes a starter; an auditor then finds
 * who touched that account and checks the audit chain. axe-core runs on every page.
 */
describe('journey: an administrator manages users, an auditor checks the log', () => {
  let t: TestContext;
  let browser: BrowserSession;
  let page: Page;

  before(async () => {
    t = await createTestContext();
    browser = await openBrowser(t);
    ({ page } = browser);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  let starterId = '';

  it('the administrator signs in and looks after the hub, its agencies and its users', async () => {
    await page.goto('/');
    const signIn = await SignInPage.verifyOnPage(page);
    await assertAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in');
    await signIn.signIn('admin@demo.test', TEST_PASSWORD);

    const home = await HomePage.verifyOnPage(page);
    assert.equal(await home.signedInAs(), 'Ada Admin');
    await assertAccessible(page, 'home (administrator)');
    await screenshot(page, 'home-admin');

    await home.navigateTo('Hub');
    await HubPage.verifyOnPage(page);
    await assertAccessible(page, 'hub settings');
    await screenshot(page, 'admin-hub');

    await page.goto('/admin/agencies');
    const agencies = await AgenciesPage.verifyOnPage(page);
    assert.ok((await agencies.names()).includes('Demo Police'));
    await assertAccessible(page, 'agencies');
    await screenshot(page, 'admin-agencies');

    await agencies.navigateTo('Users');
    await UsersPage.verifyOnPage(page);
    await assertAccessible(page, 'users');
    await screenshot(page, 'admin-users');
  });

  it('adds a starter: a validation error first, then the first password, shown once', async () => {
    const users = await UsersPage.verifyOnPage(page);
    await users.addUser();
    let form = await UserFormPage.verifyOnPage(page, 'Add a user');
    await assertAccessible(page, 'add a user');

    await form.fill({ name: '', email: 'not-an-email', agency: "Demo children's social care", role: 'Police practitioner' });
    await form.save();
    form = await UserFormPage.verifyOnPage(page, 'Add a user');
    assert.match(await page.title(), /^Error: /);
    assert.deepEqual(await form.errorSummary(), [
      'Enter an email address in the correct format, like name@example.gov.uk',
      'Enter the full name',
      "A member of Children's social care cannot be Police practitioner",
    ]);
    assert.equal(await page.inputValue('#email'), 'not-an-email', 'answers are kept');
    await assertAccessible(page, 'add a user, with errors');
    await screenshot(page, 'admin-add-user-errors');

    await form.fill({ name: 'Jo Starter', email: 'jo.starter@synthetic.test', role: 'MASH support officer' });
    await form.save();
    const once = await PasswordOncePage.verifyOnPage(page, 'User added');
    const password = await once.firstPassword();
    assert.ok(password.length >= 12);
    await assertAccessible(page, 'first password');
    await screenshot(page, 'admin-user-added');

    await once.continue();
    const list = await UsersPage.verifyOnPage(page);
    assert.match(await list.statusOf('Jo Starter'), /Active/);
    assert.doesNotMatch(await page.content(), new RegExp(password), 'the password is not shown again');
  });

  it('deactivates the leaver', async () => {
    await page.goto('/admin/users');
    const users = await UsersPage.verifyOnPage(page);
    await users.open('Jo Starter');
    const form = await UserFormPage.verifyOnPage(page, 'Change user');
    starterId = new URL(page.url()).pathname.split('/').at(-1)!;
    await assertAccessible(page, 'change user');
    await screenshot(page, 'admin-change-user');
    await form.deactivate();

    const after = await UsersPage.verifyOnPage(page);
    assert.match((await after.flash()) ?? '', /User deactivated: every session and token has been revoked/);
    assert.match(await after.statusOf('Jo Starter'), /Deactivated/);
    await assertAccessible(page, 'users, after deactivation');
  });

  it('signs out', async () => {
    const users = await UsersPage.verifyOnPage(page);
    await users.signOut();
    await SignInPage.verifyOnPage(page);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /You have signed out\./);
    await assertAccessible(page, 'signed out');
    await page.goto('/admin/users');
    await SignInPage.verifyOnPage(page);
  });

  it('the auditor finds who touched the account and verifies the chain', async () => {
    await page.goto('/sign-in');
    await (await SignInPage.verifyOnPage(page)).signIn('auditor@demo.test', TEST_PASSWORD);
    const home = await HomePage.verifyOnPage(page);
    assert.equal(await home.signedInAs(), 'Audrey Auditor');
    await assertAccessible(page, 'home (auditor)');
    await home.navigateTo('Audit');

    const audit = await AuditPage.verifyOnPage(page);
    await assertAccessible(page, 'audit log');
    await audit.searchByRecord('User', starterId);
    const found = await AuditPage.verifyOnPage(page);
    const actions = await found.actions();
    assert.ok(actions.includes('user.create'), actions.join(', '));
    assert.ok(actions.includes('user.deactivate'), actions.join(', '));
    assert.ok(actions.includes('user.read'), actions.join(', '));
    assert.match(await page.locator('[data-qa="audit-events"]').innerText(), /Ada Admin/);
    await assertAccessible(page, 'audit search results');
    await screenshot(page, 'audit-search');

    await found.verifyChain();
    await VerifyPage.verifyOnPage(page);
    await assertAccessible(page, 'audit chain verified');
    await screenshot(page, 'audit-verified');
  });

  it('broke no Content Security Policy rule on the way', () => {
    assert.deepEqual(browser.cspErrors, []);
  });
});
