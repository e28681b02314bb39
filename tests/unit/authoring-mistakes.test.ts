// Every kind of authoring mistake stops `astro build` with a message that names the file, the
// offending prop, id or link, and the line where the source has one, instead of failing in
// the student's browser or quietly using the lab's defaults. Astro stops at the first page
// that fails, so each mistake gets a build of its own, on a minimal site: Starlight with the
// project's authoring checks, the project's src/ and the chapters the case writes. Mistakes in
// the frontmatter stop `astro sync` already, and lab-block.test.ts tests them there.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { astroFailure, projectCopy, removeCopy } from './project-copy.ts';

/**
 * The widgets' browser islands stand in as empty components: props are checked in each
 * widget's frontmatter on the server, before any island renders, and bundling the real ones
 * (the AWS SDK among them) for the browser would triple each build's time.
 */
const CONFIG = `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { authoringChecks } from './src/site/authoring/authoring-checks.ts';
import { chapterResourcesImports } from './src/site/integrations/chapter-resources-import.ts';

const emptyIslands = {
  name: 'empty-islands',
  enforce: 'pre',
  load: (id) => (/[\\\\/]src[\\\\/]widgets[\\\\/].*\\.tsx$/.test(id) ? 'export default function Island() { return null; }' : undefined),
};

export default defineConfig({ vite: { plugins: [emptyIslands, chapterResourcesImports()] }, integrations: [starlight({ title: 'labbook', plugins: [authoringChecks()] }), preact()] });
`;

const chapter = (widget: string, usage: string, frontmatter = '') => `---
title: A chapter
${frontmatter}---
import { ${widget} } from '@widgets';

Some text first.

${usage}
`;

/** A chapter of the given MDX, for the cases that are about the chapter rather than a widget. */
const page = (body: string, frontmatter = '') => `---\ntitle: Another chapter\n${frontmatter}---\n${body}\n`;

const EXERCISE = (id: string) => `<Exercise id="${id}" title="Sum" code={\`x = 1\`} check={\`assert x == 1\`} />`;

interface Mistake {
  /** content/ file → its text, beside content/index.mdx. */
  files: Record<string, string>;
  /** What the build's output must say. */
  says: string[];
}

