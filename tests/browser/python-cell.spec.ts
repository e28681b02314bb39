// The Python cell and the exercise, driven as a student would, on the widget catalogue's
// live examples, served by the production server with its Content-Security-Policy.
import { seriousViolations } from './accessibility.ts';
import { expect, type Locator, type Page } from '@playwright/test';
import { cell, setCode } from './code-cell.ts';
import { test } from './page-errors.ts';
import { useAwsThroughRelay } from './target-helpers.ts';

const CATALOGUE = '/instructors/widgets/';
const HELLO_CELL = 'Keyword arguments arrive as a dict';
const LOOP_CELL = 'A loop that never ends';
const EXERCISE = 'Exercise: Name the keyword arguments';
const OTHER_EXERCISE = 'Exercise: Forward a request body';
/** Pyodide loads in each test's fresh browser context; on a busy machine that takes a while. */
const PYTHON = { timeout: 45_000 };
const SNAPSHOT = 'pyodide/python-memory.snapshot';

const status = (target: Locator) => target.getByRole('status');
const output = (target: Locator) => target.getByRole('log');

test('a cell loads Monaco once its code is focused, and Python only after the page has loaded', async ({ page }) => {
  const requested: string[] = [];
  let loaded = false;
  let pythonBeforeLoad = false;
  page.on('load', () => (loaded = true));
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    requested.push(path);
    if (/pyodide|python-worker/.test(path) && !loaded) pythonBeforeLoad = true;
  });
  const editor = () => requested.filter((path) => /monaco|editor\.worker/.test(path));
  await page.goto(CATALOGUE, { waitUntil: 'networkidle' });
  expect(editor()).toEqual([]);

  // A window tall enough to show the cell without scrolling: in view is not enough on its own.
  await page.setViewportSize({ width: 1280, height: 4000 });
  const hello = await cell(page, HELLO_CELL);
  await page.waitForLoadState('networkidle');
  const code = hello.locator('.lb-cell__code pre');
  await expect(code).toContainText('show(TableName="ccbda-lambda-first", Limit=10)');
  expect(editor()).toEqual([]);

  await code.focus();
  await expect(hello.locator('.monaco-editor')).toBeVisible();
  await expect(hello.locator('.monaco-editor :focus')).toHaveCount(1);
  expect(editor().some((path) => path.includes('monaco-code-editor'))).toBe(true);
  // Python is preloaded once the page is idle after its load event (within 2 s of it, requestIdleCallback's
  // timeout, which a busy machine may stretch), never before that event.
  await expect.poll(() => requested.some((path) => path.includes('pyodide')), PYTHON).toBe(true);
  expect(pythonBeforeLoad).toBe(false);
});

test('Python is ready without a click once the page is idle, and Run uses that Python', async ({ page }) => {
  const snapshots: string[] = [];
  page.on('request', (request) => request.url().endsWith(SNAPSHOT) && snapshots.push(request.url()));
  await page.goto(CATALOGUE);
  const hello = await cell(page, HELLO_CELL);
  await expect(status(hello)).toHaveText('Python is ready.', PYTHON);
  await expect(hello).toHaveAttribute('data-python', 'ready');
  // Shown, not announced: every cell in view loads Python at once, unasked. A run's status is announced.
  await expect(status(hello)).toHaveAttribute('aria-live', 'off');
  await hello.getByRole('button', { name: 'Run' }).click();
  await expect(status(hello)).toHaveText('Finished without errors.');
  await expect(status(hello)).not.toHaveAttribute('aria-live', 'off');
  expect(snapshots).toHaveLength(1);
});

