// `astro build` on a minimal site with the project's sidebar plugin: chapters that say only in
// their frontmatter where they go come out in the built sidebar in their groups and order, an
// Examples group closed, and each page's previous and next links follow that order.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { astroFailure, projectCopy, removeCopy } from './project-copy.ts';

const CONFIG = `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { chapterSidebar } from './src/site/sidebar/plugin.ts';
import { authoringChecks } from './src/site/authoring/authoring-checks.ts';

export default defineConfig({ integrations: [starlight({ title: 'labbook', plugins: [chapterSidebar(), authoringChecks()] }), preact()] });
`;

const CHAPTERS: Record<string, string> = {
  'index.mdx': 'title: Start here\nsidebar:\n  order: 0',
  'lambda.mdx': 'title: AWS Lambda\nsidebar:\n  order: 11\n  group: Concepts',
  'kwargs.mdx': 'title: Python keyword arguments\nsidebar:\n  order: 10\n  label: Keyword arguments\n  group: Concepts',
  'examples/visitor-counter.mdx': 'title: A visitor counter\nsidebar:\n  order: 40\n  group: { label: Examples, collapsed: true }',
};

/** The built page's sidebar as lines: `+`/`-` for an open or closed group, `*` for the current page, a group's links indented. */
function sidebarOutline(html: string): string[] {
  const nav = html.slice(html.indexOf('<ul class="top-level'), html.indexOf('</nav>'));
  const lines: string[] = [];
  let depth = 0;
  const tokens =
    /<details( open)?[^>]*><summary[^>]*><span class="group-label[^"]*"><span class="large[^"]*">([^<]*)<|<\/details>|<a href="([^"]*)"([^>]*)><span[^>]*>([^<]*)</g;
  for (const [token, open, group, href, attributes, label] of nav.matchAll(tokens)) {
    if (token === '</details>') depth--;
    else if (group !== undefined) lines.push(`${'  '.repeat(depth++)}${open ? '+' : '-'}${group}`);
    else lines.push(`${'  '.repeat(depth)}${attributes.includes('aria-current="page"') ? '*' : ''}${label} ${href}`);
  }
  return lines;
}

const pagination = (html: string) => [...html.matchAll(/<a href="([^"]*)" rel="(prev|next)"/g)].map(([, href, rel]) => `${rel} ${href}`);

let copy = '';
beforeAll(async () => {
  copy = await projectCopy(['src', 'lambda', 'public', 'tsconfig.json', 'package.json']);
  await writeFile(join(copy, 'astro.config.mjs'), CONFIG);
  await mkdir(join(copy, 'content/examples'), { recursive: true });
  for (const [file, frontmatter] of Object.entries(CHAPTERS)) await writeFile(join(copy, 'content', file), `---\n${frontmatter}\n---\nText.\n`);
  expect(await astroFailure(copy, ['build'])).toBeUndefined();
}, 120_000);
afterAll(() => copy && removeCopy(copy));

test('chapters with only frontmatter are in the built sidebar in their groups and order, with prev and next to match', async () => {
  const page = await readFile(join(copy, 'dist/lambda/index.html'), 'utf8');
  expect(sidebarOutline(page)).toEqual([
    'Start here /',
    '+Concepts',
    '  Keyword arguments /kwargs/',
    '  *AWS Lambda /lambda/',
    '-Examples',
    '  A visitor counter /examples/visitor-counter/',
  ]);
  expect(pagination(page)).toEqual(['prev /kwargs/', 'next /examples/visitor-counter/']);
});
