import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { headingIs } from '../platform/browser';

/** Page objects for the person index's journeys: each checks it is on its page, then acts through data-qa hooks and labels. */

class PersonIndexPage {
  protected constructor(readonly page: Page) {}
  async flash(): Promise<string | null> {
    const banner = this.page.locator('.govuk-notification-banner--success .govuk-notification-banner__heading');
    return (await banner.count()) ? (await banner.innerText()).trim() : null;
  }
  async errorSummary(): Promise<string[]> {
    return (await this.page.locator('.govuk-error-summary__list a').allInnerTexts()).map((s) => s.trim());
  }
}

/** The search boxes: on the search page and on the link page. */
async function fillSearch(page: Page, q: { givenName?: string; familyName?: string; dob?: [string, string, string]; postcode?: string; laId?: string }): Promise<void> {
  if (q.givenName !== undefined) await page.fill('#givenName', q.givenName);
  if (q.familyName !== undefined) await page.fill('#familyName', q.familyName);
  if (q.dob) {
    await page.fill('#dateOfBirth-day', q.dob[0]);
    await page.fill('#dateOfBirth-month', q.dob[1]);
    await page.fill('#dateOfBirth-year', q.dob[2]);
  }
  if (q.postcode !== undefined) await page.fill('#postcode', q.postcode);
  if (q.laId !== undefined) await page.fill('#laId', q.laId);
}

export interface CandidateRow {
  name: string;
  score: number;
  band: string;
  reasons: string[];
}

async function candidates(page: Page): Promise<CandidateRow[]> {
  const rows = page.locator('[data-qa="candidates"] tbody tr');
  const out: CandidateRow[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.push({
      name: (await row.locator('[data-qa="candidate-name"]').innerText()).trim(),
      score: Number((await row.locator('[data-qa="score"]').innerText()).trim()),
      band: (await row.locator('[data-qa="band"]').innerText()).trim(),
      reasons: (await row.locator('[data-qa="reasons"] li').allInnerTexts()).map((r) => r.replace(/\s*\([+-]?\d+\)$/, '').trim()),
    });
  }
  return out;
}

export class SearchPage extends PersonIndexPage {
  static async verifyOnPage(page: Page): Promise<SearchPage> {
    await headingIs(page, 'Search the person index');
    return new SearchPage(page);
  }
  async search(q: Parameters<typeof fillSearch>[1]): Promise<void> {
    await fillSearch(this.page, q);
    await this.page.click('[data-qa="search"]');
  }
  candidates = () => candidates(this.page);
  async open(i: number): Promise<void> {
    await this.page.locator(`[data-qa="candidate-${i}"] [data-qa="candidate-name"]`).click();
  }
}

export class LinkPage extends PersonIndexPage {
  static async verifyOnPage(page: Page): Promise<LinkPage> {
    await headingIs(page, /^Link .+ to the person index$/);
    return new LinkPage(page);
  }
  async value(selector: string): Promise<string> {
    return this.page.inputValue(selector);
  }
  candidates = () => candidates(this.page);
  async linkTo(i: number): Promise<void> {
    await this.page.click(`[data-qa="link-candidate-${i}"]`);
  }
  async searchAgain(q: Parameters<typeof fillSearch>[1]): Promise<void> {
    await fillSearch(this.page, q);
    await this.page.click('[data-qa="search"]');
  }
}

export class PersonPage extends PersonIndexPage {
  static async verifyOnPage(page: Page, name?: string): Promise<PersonPage> {
    await page.locator('[data-qa="person-name"]').waitFor();
    if (name) assert.equal((await page.locator('[data-qa="person-name"]').innerText()).trim(), name);
    return new PersonPage(page);
  }
  async caseStatus(): Promise<string> {
    return (await this.page.locator('[data-qa="case-status"]').innerText()).trim();
  }
  async household(which: 'children' | 'adults'): Promise<string[]> {
    return (await this.page.locator(`[data-qa="household-${which}"] tbody tr td:first-child`).allInnerTexts()).map((s) => s.trim());
  }
  async contactReferences(): Promise<string[]> {
    return (await this.page.locator('[data-qa="contacts-on-file"] tbody tr td:first-child').allInnerTexts()).map((s) => s.trim());
  }
  async startMerge(): Promise<void> {
    await this.page.click('[data-qa="start-merge"]');
  }
  async undoMerge(): Promise<void> {
    await this.page.click('[data-qa="undo-merge"]');
  }
  async change(): Promise<void> {
    await this.page.click('[data-qa="change-person"]');
  }
}

export class MergeChoosePage extends PersonIndexPage {
  static async verifyOnPage(page: Page): Promise<MergeChoosePage> {
    await headingIs(page, /^Which record is a duplicate of /);
    return new MergeChoosePage(page);
  }
  async choose(i: number): Promise<void> {
    await this.page.locator('input[name="duplicateId"]').nth(i).check();
    await this.page.click('[data-qa="continue"]');
  }
}

export class MergeConfirmPage extends PersonIndexPage {
  static async verifyOnPage(page: Page): Promise<MergeConfirmPage> {
    await headingIs(page, 'Merge these records?');
    return new MergeConfirmPage(page);
  }
  async reasons(): Promise<string[]> {
    return (await this.page.locator('[data-qa="merge-reasons"] li').allInnerTexts()).map((s) => s.trim());
  }
  async merge(): Promise<void> {
    await this.page.click('[data-qa="merge"]');
  }
}

export class PersonFormPage extends PersonIndexPage {
  static async verifyOnPage(page: Page, heading: 'Record a new person' | 'Change details'): Promise<PersonFormPage> {
    await headingIs(page, heading);
    return new PersonFormPage(page);
  }
}

export class ImportPage extends PersonIndexPage {
  static async verifyOnPage(page: Page): Promise<ImportPage> {
    await headingIs(page, 'Import persons');
    return new ImportPage(page);
  }
  async importCsv(csv: string): Promise<void> {
    await this.page.fill('#csv', csv);
    await this.page.click('[data-qa="import"]');
  }
  async imported(): Promise<number> {
    return Number((await this.page.locator('[data-qa="imported"]').innerText()).trim());
  }
  async rejectedLines(): Promise<string[]> {
    return (await this.page.locator('[data-qa="rejected"] tbody tr td:first-child').allInnerTexts()).map((s) => s.trim());
  }
}
