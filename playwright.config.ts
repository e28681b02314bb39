import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/browser/chromium.ts';
import { signedInState, TEST_TOKEN } from './tests/labbook-token.ts';

const PORT = Number(process.env.LABBOOK_TEST_PORT ?? 4399);

export default defineConfig({
  testDir: 'tests/browser',
  // For a loaded machine: a page's accessibility scan or a Python cell's Pyodide start took close to
  // (and once over) 60 s while other tests ran; a test that hangs still fails.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // Every context starts signed in, as a student's browser is once it opened the printed address.
    storageState: signedInState(`http://127.0.0.1:${PORT}`),
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'default', testIgnore: '**/lab-from-empty/**' },
    // The lab's own names from an empty sandbox: after every other spec (they share the
    // sandbox), one file at a time, each file's tests in order.
    { name: 'lab-from-empty', testMatch: '**/lab-from-empty/*.spec.ts', dependencies: ['default'], fullyParallel: false, workers: 1 },
  ],
  webServer: {
    command: 'node bin/labbook.js start',
    url: `http://127.0.0.1:${PORT}/`,
    // The sandbox takes any free port and keeps nothing on disk during tests; the
    // relay to AWS goes to that sandbox instead, which checks signatures for the real AWS hosts.
    env: { PORT: String(PORT), SANDBOX_PORT: '0', LABBOOK_SANDBOX_IN_MEMORY: '1', LABBOOK_RELAY_UPSTREAM: 'sandbox', LABBOOK_TOKEN: TEST_TOKEN },
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
