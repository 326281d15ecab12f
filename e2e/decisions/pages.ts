import type { Page } from 'playwright-core';
import { headingIs } from '../platform/browser';
import { CasePage } from '../platform/pages';

/** Page objects for the decision, meetings and disclosure ledger journeys: data-qa hooks, names and labels. */

class Base extends CasePage {
  protected choose(name: string, value: string) {
    return this.page.check(`input[name="${name}"][value="${value}"]`);
  }
}

export class DecisionPage extends Base {
  static async verifyOnPage(page: Page): Promise<DecisionPage> {
    await headingIs(page, 'Decision');
    return new DecisionPage(page);
  }
  async responseAgencies(): Promise<string[]> {
    return (await this.page.locator('[data-qa="response-row"] th').allInnerTexts()).map((s) => s.trim());
  }
  async decide(values: { brag?: string; outcome?: string; summary?: string; recommendation?: string; nfaRationale?: string }): Promise<void> {
    if (values.brag) await this.choose('finalBrag', values.brag);
    if (values.outcome) await this.choose('outcome', values.outcome);
    if (values.nfaRationale !== undefined) await this.page.fill('#nfaRationale', values.nfaRationale);
    if (values.summary !== undefined) await this.page.fill('#summary', values.summary);
    if (values.recommendation !== undefined) await this.page.fill('#recommendation', values.recommendation);
    await this.page.click('[data-qa="record-decision"]');
  }
  async decisionShown(): Promise<Record<string, string>> {
    const rows = await this.page.locator('[data-qa="decision"] .govuk-summary-list__row').all();
    const out: Record<string, string> = {};
    for (const r of rows) out[(await r.locator('dt').innerText()).trim()] = (await r.locator('dd').first().innerText()).trim();
    return out;
  }
  async recordFeedback(method: 'secure-email' | 'phone' | 'letter' | 'in-person'): Promise<void> {
    await this.choose('method', method);
    await this.page.click('[data-qa="record-feedback"]');
  }
  async feedbackShown(): Promise<string> {
    return (await this.page.locator('[data-qa="feedback"]').innerText()).trim();
  }
  async clockTypes(): Promise<string[]> {
    const rows = await this.page.locator('[data-qa="clocks"] tbody tr').all();
    return Promise.all(rows.map(async (r) => ((await r.getAttribute('data-qa')) ?? '').replace(/^clock-/, '')));
  }
  async conveneStrategyDiscussion(): Promise<void> {
    await this.page.click('[data-qa="convene-strategy"]');
  }
  async recordDisagreement(): Promise<void> {
    await this.page.click('[data-qa="record-disagreement"]');
  }
  async recordPermission(): Promise<void> {
    await this.page.click('[data-qa="record-permission"]');
  }
  async disseminate(): Promise<void> {
    await this.page.click('[data-qa="disseminate"]');
  }
}

export class NewMeetingPage extends Base {
  static async verifyOnPage(page: Page): Promise<NewMeetingPage> {
    await headingIs(page, 'Convene a meeting');
    return new NewMeetingPage(page);
  }
  async contactChecked(contactId: string): Promise<boolean> {
    return this.page.isChecked(`input[name="contactIds"][value="${contactId}"]`);
  }
  async firstSlot(): Promise<void> {
    await this.page.locator('input[name="when"]').first().check();
  }
  async attendee(row: number, values: { agency?: string; name?: string; capacity?: string }): Promise<void> {
    if (values.agency) await this.page.selectOption(`#invited-${row}-agencyId`, { label: values.agency });
    if (values.name !== undefined) await this.page.fill(`#invited-${row}-name`, values.name);
    if (values.capacity) await this.page.selectOption(`#invited-${row}-capacity`, { label: values.capacity });
  }
  async convene(): Promise<void> {
    await this.page.click('[data-qa="convene"]');
  }
}

export class MeetingPage extends Base {
  static async verifyOnPage(page: Page): Promise<MeetingPage> {
    await headingIs(page, /^Strategy discussion on |^MASH meeting on /);
    return new MeetingPage(page);
  }
  async status(): Promise<string> {
    return (await this.page.locator('[data-qa="meeting-status"]').first().innerText()).trim();
  }
  async inviteDsl(): Promise<void> {
    await this.page.click('[data-qa="invite-dsl"]');
  }
  async record(): Promise<void> {
    await this.page.click('[data-qa="record-meeting"]');
  }
  async s47(): Promise<string[]> {
    return (await this.page.locator('[data-qa="s47-decision"]').allInnerTexts()).map((s) => s.trim());
  }
  async clockTypes(): Promise<string[]> {
    const rows = await this.page.locator('[data-qa="clocks"] tbody tr').all();
    return Promise.all(rows.map(async (r) => ((await r.getAttribute('data-qa')) ?? '').replace(/^clock-/, '')));
  }
  async circulateMinutes(): Promise<void> {
    await this.page.click('[data-qa="circulate-minutes"]');
  }
  async minutesCirculated(): Promise<string> {
    return (await this.page.locator('[data-qa="minutes-circulated"]').innerText()).trim();
  }
}

export class InvitationPage extends Base {
  static async verifyOnPage(page: Page): Promise<InvitationPage> {
    await headingIs(page, 'Invite the school’s designated safeguarding lead');
    return new InvitationPage(page);
  }
  async prepare(values: { school: string; dsl: string; child: string; email?: string; send?: boolean }): Promise<void> {
    await this.page.fill('#schoolName', values.school);
    await this.page.fill('#dslName', values.dsl);
    await this.page.getByLabel(values.child).check();
    if (values.email) await this.page.fill('#email', values.email);
    if (values.send) await this.page.check('input[name="queue"][value="yes"]');
    await this.page.click('[data-qa="prepare-invitation"]');
  }
  async text(): Promise<string> {
    return this.page.inputValue('[data-qa="invitation-body"]');
  }
  async status(): Promise<string> {
    return (await this.page.locator('[data-qa="invitation-status"]').innerText()).trim();
  }
}

