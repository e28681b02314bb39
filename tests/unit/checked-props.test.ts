// What a chapter author reads when a widget's props are wrong: the chapter, the widget, the
// prop, and what it may be (close matches first). The build itself stopping on them is
// tested once, for real, in authoring-mistakes.test.ts.
import { describe, expect, test } from 'vitest';
import { closeMatches } from '../../src/widgets/shared/close-matches.ts';
import { checkedProps } from '../../src/widgets/shared/checked-props.ts';
import { functionLogsProps } from '../../src/widgets/function-logs/props.ts';
import { labStepProps } from '../../src/widgets/lab-step/props.ts';
import { exerciseProps } from '../../src/widgets/python-cell/exercise-props.ts';
import { pythonCellProps } from '../../src/widgets/python-cell/python-cell-props.ts';

const chapter = { url: new URL('http://127.0.0.1/task-8-2/'), locals: { starlightRoute: { entry: { filePath: 'content/task-8-2.mdx' } } } };

/** The error's message and hint, or the props it returned. */
function check(schema: Parameters<typeof checkedProps>[1], props: Record<string, unknown>, where: object = chapter) {
  try {
    return { props: checkedProps('Widget', schema, { ...chapter, ...where, props }) };
  } catch (error) {
    const { name, message, hint } = error as { name: string; message: string; hint: string };
    return { name, message, hint };
  }
}

describe('closeMatches', () => {
  test('finds the nearest names a few edits away, whatever their case', () => {
    expect(closeMatches('task-8-2/tabel', ['task-8-1/table', 'task-8-2/table', 'task-8-2/stream'])).toEqual(['task-8-2/table']);
    expect(closeMatches('task-8-2/tble', ['task-8-1/table', 'task-8-2/table', 'task-8-2/stream'])).toEqual(['task-8-2/table']);
    expect(closeMatches('task-8-3/table', ['task-8-1/table', 'task-8-2/table', 'task-8-2/stream'])).toEqual(['task-8-1/table', 'task-8-2/table']);
    expect(closeMatches('functionname', ['functionName', 'tableName'])).toEqual(['functionName']);
    expect(closeMatches('zzz', ['functionName', 'tableName'])).toEqual([]);
  });
});

describe('checkedProps', () => {
  test('gives the props with their defaults, ignoring the class Astro adds for scoped styles', () => {
    expect(check(functionLogsProps, { class: 'astro-honixg3a' })).toEqual({ props: { functionName: 'LambdaCRUD' } });
    expect(check(pythonCellProps, { code: 'x = 1', timeout: 3 })).toEqual({ props: { code: 'x = 1', timeout: 3 } });
  });

  test('a wrong step id names the chapter, the prop, close matches and every step', () => {
    const { name, message } = check(labStepProps, { step: 'task-8-2/tabel' });
    expect(name).toBe('AstroUserError');
    expect(message).toMatch(
      /^<Widget> in content\/task-8-2\.mdx:\n {2}step: "task-8-2\/tabel" is not a step\. Did you mean task-8-2\/table\? Steps: task-8-1\/table, .*task-8-2\/fanout-mapping\.$/,
    );
  });

  test('a misspelled prop is refused with the one meant, and the hint lists the props', () => {
    expect(check(functionLogsProps, { functionname: 'Mine' })).toEqual({
      name: 'AstroUserError',
      message: '<Widget> in content/task-8-2.mdx:\n  functionname is not a prop of this widget. Did you mean functionName?',
      hint: "Widget's props: functionName (the widget catalogue, /instructors/widgets/, describes each).",
    });
  });

  test('a missing required prop, a number written as text, class and client directives are each named', () => {
    const problems = (schema: Parameters<typeof checkedProps>[1], props: Record<string, unknown>) => check(schema, props).message?.split('\n').slice(1);
    expect(problems(exerciseProps, { title: 'T', code: '' })).toEqual([
      '  id is required: Unique across the whole site: the student’s progress is stored under it.',
      expect.stringMatching(/^ {2}check is required: Python asserts/),
    ]);
    expect(problems(pythonCellProps, { code: '', timeout: 'three' })).toEqual(['  timeout="three" is not a number.']);
    expect(problems(pythonCellProps, { code: '', timeout: '3' })).toEqual(['  timeout="3" is not a number. Write timeout={3}, in braces.']);
    // As Astro passes a client directive: the directive, and where the component is.
    const directive = { 'client:visible': true, 'client:component-path': '/src/widgets/x.astro', 'client:component-export': 'default' };
    expect(problems(functionLogsProps, { class: 'wide', ...directive })).toEqual([
      '  class: a widget takes no class; put it in an element that has one.',
      '  client:visible: a widget loads itself in the browser; leave out client:visible.',
    ]);
  });

  test('outside a Starlight chapter the page’s address says where', () => {
    expect(check(labStepProps, { step: 'nope' }, { locals: {} }).message).toMatch(/^<Widget> in \/task-8-2\/:/);
  });
});
