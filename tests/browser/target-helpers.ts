// Choosing a target as a student does, for any spec: the indicator in the header, the
// Target panel it opens, the sandbox in one click, or AWS credentials pasted (in tests
// the sandbox issues them and the relay forwards "AWS" calls to the sandbox, which checks
// the signatures against the real AWS host names).
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { IssuedCredentials } from '../../src/sandbox/index.ts';

export async function sandboxInfo(request: APIRequestContext): Promise<{ accountId: string; credentialsUrl: string; endpoint: string; region: string }> {
  return (await request.get('/api/sandbox')).json();
}

/** Credentials from the sandbox, as a Learner Lab would hand them out (durationSeconds 0: already expired). */
export async function issueCredentials(request: APIRequestContext, durationSeconds?: number): Promise<IssuedCredentials> {
  const { credentialsUrl } = await sandboxInfo(request);
  const response = await request.post(credentialsUrl, { data: durationSeconds === undefined ? {} : { durationSeconds } });
  expect(response.ok()).toBe(true);
  return response.json();
}

/** The Learner Lab's "AWS CLI" block, as a student copies it. */
export const credentialsBlock = (c: Pick<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>) =>
  `[default]\r\naws_access_key_id=${c.accessKeyId}\r\naws_secret_access_key=${c.secretAccessKey}\r\naws_session_token=${c.sessionToken}\r\n`;

export const targetIndicator = (page: Page) => page.getByRole('button', { name: /^Target:/ });
export const targetDialog = (page: Page) => page.getByRole('dialog', { name: 'Target' });

export async function openTargetPanel(page: Page) {
  // Until the page's script has run the button says "choose" and does nothing yet.
  await expect(targetIndicator(page)).not.toContainText('choose');
  await targetIndicator(page).click();
  await expect(targetDialog(page)).toBeVisible();
  return targetDialog(page);
}

export async function pasteAwsCredentials(page: Page, text: string) {
  const panel = targetDialog(page);
  await panel.getByRole('radio', { name: 'My AWS account' }).check();
  await panel.getByLabel('Paste your credentials').fill(text);
  await panel.getByRole('button', { name: 'Use these credentials' }).click();
}

/** Picks the sandbox from the header's Target panel, on any page. */
export async function useSandboxInPage(page: Page): Promise<void> {
  const panel = await openTargetPanel(page);
  await panel.getByRole('button', { name: /^(Use the sandbox|Get new sandbox credentials)$/ }).click();
  await expect(targetIndicator(page)).toHaveAccessibleName(/Sandbox.*\d{12}.*credentials work/);
  await page.keyboard.press('Escape');
}

/** Pastes fresh sandbox-issued credentials as AWS credentials: every call then goes through the relay. Returns them. */
export async function useAwsThroughRelay(page: Page, request: APIRequestContext): Promise<IssuedCredentials> {
  const issued = await issueCredentials(request);
  await openTargetPanel(page);
  await pasteAwsCredentials(page, credentialsBlock(issued));
  await expect(targetIndicator(page)).toHaveAccessibleName(/AWS.*\d{12}.*credentials work/);
  await page.keyboard.press('Escape');
  return issued;
}
