// Task 8.2's flight feed and flight map, used as a student would on the sandbox, against a
// Task 8.2 back end of the spec's own (the lab's functions from lambda/, under other names):
// connect the map (bounds from init), start the feed (aircraft appear and move, flying and
// landed told apart, labels on hover and focus), a registration made of markup stays text,
// Stop stops the batches, a missing stream gets Kinesis's own error.
import { expect, type Locator } from '@playwright/test';
import { seriousViolations } from './accessibility.ts';
import { provisionFlightStack, type FlightStack } from './flight-stack.ts';
import { button, test, widget, XSS } from './page-errors.ts';
import { allPutRecordsAnswered, watchPutRecords } from './put-records-watch.ts';
import { ApiGatewayV2Client, CreateApiCommand, DeleteApiCommand } from '@aws-sdk/client-apigatewayv2';
import { issueCredentials, sandboxInfo, useAwsThroughRelay, useSandboxInPage } from './target-helpers.ts';

const BCN = { lat: 41.2974, lon: 2.0833 };

let stack: FlightStack;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  stack = await provisionFlightStack(request, {
    table: 'fm-connections',
    connect: 'FmConnect',
    disconnect: 'FmDisconnect',
    default: 'FmDefault',
    fanout: 'FmFanout',
    api: 'FmWsAPI',
    stream: 'fm-flights',
  });
});
test.afterAll(async () => {
  await stack?.remove();
});

/** The map's connection line (Find my API has a status line of its own). */
const connection = (map: Locator) => map.locator('.lb-map__connection');
/** The aircraft drawn on the map (the legend's samples are not in the map's group). */
const drawn = (map: Locator) => map.getByRole('group', { name: 'Map of the area around BCN' }).getByRole('img', { name: /^EC-|^</ });

