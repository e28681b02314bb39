// The Python half of the cell runner (runner.py), run under the host's Python: the same
// module Pyodide runs in the browser, checked here for what the student sees.
import { describe, expect, it } from 'vitest';
import { runCells, type CellRun } from './cell-runner.ts';

const run = (code: string, check?: string): CellRun => runCells([{ code, check }])[0];

describe('runner.py: running a cell', () => {
  it('passes output through and reports no error', () => {
    const { result, stdout, stderr } = run('print("hello")\nprint(6 * 7)');
    expect(stdout).toBe('hello\n42\n');
    expect(stderr).toBe('');
    expect(result).toEqual({ error: null, check: null });
  });

  it('shows a traceback with the cell’s own line numbers and nothing of the runner', () => {
    const { result, stderr } = run('x = 1\ny = 0\nprint(x / y)');
    expect(result.error).toEqual({ summary: 'ZeroDivisionError: division by zero', line: 3 });
    expect(stderr).toMatch(/^Traceback \(most recent call last\):\n {2}File "<cell>", line 3, in <module>\n {4}print\(x \/ y\)/);
    expect(stderr).not.toContain('runner');
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('ZeroDivisionError: division by zero');
  });

  it('follows an error into a function: every frame is the student’s, the line is where it was raised', () => {
    const { result, stderr } = run('def half(n):\n    return n / 0\n\n\nhalf(4)');
    expect(result.error?.line).toBe(2);
    expect(stderr).toContain('File "<cell>", line 5, in <module>');
    expect(stderr).toContain('File "<cell>", line 2, in half');
  });

  it('reports a syntax error on its line, without a stack', () => {
    const { result, stderr } = run('print("ok")\nif True\n    pass');
    expect(result.error).toEqual({ summary: expect.stringMatching(/^SyntaxError: /), line: 2 });
    expect(stderr).toContain('File "<cell>", line 2');
    expect(stderr).not.toContain('Traceback');
  });

  it('treats exit() with no error code as a normal end, and with one as an error', () => {
    expect(run('print("bye")\nraise SystemExit').result.error).toBeNull();
    expect(run('import sys\nsys.exit(3)').result.error).toEqual({ summary: 'SystemExit: 3', line: 2 });
  });

  it('gives every run a fresh namespace', () => {
    const [first, second] = runCells([{ code: 'answer = 42' }, { code: 'print(answer)' }]);
    expect(first.result.error).toBeNull();
    expect(second.result.error?.summary).toBe("NameError: name 'answer' is not defined");
  });
});

describe('runner.py: checking an exercise', () => {
  const check = ['assert double(2) == 4, "double(2) should be 4"', 'for n in range(3):', '    assert double(n) == 2 * n'].join('\n');

  it('passes when every assert holds, and the checks see the student’s names', () => {
    expect(run('def double(n):\n    return n * 2', check).result.check).toEqual({ passed: true, message: 'all checks passed' });
  });

  it('names a failed assert by its message', () => {
    expect(run('def double(n):\n    return n', check).result.check).toEqual({ passed: false, message: 'double(2) should be 4' });
  });

  it('names a failed assert without a message by its condition, even inside a loop', () => {
    const sneaky = 'def double(n):\n    return 4 if n == 2 else n + 1';
    expect(run(sneaky, check).result.check).toEqual({ passed: false, message: 'double(n) == 2 * n' });
  });

  it('says which check could not run and why', () => {
    expect(run('def twice(n):\n    return n * 2', check).result.check).toEqual({
      passed: false,
      message: "double(2) == 4 raised NameError: name 'double' is not defined",
    });
  });

  it('shows the student’s traceback when their function raises under a check', () => {
    const { result, stderr } = run('def double(n):\n    return n / 0', check);
    expect(result.check?.message).toBe('double(2) == 4 raised ZeroDivisionError: division by zero');
    expect(stderr).toContain('File "<cell>", line 2, in double');
    expect(stderr).not.toContain('<check>');
  });

  it('does not run the checks when the student’s code itself fails', () => {
    const { result, stdout } = run('print("before")\ndouble = 1 / 0', `${check}\nprint("checked")`);
    expect(stdout).toBe('before\n');
    expect(result.check).toEqual({
      passed: false,
      message: 'your code raised ZeroDivisionError: division by zero on line 2, so the checks did not run',
    });
  });
});
