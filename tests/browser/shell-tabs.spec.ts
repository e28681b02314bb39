// One choice of shell for the whole site: the chapters' <Tabs syncKey="shell"> and the step
// cards' CLI equivalents (and their boto3 tab) share it, on the page, on the next page and
// after a reload.
import { expect, type Page } from '@playwright/test';
import { button, test, widget } from './page-errors.ts';
import { targetIndicator } from './target-helpers.ts';

const shellGroups = (page: Page) => page.locator('starlight-tabs[data-sync-key="shell"]');
const chosenInGroups = (page: Page) =>
  shellGroups(page).evaluateAll((groups) => groups.map((group) => group.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.trim()));
const everyGroupShows = async (page: Page, label: string) => {
  await expect.poll(async () => new Set(await chosenInGroups(page))).toEqual(new Set([label]));
};

test('PowerShell chosen in a chapter is chosen everywhere, kept across pages and reloads, and copied', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/task-8-1/');
  expect((await chosenInGroups(page)).length).toBeGreaterThan(10);
  await everyGroupShows(page, 'bash');

  // A step card needs a target before it shows its commands.
  const panel = page.getByRole('region', { name: 'Before you start: choose your target' });
  await panel.scrollIntoViewIfNeeded();
  await panel.getByRole('button', { name: /^(Use the sandbox|Get new sandbox credentials)$/ }).click();
  await expect(targetIndicator(page)).toHaveAccessibleName(/Sandbox.*credentials work/);
  const card = await widget(page, 'Create the DynamoDB table');
  await card.getByText('The same with the AWS CLI').click();
  const cardTab = (name: string) => card.getByRole('tab', { name, exact: true });
  await expect(cardTab('bash')).toHaveAttribute('aria-selected', 'true');

  // Chosen in the chapter's first tab group: every other group and the card follow.
  await shellGroups(page).first().getByRole('tab', { name: 'PowerShell' }).click();
  await everyGroupShows(page, 'PowerShell');
  await expect(cardTab('PowerShell')).toHaveAttribute('aria-selected', 'true');
  const shown = card.getByRole('tabpanel');
  await expect(shown).toContainText(
    "aws dynamodb create-table `\n  --table-name ccbda-lambda-first `\n  --attribute-definitions 'AttributeName=thingID,AttributeType=S'",
  );

  // The card's Copy copies what it shows.
  await button(shown, 'Copy').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await shown.locator('pre').textContent());
  expect(copied).toMatch(/^aws dynamodb create-table `\n/);

  // Keys move the card's tabs, and the chapter's groups follow; cmd and Python, which they lack, leave them be.
  await cardTab('PowerShell').press('ArrowLeft');
  await expect(cardTab('bash')).toBeFocused();
  await everyGroupShows(page, 'bash');
  await cardTab('bash').press('End');
  await expect(cardTab('Python (boto3)')).toHaveAttribute('aria-selected', 'true');
  await expect(shown).toContainText(
    "dynamodb.create_table(\n    TableName='ccbda-lambda-first',\n    AttributeDefinitions=[{'AttributeName': 'thingID', 'AttributeType': 'S'}],",
  );
  await everyGroupShows(page, 'bash');
  await cardTab('Python (boto3)').press('ArrowLeft');
  await expect(shown).toContainText('aws dynamodb create-table ^');
  await cardTab('cmd').press('ArrowLeft');
  await everyGroupShows(page, 'PowerShell');

  // Another chapter opens with PowerShell, and so does this one after a reload.
  await page.goto('/lambda/');
  await everyGroupShows(page, 'PowerShell');
  await expect(shellGroups(page).first().getByRole('tabpanel').first()).toContainText('Set-Content -NoNewline event.json');
  await page.reload();
  await everyGroupShows(page, 'PowerShell');
});
