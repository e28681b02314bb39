// The workbook hosted statically: the built site from a plain file server, no labbook server
// (no sandbox, no relay), and "AWS" played by a sandbox behind a TLS front that answers AWS's
// host names with a certificate from a throwaway authority. Chromium resolves *.amazonaws.com
// to that front and trusts exactly its certificate. The page calls AWS directly where AWS
// answers browsers (DynamoDB), and where it does not (API Gateway's control plane) says the
// step needs labbook's server and shows its AWS CLI commands instead.
import { chromium, expect, test } from '@playwright/test';
import { createHash, X509Certificate } from 'node:crypto';
import { resolve } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts';
import { startTlsFront, throwawayAuthority, type TlsFront } from '../sandbox/aws-tls-front.ts';
import { chromiumLaunchOptions } from './chromium.ts';
import { button, expectReported, hydrated, refusedWith, watchPageErrors } from './page-errors.ts';
import { serveStatically, type StaticSite } from './static-site.ts';
import { credentialsBlock, openTargetPanel, pasteAwsCredentials, targetIndicator } from './target-helpers.ts';

let site: StaticSite;
let sandbox: RunningSandbox;
let front: TlsFront;
/** Chromium's pin for the front's certificate: the SHA-256 of its public key, base64. */
let certificatePin: string;

test.beforeAll(async () => {
  site = await serveStatically(resolve('dist'));
  sandbox = await startSandbox({ port: 0, inMemory: true, allowedOrigins: [site.origin], log: () => {} });
  const authority = await throwawayAuthority();
  front = await startTlsFront(authority, () => sandbox.url);
  const publicKey = new X509Certificate(authority.cert).publicKey.export({ type: 'spki', format: 'der' });
  certificatePin = createHash('sha256').update(publicKey).digest('base64');
});

test.afterAll(async () => {
  await front?.close();
  await sandbox?.close();
  await site?.close();
});

test('a static workbook runs a DynamoDB step against AWS directly, and offers the CLI for an HTTP API step', async () => {
  const { address, port } = front.network.addressOf('dynamodb.us-east-1.amazonaws.com');
  const launch = chromiumLaunchOptions();
  const browser = await chromium.launch({
    ...launch,
    args: [...launch.args, `--host-resolver-rules=MAP *.amazonaws.com ${address}:${port}`, `--ignore-certificate-errors-spki-list=${certificatePin}`],
  });
  try {
    const page = await (await browser.newContext({ baseURL: site.origin })).newPage();
    const errors = watchPageErrors(page);
    await page.goto('/task-8-1/');
    await openTargetPanel(page);
    await pasteAwsCredentials(page, credentialsBlock(await sandbox.issueCredentials()));
    await expect(targetIndicator(page)).toHaveAccessibleName(/AWS.*\d{12}.*credentials work/);
    await page.keyboard.press('Escape');

    const table = await hydrated(page, page.getByRole('region', { name: 'Create the DynamoDB table', exact: true }));
    await button(table, 'Run').click();
    await expect(table.locator('.lb-lab__outcome')).toHaveText('Created ccbda-lambda-first.');
    // Straight to "AWS", through the TLS front: no labbook server is there to relay it.
    expect(front.forwarded()).toBeGreaterThan(0);

    const sequence = await hydrated(page, page.getByRole('region', { name: 'Build the HTTP API', exact: true }));
    const apiStep = sequence.locator('li[data-step="task-8-1/http-api"]');
    await apiStep.locator(':scope > details > summary').click();
    await button(apiStep, 'Run').click();
    await expect(apiStep.getByRole('alert')).toContainText('needs labbook’s own server');
    const cli = apiStep.locator('.lb-lab__cli');
    await expect(cli.getByRole('note')).toContainText('Run these commands in a terminal instead');
    await expect(cli.locator('pre')).toBeVisible();
    await expect(cli.locator('pre')).toContainText('aws apigatewayv2 create-api');
    // The page asked labbook's server for a sandbox and a relay, and the static host had neither.
    expectReported(errors, [refusedWith(404)]);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
