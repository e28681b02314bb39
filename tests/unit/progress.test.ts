// The progress view's logic: checks grouped by task, done per target, and the other targets
// this browser holds progress for.
import { describe, expect, test } from 'vitest';
import { checkProgress, CHECK_STORAGE_PREFIX } from '../../src/steps/check-progress.ts';
import type { Check } from '../../src/steps/checks.ts';
import { checksByTask, otherTargetsWithProgress, passedChecks, taskOf, titleWithinTask } from '../../src/steps/progress.ts';
import { describeTargetKey } from '../../src/widgets/target-panel/target-summary.ts';
import { memoryStorage } from './memory-storage.ts';

const check = (id: string): Check => ({ id, title: id, run: () => Promise.resolve([]) });
const CHECKS = [check('task-8-1/table-and-function'), check('task-8-1/http-api'), check('task-8-2/map'), check('kwargs/basics')];

describe('progress', () => {
  test('checks are grouped by task in the lab’s order, done only in the target they passed in', () => {
    const progress = checkProgress(memoryStorage());
    progress.set('sandbox:1', 'task-8-1/http-api', { done: true, at: '2026-11-24T10:00:00.000Z' });
    progress.set('sandbox:1', 'task-8-2/map', { done: false, at: '2026-11-24T11:00:00.000Z' });
    expect(checksByTask(CHECKS).map(({ task, checks }) => [task, checks.map((check) => check.id)])).toEqual([
      ['Task 8.1', ['task-8-1/table-and-function', 'task-8-1/http-api']],
      ['Task 8.2', ['task-8-2/map']],
      ['Other checks', ['kwargs/basics']],
    ]);
    expect(passedChecks(progress, 'sandbox:1')).toEqual({ 'task-8-1/http-api': { done: true, at: '2026-11-24T10:00:00.000Z' } });
    expect(passedChecks(progress, 'aws:2:us-east-1')).toEqual({});
    expect(taskOf({ id: 'task-10-3/x' })).toBe('Task 10.3');
    expect(titleWithinTask({ title: 'Task 8.1: the HTTP API' }, 'Task 8.1')).toBe('the HTTP API');
    expect(titleWithinTask({ title: 'Task 8.1: the HTTP API' }, 'Task 8.2')).toBe('Task 8.1: the HTTP API');
  });

  test('other targets with progress are listed with how many checks passed and when last', () => {
    const store = memoryStorage();
    const progress = checkProgress(store);
    progress.set('sandbox:1', 'task-8-1/http-api', { done: true, at: '2026-11-24T10:00:00.000Z' });
    progress.set('aws:2:us-east-1', 'task-8-1/http-api', { done: true, at: '2026-11-23T09:00:00.000Z' });
    progress.set('aws:2:us-east-1', 'task-8-2/map', { done: true, at: '2026-11-23T11:00:00.000Z' });
    store.setItem('labbook:made:aws:3:us-west-2', '{}');
    store.setItem(`${CHECK_STORAGE_PREFIX}broken`, 'not json');
    expect(otherTargetsWithProgress(store, progress, 'sandbox:1')).toEqual([
      { targetKey: 'aws:2:us-east-1', doneCount: 2, latest: '2026-11-23T11:00:00.000Z' },
    ]);
    expect(otherTargetsWithProgress(store, progress, undefined).map((other) => other.targetKey)).toEqual(['aws:2:us-east-1', 'sandbox:1']);
  });

  test('target keys read as words', () => {
    expect(describeTargetKey('sandbox:000000000000')).toBe('the sandbox (account 000000000000)');
    expect(describeTargetKey('aws:123456789012:us-west-2')).toBe('AWS account 123456789012 in us-west-2');
  });
});
