// Exercise progress as stored in the browser: one key per exercise, and nothing stored
// (or broken storage) counts as not started rather than an error.
import { describe, expect, it } from 'vitest';
import { memoryStorage } from './memory-storage.ts';
import { countDone, parseProgress, readProgress, storageKey, writeProgress } from '../../src/widgets/python-cell/exercise-storage.ts';

describe('exercise progress', () => {
  it('writes under a namespaced key per exercise and reads back what it wrote', () => {
    const storage = memoryStorage();
    writeProgress(storage, 'kwargs-1', { done: true, code: 'def f(**kw):\n    return kw' });
    expect([...storage.items.keys()]).toEqual(['labbook:exercise:kwargs-1']);
    expect(storageKey('kwargs-1')).toBe('labbook:exercise:kwargs-1');
    expect(readProgress(storage, 'kwargs-1')).toEqual({ done: true, code: 'def f(**kw):\n    return kw' });
    expect(readProgress(storage, 'kwargs-2')).toEqual({ done: false });
    writeProgress(storage, 'kwargs-3', { done: false, failedRun: true, solutionShown: true });
    expect(readProgress(storage, 'kwargs-3')).toEqual({ done: false, failedRun: true, solutionShown: true });
  });

  it('treats unreadable values as not started', () => {
    expect(parseProgress('not json')).toEqual({ done: false });
    expect(parseProgress('null')).toEqual({ done: false });
    expect(parseProgress('{"done":"yes","code":5}')).toEqual({ done: false });
    expect(parseProgress('{"done":true,"failedRun":"yes","solutionShown":1}')).toEqual({ done: true });
  });

  it('survives storage that is switched off or full', () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readProgress(broken, 'a')).toEqual({ done: false });
    expect(() => writeProgress(broken, 'a', { done: true })).not.toThrow();
    expect(readProgress(undefined, 'a')).toEqual({ done: false });
  });

  it('counts the done exercises among a page’s', () => {
    expect(countDone({ a: { done: true }, b: { done: false }, c: { done: true } }, ['a', 'b', 'd'])).toBe(1);
  });
});