export class HoldMeetingPage extends Base {
  static async verifyOnPage(page: Page): Promise<HoldMeetingPage> {
    await headingIs(page, /^Record the (strategy discussion|mash meeting)$/);
    return new HoldMeetingPage(page);
  }
  async s47(contactIndex: number, begin: boolean, reason: string): Promise<void> {
    await this.choose(`s47Decisions-${contactIndex}-begin`, begin ? 'yes' : 'no');
    await this.page.fill(`#s47Decisions-${contactIndex}-reason`, reason);
  }
  async informationShared(row: number, agency: string, summary: string): Promise<void> {
    await this.page.selectOption(`#information-${row}-agencyId`, { label: agency });
    await this.page.fill(`#information-${row}-summary`, summary);
  }
  async action(row: number, values: { description: string; owner: string; agency: string; due: [string, string, string] }): Promise<void> {
    await this.page.fill(`#actions-${row}-description`, values.description);
    await this.page.fill(`#actions-${row}-ownerName`, values.owner);
    await this.page.selectOption(`#actions-${row}-ownerAgencyId`, { label: values.agency });
    await this.page.fill(`#actions-${row}-dueAt-day`, values.due[0]);
    await this.page.fill(`#actions-${row}-dueAt-month`, values.due[1]);
    await this.page.fill(`#actions-${row}-dueAt-year`, values.due[2]);
  }
  async save(): Promise<void> {
    await this.page.click('[data-qa="save-held"]');
  }
}

export class MeetingsPage extends Base {
  static async verifyOnPage(page: Page): Promise<MeetingsPage> {
    await headingIs(page, 'Meetings and strategy discussions');
    return new MeetingsPage(page);
  }
  async rows(): Promise<number> {
    return this.page.locator('[data-qa="meeting-row"]').count();
  }
}

export class DisagreementFormPage extends Base {
  static async verifyOnPage(page: Page): Promise<DisagreementFormPage> {
    await headingIs(page, 'Record a disagreement between agencies');
    return new DisagreementFormPage(page);
  }
  async raise(values: { subject: string; by: string; with: string; description: string }): Promise<void> {
    await this.choose('subject', values.subject);
    await this.page.selectOption('#raisedByAgencyId', { label: values.by });
    await this.page.getByLabel(values.with, { exact: true }).check();
    await this.page.fill('#description', values.description);
    await this.page.click('[data-qa="save-disagreement"]');
  }
}

export class DisagreementPage extends Base {
  static async verifyOnPage(page: Page): Promise<DisagreementPage> {
    await headingIs(page, 'Disagreement between agencies');
    return new DisagreementPage(page);
  }
  async escalate(reason: string): Promise<void> {
    await this.page.fill('#reason', reason);
    await this.page.click('[data-qa="escalate"]');
  }
  async resolve(resolution: string): Promise<void> {
    await this.page.fill('#resolution', resolution);
    await this.page.click('[data-qa="resolve"]');
  }
  async summary(): Promise<string> {
    return (await this.page.locator('[data-qa="disagreement"]').innerText()).trim();
  }
}

export class PermissionPage extends Base {
  static async verifyOnPage(page: Page): Promise<PermissionPage> {
    await headingIs(page, 'Record an agency’s permission to share');
    return new PermissionPage(page);
  }
  async record(values: { from: string; to: string; by: string }): Promise<void> {
    await this.page.selectOption('#originAgencyId', { label: values.from });
    await this.page.fill('#recipientName', values.to);
    await this.page.fill('#grantedByName', values.by);
    await this.page.click('[data-qa="save-permission"]');
  }
}

export class DisseminatePage extends Base {
  static async verifyOnPage(page: Page): Promise<DisseminatePage> {
    await page.locator('h1, [data-qa="disseminated"]').first().waitFor();
    return new DisseminatePage(page);
  }
  async share(values: { channel: string; to: string; person: string; item: string; what: string; why: string }): Promise<void> {
    await this.choose('channel', values.channel);
    await this.page.fill('#recipientName', values.to);
    await this.page.getByLabel(values.person, { exact: true }).check();
    await this.page.getByLabel(values.item).check();
    await this.page.fill('#what', values.what);
    await this.page.fill('#purpose', values.why);
    await this.choose('consentBasis', 'not-required');
    await this.page.click('[data-qa="share"]');
  }
  async refused(): Promise<boolean> {
    return (await this.page.locator('[data-qa="dissemination-refused"]').count()) > 0;
  }
  async shared(): Promise<boolean> {
    return (await this.page.locator('[data-qa="disseminated"]').count()) > 0;
  }
}

export class LedgerPage extends Base {
  static async verifyOnPage(page: Page): Promise<LedgerPage> {
    await headingIs(page, 'Disclosure ledger');
    return new LedgerPage(page);
  }
  async search(reference: string): Promise<void> {
    await this.page.fill('#reference', reference);
    await this.page.click('[data-qa="search-ledger"]');
  }
  /** each entry as "what → to whom" */
  async entries(): Promise<Array<{ what: string; to: string; why: string }>> {
    const rows = await this.page.locator('[data-qa="ledger-entry"]').all();
    return Promise.all(
      rows.map(async (r) => ({
        what: (await r.locator('td').nth(1).innerText()).trim(),
        to: (await r.locator('td').nth(2).innerText()).trim(),
        why: (await r.locator('td').nth(3).innerText()).trim(),
      })),
    );
  }
}
