// Every exercise in the lab's chapters comes with the instructor's solution, and the page's
// own runner agrees with both halves of the instructors' rule: the solution passes the
// exercise's checks and the starter code does not.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { runInNewContext } from 'node:vm';
// The MDX parser Astro's MDX integration runs: its attribute expressions are the source the
// page evaluates, with the two leading spaces MDX removes from continuation lines already gone.
import { mdxToMdast, type MdastNode, type MdxJsxFlowElement, type MdxJsxTextElement } from 'satteri';
import { describe, expect, it } from 'vitest';
import { exerciseIdsIn } from '../../src/site/lab-block/exercises.ts';
import { runCells } from './cell-runner.ts';

const CONTENT = join(import.meta.dirname, '../../content');

interface ChapterExercise {
  chapter: string;
  id: string;
  code: string;
  check: string;
  /** Where the solution was imported from, relative to content/; undefined without one. */
  solutionFile?: string;
  solution?: string;
}

/** `import name from './file?raw'` lines: name → the file, relative to content/. */
function rawImports(esm: string, chapterDir: string): Map<string, string> {
  const found = [...esm.matchAll(/^import (\w+) from '(\.[^']+)\?raw';$/gm)];
  return new Map(found.map(([, name, path]) => [name, relative(CONTENT, join(chapterDir, path))]));
}

function exercisesIn(chapter: string): ChapterExercise[] {
  const tree = mdxToMdast(readFileSync(join(CONTENT, chapter), 'utf8'));
  const elements: Array<MdxJsxFlowElement | MdxJsxTextElement> = [];
  let esm = '';
  const walk = (node: MdastNode) => {
    if (node.type === 'mdxjsEsm') esm += `${node.value}\n`;
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'Exercise') elements.push(node);
    if ('children' in node) node.children.forEach(walk);
  };
  walk(tree);
  const imports = rawImports(esm, dirname(join(CONTENT, chapter)));
  const files = Object.fromEntries([...imports].map(([name, file]) => [name, readFileSync(join(CONTENT, file), 'utf8')]));
  return elements.map((element) => {
    const props = new Map<string, unknown>();
    let solutionFile: string | undefined;
    for (const attribute of element.attributes) {
      if (attribute.type !== 'mdxJsxAttribute') continue;
      const { name, value } = attribute;
      if (typeof value === 'string' || value == null) {
        props.set(name, value);
        continue;
      }
      // Evaluated as JavaScript, as the compiled page does: a template literal's escapes
      // (\\ for a backslash) become the characters Python receives.
      props.set(name, runInNewContext(value.value, { ...files }));
      if (name === 'solution') solutionFile = imports.get(value.value.trim());
    }
    const text = (name: string) => props.get(name) as string;
    return { chapter, id: text('id'), code: text('code'), check: text('check'), solution: props.get('solution') as string | undefined, solutionFile };
  });
}

const chapters = readdirSync(CONTENT, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.mdx'));
/** Chapters with a `lab:` block in their frontmatter: the lab's own, as opposed to the instructors' pages. */
const labChapters = chapters.filter((file) => /^lab:/m.test(/^---\n([^]*?)\n---\n/.exec(readFileSync(join(CONTENT, file), 'utf8'))?.[1] ?? ''));
const exercises = labChapters.flatMap(exercisesIn);

describe('the lab exercises’ solutions', () => {
  it('finds every exercise of every lab chapter', () => {
    expect(labChapters.length).toBeGreaterThan(0);
    for (const chapter of labChapters) {
      const inSource = exerciseIdsIn(readFileSync(join(CONTENT, chapter), 'utf8'));
      expect(exercises.filter((exercise) => exercise.chapter === chapter).map((exercise) => exercise.id)).toEqual(inSource);
    }
  });

  it('gives every exercise a solution in content/solutions/<its id>.py', () => {
    const misplaced = exercises.filter(({ id, solutionFile }) => solutionFile !== `solutions/${id}.py`);
    expect(misplaced.map(({ chapter, id, solutionFile }) => ({ chapter, id, solutionFile }))).toEqual([]);
  });

  it('passes each exercise’s checks with its solution, and fails them with the starter code', () => {
    const withSolution = exercises.filter((exercise) => exercise.solution !== undefined);
    const runs = runCells(
      withSolution.flatMap(({ code, check, solution }) => [
        { code: solution!, check },
        { code, check },
      ]),
    );
    const verdicts = withSolution.map(({ id }, index) => ({
      id,
      solution: runs[2 * index].result.check,
      starter: runs[2 * index + 1].result.check?.passed,
    }));
    expect(verdicts.length).toBe(exercises.length);
    expect(verdicts.filter(({ solution }) => !solution?.passed)).toEqual([]);
    expect(verdicts.filter(({ starter }) => starter !== false)).toEqual([]);
  });
});
