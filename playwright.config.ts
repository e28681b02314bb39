import { defineConfig } from '@playwright/test';
// Specs run lab steps, which import their chapters' declared resources (`?resources`) and code (`?raw`).
import './src/steps/node-vite-imports.ts';
import { chromiumLaunchOptions } from './tests/browser/chromium.ts';
import { LAB_TIMINGS_SCALE } from './tests/browser/lab-from-empty/lab-timings.ts';
import { signedInState, TEST_TOKEN } from './tests/labbook-token.ts';

const PORT = Number(process.env.LABBOOK_TEST_PORT ?? 4399);
/** The lab-from-empty specs' own server: an empty sandbox of their own, so they run beside the rest. */
const LAB_PORT = PORT + 1;
/** The lab-from-empty server's sandbox: AWS's delays, drawn with a fixed seed, 20 times shorter (full length for the bench). */
const LAB_TIMINGS = { LABBOOK_TIMINGS: 'aws', LABBOOK_TIMINGS_SCALE: String(LAB_TIMINGS_SCALE), LABBOOK_TIMINGS_SEED: '8' };
/** Set by `npm run test:chapter -- <slug>` (scripts/test-chapter.ts): that chapter's spec and its page checks, on one server. */
const ONE_CHAPTER = process.env.TEST_CHAPTER;

/** `labbook start` as the tests use it: any free sandbox port, nothing on disk, the relay to AWS sent to that sandbox instead. */
const testServer = (port: number, settings: Record<string, string> = {}) => ({
  command: 'node bin/labbook.js start',
  url: `http://127.0.0.1:${port}/`,
  // The sandbox checks signatures for the real AWS hosts behind the relay.
  env: { PORT: String(port), SANDBOX_PORT: '0', LABBOOK_SANDBOX_IN_MEMORY: '1', LABBOOK_RELAY_UPSTREAM: 'sandbox', LABBOOK_TOKEN: TEST_TOKEN, ...settings },
  // The first start builds the site; the second finds it built (web servers start one after another).
  timeout: 300_000,
  reuseExistingServer: false,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
});

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
  projects: ONE_CHAPTER
    ? [{ name: 'chapter', testDir: 'tests', testMatch: [`chapters/${ONE_CHAPTER}.spec.ts`, 'browser/chapter-pages.spec.ts'] }]
    : [
        // The lab's own names from an empty sandbox of their own: one file at a time, each file's
        // tests in order. Listed first, so its long files start at once beside the default project's.
        {
          name: 'lab-from-empty',
          testMatch: '**/lab-from-empty/*.spec.ts',
          fullyParallel: false,
          workers: 1,
          use: { baseURL: `http://127.0.0.1:${LAB_PORT}`, storageState: signedInState(`http://127.0.0.1:${LAB_PORT}`) },
        },
        { name: 'default', testIgnore: '**/lab-from-empty/**' },
        // Each chapter's own spec, written with the author test kit (tests/chapters/kit.ts).
        { name: 'chapters', testDir: 'tests/chapters' },
      ],
  // The whole lab runs with AWS's delays (README: --timings aws), at a twentieth of their length.
  webServer: ONE_CHAPTER ? [testServer(PORT)] : [testServer(PORT), testServer(LAB_PORT, LAB_TIMINGS)],
});
