// What a cell shows after a run: its output, kept in order and bounded, and its status line.
import { describe, expect, it } from 'vitest';
import { appendOutput, TRIMMED_NOTE } from '../../src/widgets/python-cell/run-output.ts';
import { outcomeStatus, passedChecks } from '../../src/widgets/python-cell/run-status.ts';

describe('appendOutput', () => {
  it('joins writes to the same stream and keeps stdout and stderr apart, in order', () => {
    let chunks = appendOutput([], 'stdout', 'a');
    chunks = appendOutput(chunks, 'stdout', 'b\n');
    chunks = appendOutput(chunks, 'stderr', 'oops\n');
    chunks = appendOutput(chunks, 'stdout', 'c\n');
    expect(chunks).toEqual([
      { stream: 'stdout', text: 'ab\n' },
      { stream: 'stderr', text: 'oops\n' },
      { stream: 'stdout', text: 'c\n' },
    ]);
  });

  it('keeps only the latest output past the limit, and says so', () => {
    let chunks = appendOutput([], 'stdout', '0123456789', 12);
    chunks = appendOutput(chunks, 'stderr', 'ABCDEFGH', 12);
    expect(chunks).toEqual([
      { stream: 'stdout', text: `${TRIMMED_NOTE}6789` },
      { stream: 'stderr', text: 'ABCDEFGH' },
    ]);
    chunks = appendOutput(chunks, 'stderr', 'IJKLMNOPQRST', 12);
    expect(chunks).toEqual([{ stream: 'stderr', text: `${TRIMMED_NOTE}IJKLMNOPQRST` }]);
  });
});

describe('outcomeStatus', () => {
  it('says how a run ended', () => {
    expect(outcomeStatus({ kind: 'stopped' })).toEqual({ text: 'Stopped.', tone: 'failure' });
    expect(outcomeStatus({ kind: 'timed-out', seconds: 3 })).toEqual({ text: 'Timed out after 3 s.', tone: 'failure' });
    expect(outcomeStatus({ kind: 'finished', result: { error: null, check: null } })).toEqual({ text: 'Finished without errors.', tone: 'success' });
  });

  it('names the error and its line', () => {
    const result = { error: { summary: 'ZeroDivisionError: division by zero', line: 3 }, check: null };
    expect(outcomeStatus({ kind: 'finished', result }).text).toBe('ZeroDivisionError: division by zero (line 3)');
  });

  it('puts an exercise’s verdict first, naming what failed', () => {
    const failed = { error: null, check: { passed: false, message: 'double(2) should be 4' } };
    expect(outcomeStatus({ kind: 'finished', result: failed })).toEqual({ text: 'Check failed: double(2) should be 4', tone: 'failure' });
    expect(passedChecks({ kind: 'finished', result: failed })).toBe(false);
    const passed = { error: null, check: { passed: true, message: 'all checks passed' } };
    expect(outcomeStatus({ kind: 'finished', result: passed })).toEqual({ text: 'Passed: all checks passed', tone: 'success' });
    expect(passedChecks({ kind: 'finished', result: passed })).toBe(true);
    expect(passedChecks({ kind: 'stopped' })).toBe(false);
  });
});