test('the feed puts aircraft on the stream and the map draws them as they move', async ({ page }) => {
  test.setTimeout(120_000);
  await watchPutRecords(page);
  await page.goto('/task-8-2/');
  await useSandboxInPage(page);

  // The map: connect to the spec's API; init draws the area around BCN.
  const map = await widget(page, 'Flight map');
  await map.getByLabel('WebSocket URL').fill(stack.url);
  await button(map, 'Connect').click();
  await expect(connection(map)).toHaveText('Connected: the map shows BCN and moves with each batch.');
  const area = map.getByRole('group', { name: 'Map of the area around BCN' });
  await expect(area.getByRole('img', { name: 'Airport BCN' })).toBeVisible();
  for (const label of ['41.25° N', '41.5° N', '1.75° E', '2.5° E', '25 km']) await expect(area.getByText(label, { exact: true })).toBeVisible();
  // On a phone the drawing is half size; its labels still read at 10 px or more.
  const desktop = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  for (const label of ['41.25° N', '2.5° E', '25 km', 'BCN']) {
    const box = await area.getByText(label, { exact: true }).boundingBox();
    expect(box!.height, label).toBeGreaterThanOrEqual(10);
  }
  await page.setViewportSize(desktop);
  await expect(map.locator('.lb-map__counts')).toHaveText('0 aircraft (0 flying, 0 landed) · last update none yet');

  // The feed: the spec's stream, a batch every second.
  const feed = await widget(page, 'Flight feed');
  await feed.getByLabel('Stream name').fill('fm-flights');
  await feed.getByLabel('Seconds between batches').fill('1');
  await feed.getByLabel('Aircraft per batch').fill('12');
  await button(feed, 'Start').click();
  await expect(feed.getByRole('status')).toHaveText('Running: a batch every 1 s.');
  await expect(feed.locator('.lb-feed__sent')).toHaveText(/^Sent so far: [1-9]\d* batch(es)?\.$/);
  await expect(feed.locator('.lb-lab__summary')).toContainText('12 records, 0 failed.');
  await expect(feed.getByLabel('Stream name')).toBeDisabled();

  // Aircraft appear on the map and move.
  await expect(drawn(map)).toHaveCount(12);
  await expect(map.locator('.lb-map__counts')).toContainText(/^12 aircraft \(\d+ flying, \d+ landed\) · last update \d\d:\d\d:\d\d$/);
  const first = drawn(map).first();
  const name = (await first.getAttribute('aria-label'))!.split(',')[0];
  const plane = area.getByRole('img', { name: new RegExp(`^${name},`) });
  const before = await plane.getAttribute('transform');
  await expect.poll(() => plane.getAttribute('transform'), { timeout: 10_000 }).not.toBe(before);
  await expect(map.getByRole('region', { name: 'Aircraft as a table' }).getByRole('rowheader', { name, exact: true })).toBeVisible();

  // A landed aircraft from another producer: a square, not an arrow, said in words too.
  await stack.put([{ registration: 'EC-LND', lat: BCN.lat, lon: BCN.lon, altitude: 0, origin: 'MAD', destination: 'BCN', status: 'landed' }]);
  const landed = area.getByRole('img', { name: 'EC-LND, landed, MAD → BCN' });
  await expect(landed.locator('rect.lb-map__landed')).toHaveCount(1);
  await expect(landed.locator('path')).toHaveCount(0);
  const flying = area.getByRole('img', { name: /flying at [\d,]+ ft/ }).first();
  await expect(flying.locator('path.lb-map__flying')).toHaveCount(1);
  await expect(map.getByRole('list', { name: 'Legend' })).toContainText('Flying: an arrow pointing where it is going');
  await expect(map.getByRole('list', { name: 'Legend' })).toContainText('Landed: a square');
  const table = map.getByRole('region', { name: 'Aircraft as a table' });
  await expect(table.getByRole('row').filter({ hasText: 'EC-LND' })).toContainText('landed');

  // Labels: on hover, and on keyboard focus.
  await landed.hover();
  await expect(area.locator('.lb-map__tip')).toContainText('EC-LND · MAD → BCN');
  await expect(area.locator('.lb-map__tip')).toContainText('landed');
  await flying.focus();
  await expect(area.locator('.lb-map__tip')).toContainText(/flying · [\d,]+ ft/);

  // A registration made of markup, put on the stream from Node, stays text.
  await stack.put([{ registration: XSS, lat: 41.4, lon: 2.3, altitude: 5000, origin: '<b>LHR</b>', destination: 'BCN', status: 'flying' }]);
  await expect(area.getByRole('img', { name: `${XSS}, flying at 5,000 ft, <b>LHR</b> → BCN` })).toHaveCount(1);
  await expect(table.getByRole('rowheader', { name: XSS, exact: true })).toBeVisible();
  await expect(map.locator('img, b')).toHaveCount(0);

  expect(await seriousViolations(page, ['.lb-map', '.lb-feed'])).toEqual([]);

  // Stop: no further batch reaches the stream.
  await button(feed, 'Stop').click();
  await expect(feed.getByRole('status')).toHaveText(/^Stopped after \d+ batches\.$/);
  const sent = await feed.getByRole('status').textContent();
  // A batch already on its way when Stop was pressed may still land: count only once it has.
  const requests = await allPutRecordsAnswered(page);
  expect(await stack.recordsDuring(2_500)).toBe(0);
  await expect(feed.getByRole('status')).toHaveText(sent!);
  // No PutRecords went out after Stop.
  expect(await page.evaluate(() => window.putRecordsLog)).toEqual({ sent: requests, answered: requests });
  await expect(feed.getByLabel('Stream name')).toBeEnabled();

  // The CLI equivalents carry the student's values.
  await feed.getByText(/^The same with producer\.py/).click();
  await expect(feed.locator('.lb-lab__cli pre').first()).toContainText('python3 producer.py');
  await expect(feed.locator('.lb-lab__cli pre').first()).toContainText('--stream fm-flights');
  await expect(feed.locator('.lb-lab__cli pre').first()).toContainText(/--endpoint-url http:\/\/127\.0\.0\.1:\d+/);

  // The server closes the connection (API Gateway does after 10 idle minutes): the map reconnects and says hello! again.
  const [dropped] = await stack.connections();
  await stack.dropConnection(dropped);
  await expect.poll(() => stack.connections(), { timeout: 10_000 }).toEqual([expect.not.stringMatching(`^${dropped}$`)]);
  await expect(connection(map)).toHaveText('Connected: the map shows BCN and moves with each batch.');

  await button(map, 'Disconnect').click();
  await expect(connection(map)).toHaveText('Disconnected (close code 1000, “Disconnect pressed”).');

  // The last batch drawn stays on this device for the lab report's picture: the area and positions only.
  const kept = JSON.parse((await page.evaluate(() => localStorage.getItem('labbook:flight-map:last'))) ?? 'null');
  expect(kept).toMatchObject({ airport: 'BCN', bounds: expect.any(Object), at: expect.any(String) });
  expect(kept.aircraft).toContainEqual({ registration: XSS, lat: 41.4, lon: 2.3, status: 'flying' });
});