test('Run shows stdout and stderr apart, after saying Python is loading; a Run during the preload waits for that same load', async ({ page }) => {
  // Hold the snapshot back until Run is clicked, so the Run certainly comes while Python loads.
  let clicked!: () => void;
  const runClicked = new Promise<void>((resolve) => (clicked = resolve));
  const started: string[] = [];
  page.on('request', (request) => /python-worker|\.wasm$/.test(request.url()) && started.push(request.url()));
  await page.route(`**/${SNAPSHOT}`, async (route) => {
    await runClicked;
    await route.continue();
  });
  await page.goto(CATALOGUE);
  const hello = await cell(page, HELLO_CELL);
  await expect(hello).toHaveAttribute('data-python', 'loading', PYTHON);
  await expect(status(hello)).toHaveText('Loading Python…');
  await hello.getByRole('button', { name: 'Run' }).click();
  await expect(status(hello)).toHaveText('Loading Python…');
  clicked();
  await expect(status(hello)).toHaveText('Finished without errors.', PYTHON);
  await expect(output(hello).locator('[data-stream="stdout"]')).toHaveText("TableName = 'ccbda-lambda-first'\nLimit = 10\n");
  await expect(output(hello).locator('[data-stream="stderr"]')).toHaveText('This line goes to stderr.\n');
  // One worker, one Pyodide: the Run did not start a second load.
  expect(started.filter((url) => url.includes('python-worker'))).toHaveLength(1);
  expect(started.filter((url) => url.endsWith('.wasm'))).toHaveLength(1);
});

/** The keys of the snapshots the worker keeps in IndexedDB (stored-snapshot.ts). */
const storedSnapshotKeys = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<IDBValidKey[]>((resolve, reject) => {
        const open = indexedDB.open('labbook-python', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('snapshot');
        open.onerror = () => reject(new Error(`IndexedDB: ${open.error}`));
        open.onsuccess = () => {
          const keys = open.result.transaction('snapshot').objectStore('snapshot').getAllKeys();
          keys.onsuccess = () => (open.result.close(), resolve(keys.result));
        };
      }),
  );

test('a second chapter restores Python from the snapshot the first kept decoded, and never from an earlier build’s', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 4000 });
  await page.goto('/kwargs/');
  const first = await cell(page, 'Two ways to pass the same arguments');
  await expect(first).toHaveAttribute('data-python', 'ready', PYTHON);
  await expect(first).toHaveAttribute('data-python-snapshot', 'downloaded');
  // Kept once Python is ready, keyed by the snapshot's ETag.
  await expect.poll(() => storedSnapshotKeys(page), PYTHON).toEqual([expect.stringMatching(/^W\/"\d+-\d+"$/)]);

  await page.goto(CATALOGUE);
  const hello = await cell(page, HELLO_CELL);
  await hello.getByRole('button', { name: 'Run' }).click();
  await expect(status(hello)).toHaveText('Finished without errors.', PYTHON);
  await expect(hello).toHaveAttribute('data-python-snapshot', 'stored');

  // A copy kept under another build's ETag is not this build's snapshot: the browser's HTTP cache serves instead.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('labbook-python', 1);
        open.onsuccess = () => {
          const transaction = open.result.transaction('snapshot', 'readwrite');
          transaction.objectStore('snapshot').clear();
          transaction.objectStore('snapshot').put(new ArrayBuffer(16), 'W/"16-1"');
          transaction.oncomplete = () => (open.result.close(), resolve());
          transaction.onerror = () => reject(new Error(`IndexedDB: ${transaction.error}`));
        };
      }),
  );
  await page.goto('/kwargs/');
  await expect(first).toHaveAttribute('data-python', 'ready', PYTHON);
  await expect(first).toHaveAttribute('data-python-snapshot', 'http-cache');
});

test('an exception shows a traceback that points at the student’s line', async ({ page }) => {
  await page.goto(CATALOGUE);
  const hello = await cell(page, HELLO_CELL);
  await setCode(page, hello, 'count = 1\nnothing = 0\nprint(count / nothing)');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(status(hello)).toHaveText('ZeroDivisionError: division by zero (line 3)', PYTHON);
  const traceback = output(hello).locator('[data-stream="stderr"]');
  await expect(traceback).toContainText('File "<cell>", line 3, in <module>');
  await expect(traceback).toContainText('print(count / nothing)');
  await expect(traceback).not.toContainText('runner');
  await expect(traceback).not.toContainText('pyodide');
});

