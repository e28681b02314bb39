// Site-wide checks: the sidebar, search, themes, the not-found page and every internal link.
// Each chapter's own checks are in chapter-pages.spec.ts.
import { expect, test } from '@playwright/test';
import { watchPageErrors } from './page-errors.ts';
import { chapterPaths } from './site-pages.ts';

test('every internal link on every page resolves', async ({ request }) => {
  const seen = new Set<string>();
  const broken: string[] = [];
  const queue: Array<{ url: string; from: string }> = [{ url: '/', from: '(start)' }];
  while (queue.length > 0) {
    const { url, from } = queue.shift()!;
    const path = url.split('#')[0];
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await request.get(path);
    if (!response.ok()) {
      broken.push(`${path} (linked from ${from}): ${response.status()}`);
      continue;
    }
    if (!(response.headers()['content-type'] ?? '').includes('text/html')) continue;
    const html = await response.text();
    for (const [, raw] of html.matchAll(/<a\s[^>]*href="([^"]*)"/g)) {
      const href = raw.replaceAll('&amp;', '&');
      if (href.startsWith('/') && !href.startsWith('//')) queue.push({ url: href, from: path });
    }
  }
  expect(broken).toEqual([]);
  for (const chapter of chapterPaths()) expect(seen).toContain(chapter);
});

test('an unknown address gets the workbook’s not-found page, with a 404 status', async ({ page }) => {
  const response = await page.goto('/no-such-chapter/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'This page is not in the workbook' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Start here' })).toHaveAttribute('href', '/');
});

test('the sidebar lists every chapter in the lab order', async ({ page }) => {
  await page.goto('/');
  const hrefs = await page.locator('nav[aria-label="Main"] a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  expect(hrefs).toEqual(chapterPaths());
});

test('search finds a chapter by its content', async ({ page }) => {
  const errors = watchPageErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Search' }).fill('keyword arguments');
  await expect(page.getByRole('dialog').locator('a[href*="/kwargs/"]').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('dark mode can be chosen and survives a reload', async ({ page }) => {
  await page.goto('/');
  const picker = page.locator('starlight-theme-select select').first();
  await picker.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.selectOption('starlight-theme-select select', 'light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the server sends a Content-Security-Policy that blocks an injected inline script', async ({ page }) => {
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
});