test('a stream that does not exist gets Kinesis’s own error, and the feed stops', async ({ page, pageErrors }) => {
  await page.goto('/task-8-2/');
  await useSandboxInPage(page);
  const feed = await widget(page, 'Flight feed');
  await feed.getByLabel('Stream name').fill('fm-no-such-stream');
  await button(feed, 'Start').click();
  await expect(feed.getByRole('alert')).toContainText('ResourceNotFoundException');
  await expect(feed.getByRole('alert')).toContainText('fm-no-such-stream');
  await expect(feed.getByRole('status')).toHaveText('Stopped after 0 batches.');
  // The browser reports the refused request itself; that one report is expected.
  const refused = pageErrors.filter((error) => error.startsWith('Failed to load resource: the server responded with a status of 400'));
  expect(refused).toHaveLength(1);
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((error) => !refused.includes(error)));
});

test('the feed stops by itself when the page is hidden and when the target changes', async ({ page, request }) => {
  await page.goto('/task-8-2/');
  await useSandboxInPage(page);
  const feed = await widget(page, 'Flight feed');
  await feed.getByLabel('Stream name').fill('fm-flights');
  await feed.getByLabel('Seconds between batches').fill('1');
  const status = feed.getByRole('status');

  await button(feed, 'Start').click();
  await expect(feed.locator('.lb-feed__sent')).toHaveText(/^Sent so far: [1-9]/);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(status).toHaveText(/^Stopped because the page was hidden after \d+ batch(es)?\.$/);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: false, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });

  await button(feed, 'Start').click();
  await expect(feed.locator('.lb-feed__sent')).toHaveText(/^Sent so far: [1-9]/);
  await useAwsThroughRelay(page, request);
  await expect(status).toHaveText(/^Stopped because the target changed after \d+ batch(es)?\.$/);
  expect(await stack.recordsDuring(2_000)).toBe(0);
});

test('one batch at a time: a slow stream slows the feed down instead of piling requests up', async ({ page }) => {
  let inFlight = 0;
  let most = 0;
  let puts = 0;
  // Every PutRecords answer is held back 2.5 s, while the feed asks for a batch every second.
  await page.route('**/*', async (route) => {
    if (route.request().headers()['x-amz-target'] !== 'Kinesis_20131202.PutRecords') return route.fallback();
    inFlight += 1;
    puts += 1;
    most = Math.max(most, inFlight);
    await new Promise((r) => setTimeout(r, 2_500));
    const response = await route.fetch();
    await route.fulfill({ response });
    inFlight -= 1;
  });
  await page.goto('/task-8-2/');
  await useSandboxInPage(page);
  const feed = await widget(page, 'Flight feed');
  await feed.getByLabel('Stream name').fill('fm-flights');
  await feed.getByLabel('Seconds between batches').fill('1');
  await button(feed, 'Start').click();
  // Two held answers (5 s) and the wait between them; a busy machine needs more.
  await expect(feed.locator('.lb-feed__sent')).toHaveText('Sent so far: 2 batches.', { timeout: 30_000 });
  await button(feed, 'Stop').click();
  // Stop aborts the request being held; its handler is left to end on its own.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  expect(most).toBe(1);
  expect(puts).toBeLessThanOrEqual(3);
});

