// The target, as a student uses it: the indicator in every page's header, the
// Target panel it opens, the sandbox in one click, AWS credentials pasted and
// checked through labbook's relay (pointed at the sandbox in tests, which checks
// the signature against the real AWS host name), expiry, remember and Forget.
import { seriousViolations } from './accessibility.ts';
import { watchPageErrors } from './page-errors.ts';
import { expect, test, type Page } from '@playwright/test';
import { chapterPaths } from './site-pages.ts';
import {
  credentialsBlock,
  issueCredentials,
  openTargetPanel,
  pasteAwsCredentials,
  sandboxInfo,
  targetDialog,
  targetIndicator,
  useSandboxInPage,
} from './target-helpers.ts';

/** Every request the page makes, to check where credentials could have gone. */
function watchRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

async function storage(page: Page): Promise<{ session: Record<string, string>; local: Record<string, string> }> {
  return page.evaluate(() => ({ session: { ...sessionStorage }, local: { ...localStorage } }));
}

test('the indicator is in the header of every page', async ({ page }) => {
  for (const path of [...chapterPaths(), '/instructors/widgets/']) {
    await page.goto(path);
    await expect(page.locator('header').getByRole('button', { name: /^Target:/ }), path).toBeVisible();
  }
});

test('the indicator shows the stored target without the panel’s code, which loads on first open', async ({ page, request }) => {
  const errors = watchPageErrors(page);
  const { accountId } = await sandboxInfo(request);
  await page.goto('/lambda/');
  await useSandboxInPage(page);

  // A new page: the stored target, shown before and without Preact or the panel's controls.
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
  await page.reload({ waitUntil: 'networkidle' });
  await expect(targetIndicator(page)).toHaveAccessibleName(new RegExp(`^Target: Sandbox\\s*${accountId}\\s*us-east-1\\s*credentials work$`));
  expect(scripts.filter((path) => /TargetControls|preact/i.test(path))).toEqual([]);

  await openTargetPanel(page);
  await expect(targetDialog(page).getByRole('status').first()).toContainText('credentials work');
  expect(scripts.filter((path) => path.includes('TargetControls'))).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('the sandbox in one click: account shown, kept in sessionStorage only', async ({ page, request }) => {
  const errors = watchPageErrors(page);
  const { accountId } = await sandboxInfo(request);
  await page.goto('/lambda/');
  await expect(targetIndicator(page)).toContainText('Sandbox');
  await expect(targetIndicator(page)).toContainText('not connected');

  const panel = await openTargetPanel(page);
  await panel.getByRole('button', { name: 'Use the sandbox' }).click();
  await expect(panel.getByRole('status').first()).toContainText('credentials work');
  await expect(panel.getByRole('definition').first()).toHaveText(accountId);
  await expect(panel.getByText(/^arn:aws:sts::\d{12}:assumed-role\/voclabs\//)).toBeVisible();
  await expect(targetIndicator(page)).toContainText(accountId);
  await expect(targetIndicator(page)).toContainText('credentials work');

  const kept = await storage(page);
  expect(Object.keys(kept.session)).toContain('labbook:target');
  // On the device, only the choice (new tabs connect by themselves), never keys.
  expect(kept.local['labbook:sandbox-chosen']).toBe('1');
  expect(JSON.stringify(kept.local)).not.toContain('ASIA');

  // Another page shows the same target.
  await page.keyboard.press('Escape');
  await page.goto('/task-8-1/');
  await expect(targetIndicator(page)).toContainText(accountId);
  expect(errors).toEqual([]);
});

test('AWS: a pasted block is checked with GetCallerIdentity through the relay', async ({ page, request }) => {
  const errors = watchPageErrors(page);
  const urls = watchRequests(page);
  const issued = await issueCredentials(request);
  const { endpoint } = await sandboxInfo(request);
  await page.goto('/task-8-1/');
  await openTargetPanel(page);
  await pasteAwsCredentials(page, credentialsBlock(issued));

  const panel = targetDialog(page);
  await expect(panel.getByRole('status').first()).toContainText('AWS · us-east-1 · credentials work');
  await expect(panel.getByText(issued.arn, { exact: true })).toBeVisible();
  await expect(targetIndicator(page)).toContainText(issued.accountId);
  // The paste box is emptied once the credentials are taken.
  await expect(panel.getByLabel('Paste your credentials')).toHaveValue('');

  // Signed for the real STS host, sent to the same-origin relay; nothing went to the sandbox directly.
  expect(urls.some((url) => new URL(url).pathname.startsWith('/relay/sts.us-east-1.amazonaws.com/'))).toBe(true);
  expect(urls.filter((url) => url.startsWith(endpoint))).toEqual([]);
  // No URL carries a credential.
  for (const url of urls) {
    for (const secret of [issued.accessKeyId, issued.secretAccessKey, issued.sessionToken.slice(0, 40)]) expect(url).not.toContain(secret);
  }
  expect(errors).toEqual([]);
});

test('the three fields work as well as a paste', async ({ page, request }) => {
  const issued = await issueCredentials(request);
  await page.goto('/');
  const panel = await openTargetPanel(page);
  await panel.getByRole('radio', { name: 'My AWS account' }).check();
  await panel.getByText('Or enter the three values').click();
  await panel.getByLabel('Access key id').fill(issued.accessKeyId);
  await panel.getByLabel('Secret access key').fill(issued.secretAccessKey);
  await panel.getByLabel('Session token').fill(issued.sessionToken);
  await panel.getByRole('button', { name: 'Use these credentials' }).click();
  await expect(panel.getByRole('status').first()).toContainText('credentials work');
});

test('a malformed paste gets a message that says what is wrong', async ({ page, request }) => {
  const issued = await issueCredentials(request);
  await page.goto('/task-8-1/');
  await openTargetPanel(page);
  await pasteAwsCredentials(page, `[default]\naws_access_key_id=${issued.accessKeyId}\naws_secret_access_key=${issued.secretAccessKey}\n`);
  await expect(targetDialog(page).getByRole('alert')).toHaveText(
    'Only aws_access_key_id and aws_secret_access_key are there; aws_session_token is missing. The Learner Lab’s credentials are three lines: copy the whole block.',
  );
  await pasteAwsCredentials(page, credentialsBlock({ ...issued, secretAccessKey: issued.secretAccessKey.slice(0, 30) }));
  await expect(targetDialog(page).getByRole('alert')).toContainText('The secret access key is 30 characters long; AWS secret keys are 40.');
  // Nothing was taken, so nothing was stored.
  expect(JSON.stringify(await storage(page))).not.toContain(issued.accessKeyId);
});

test('expired credentials: "credentials expired — paste new ones", everywhere', async ({ page, request }) => {
  const expired = await issueCredentials(request, 0);
  await page.goto('/task-8-1/');
  await openTargetPanel(page);
  await pasteAwsCredentials(page, credentialsBlock(expired));
  const panel = targetDialog(page);
  await expect(panel.getByRole('status').first()).toContainText('credentials expired — paste new ones');
  await expect(panel.getByText(/^ExpiredToken: /)).toBeVisible();
  await expect(targetIndicator(page)).toContainText('credentials expired — paste new ones');
  // The chapter's own panel says the same.
  await page.keyboard.press('Escape');
  await page.locator('.lb-target-panel').scrollIntoViewIfNeeded();
  await expect(page.locator('.lb-target-panel').getByRole('status').first()).toContainText('credentials expired — paste new ones');

  // Credentials that expire while in use: Check again finds out, and new ones fix it.
  // Long enough to be checked while still valid on a busy machine; then wait out what is left of them.
  const shortLived = await issueCredentials(request, 10);
  await openTargetPanel(page);
  await pasteAwsCredentials(page, credentialsBlock(shortLived));
  await expect(panel.getByRole('status').first()).toContainText('credentials work');
  await page.waitForTimeout(Math.max(0, Date.parse(shortLived.expiration) - Date.now()) + 500);
  await panel.getByRole('button', { name: 'Check again' }).click();
  await expect(panel.getByRole('status').first()).toContainText('credentials expired — paste new ones');
  await pasteAwsCredentials(page, credentialsBlock(await issueCredentials(request)));
  await expect(panel.getByRole('status').first()).toContainText('credentials work');
});

test('remember on this device: localStorage only then; Forget leaves nothing anywhere', async ({ page, request }) => {
  const issued = await issueCredentials(request);
  const traces = async () => JSON.stringify(await storage(page));

  await page.goto('/task-8-1/');
  await openTargetPanel(page);
  await pasteAwsCredentials(page, credentialsBlock(issued));
  await expect(targetDialog(page).getByRole('status').first()).toContainText('credentials work');
  let kept = await storage(page);
  expect(JSON.stringify(kept.session)).toContain(issued.secretAccessKey);
  expect(JSON.stringify(kept.local)).not.toContain(issued.accessKeyId);

  await targetDialog(page).getByLabel('Remember on this device').check();
  kept = await storage(page);
  expect(JSON.stringify(kept.local)).toContain(issued.secretAccessKey);
  expect(JSON.stringify(kept.session)).not.toContain(issued.accessKeyId);

  // Remembered credentials survive a new tab (sessionStorage does not).
  const second = await page.context().newPage();
  await second.goto('/lambda/');
  await expect(targetIndicator(second)).toContainText(issued.accountId);
  await second.close();

  await targetDialog(page).getByRole('button', { name: 'Forget' }).click();
  await expect(targetIndicator(page)).toContainText('no credentials');
  for (const secret of [issued.accessKeyId, issued.secretAccessKey, issued.sessionToken]) expect(await traces()).not.toContain(secret);
  // After a reload nothing is known any more, not even that AWS was chosen.
  await page.reload();
  await expect(targetIndicator(page)).toContainText('not connected');
  for (const secret of [issued.accessKeyId, issued.secretAccessKey, issued.sessionToken]) expect(await traces()).not.toContain(secret);
});

test('a reload keeps the target; the region can change', async ({ page, request }) => {
  const issued = await issueCredentials(request);
  await page.goto('/task-8-1/');
  await openTargetPanel(page);
  await pasteAwsCredentials(page, credentialsBlock(issued));
  await expect(targetIndicator(page)).toContainText('credentials work');
  await page.reload();
  await expect(targetIndicator(page)).toContainText(issued.accountId);
  await expect(targetIndicator(page)).toContainText('credentials work');

  const panel = await openTargetPanel(page);
  await panel.getByLabel('Region').selectOption('us-west-2');
  await expect(targetIndicator(page)).toContainText('us-west-2');
  await expect(panel.getByRole('status').first()).toContainText('AWS · us-west-2 · credentials work');
  await panel.getByLabel('Region').selectOption('eu-west-1');
  await expect(panel.getByText(/A Learner Lab account refuses eu-west-1/)).toBeVisible();
});

test('copy for the AWS CLI: the credentials block and the chosen shell’s variable lines, with the sandbox endpoint', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/lambda/');
  const panel = await openTargetPanel(page);
  await panel.getByRole('button', { name: 'Use the sandbox' }).click();
  await expect(panel.getByRole('status').first()).toContainText('credentials work');
  const { endpoint } = await page.evaluate(() => fetch('/api/sandbox').then((r) => r.json()));
  // The panel itself names the endpoint the CLI needs, not only the copied text.
  await expect(panel.getByText(`--endpoint-url ${endpoint}`)).toBeVisible();

  await panel.getByRole('button', { name: 'Copy as ~/.aws/credentials' }).click();
  await expect(panel.getByText('Copied the ~/.aws/credentials block.')).toBeVisible();
  const block = await page.evaluate(() => navigator.clipboard.readText());
  expect(block).toMatch(/^\[default\]\naws_access_key_id=ASIA[A-Z0-9]{16}\naws_secret_access_key=\S{40}\naws_session_token=\S+\n/);
  expect(block).toContain(`--endpoint-url ${endpoint}`);

  await panel.getByRole('button', { name: 'Copy as export lines' }).click();
  const lines = await page.evaluate(() => navigator.clipboard.readText());
  expect(lines).toMatch(/^export AWS_ACCESS_KEY_ID='ASIA/);
  expect(lines).toContain(`export AWS_ENDPOINT_URL='${endpoint}'`);

  // PowerShell chosen in a chapter's shell tabs: the panel copies PowerShell's lines.
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'PowerShell' }).first().click();
  const reopened = await openTargetPanel(page);
  await reopened.getByRole('button', { name: 'Copy as PowerShell $env: lines' }).click();
  const powershell = await page.evaluate(() => navigator.clipboard.readText());
  expect(powershell).toMatch(/^\$env:AWS_ACCESS_KEY_ID = 'ASIA/);
  expect(powershell).toContain(`$env:AWS_ENDPOINT_URL = '${endpoint}'`);
});

test('keyboard: the panel opens from the indicator, Escape closes it and focus returns', async ({ page }) => {
  await page.goto('/lambda/');
  await expect(targetIndicator(page)).not.toContainText('choose');
  await targetIndicator(page).focus();
  await page.keyboard.press('Enter');
  await expect(targetDialog(page)).toBeVisible();
  await expect(targetDialog(page).getByRole('radio', { name: 'Sandbox (on this computer)' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(targetDialog(page)).toBeHidden();
  await expect(targetIndicator(page)).toBeFocused();
});

test('no serious accessibility violations in the open panel or the chapter panel', async ({ page }) => {
  await page.goto('/task-8-1/');
  await openTargetPanel(page);
  await targetDialog(page).getByRole('radio', { name: 'My AWS account' }).check();
  await targetDialog(page).getByText('Or enter the three values').click();
  expect(await seriousViolations(page, ['dialog'])).toEqual([]);

  await page.keyboard.press('Escape');
  await page.locator('.lb-target-panel').scrollIntoViewIfNeeded();
  await expect(page.locator('.lb-target-panel .lb-target')).toBeVisible();
  expect(await seriousViolations(page, ['.lb-target-panel', '.lb-target-indicator'])).toEqual([]);
});