test('Stop ends a runaway loop, and the next run works', async ({ page }) => {
  await page.goto(CATALOGUE);
  const hello = await cell(page, HELLO_CELL);
  await setCode(page, hello, 'print("looping")\nwhile True: pass');
  await hello.getByRole('button', { name: 'Run' }).click();
  await expect(output(hello)).toContainText('looping', PYTHON);
  await expect(status(hello)).toHaveText('Running…');
  await hello.getByRole('button', { name: 'Stop' }).click();
  await expect(status(hello)).toHaveText('Stopped.');
  await expect(hello.getByRole('button', { name: 'Run' })).toBeFocused();

  await setCode(page, hello, 'print("after stop")');
  await hello.getByRole('button', { name: 'Run' }).click();
  await expect(status(hello)).toHaveText('Finished without errors.', PYTHON);
  await expect(output(hello)).toHaveText('after stop');
});

test('the time limit ends a runaway loop, and the next run works', async ({ page }) => {
  await page.goto(CATALOGUE);
  const loop = await cell(page, LOOP_CELL);
  await loop.getByRole('button', { name: 'Run' }).click();
  await expect(status(loop)).toHaveText('Running…', PYTHON);
  await expect(status(loop)).toHaveText('Timed out after 3 s.', { timeout: 10_000 });

  await setCode(page, loop, 'print("after the time limit")');
  await loop.getByRole('button', { name: 'Run' }).click();
  await expect(status(loop)).toHaveText('Finished without errors.', PYTHON);
  await expect(output(loop)).toHaveText('after the time limit');

  // An edit is not thrown away on one click.
  await loop.getByRole('button', { name: 'Reset' }).click();
  await loop.getByRole('group', { name: 'Reset this cell?' }).getByRole('button', { name: 'Discard my edits' }).click();
  await expect(loop.locator('.view-lines')).toContainText('while True:');
});

test('a cell’s edit is kept on this device: back after a reload, marked as edited, and Reset asks before it throws it away', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 4000 });
  await page.goto('/kwargs/');
  let twoWays = await cell(page, 'Two ways to pass the same arguments');
  await setCode(page, twoWays, 'print("my own version")');
  await expect(twoWays.getByText('Edited · kept on this device')).toBeVisible();

  await page.reload();
  twoWays = await cell(page, 'Two ways to pass the same arguments');
  await expect(twoWays.locator('.lb-cell__code')).toContainText('print("my own version")');
  await expect(twoWays.getByText('Edited · kept on this device')).toBeVisible();
  // Another cell on the page keeps its own code.
  await expect((await cell(page, 'The shared-default trap')).locator('.lb-cell__code')).toContainText('def add_tag(tag, tags=[]):');

  const confirm = twoWays.getByRole('group', { name: 'Reset this cell?' });
  await twoWays.getByRole('button', { name: 'Reset' }).click();
  await confirm.getByRole('button', { name: 'Keep them' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(twoWays.locator('.lb-cell__code')).toContainText('print("my own version")');
  await twoWays.getByRole('button', { name: 'Reset' }).click();
  await expect(confirm).toContainText('Reset throws away your edits to this cell');
  await confirm.getByRole('button', { name: 'Discard my edits' }).click();
  await expect(twoWays.locator('.lb-cell__code')).toContainText('def greet(name, greeting="Hello"):');
  await expect(twoWays.getByText(/^Edited/)).toHaveCount(0);

  await page.reload();
  twoWays = await cell(page, 'Two ways to pass the same arguments');
  await expect(twoWays.locator('.lb-cell__code')).toContainText('def greet(name, greeting="Hello"):');
});

