// The one-line status a cell shows under its buttons, for each stage and ending of a run.
import type { PythonState, RunOutcome, RunProgress } from './python-runner.ts';

export type StatusTone = 'neutral' | 'busy' | 'success' | 'failure';

export interface RunStatus {
  text: string;
  tone: StatusTone;
}

export const IDLE: RunStatus = { text: '', tone: 'neutral' };

/** The status while a run is under way (output is shown below, not in the status). */
export function progressStatus(progress: Exclude<RunProgress, { type: 'output' }>): RunStatus {
  switch (progress.type) {
    case 'waiting':
      return { text: 'Waiting for another cell to finish…', tone: 'busy' };
    case 'loading':
      return { text: 'Loading Python…', tone: 'busy' };
    case 'started':
      return { text: 'Running…', tone: 'busy' };
  }
}

/** Before the cell's first run: whether Python is ready for it. */
export function pythonStateStatus(state: PythonState): RunStatus {
  switch (state.kind) {
    case 'not-started':
      return IDLE;
    case 'loading':
      return { text: 'Loading Python…', tone: 'busy' };
    case 'ready':
      return { text: 'Python is ready.', tone: 'neutral' };
    case 'failed':
      return { text: 'Python could not load; Run tries again.', tone: 'failure' };
  }
}

export function outcomeStatus(outcome: RunOutcome): RunStatus {
  switch (outcome.kind) {
    case 'stopped':
      return { text: 'Stopped.', tone: 'failure' };
    case 'timed-out':
      return { text: `Timed out after ${outcome.seconds} s.`, tone: 'failure' };
    case 'failed':
      return { text: outcome.message, tone: 'failure' };
    case 'finished': {
      const { error, check } = outcome.result;
      if (check) return check.passed ? { text: `Passed: ${check.message}`, tone: 'success' } : { text: `Check failed: ${check.message}`, tone: 'failure' };
      if (error) return { text: error.line ? `${error.summary} (line ${error.line})` : error.summary, tone: 'failure' };
      return { text: 'Finished without errors.', tone: 'success' };
    }
  }
}

/** Whether the run passed an exercise's checks. */
export function passedChecks(outcome: RunOutcome): boolean {
  return outcome.kind === 'finished' && outcome.result.check?.passed === true;
}
