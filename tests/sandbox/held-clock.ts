// The sandbox's resources leave CREATING, Pending, Creating and Enabling after half a second
// of its clock (Date). A test that must catch one of those states holds that clock from the
// create until it has seen the state, so a slow machine cannot let the moment pass first.
// Only Date stands still: timers, sockets and child processes run on as usual.
import { onTestFinished, vi } from 'vitest';

/** Stops Date where it is until the returned function (or the end of the test) starts it again. */
export function holdClock(): () => void {
  vi.useFakeTimers({ toFake: ['Date'] });
  const release = () => void vi.useRealTimers();
  onTestFinished(release);
  return release;
}
