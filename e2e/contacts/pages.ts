import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { headingIs } from '../platform/browser';

/** Page objects for the front door's journeys: each checks it is on its page, then acts through data-qa hooks and labels. */

const errorSummary = async (page: Page) => (await page.locator('.govuk-error-summary__list a').allInnerTexts()).map((s) => s.trim());

export class ReferralFormPage {
  private constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page): Promise<ReferralFormPage> {
    await headingIs(page, 'Report a concern about a child');
    return new ReferralFormPage(page);
  }
  async chooseArea(label: string): Promise<void> {
    if (await this.page.locator('input[name="hubId"][type="radio"]').count()) await this.page.getByLabel(label, { exact: true }).check();
  }
  async iAm(kind: 'I work with children or families' | 'I am a member of the public' | 'I want to stay anonymous'): Promise<void> {
    await this.page.getByLabel(kind).check();
  }
  async aboutMe(details: { name?: string; relationship?: string; phone?: string; email?: string }): Promise<void> {
    if (details.name !== undefined) await this.page.fill('#referrer-name', details.name);
    if (details.relationship !== undefined) await this.page.fill('#referrer-relationship', details.relationship);
    if (details.phone !== undefined) await this.page.fill('#referrer-phone', details.phone);
    if (details.email !== undefined) await this.page.fill('#referrer-email', details.email);
  }
  async child(i: number, c: { givenName?: string; familyName?: string; dob?: [string, string, string]; address?: string; postcode?: string; school?: string }): Promise<void> {
    const p = `#subjects-${i}-`;
    if (c.givenName !== undefined) await this.page.fill(`${p}givenName`, c.givenName);
    if (c.familyName !== undefined) await this.page.fill(`${p}familyName`, c.familyName);
    if (c.dob) {
      await this.page.fill(`${p}dateOfBirth-day`, c.dob[0]);
      await this.page.fill(`${p}dateOfBirth-month`, c.dob[1]);
      await this.page.fill(`${p}dateOfBirth-year`, c.dob[2]);
    }
    if (c.address !== undefined) await this.page.fill(`${p}address`, c.address);
    if (c.postcode !== undefined) await this.page.fill(`${p}postcode`, c.postcode);
    if (c.school !== undefined) await this.page.fill(`${p}school`, c.school);
  }
  async whatHappened(text: string): Promise<void> {
    await this.page.fill('#concernSummary', text);
  }
  async answers(parentsTold: 'Yes' | 'No' | 'I do not know', childSpokenTo: 'Yes' | 'No' | 'I do not know'): Promise<void> {
    await this.page.locator('input[name="parentsInformed"]').locator('xpath=..').getByText(parentsTold, { exact: true }).click();
    await this.page.locator('input[name="childSpokenTo"]').locator('xpath=..').getByText(childSpokenTo, { exact: true }).click();
  }
  async send(): Promise<void> {
    await this.page.click('[data-qa="send-referral"]');
  }
  errorSummary = () => errorSummary(this.page);
  async value(selector: string): Promise<string> {
    return this.page.inputValue(selector);
  }
}

export class ReferralSentPage {
  private constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page): Promise<ReferralSentPage> {
    await page.locator('.govuk-panel__title').waitFor();
    assert.equal((await page.locator('.govuk-panel__title').innerText()).trim(), 'Referral sent');
    return new ReferralSentPage(page);
  }
  async reference(): Promise<string> {
    return (await this.page.locator('[data-qa="reference"]').innerText()).trim();
  }
}

class FrontDoorPage {
  protected constructor(readonly page: Page) {}
  async flash(): Promise<string | null> {
    const banner = this.page.locator('.govuk-notification-banner--success');
    return (await banner.count()) ? (await banner.innerText()).trim() : null;
  }
}

