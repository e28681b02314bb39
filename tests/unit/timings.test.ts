// The sandbox's timings: instant keeps its short defaults; aws draws each duration from AWS's
// range (durations.ts), repeatably for a seed, scaled for tests.
import { describe, expect, test } from 'vitest';
import { TRANSITIONS, type Transition } from '../../src/sandbox/timings/durations.ts';
import { createTimings } from '../../src/sandbox/timings/timings.ts';
import { timingsTable } from '../../src/sandbox/timings/describe-timings.ts';
import { readmeTable, unpadded } from './readme-table.ts';

const ALL = Object.keys(TRANSITIONS) as Transition[];

describe('timings', () => {
  test('instant gives every transition the sandbox’s short default', () => {
    const timings = createTimings({ profile: 'instant' });
    expect(ALL.map((transition) => timings.durationMs(transition))).toEqual(ALL.map((transition) => TRANSITIONS[transition].instantMs));
    expect(timings.durationMs('dynamodb.table-creating')).toBe(0);
  });

  test('aws draws within AWS’s range, the same for a seed, scaled as asked', () => {
    const draws = (seed: number, scale = 1) => {
      const timings = createTimings({ profile: 'aws', seed, scale });
      return Array.from({ length: 20 }, (_, index) => timings.durationMs(ALL[index % ALL.length]));
    };
    const first = draws(7);
    first.forEach((ms, index) => {
      const [min, max] = TRANSITIONS[ALL[index % ALL.length]].awsMs;
      expect(ms).toBeGreaterThanOrEqual(min);
      expect(ms).toBeLessThanOrEqual(max);
    });
    expect(draws(7)).toEqual(first);
    expect(draws(8)).not.toEqual(first);
    draws(7, 0.01).forEach((ms, index) => {
      const [min, max] = TRANSITIONS[ALL[index % ALL.length]].awsMs;
      expect(ms).toBeGreaterThanOrEqual(Math.floor(min * 0.01));
      expect(ms).toBeLessThanOrEqual(Math.ceil(max * 0.01));
      expect(Math.abs(ms - first[index] * 0.01)).toBeLessThanOrEqual(1);
    });
  });

  test('the README shows the same table (npm run readme:tables rewrites it)', () => {
    expect(readmeTable('timings')).toBe(unpadded(timingsTable()));
  });

  test('every transition names where its figures come from', () => {
    for (const transition of ALL) expect(TRANSITIONS[transition].source.length, transition).toBeGreaterThan(20);
  });
});
