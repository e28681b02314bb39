import type { Page } from '@playwright/test';
import { contentChapters } from '../../src/site/sidebar/content-chapters.ts';

/** Every chapter URL, in sidebar order: the pages a student reads. */
export function chapterPaths(): string[] {
  return contentChapters().map((chapter) => chapter.path);
}

/** Every command a chapter prints: the code a student reads and what its copy buttons copy. */
export async function printedCode(page: Page): Promise<string> {
  return page.evaluate(() => {
    const content = document.querySelector('.sl-markdown-content');
    if (!content) return '';
    const shown = [...content.querySelectorAll('code')].map((code) => code.textContent);
    const copied = [...content.querySelectorAll<HTMLElement>('[data-code]')].map((button) => button.dataset.code);
    return [...shown, ...copied].join('\n');
  });
}