test('an exercise fails with a message naming the check, offers its solution, passes with a right answer, and stays done after a reload', async ({ page }) => {
  await page.goto(CATALOGUE);
  let exercise = await cell(page, EXERCISE);
  const section = page.getByRole('region', { name: EXERCISE });
  await expect(section.getByText('0 of 2 exercises on this page done')).toBeVisible();
  await expect(section.getByText('✓ Done')).toHaveCount(0);

  await exercise.getByRole('button', { name: 'Run' }).click();
  await expect(status(exercise)).toHaveText("Check failed: names(b=1, a=2) should return ['a', 'b']", PYTHON);
  // After a failed run the solution is one press away.
  const solution = (region: typeof section) => region.locator('.lb-exercise__solution pre');
  await section.getByRole('button', { name: 'Show solution' }).click();
  await expect(solution(section)).toHaveText('def names(**kwargs):\n    return sorted(kwargs)');

  // This one has no message: the failure is named by the assert's condition.
  await setCode(page, exercise, 'def names(**kwargs): return ["a", "b"] if kwargs else []');
  await exercise.getByRole('button', { name: 'Run' }).click();
  await expect(status(exercise)).toHaveText('Check failed: names(TableName="t") == ["TableName"]', PYTHON);
  await expect(section.getByText('✓ Done')).toHaveCount(0);

  await setCode(page, exercise, 'def names(**kwargs): return sorted(kwargs)');
  await exercise.getByRole('button', { name: 'Run' }).click();
  await expect(status(exercise)).toHaveText('Passed: all checks passed', PYTHON);
  await expect(section.getByText('✓ Done, after seeing the solution')).toBeVisible();
  const other = page.getByRole('region', { name: OTHER_EXERCISE });
  await other.scrollIntoViewIfNeeded();
  await expect(other.getByText('1 of 2 exercises on this page done')).toBeVisible();
  await expect(other.getByText('✓ Done')).toHaveCount(0);
  // Never run: the first press asks for a try, the second shows it anyway.
  await other.getByRole('button', { name: 'Show solution' }).click();
  await expect(other.getByText('Run your code first: the checks say what is missing.', { exact: false })).toBeVisible();
  await expect(solution(other)).toHaveCount(0);
  await other.getByRole('button', { name: 'Show solution' }).click();
  await expect(solution(other)).toContainText('return put_item(**body)');

  await page.reload();
  exercise = await cell(page, EXERCISE);
  await expect(section.getByText('✓ Done, after seeing the solution')).toBeVisible();
  await expect(solution(section)).toBeVisible();
  await expect(exercise.locator('.lb-cell__code')).toContainText('return sorted(kwargs)');
});