test('on the AWS target both go through labbook’s relay: PutRecords to Kinesis, the map’s WebSocket to execute-api', async ({ page, request }) => {
  test.setTimeout(90_000);
  const relayed: string[] = [];
  page.on('request', (r) => relayed.push(new URL(r.url()).pathname.split('/').slice(0, 3).join('/')));
  page.on('websocket', (ws) => relayed.push(new URL(ws.url()).pathname.split('/').slice(0, 3).join('/')));
  await page.goto('/task-8-2/');
  await useAwsThroughRelay(page, request);

  const map = await widget(page, 'Flight map');
  await map.getByLabel('WebSocket URL').fill(`wss://${stack.apiId}.execute-api.us-east-1.amazonaws.com/prod`);
  await button(map, 'Connect').click();
  await expect(connection(map)).toHaveText('Connected: the map shows BCN and moves with each batch.');

  const feed = await widget(page, 'Flight feed');
  await feed.getByLabel('Stream name').fill('fm-flights');
  await feed.getByLabel('Seconds between batches').fill('1');
  await button(feed, 'Start').click();
  await expect(feed.locator('.lb-lab__summary')).toContainText('12 records, 0 failed.');
  await expect(drawn(map)).not.toHaveCount(0);
  await button(feed, 'Stop').click();
  await button(map, 'Disconnect').click();

  expect(relayed).toContain('/relay/kinesis.us-east-1.amazonaws.com');
  expect(relayed).toContain(`/relay/${stack.apiId}.execute-api.us-east-1.amazonaws.com`);
});

test('the map finds the URL of the API it is named after, by itself and with Find my API', async ({ page, request }) => {
  await page.goto('/instructors/widgets/');
  await useSandboxInPage(page);
  const map = await widget(page, 'Flight map');
  // Looking by itself before the API exists is not a failure: said plainly, not as an alert.
  await expect(map.getByRole('status').first()).toContainText('There is no API named CatalogueWsAPI in this sandbox yet: Step 3 makes it, or type its URL.');
  await expect(map.getByRole('alert')).toHaveCount(0);
  await expect(map.getByLabel('WebSocket URL')).toHaveValue('');

  const { endpoint, region } = await sandboxInfo(request);
  const { accessKeyId, secretAccessKey, sessionToken } = await issueCredentials(request);
  const gateway = new ApiGatewayV2Client({ endpoint, region, credentials: { accessKeyId, secretAccessKey, sessionToken } });
  const { ApiId, ApiEndpoint } = await gateway.send(
    new CreateApiCommand({ Name: 'CatalogueWsAPI', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }),
  );
  try {
    // Made after the map looked: Find my API looks again.
    await button(map, 'Find my API').click();
    await expect(map.getByLabel('WebSocket URL')).toHaveValue(`${ApiEndpoint}/prod`);
    await expect(map.getByText(`Found CatalogueWsAPI: ${ApiEndpoint}/prod`)).toBeVisible();
    await expect(map.getByRole('alert')).toHaveCount(0);

    await page.reload();
    const reloaded = await widget(page, 'Flight map');
    await expect(reloaded.getByLabel('WebSocket URL')).toHaveValue(`${ApiEndpoint}/prod`);
    await expect(reloaded.getByText('There is no API named')).toHaveCount(0);
  } finally {
    await gateway.send(new DeleteApiCommand({ ApiId }));
  }
});