export class QueuePage extends FrontDoorPage {
  static async verifyOnPage(page: Page): Promise<QueuePage> {
    await headingIs(page, 'Contacts');
    return new QueuePage(page);
  }
  async tab(name: 'Allocated to me' | 'Team' | 'Unallocated' | 'By agency'): Promise<void> {
    await this.page.locator('.moj-sub-navigation__link', { hasText: name }).click();
  }
  async recordContact(): Promise<void> {
    await this.page.click('[data-qa="new-contact"]');
  }
  async references(): Promise<string[]> {
    return (await this.page.locator('[data-qa="queue"] tbody tr td:first-child a').allInnerTexts()).map((s) => s.trim());
  }
  /** the clocks shown on one row: "Label: due State" */
  async clocksOf(reference: string): Promise<string[]> {
    return (await this.page.locator(`[data-qa="queue-row-${reference}"] [data-qa^="queue-clock-"]`).allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
  }
}

export class ContactFormPage extends FrontDoorPage {
  static async verifyOnPage(page: Page, title: 'Record a contact' | 'Record a consultation line call' = 'Record a contact'): Promise<ContactFormPage> {
    await headingIs(page, title);
    return new ContactFormPage(page);
  }
  async channel(label: string): Promise<void> {
    await this.page.selectOption('#channel', { label });
  }
  async referrer(r: { kind: 'A professional' | 'A member of the public' | 'Anonymous'; name?: string; role?: string; organisation?: string; phone?: string; email?: string }): Promise<void> {
    await this.page.locator('input[name="referrer-kind"]').locator('xpath=..').getByText(r.kind, { exact: true }).click();
    if (r.name !== undefined) await this.page.fill('#referrer-name', r.name);
    if (r.role !== undefined) await this.page.fill('#referrer-role', r.role);
    if (r.organisation !== undefined) await this.page.fill('#referrer-organisation', r.organisation);
    if (r.phone !== undefined) await this.page.fill('#referrer-phone', r.phone);
    if (r.email !== undefined) await this.page.fill('#referrer-email', r.email);
  }
  async person(i: number, p: { role?: string; givenName?: string; familyName?: string; dob?: [string, string, string]; sex?: string; postcode?: string; school?: string }): Promise<void> {
    const id = `#subjects-${i}-`;
    if (p.role) await this.page.selectOption(`${id}role`, { label: p.role });
    if (p.givenName !== undefined) await this.page.fill(`${id}givenName`, p.givenName);
    if (p.familyName !== undefined) await this.page.fill(`${id}familyName`, p.familyName);
    if (p.dob) {
      await this.page.fill(`${id}dateOfBirth-day`, p.dob[0]);
      await this.page.fill(`${id}dateOfBirth-month`, p.dob[1]);
      await this.page.fill(`${id}dateOfBirth-year`, p.dob[2]);
    }
    if (p.sex) await this.page.selectOption(`${id}sex`, { label: p.sex });
    if (p.postcode !== undefined) await this.page.fill(`${id}postcode`, p.postcode);
    if (p.school !== undefined) await this.page.fill(`${id}school`, p.school);
  }
  async addPerson(): Promise<void> {
    await this.page.click('[data-qa="add-subject"]');
  }
  async concerns(labels: string[]): Promise<void> {
    for (const label of labels) await this.page.getByLabel(label, { exact: true }).check();
  }
  async summary(text: string): Promise<void> {
    await this.page.fill('#concernSummary', text);
  }
  async writtenReferralOwed(): Promise<void> {
    await this.page.getByLabel('A written referral form is still owed').check();
  }
  async save(): Promise<void> {
    await this.page.click('[data-qa="record-contact"]');
  }
  errorSummary = () => errorSummary(this.page);
}

export class ContactPage extends FrontDoorPage {
  static async verifyOnPage(page: Page): Promise<ContactPage> {
    await headingIs(page, /^[A-Z][A-Z0-9]{1,9}-\d{4}-\d{6,}$/);
    return new ContactPage(page);
  }
  async reference(): Promise<string> {
    return (await this.page.locator('[data-qa="reference"]').innerText()).trim();
  }
  async status(): Promise<string> {
    return (await this.page.locator('[data-qa="status"]').innerText()).trim();
  }
  async brag(): Promise<string | null> {
    const tag = this.page.locator('[data-qa="brag"]');
    return (await tag.count()) ? (await tag.innerText()).trim() : null;
  }
  async clockTypes(): Promise<string[]> {
    return this.page.locator('[data-qa="clocks"] tbody tr[data-qa^="clock-"]').evaluateAll((rows) => rows.map((r) => (r.getAttribute('data-qa') ?? '').replace('clock-', '')));
  }
  async people(): Promise<string[]> {
    return (await this.page.locator('.govuk-summary-card__title').allInnerTexts()).map((s) => s.trim());
  }
  async linkActions(): Promise<number> {
    return this.page.locator('[data-qa^="link-subject-"]').count();
  }
  async screen(): Promise<void> {
    await this.page.click('[data-qa="screen-contact"]');
  }
  async allocateTo(label: RegExp | string): Promise<void> {
    const option = await this.page.locator('#userId option').evaluateAll((opts, l) => opts.map((o) => o.textContent ?? '').find((t) => (typeof l === 'string' ? t.startsWith(l) : new RegExp(l).test(t))), typeof label === 'string' ? label : label.source);
    await this.page.selectOption('#userId', { label: option! });
    await this.page.click('[data-qa="allocate"]');
  }
}

export class ScreeningPage extends FrontDoorPage {
  static async verifyOnPage(page: Page): Promise<ScreeningPage> {
    await headingIs(page, 'Screen the contact');
    return new ScreeningPage(page);
  }
  async choose(s: { classification: string; threshold: string; brag: 'Red' | 'Amber' | 'Green' | 'Blue'; rationale: string; crime?: string }): Promise<void> {
    await this.page.getByLabel(s.classification, { exact: true }).check();
    await this.page.getByLabel(s.threshold, { exact: true }).check();
    await this.page.getByLabel(s.brag, { exact: true }).check();
    await this.page.fill('#bragRationale', s.rationale);
    if (s.crime) await this.page.getByLabel(s.crime, { exact: true }).check();
  }
  async save(): Promise<void> {
    await this.page.click('[data-qa="save-screening"]');
  }
}

export class FrontDoorSettingsPage extends FrontDoorPage {
  static async verifyOnPage(page: Page): Promise<FrontDoorSettingsPage> {
    await headingIs(page, 'Front door settings');
    return new FrontDoorSettingsPage(page);
  }
  async thresholds(): Promise<string> {
    return this.page.inputValue('#thresholds');
  }
}
