// The progress view's logic: checks listed under their chapters, done per target, and the
// other targets this browser holds progress for.
import { describe, expect, test } from 'vitest';
import { checkProgress, CHECK_STORAGE_PREFIX } from '../../src/steps/check-progress.ts';
import { otherTargetsWithProgress, passedChecks } from '../../src/steps/progress.ts';
import { checkIdsIn, titleWithinChapter } from '../../src/widgets/progress/chapter-checks.ts';
import { exerciseIdsIn } from '../../src/site/lab-block/exercises.ts';
import { describeTargetKey } from '../../src/widgets/target-panel/target-summary.ts';
import { memoryStorage } from './memory-storage.ts';

describe('progress', () => {
  test('a check is done only in the target it passed in', () => {
    const progress = checkProgress(memoryStorage());
    progress.set('sandbox:1', 'task-8-1/http-api', { done: true, at: '2026-11-24T10:00:00.000Z' });
    progress.set('sandbox:1', 'task-8-2/map', { done: false, at: '2026-11-24T11:00:00.000Z' });
    expect(passedChecks(progress, 'sandbox:1')).toEqual({ 'task-8-1/http-api': { done: true, at: '2026-11-24T10:00:00.000Z' } });
    expect(passedChecks(progress, 'aws:2:us-east-1')).toEqual({});
  });

  test('a chapter’s checks and exercises are the ones it shows, not those in an example in a code block', () => {
    const chapter = [
      '<CheckMyWork check="visits/table" />',
      '<Exercise id="count" title="Count" code={`x`} check={`assert x`} />',
      '````mdx',
      '<CheckMyWork check="task-8-1/api" />',
      '<Exercise id="example" title="Example" code={`x`} check={`assert x`} />',
      '````',
      '<CheckMyWork check="visits/function" />',
    ].join('\n');
    expect(checkIdsIn(chapter)).toEqual(['visits/table', 'visits/function']);
    expect(exerciseIdsIn(chapter)).toEqual(['count']);
  });

  test('a check’s title drops the chapter’s own prefix under that chapter', () => {
    expect(titleWithinChapter('Task 8.1: the HTTP API', 'Task 8.1: a serverless CRUD app')).toBe('the HTTP API');
    expect(titleWithinChapter('Task 8.1: the HTTP API', 'Task 8.2: a real-time flight map')).toBe('Task 8.1: the HTTP API');
    expect(titleWithinChapter('The visitor counter', 'Extra: a visitor counter')).toBe('The visitor counter');
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
