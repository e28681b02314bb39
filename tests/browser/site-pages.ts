import type { Page } from '@playwright/test';
import { sidebar } from '../../src/site/sidebar.ts';

type Entry = { label: string; slug?: string; items?: Entry[] };

/** Every chapter URL, in sidebar order: the pages a student reads. */
export function chapterPaths(): string[] {
  const paths: string[] = [];
  const walk = (entries: Entry[]) => {
    for (const entry of entries) {
      if (entry.slug !== undefined) paths.push(entry.slug === 'index' ? '/' : `/${entry.slug}/`);
      if (entry.items) walk(entry.items);
    }
  };
  walk(sidebar as Entry[]);
  return paths;
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
