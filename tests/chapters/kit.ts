// The author test kit: what a chapter's spec needs to drive its widgets as a student would.
// Each helper scrolls its widget into view and waits for it to come alive (widgets start only
// once they are on screen), and every test fails on a console error or an uncaught exception.
// content/instructors.mdx ("Testing a chapter") shows how to use it; kwargs.spec.ts is an example.
import { expect, type Locator, type Page } from '@playwright/test';
import { pathOfSlug } from '../../src/site/sidebar/chapter-sidebar.ts';
import { cell, setCode } from '../browser/code-cell.ts';
import { hydrated, test as withPageErrors } from '../browser/page-errors.ts';
import { useSandboxInPage } from '../browser/target-helpers.ts';

export { expect };

/** Python starts in the page on the first Run: on a busy machine that takes a while. */
const PYTHON = { timeout: 45_000 };
/** A step or check calls the sandbox (or AWS) and may wait for a resource to become ready. */
const CLOUD = { timeout: 60_000 };

export class Chapter {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Opens the chapter by its slug (its file name under content/ without .mdx; `index` for the start page). */
  async open(slug: string): Promise<void> {
    const response = await this.page.goto(pathOfSlug(slug));
    expect(response?.status(), `the chapter ${slug} opens`).toBe(200);
    await expect(this.page.locator('main h1').first()).toBeVisible();
  }

  /** Chooses the sandbox as the target, as a student does in the target panel. */
  useSandbox(): Promise<void> {
    return useSandboxInPage(this.page);
  }

  /** Runs a `<PythonCell>` by its title, with `code` typed in first if given; returns its output. */
  async runCell(title: string, code?: string): Promise<Locator> {
    const target = await this.run(title, code);
    return target.getByRole('log');
  }

  /** Pastes `code` into an `<Exercise>` (by its title), runs it, and expects its checks to pass. */
  async solveExercise(title: string, code: string): Promise<void> {
    const target = await this.run(`Exercise: ${title}`, code);
    await expect(target.getByRole('status')).toHaveText(/^Passed/);
  }

  /** Runs a `<LabStep>` (its card is titled with the step's title) and waits until it is done. */
  async runStep(title: string): Promise<Locator> {
    const card = await hydrated(this.page, this.page.getByRole('region', { name: title, exact: true }));
    await card
      .getByRole('button', { name: /^(Run|Create|Retry)/ })
      .first()
      .click();
    await expect(card.getByRole('status')).toHaveText(/^Done/, CLOUD);
    return card;
  }

  /** Runs a `<LabSequence>` (titled with the sequence's title) with Run all, and waits until every step is done. */
  async runSequence(title: string): Promise<Locator> {
    const sequence = await hydrated(this.page, this.page.getByRole('region', { name: title, exact: true }));
    await sequence.getByRole('button', { name: 'Run all' }).click();
    await expect(sequence.getByRole('status').last()).toHaveText(/^All steps done/, CLOUD);
    return sequence;
  }

  /** Presses a `<CheckMyWork>`'s button and expects every finding to pass. */
  async expectCheckPasses(title: string): Promise<void> {
    const check = await hydrated(this.page, this.page.getByRole('region', { name: `Check my work: ${title}`, exact: true }));
    await check.getByRole('button', { name: 'Check my work' }).click();
    // The findings appear when the check has run; a failing one is named in the failure.
    const findings = check.locator('.lb-lab__findings li');
    await expect(findings.first()).toBeVisible(CLOUD);
    const failed = await findings.filter({ hasText: 'Failed: ' }).allInnerTexts();
    expect(failed, `${title}: failed findings`).toEqual([]);
    await expect(check.getByRole('status')).toHaveText(/^All checks passed/);
  }

  /** Any widget by its accessible name (a card's title), scrolled into view and started. */
  widget(name: string): Promise<Locator> {
    return hydrated(this.page, this.page.getByRole('region', { name, exact: true }));
  }

  /** Sends `event` (JSON text) to a function with an `<InvokeFunction>`; returns its result once it answered. */
  async invoke(functionName: string, event: string): Promise<Locator> {
    const widget = await this.widget(`Invoke ${functionName}`);
    await widget.getByLabel('Test event (JSON)').fill(event);
    await widget.getByRole('button', { name: 'Invoke', exact: true }).click();
    await expect(widget.getByRole('status')).toHaveText(/^Invoked/, CLOUD);
    return widget.locator('.lb-invoke__result');
  }

  /** Scans a `<DynamoDBTable>`'s table and returns its items as the widget shows them. */
  async scanTable(tableName: string): Promise<Locator> {
    const items = await hydrated(this.page, this.page.getByRole('group', { name: `Items in ${tableName}`, exact: true }));
    await items.getByRole('button', { name: 'Scan', exact: true }).click();
    await expect(items.getByRole('table')).toBeVisible(CLOUD);
    return items.getByRole('table');
  }

  /**
   * Runs a cell (an exercise's is labelled "Exercise: …") and waits for the run's end: its
   * status turns to a success or a failure. Meant for a cell's first run in a test.
   */
  private async run(label: string, code: string | undefined): Promise<Locator> {
    const target = await cell(this.page, label);
    if (code !== undefined) await setCode(this.page, target, code);
    await target.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(target.getByRole('status')).toHaveAttribute('data-tone', /^(success|failure)$/, PYTHON);
    return target;
  }
}

/** Playwright's `test` with a `chapter` to drive, failing on any page error. */
export const test = withPageErrors.extend<{ chapter: Chapter }>({
  chapter: async ({ page }, use) => use(new Chapter(page)),
});