test('a cell can be used from the keyboard alone', async ({ page }) => {
  await page.goto(CATALOGUE);
  const hello = await cell(page, HELLO_CELL);
  await hello.getByRole('button', { name: 'Run' }).focus();
  await page.keyboard.press('Shift+Tab'); // back into the code: the editor loads and takes the focus
  await expect(hello.locator('.monaco-editor :focus')).toHaveCount(1);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(status(hello)).toHaveText('Finished without errors.', PYTHON);
  await page.keyboard.press('Control+M'); // Tab now moves focus instead of indenting
  await page.keyboard.press('Tab');
  await expect(hello.getByRole('button', { name: 'Run' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(hello.getByRole('button', { name: 'Stop' })).toBeFocused();
});

test('the editor’s own editing keys work: comment, move a line, matching brackets', async ({ page }) => {
  // The features monaco-code-editor.ts imports, still there and working without the parts
  // monaco-unused-parts.ts leaves out (reaching one of those would be a page error).
  await page.goto(CATALOGUE);
  const hello = await cell(page, HELLO_CELL);
  await setCode(page, hello, 'total = (1 + 2)\nprint(total)  # the sum');
  const lines = hello.locator('.view-lines .view-line');
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+/');
  await expect(lines).toHaveText(['# total = (1 + 2)', 'print(total)  # the sum']);
  await page.keyboard.press('ControlOrMeta+/');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(lines).toHaveText(['print(total)  # the sum', 'total = (1 + 2)']);
  await page.keyboard.press('End');
  await expect(hello.locator('.bracket-match')).toHaveCount(2);
});

test('cells and exercises follow the site theme and have no serious or critical accessibility violations', async ({ page }) => {
  await page.goto(CATALOGUE);
  const hello = await cell(page, HELLO_CELL);
  await hello.locator('.lb-cell__code').click();
  await expect(hello.locator('.monaco-editor')).toBeVisible();
  await hello.getByRole('button', { name: 'Run' }).click();
  await expect(status(hello)).toHaveText('Finished without errors.', PYTHON);
  const exercise = await cell(page, EXERCISE);
  await exercise.getByRole('button', { name: 'Run' }).click();
  await expect(status(exercise)).toContainText('Check failed', PYTHON);

  for (const [theme, editorTheme] of [
    ['dark', 'vs-dark'],
    ['light', 'vs'],
  ]) {
    await page.evaluate((name) => (document.documentElement.dataset.theme = name), theme);
    await expect(hello.locator('.monaco-editor')).toHaveClass(new RegExp(`(^|\\s)${editorTheme}(\\s|$)`));
    expect(await seriousViolations(page, ['main']), theme).toEqual([]);
  }
});

test('code in a cell cannot reach the credentials the page holds', async ({ page, request }) => {
  await page.goto(CATALOGUE);
  const issued = await useAwsThroughRelay(page, request);
  const hello = await cell(page, HELLO_CELL);
  // Python runs in a worker: no window, no document, no storage, no way to the page's memory.
  await setCode(
    page,
    hello,
    [
      'import js',
      'reachable = [n for n in ("window", "document", "localStorage", "sessionStorage", "parent", "top", "opener") if hasattr(js, n)]',
      'print("reachable:", reachable)',
      'print("globals:", " ".join(str(k) for k in js.Object.getOwnPropertyNames(js.self)))',
    ].join('\n'),
  );
  await hello.getByRole('button', { name: 'Run' }).click();
  await expect(output(hello)).toContainText('reachable: []', PYTHON);
  const printed = (await output(hello).textContent()) ?? '';
  expect(printed).toContain('globals:');
  for (const secret of [issued.accessKeyId, issued.secretAccessKey, issued.sessionToken]) expect(printed).not.toContain(secret);
  // The page itself does hold them (in sessionStorage, for this tab), so the probe looked where they are.
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).toContain(issued.secretAccessKey);
});

test('a long line wraps, before and after the editor loads, so its comment is never cut off', async ({ page }) => {
  // As wide as a laptop's window; tall enough that nothing scrolls, since scrolling loads the editor.
  await page.setViewportSize({ width: 1280, height: 4000 });
  await page.goto('/kwargs/');
  const twoWays = await cell(page, 'Two ways to pass the same arguments');
  const code = twoWays.locator('.lb-cell__code');
  const overflows = (scope: Locator, selector: string) =>
    scope.evaluate((root, inner) => [...root.querySelectorAll(inner)].some((part) => part.scrollWidth > part.clientWidth + 1), selector);
  // The static code: the comment's last words are on screen, the line numbers are not part of the text.
  await expect(code.locator('pre')).toContainText('# by position; greeting takes its default');
  expect(await overflows(code, 'pre')).toBe(false);
  await expect(code.getByText('greeting takes its default')).toBeInViewport();
  expect((await code.locator('pre').textContent())!.split('\n')[0]).toBe('def greet(name, greeting="Hello"):');

  await code.locator('pre').focus();
  await expect(twoWays.locator('.monaco-editor')).toBeVisible();
  // Monaco draws each visual line apart and numbers only the first of a wrapped line.
  const numbered = await twoWays.locator('.margin-view-overlays .line-numbers').count();
  await expect.poll(() => twoWays.locator('.view-lines .view-line').count()).toBeGreaterThan(numbered);
});
