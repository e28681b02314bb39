// The lab report from the Progress page, as a student hands it in: made for an AWS target
// (the relay to the sandbox), with every credential in the page, a record of something
// made, a request in the request client's history whose URL and headers carry the
// credentials, a WebSocket session to a presigned URL and the flight map's last positions;
// the Markdown, the JSON and the map's picture hold none of the credentials or a signature,
// mask the account, run the checks again, list the exercise solved with its solution
// shown, and embed a picture the browser draws.
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
  // Something the steps made, an exercise solved after seeing its solution, and what the
  // request client, the WebSocket console and the flight map keep.
  const signing = `X-Amz-Credential=${issued.accessKeyId}%2F20261204%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-Security-Token=${encodeURIComponent(issued.sessionToken)}&X-Amz-Signature=0a1b2c`;
  await page.evaluate(
    ([key, arn, signing, secret, token]) => {
      const headers = [
        { name: 'Authorization', value: `AWS4-HMAC-SHA256 Credential=${secret}` },
        { name: 'X-Amz-Security-Token', value: token },
      ];
      sessionStorage.setItem(
        'labbook:request-client:history',
        JSON.stringify([
          {
            draft: { method: 'PUT', url: `https://abc.execute-api.us-east-1.amazonaws.com/prod/items?TableName=t&${signing}`, headers, body: '{"id": "1"}' },
            outcome: '200',
            sentAt: Date.UTC(2026, 11, 4, 10, 2),
          },
        ]),
      );
      localStorage.setItem(
        'labbook:websocket-sessions',
        JSON.stringify([
          {
            url: `wss://ws.execute-api.us-east-1.amazonaws.com/prod?${signing}`,
            startedAt: '2026-12-04T10:04:00.000Z',
            connectedAt: '2026-12-04T10:04:01.000Z',
            closedAt: '2026-12-04T10:09:00.000Z',
            sent: 1,
            received: 42,
            closeCode: 1000,
          },
        ]),
      );
      localStorage.setItem(
        'labbook:flight-map:last',
        JSON.stringify({
          airport: 'BCN',
          center: { lat: 41.297, lon: 2.078 },
          bounds: { south: 40.8, west: 1.4, north: 41.8, east: 2.8 },
          at: '2026-12-04T10:08:00.000Z',
          aircraft: [
            { registration: 'EC-ABC', lat: 41.4, lon: 2.2, status: 'flying', track: 90 },
            { registration: 'EC-LND', lat: 41.297, lon: 2.078, status: 'landed' },
          ],
        }),
      );
      localStorage.setItem(
        `labbook:made:${key}`,
        JSON.stringify({
          'task-8-1/table': { step: 'task-8-1/table', name: 'ccbda-lambda-first', arn, origin: 'created', state: 'ready', at: '2026-12-04T10:00:00.000Z' },
          // A function deployed with the student's keys pasted into its code, as happens.
          'task-8-1/function:LambdaCRUD': {
            step: 'task-8-1/function',
            name: 'LambdaCRUD',
            origin: 'created',
            state: 'ready',
            at: '2026-12-04T10:01:00.000Z',
            source: { file: 'lambda_crud.py', code: `KEY = "${secret}"\nTOKEN = "${token}"\ndef lambda_handler(event, context):\n    return 42\n` },
          },
        }),
      );
      localStorage.setItem('labbook:exercise:task-8-1-safe-handler', JSON.stringify({ done: true, solutionShown: true }));
    },
    [`aws:${account}:us-east-1`, `arn:aws:dynamodb:us-east-1:${account}:table/ccbda-lambda-first`, signing, issued.secretAccessKey, issued.sessionToken],
  );

  // The button's script loads once it is in view; a press before that does nothing.
  const report = await hydrated(page, page.locator('[data-lb-lab-report]'));
  const saved = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Download my lab report' }).click();
  const markdown = await saved;
  expect(markdown.suggestedFilename()).toBe('lab-report.md');
  await expect(report.getByRole('status')).toHaveText('Report made: 0 of 6 checks pass now.');
  // A pointer resting on a saved file's link (a blob: address) must not make the page fetch it:
  // Astro prefetches a hovered link after 80 ms, which the CSP refuses with a console error.
  await report.getByRole('link', { name: 'lab-report.md' }).hover();
  await page.waitForTimeout(300);
  const asJson = page.waitForEvent('download');
  await report.getByRole('link', { name: 'JSON' }).click();
  const json = await asJson;

  const texts = [await contents(markdown), await contents(json)];
  const picture = /!\[Flight map, [^\]]+\]\((data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+)\)/.exec(texts[0])?.[1] ?? '';
  expect(picture).not.toBe('');
  texts.push(Buffer.from(picture.split(',')[1], 'base64').toString('utf8'));
  for (const text of texts) {
    for (const secret of [issued.accessKeyId, issued.secretAccessKey, issued.sessionToken, account]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/Signature|AWS4-HMAC-SHA256|X-Amz-Security-Token|aws_secret/i);
  }
  const [md, data] = [texts[0], JSON.parse(texts[1])];
  const masked = `${account.slice(0, 2)}••••••${account.slice(-4)}`;
  expect(md).toContain(`- Target: AWS account \`${masked}\`, \`us-east-1\``);
  expect(md).toContain('### ❌ Task 8.1: the table and the function: not passing');
  expect(md).toContain('| `task-8-1-safe-handler` | yes | yes |');
  expect(md).toContain('```python\nKEY = "[redacted]"\nTOKEN = "[redacted]"\ndef lambda_handler(event, context):\n    return 42\n```');
  expect(md).toContain('| 2026-12-04 10:02 UTC | `PUT https://abc.execute-api.us-east-1.amazonaws.com/prod/items?TableName=t` | 200 | `{"id": "1"}` |');
  expect(md).toContain('| `wss://ws.execute-api.us-east-1.amazonaws.com/prod` | 2026-12-04 10:04 UTC | 2026-12-04 10:09 UTC | 1 | 42 | 1000 |');
  expect(md).toContain('2 aircraft (1 flying, 1 landed) around BCN, last batch 2026-12-04 10:08 UTC.');
  expect(data.flightMap.picture).toBe(picture);
  // The browser draws the picture as an image.
  const drawn = await page.evaluate(async (src) => {
    const image = new Image();
    image.src = src;
    await image.decode();
    return { width: image.naturalWidth, height: image.naturalHeight };
  }, picture);
  expect(drawn.width).toBeGreaterThan(0);
  expect(drawn.height).toBeGreaterThan(0);
  expect(md).toContain(`| Create the DynamoDB table | \`ccbda-lambda-first\` | \`arn:aws:dynamodb:us-east-1:${masked}:table/ccbda-lambda-first\` |`);
  expect(data.chapters.flatMap((chapter: { checks: { id: string }[] }) => chapter.checks.map((check) => check.id))).toEqual([
    'task-8-1/table-and-function',
    'task-8-1/api',
    'task-8-2/backend',
    'task-8-2/api',
    'task-8-2/stream',
    'examples/visitor-counter/resources',
  ]);
  // A chapter's check of its declared resources runs again too, with its findings.
  expect(md).toContain('### ❌ Extra: a visitor counter: its resources: not passing');
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
