// The functions a chapter shows are the files its widgets deploy, rendered into the text
// at build time, so what the student reads is what runs.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const SHOWN = [
  { page: '/task-8-1/', title: 'lambda_crud.py', file: 'lambda/crud/lambda_crud.py' },
  { page: '/task-8-2/', title: 'ws_connect.py', file: 'lambda/ws-connect/ws_connect.py' },
  { page: '/task-8-2/', title: 'ws_disconnect.py', file: 'lambda/ws-disconnect/ws_disconnect.py' },
  { page: '/task-8-2/', title: 'ws_default.py', file: 'lambda/ws-default/ws_default.py' },
  { page: '/task-8-2/', title: 'flight_fanout.py', file: 'lambda/flight-fanout/flight_fanout.py' },
  { page: '/task-8-2/', title: 'producer.py', file: 'lambda/flight-producer/producer.py' },
];

for (const path of new Set(SHOWN.map((shown) => shown.page))) {
  test(`${path} shows its functions exactly as they are deployed`, async ({ page, request }) => {
    const { endpoint } = await (await request.get('/api/sandbox')).json();
    await page.goto(path);
    for (const { title, file } of SHOWN.filter((shown) => shown.page === path)) {
      const block = page.locator('.expressive-code').filter({ has: page.locator('.title', { hasText: new RegExp(`^${title.replace('.', '\\.')}$`) }) });
      await expect(block, title).toHaveCount(1);
      // The copy button holds the code with its line breaks as U+007F; once the page knows its
      // sandbox (a moment after load), the address in the code is that sandbox's.
      const source = readFileSync(file, 'utf8').replaceAll('http://127.0.0.1:4510', endpoint).trimEnd();
      const copied = async () => ((await block.locator('button[data-code]').getAttribute('data-code')) ?? '').replaceAll('\u007f', '\n').trimEnd();
      await expect.poll(copied, { message: file }).toBe(source);
    }
  });
}
