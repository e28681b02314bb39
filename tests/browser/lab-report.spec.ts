// The lab report from the Progress page, as a student hands it in: made for an AWS target
// (the relay to the sandbox), with every credential in the page and a record of something
// made; the Markdown and the JSON hold none of the credentials or a signature, mask the
// account, run the checks again and list the exercise solved with its solution shown.
import { expect, type Download } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { hydrated, test } from './page-errors.ts';
import { useAwsThroughRelay } from './target-helpers.ts';

const contents = async (download: Download) => readFile(await download.path(), 'utf8');

test('the lab report downloads from Progress, with the checks run again, and holds no secret', async ({ page, request }) => {
  await page.goto('/progress/');
  const issued = await useAwsThroughRelay(page, request);
  const account = (await page.evaluate(() => document.querySelector('.lb-target-indicator__account')?.textContent)) ?? '';
  expect(account).toMatch(/^\d{12}$/);
  // Something the steps made, and an exercise solved after seeing its solution.
  await page.evaluate(
    ([key, arn]) => {
      localStorage.setItem(
        `labbook:made:${key}`,
        JSON.stringify({
          'task-8-1/table': { step: 'task-8-1/table', name: 'ccbda-lambda-first', arn, origin: 'created', state: 'ready', at: '2026-12-04T10:00:00.000Z' },
        }),
      );
      localStorage.setItem('labbook:exercise:task-8-1-safe-handler', JSON.stringify({ done: true, solutionShown: true }));
    },
    [`aws:${account}:us-east-1`, `arn:aws:dynamodb:us-east-1:${account}:table/ccbda-lambda-first`],
  );

  const report = await hydrated(page, page.locator('[data-lb-lab-report]'));
  const saved = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Download my lab report' }).click();
  const markdown = await saved;
  expect(markdown.suggestedFilename()).toBe('lab-report.md');
  await expect(report.getByRole('status')).toHaveText('Report made: 0 of 5 checks pass now.');
  const asJson = page.waitForEvent('download');
  await report.getByRole('link', { name: 'JSON' }).click();
  const json = await asJson;

  const texts = [await contents(markdown), await contents(json)];
  for (const text of texts) {
    for (const secret of [issued.accessKeyId, issued.secretAccessKey, issued.sessionToken, account]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/Signature|AWS4-HMAC-SHA256|X-Amz-Security-Token|aws_secret/i);
  }
  const [md, data] = [texts[0], JSON.parse(texts[1])];
  const masked = `${account.slice(0, 2)}••••••${account.slice(-4)}`;
  expect(md).toContain(`- Target: AWS account \`${masked}\`, \`us-east-1\``);
  expect(md).toContain('### ❌ Task 8.1: the table and the function: not passing');
  expect(md).toContain('| `task-8-1-safe-handler` | yes | yes |');
  expect(md).toContain(`| Create the DynamoDB table | \`ccbda-lambda-first\` | \`arn:aws:dynamodb:us-east-1:${masked}:table/ccbda-lambda-first\` |`);
  expect(data.chapters.flatMap((chapter: { checks: { id: string }[] }) => chapter.checks.map((check) => check.id))).toEqual([
    'task-8-1/table-and-function',
    'task-8-1/api',
    'task-8-2/backend',
    'task-8-2/api',
    'task-8-2/stream',
  ]);
});

test('Progress lists each chapter’s exercises, saying which were solved and where the solution was seen', async ({ page }) => {
  await page.goto('/progress/');
  await page.evaluate(() => {
    localStorage.setItem('labbook:exercise:task-8-1-safe-handler', JSON.stringify({ done: true, solutionShown: true }));
    localStorage.setItem('labbook:exercise:kwargs-collect', JSON.stringify({ done: true }));
    localStorage.setItem('labbook:exercise:kwargs-unpack', JSON.stringify({ done: false, solutionShown: true }));
  });
  await page.reload();
  const chapter = (name: string) => page.getByRole('list', { name: `Exercises: ${name}` }).getByRole('listitem');
  await expect(chapter('Python keyword arguments')).toHaveText([
    '✓1. Collect keyword argumentsSolved',
    '○2. Unpack a dict into a callNot solved yet; solution seen',
    '○3. Keyword-only optionsNot solved yet',
    /^○4\. /,
    /^○5\. /,
  ]);
  await expect(chapter('Task 8.1: a serverless CRUD app')).toHaveText(["✓Make the lab's handler safeSolved, after seeing the solution"]);
});
