// The sandbox's clock for its slow states: how long the next table stays CREATING, a
// function Pending, and so on (durations.ts). `instant` keeps the sandbox's short defaults;
// `aws` draws each duration from AWS's range, from a seeded generator so that a run can be
// repeated, times a scale so that tests can run the same sequence faster.
import { TRANSITIONS, type Transition } from './durations.ts';

export type TimingsProfile = 'instant' | 'aws';

export interface TimingsSettings {
  profile: TimingsProfile;
  /** Multiplies every `aws` duration: 0.05 runs the lab twenty times faster with the same waits. */
  scale?: number;
  /** The same seed draws the same durations in the same order. */
  seed?: number;
}

export interface Timings {
  readonly profile: TimingsProfile;
  /** What every `aws` duration is multiplied by (1 for instant); rates are divided by it. */
  readonly scale: number;
  /** How long the transition that starts now will last, in ms. */
  durationMs(transition: Transition): number;
}

/** Mulberry32: a small, well-mixed 32-bit generator; any seed gives a full sequence. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function createTimings({ profile, scale = 1, seed = Date.now() }: TimingsSettings): Timings {
  if (profile === 'instant') return { profile, scale: 1, durationMs: (transition) => TRANSITIONS[transition].instantMs };
  const random = seededRandom(seed);
  return {
    profile,
    scale,
    durationMs(transition) {
      const [min, max] = TRANSITIONS[transition].awsMs;
      return Math.round((min + random() * (max - min)) * scale);
    },
  };
}

export const INSTANT_TIMINGS = createTimings({ profile: 'instant' });
