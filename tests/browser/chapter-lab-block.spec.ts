// A chapter's `lab:` block as a student meets it: its time and goals at the top, its time in
// the sidebar, and a tick there once what completes it is done — its checks passed in the
// current target and its exercises solved.
import { expect } from '@playwright/test';
import { test } from './page-errors.ts';
import { sandboxInfo, useSandboxInPage } from './target-helpers.ts';

test('a chapter shows its time and goals, and is ticked in the sidebar once its checks pass here and its exercises are solved', async ({ page, request }) => {
  await page.goto('/task-8-1/');
  const summary = page.getByRole('complementary', { name: 'About this chapter' });
  await expect(summary).toContainText('About 120 minutes. Do first: Python keyword arguments, AWS Lambda, API Gateway.');
  await expect(summary.getByRole('listitem')).toHaveCount(2);
  const sidebarEntry = page.locator('#starlight__sidebar').getByRole('link', { name: /^Task 8\.1: a serverless CRUD app/ });
  await expect(sidebarEntry).toHaveAccessibleName('Task 8.1: a serverless CRUD app 120 min');

  await useSandboxInPage(page);
  const { accountId } = await sandboxInfo(request);
  const store = (entries: Record<string, unknown>) =>
    page.evaluate((values) => Object.entries(values).forEach(([key, value]) => localStorage.setItem(key, JSON.stringify(value))), entries);
  const passed = { done: true, at: '2026-12-04T09:00:00.000Z' };
  // The exercise solved and one of the two checks passed: not yet.
  await store({ 'labbook:exercise:task-8-1-safe-handler': { done: true }, [`labbook:checks:sandbox:${accountId}`]: { 'task-8-1/api': passed } });
  await page.reload();
  await expect(sidebarEntry).toHaveAccessibleName('Task 8.1: a serverless CRUD app 120 min');
  // Both checks passed, but in another target: still not.
  await store({ 'labbook:checks:aws:123456789012:us-east-1': { 'task-8-1/api': passed, 'task-8-1/table-and-function': passed } });
  await page.reload();
  await expect(sidebarEntry).toHaveAccessibleName('Task 8.1: a serverless CRUD app 120 min');
  // Both passed in this target: complete, on every page.
  await store({ [`labbook:checks:sandbox:${accountId}`]: { 'task-8-1/api': passed, 'task-8-1/table-and-function': passed } });
  await page.goto('/kwargs/');
  const completed = page.locator('#starlight__sidebar').getByRole('link', { name: /^Task 8\.1/ });
  await expect(completed).toHaveAccessibleName('Task 8.1: a serverless CRUD app 120 min (complete)');
  await expect(completed.getByText('✓')).toBeVisible();
  await expect(page.locator('#starlight__sidebar').getByRole('link', { name: /^Python keyword arguments/ })).toHaveAccessibleName(
    'Python keyword arguments 40 min',
  );
});