const mistakes: Record<string, Mistake> = {
  'a wrong step id': {
    files: { 'chapter.mdx': chapter('LabStep', '<LabStep step="task-8-2/tabel" />') },
    says: ['<LabStep> in content/chapter.mdx (line 8):\n  step: "task-8-2/tabel" is not a step. Did you mean task-8-2/table? Steps: task-8-1/table,'],
  },
  'a misspelled prop': {
    files: { 'chapter.mdx': chapter('FunctionLogs', '<FunctionLogs functionname="Mine" />') },
    says: ['<FunctionLogs> in content/chapter.mdx (line 8):\n  functionname is not a prop of this widget. Did you mean functionName?'],
  },
  'a missing required prop': {
    files: { 'chapter.mdx': chapter('LabStep', '<LabStep />') },
    says: ['<LabStep> in content/chapter.mdx (line 8):\n  step is required'],
  },
  'an exercise without a check': {
    files: { 'chapter.mdx': chapter('Exercise', '<Exercise id="sum" title="Sum" code={`x = 1`} />') },
    says: ['<Exercise> in content/chapter.mdx (line 8):\n  check is required'],
  },
  'a wrong type': {
    files: { 'chapter.mdx': chapter('PythonCell', '<PythonCell code={`print(1)`} timeout="three" />') },
    says: ['<PythonCell> in content/chapter.mdx (line 8):\n  timeout="three" is not a number'],
  },
  'an unknown check id': {
    files: { 'chapter.mdx': chapter('CheckMyWork', '<CheckMyWork check="task-8-1/tabel-and-function" />') },
    says: ['<CheckMyWork> in content/chapter.mdx (line 8):\n  check: "task-8-1/tabel-and-function" is not a check. Did you mean task-8-1/table-and-function?'],
  },
  'an exercise id used in two chapters': {
    files: { 'chapter.mdx': chapter('Exercise', EXERCISE('sum')), 'other.mdx': page(`import { Exercise } from '@widgets';\n\n${EXERCISE('sum')}`) },
    says: ['The exercise id "sum" is used more than once', 'content/chapter.mdx (line 8)', 'content/other.mdx (line 6)'],
  },
  'a declared function whose code file is missing': {
    files: {
      'chapter.mdx': page('Hello.', 'resources:\n  - kind: lambda-function\n    name: Counter\n    code: counter.py\n    handler: counter.handler\n'),
    },
    says: ['content/chapter.mdx (line 6): resources[0].code: there is no file counter.py beside the chapter'],
  },
  'a declared table with an unknown key type': {
    files: {
      'chapter.mdx': page('Hello.', 'resources:\n  - kind: dynamodb-table\n    name: Visits\n    partitionKey: { name: page, type: string }\n'),
    },
    says: ['content/chapter.mdx', 'resources.0.partitionKey.type'],
  },
  'a prerequisite that is not a chapter': {
    files: { 'chapter.mdx': page('Text.', 'lab:\n  minutes: 5\n  objectives: [Read.]\n  prerequisites: [indx]\n  checks: [task-8-1/api]\n') },
    says: ['content/chapter.mdx: lab.prerequisites.0: "indx" is not a chapter. Did you mean index?'],
  },
  'a lab check of resources that no chapter declares': {
    files: {
      'chapter.mdx': page('Text.', 'lab:\n  minutes: 5\n  objectives: [Read.]\n  checks: [chapter/resources]\n'),
      'counter.mdx': page('Hello.', 'resources:\n  - kind: dynamodb-table\n    name: Visits\n    partitionKey: { name: page, type: S }\n'),
    },
    says: ['content/chapter.mdx: lab.checks.0: "chapter/resources" is not a check: no chapter chapter declares resources. Chapters that do: counter.'],
  },
  'a broken internal link': {
    files: { 'chapter.mdx': page('See [the Lambda chapter](/lamda/) first.') },
    says: ['content/chapter.mdx (line 4): /lamda/ — the site has no page or file /lamda/'],
  },
  'a link to a heading that is not there': {
    files: { 'chapter.mdx': page('See [the start](/#nowhere).') },
    says: ['content/chapter.mdx (line 4): /#nowhere — / has no heading or element with the id "nowhere"'],
  },
};

describe('astro build on a chapter with an authoring mistake', () => {
  let copy = '';
  beforeAll(async () => {
    copy = await projectCopy(['src', 'lambda', 'public', 'tsconfig.json', 'package.json']);
    await writeFile(join(copy, 'astro.config.mjs'), CONFIG);
  });
  beforeEach(async () => {
    await rm(join(copy, 'content'), { recursive: true, force: true });
    await mkdir(join(copy, 'content'));
    await writeFile(join(copy, 'content/index.mdx'), '---\ntitle: Start here\n---\nHello.\n');
  });
  afterAll(() => copy && removeCopy(copy));

  test.each(Object.entries(mistakes))(
    '%s stops it, naming the file and what is wrong',
    async (_, { files, says }) => {
      for (const [name, text] of Object.entries(files)) await writeFile(join(copy, 'content', name), text);
      const output = await astroFailure(copy, ['build']);
      expect(output, 'the build passed').toBeDefined();
      for (const part of says) expect(output).toContain(part);
    },
    120_000,
  );

  test('a correct chapter builds', async () => {
    await writeFile(join(copy, 'content/chapter.mdx'), chapter('Exercise', `${EXERCISE('sum')}\n\nSee [the start](/).`));
    expect(await astroFailure(copy, ['build'])).toBeUndefined();
  }, 120_000);
});
