import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * Playwright's own browser cannot be downloaded on every machine; fall back to an
 * installed Chromium (CHROMIUM_PATH, default /usr/bin/chromium) when it is absent.
 */
export function chromiumLaunchOptions() {
  const bundled = safeExecutablePath();
  const executablePath = process.env.CHROMIUM_PATH ?? (bundled && existsSync(bundled) ? undefined : '/usr/bin/chromium');
  return {
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  };
}

function safeExecutablePath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}
