// A chapter's `lab:` block: the schema's answers to an author's mistakes, the check that a
// chapter's exercises are the ones it lists and its prerequisites are chapters, and, once for real, `astro sync` on a copy of the
// project whose chapter has a wrong check id and a missing field: it stops, naming the file and
// both fields.
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { exerciseIdsIn, exerciseMismatch } from '../../src/site/lab-block/exercises.ts';
import { unknownDeclaredChecks } from '../../src/site/lab-block/declared-checks.ts';
import { unknownPrerequisites } from '../../src/site/lab-block/prerequisites.ts';
import { labBlockSchema } from '../../src/site/lab-block/schema.ts';
import { astroFailure, projectCopy, removeCopy, ROOT } from './project-copy.ts';

const valid = { minutes: 30, objectives: ['Do a thing.'], prerequisites: ['lambda'], checks: ['task-8-1/api'], exercises: [] };

/** Each problem as `path: message`, as Astro prints them. */
const problems = (lab: unknown) => {
  const result = labBlockSchema.safeParse(lab);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('the lab block schema', () => {
  test('accepts a whole block, and fills the optional lists', () => {
    expect(problems(valid)).toEqual([]);
    expect(labBlockSchema.parse({ minutes: 5, objectives: ['x'], exercises: ['e'] })).toEqual({
      minutes: 5,
      objectives: ['x'],
      prerequisites: [],
      checks: [],
      exercises: ['e'],
    });
  });

  test('names each wrong id with the ones that exist', () => {
    expect(problems({ ...valid, checks: ['task-8-1/api', 'task-8-1/apy'] })).toEqual([
      expect.stringMatching(/^checks\.1: "task-8-1\/apy" is not a check\. Did you mean task-8-1\/api\? Checks: task-8-1\/table-and-function, task-8-1\/api, /),
    ]);
  });

  test('takes a chapter’s declared-resources check, which the build then looks up among the chapters that declare resources', () => {
    expect(problems({ ...valid, checks: ['examples/visitor-counter/resources'] })).toEqual([]);
    expect(unknownDeclaredChecks(['task-8-1/api', 'examples/visitor-counter/resources'], ['examples/visitor-counter'])).toBeUndefined();
    expect(unknownDeclaredChecks(['task-8-1/api', 'examples/visitor-countr/resources'], ['examples/visitor-counter'])).toBe(
      'lab.checks.1: "examples/visitor-countr/resources" is not a check: no chapter examples/visitor-countr declares resources. Did you mean examples/visitor-counter? Chapters that do: examples/visitor-counter.',
    );
  });

  test('names a prerequisite that is not a chapter, with the close ones and all of them', () => {
    const chapters = ['index', 'kwargs', 'lambda'];
    expect(unknownPrerequisites(['kwargs', 'lambda'], chapters)).toBeUndefined();
    expect(unknownPrerequisites(['kwargs', 'lamda'], chapters)).toBe(
      'lab.prerequisites.1: "lamda" is not a chapter. Did you mean lambda? Chapters: index, kwargs, lambda.',
    );
  });

  test('a missing or mistyped field, an unknown field, or nothing to complete is refused', () => {
    expect(problems({ ...valid, minutes: undefined })).toEqual([expect.stringMatching(/^minutes: /)]);
    expect(problems({ ...valid, minutes: 'three' })).toEqual([expect.stringMatching(/^minutes: .*number/i)]);
    expect(problems({ ...valid, objectives: [] })).toEqual([expect.stringMatching(/^objectives: /)]);
    expect(problems({ ...valid, minute: 3 })).toEqual([expect.stringMatching(/minute/)]);
    expect(problems({ ...valid, checks: [], exercises: [] })).toEqual([': A chapter with a lab block needs at least one check or exercise to complete it.']);
  });
});

describe('a chapter’s exercises against its lab block', () => {
  const source = `
<Exercise
  title="One"
  id="first"
  code={\`x = 1\`}
>
text
</Exercise>
<Exercise id="second" title="Two" />
<PythonCell id="not-an-exercise" />`;

  test('finds every <Exercise> id, whichever line it is on', () => {
    expect(exerciseIdsIn(source)).toEqual(['first', 'second']);
  });

  test('says which ids are not exercises and which exercises are not listed', () => {
    expect(exerciseMismatch(['first', 'second'], exerciseIdsIn(source))).toBeUndefined();
    expect(exerciseMismatch(['first', 'secnd'], exerciseIdsIn(source))).toBe(
      'lab.exercises: "secnd" is not an exercise in this chapter; the exercise "second" is not listed. The chapter\'s exercises: first, second.',
    );
  });

  test('every chapter of the lab lists exactly its exercises', async () => {
    const { glob } = await import('node:fs/promises');
    for await (const file of glob('content/**/*.mdx', { cwd: ROOT })) {
      const text = await readFile(join(ROOT, file), 'utf8');
      const declared = /^lab:[^]*?^ {2}exercises: \[([^\]]*)\]/m.exec(text.split('\n---\n')[0]);
      if (declared) expect({ file, problem: exerciseMismatch(declared[1].split(/,\s*/), exerciseIdsIn(text)) }).toEqual({ file, problem: undefined });
    }
  });
});

describe('astro sync on a chapter with mistakes', () => {
  let copy: string | undefined;
  afterAll(() => copy && removeCopy(copy));

  test('stops, naming the file and each field', async () => {
    // The project with its own content copied (to break one chapter) and everything else linked.
    copy = await projectCopy(['src', 'lambda', 'public', 'tsconfig.json', 'package.json']);
    await cp(join(ROOT, 'astro.config.mjs'), join(copy, 'astro.config.mjs'));
    await cp(join(ROOT, 'content'), join(copy, 'content'), { recursive: true });
    const chapter = join(copy, 'content/task-8-1.mdx');
    const text = await readFile(chapter, 'utf8');
    await writeFile(chapter, text.replace('  minutes: 120\n', '').replace('checks: [task-8-1/table-and-function,', 'checks: [task-8-1/table-and-functon,'));

    const output = await astroFailure(copy, ['sync']);
    expect(output).toBeDefined();
    expect(output).toContain('docs → task-8-1 data does not match collection schema');
    expect(output).toMatch(/lab\.minutes/);
    expect(output).toContain('lab.checks.0: "task-8-1/table-and-functon" is not a check.');
    expect(output).toContain(join(copy, 'content/task-8-1.mdx'));
  }, 120_000);
});
