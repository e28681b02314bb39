// A widget used wrongly in a chapter stops `astro build`, naming the chapter, the widget and
// the prop, instead of failing in the student's browser or quietly using the lab's defaults.
// Astro stops at the first page that fails, so each mistake gets a build of its own, on a
// minimal site: Starlight, the project's src/ and one chapter.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { astroFailure, projectCopy, removeCopy } from './project-copy.ts';

/**
 * The widgets' browser islands stand in as empty components: props are checked in each
 * widget's frontmatter on the server, before any island renders, and bundling the real ones
 * (the AWS SDK among them) for the browser would triple each build's time.
 */
const CONFIG = `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';

const emptyIslands = {
  name: 'empty-islands',
  enforce: 'pre',
  load: (id) => (/[\\\\/]src[\\\\/]widgets[\\\\/].*\\.tsx$/.test(id) ? 'export default function Island() { return null; }' : undefined),
};

export default defineConfig({ vite: { plugins: [emptyIslands] }, integrations: [starlight({ title: 'labbook' }), preact()] });
`;

const chapter = (widget: string, usage: string) => `---
title: A chapter
---
import { ${widget} } from '@widgets';

${usage}
`;

describe('astro build on a chapter that uses a widget wrongly', () => {
  let copy = '';
  beforeAll(async () => {
    copy = await projectCopy(['src', 'lambda', 'public', 'tsconfig.json', 'package.json']);
    await writeFile(join(copy, 'astro.config.mjs'), CONFIG);
    await mkdir(join(copy, 'content'));
    await writeFile(join(copy, 'content/index.mdx'), '---\ntitle: Start here\n---\nHello.\n');
  });
  afterAll(() => copy && removeCopy(copy));

  test.each([
    [
      'a wrong step id',
      'LabStep',
      '<LabStep step="task-8-2/tabel" />',
      'step: "task-8-2/tabel" is not a step. Did you mean task-8-2/table? Steps: task-8-1/table,',
    ],
    ['a misspelled prop', 'FunctionLogs', '<FunctionLogs functionname="Mine" />', 'functionname is not a prop of this widget. Did you mean functionName?'],
  ])(
    '%s stops it, naming the chapter, the prop and the one meant',
    async (_, widget, usage, problem) => {
      await writeFile(join(copy, 'content/chapter.mdx'), chapter(widget, usage));
      const output = await astroFailure(copy, ['build']);
      expect(output).toBeDefined();
      expect(output).toContain(`<${widget}> in content/chapter.mdx:\n  ${problem}`);
    },
    120_000,
  );
});
