// A chapter's checks as its source shows them, and a check's title under its chapter.
import { withoutCodeBlocks } from '../../site/lab-block/exercises.ts';

/** The `check` of every `<CheckMyWork …>` in an MDX source outside code blocks, in order. */
export function checkIdsIn(source: string): string[] {
  return [...withoutCodeBlocks(source).matchAll(/<CheckMyWork\s[^>]*?\bcheck="([^"]*)"/g)].map((match) => match[1]);
}

/** `Task 8.1: the HTTP API` reads `the HTTP API` under the chapter `Task 8.1: a serverless CRUD app`. */
export function titleWithinChapter(checkTitle: string, chapterTitle: string): string {
  const prefix = /^([^:]+): /.exec(checkTitle)?.[1];
  return prefix !== undefined && chapterTitle.startsWith(`${prefix}:`) ? checkTitle.slice(prefix.length + 2) : checkTitle;
}
