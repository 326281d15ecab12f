import type { Page } from 'playwright-core';
import { headingIs } from '../platform/browser';
import { CasePage } from '../platform/pages';

/** Page objects for MASH checks: each checks it is on its page, then acts through data-qa hooks, names and labels. */

const choose = (page: Page, name: string, value: string) => page.check(`input[name="${name}"][value="${value}"]`);

export class ChecksPage extends CasePage {
  static async verifyOnPage(page: Page): Promise<ChecksPage> {
    await headingIs(page, 'MASH checks');
    return new ChecksPage(page);
  }
  private person(name: string) {
    return this.page.locator(`[data-qa="person"][data-person="${name}"]`);
  }
  async recordConsentFor(name: string): Promise<void> {
    await this.person(name).locator('[data-qa="record-consent"]').click();
  }
  async consentOf(name: string): Promise<string> {
    return (await this.person(name).locator('[data-qa="consent-status"]').innerText()).trim();
  }
  async overrideShownFor(name: string): Promise<boolean> {
    return (await this.person(name).locator('[data-qa="override-tag"]').count()) > 0;
  }
  async authoriseOverride(): Promise<void> {
    await this.page.click('[data-qa="authorise-override"]');
  }
  async sendRequests(): Promise<void> {
    await this.page.click('[data-qa="send-requests"]');
  }
  /** the responses side by side: agency → { status, texts, heldBack texts, no information held } */
  async responses(): Promise<Record<string, { status: string; items: string[]; heldBack: string[]; noInformationHeld: boolean; signpost: boolean }>> {
    const out: Record<string, { status: string; items: string[]; heldBack: string[]; noInformationHeld: boolean; signpost: boolean }> = {};
    for (const card of await this.page.locator('[data-qa="response"]').all()) {
      const agency = (await card.getAttribute('data-agency'))!;
      const text = async (sel: string) => (await card.locator(sel).allInnerTexts()).map((s) => s.trim());
      out[agency] = {
        status: (await card.locator('[data-qa="enquiry-status"]').innerText()).trim(),
        items: await text('[data-qa="response-item"][data-held-back="no"] p.app-pre'),
        heldBack: await text('[data-qa="response-item"][data-held-back="yes"] p.app-pre'),
        noInformationHeld: (await card.locator('[data-qa="no-information-held"]').count()) > 0,
        signpost: (await card.locator('[data-qa="held-back-signpost"]').count()) > 0,
      };
    }
    return out;
  }
}

export class ConsentPage extends CasePage {
  static async verifyOnPage(page: Page, name: string): Promise<ConsentPage> {
    await headingIs(page, `Consent for ${name}`);
    return new ConsentPage(page);
  }
  async answer(value: 'given' | 'refused' | 'not-sought'): Promise<void> {
    await choose(this.page, 'answer', value);
  }
  async soughtFrom(kind: 'parental-responsibility' | 'adult' | 'other', names: string[], date: [string, string, string], time?: string): Promise<void> {
    await choose(this.page, 'soughtFromKind', kind);
    await this.page.fill('[name="soughtFromNames"]', names.join('\n'));
    await this.page.fill('[name="soughtAt-day"]', date[0]);
    await this.page.fill('[name="soughtAt-month"]', date[1]);
    await this.page.fill('[name="soughtAt-year"]', date[2]);
    if (time) await this.page.fill('[name="soughtAtTime"]', time);
  }
  async rationale(text: string): Promise<void> {
    await this.page.fill('[name="rationale"]', text);
  }
  async save(): Promise<void> {
    await this.page.click('[data-qa="save-consent"]');
  }
}

export class OverridePage extends CasePage {
  static async verifyOnPage(page: Page): Promise<OverridePage> {
    await headingIs(page, 'Authorise checks without consent');
    return new OverridePage(page);
  }
  async fill(o: { scope: string; criteria: string[]; proportionality: Record<string, 'yes' | 'no' | string>; justification: string }): Promise<void> {
    await this.page.fill('[name="scope"]', o.scope);
    for (const c of o.criteria) await choose(this.page, 'criteria', c);
    for (const [id, answer] of Object.entries(o.proportionality)) {
      if (answer === 'yes' || answer === 'no') await choose(this.page, `proportionality.${id}`, answer);
      else await this.page.fill(`[name="proportionality.${id}.detail"]`, answer);
    }
    await this.page.fill('[name="justification"]', o.justification);
  }
  async sign(): Promise<void> {
    await choose(this.page, 'confirmed', 'yes');
  }
  async save(): Promise<void> {
    await this.page.click('[data-qa="save-override"]');
  }
}

export class SendPage extends CasePage {
  static async verifyOnPage(page: Page): Promise<SendPage> {
    await headingIs(page, 'Send information requests');
    return new SendPage(page);
  }
  async chooseAgency(name: string): Promise<void> {
    await this.page.getByLabel(name, { exact: true }).check();
  }
  async agencyDisabled(name: string): Promise<boolean> {
    return this.page.getByLabel(name, { exact: true }).isDisabled();
  }
  async ask(question: string, reason: string): Promise<void> {
    await this.page.fill('[name="question"]', question);
    await this.page.fill('[name="reason"]', reason);
  }
  /** the 003 "When?" questions and the 001 App. D checklist, answered so that sharing is justified */
  async walkChecklist(legalBases: string[], rationale: string): Promise<void> {
    for (const q of ['legitimate-purpose', 'identifiable', 'confidential', 'other-reason']) await choose(this.page, `when.${q}`, 'yes');
    await this.page.fill('[name="checklist.whose-information.detail"]', 'The children and their parents');
    await choose(this.page, 'checklist.lawful-basis', 'yes');
    await this.page.fill('[name="checklist.lawful-basis.detail"]', 'Children Act 1989 s.47; Children Act 2004 s.11');
    await choose(this.page, 'checklist.pseudonymise', 'no');
    await this.page.fill('[name="checklist.individuals-informed.detail"]', 'Privacy notice; parents told about the checks except where refused');
    await choose(this.page, 'checklist.requests-not-to-share', 'received-and-considered');
    await this.page.fill('[name="checklist.how-much.detail"]', 'Names, dates of birth, address and household only');
    await choose(this.page, 'checklist.accurate-fact-opinion', 'yes');
    await choose(this.page, 'checklist.access-limited', 'yes');
    await choose(this.page, 'checklist.secure', 'yes');
    for (const b of legalBases) await choose(this.page, 'legalBases', b);
    await this.page.fill('[name="rationale"]', rationale);
  }
  async send(): Promise<void> {
    await this.page.click('[data-qa="send"]');
  }
}

export class RequestsPage extends CasePage {
  static async verifyOnPage(page: Page, title: string | RegExp): Promise<RequestsPage> {
    await headingIs(page, title);
    return new RequestsPage(page);
  }
  async rows(): Promise<Array<{ about: string; overdue: boolean }>> {
    const out = [];
    for (const row of await this.page.locator('[data-qa="enquiry-row"]').all()) {
      out.push({ about: (await row.locator('[data-qa="open-enquiry"]').innerText()).trim(), overdue: (await row.getAttribute('data-overdue')) === 'yes' });
    }
    return out;
  }
  async open(index = 0): Promise<void> {
    await this.page.locator('[data-qa="open-enquiry"]').nth(index).click();
  }
}

export class RequestPage extends CasePage {
  static async verifyOnPage(page: Page): Promise<RequestPage> {
    await headingIs(page, 'Information request');
    return new RequestPage(page);
  }
  async people(): Promise<string[]> {
    return (await this.page.locator('[data-qa="subject-name"]').allInnerTexts()).map((s) => s.trim());
  }
  async status(): Promise<string> {
    return (await this.page.locator('[data-qa="enquiry-status"]').innerText()).trim();
  }
  async answer(): Promise<void> {
    await this.page.click('[data-qa="respond"]');
  }
  async responseText(): Promise<string> {
    return (await this.page.locator('[data-qa="response"]').innerText()).trim();
  }
}

export class RespondPage extends CasePage {
  static async verifyOnPage(page: Page, heading: 'Answer the request' | 'Add information' = 'Answer the request'): Promise<RespondPage> {
    await headingIs(page, heading);
    return new RespondPage(page);
  }
  async informationHeld(held: boolean): Promise<void> {
    await choose(this.page, 'informationHeld', held ? 'yes' : 'no');
  }
  async agencyBrag(brag: 'red' | 'amber' | 'green' | 'blue'): Promise<void> {
    await choose(this.page, 'agencyBrag', brag);
  }
  async part(i: number, p: { kind: 'fact' | 'opinion'; text: string; heldBackReason?: string }): Promise<void> {
    await choose(this.page, `items[${i}].kind`, p.kind);
    await this.page.fill(`[name="items[${i}].text"]`, p.text);
    if (p.heldBackReason) {
      await choose(this.page, `items[${i}].heldBack`, 'yes');
      await this.page.fill(`[name="items[${i}].heldBackReason"]`, p.heldBackReason);
    }
  }
  async send(): Promise<void> {
    await this.page.click('[data-qa="save-response"]');
  }
}

export class NotFoundPage {
  static async verifyOnPage(page: Page): Promise<NotFoundPage> {
    await headingIs(page, 'Page not found');
    return new NotFoundPage();
  }
}
