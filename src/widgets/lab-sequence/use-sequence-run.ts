// Running a sequence's steps one after another as one piece of work: which step runs now,
// each step's result, and where a failed run stopped, so that Retry resumes at that step
// instead of starting over. A step run on its own (its card) reports its result here too.
import { useState } from 'preact/hooks';
import type { AnyStep } from '../../steps/model.ts';
import { runStep, type StepResult } from '../../steps/runner.ts';
import { browserMadeRecords } from '../lab-step/browser-step-context.ts';
import { useOperation, type Operation } from '../lab-step/use-operation.ts';

export interface SequenceRun {
  op: Operation;
  /** The step running now, by index. */
  current?: number;
  /** Where the last run stopped on a failure: Retry resumes there. */
  failedAt?: number;
  /** The latest result of each step in this page view, by step id. */
  results: Readonly<Record<string, StepResult>>;
  /** Runs every step from the first, or, after a failure, from the one that failed. */
  runAll: () => Promise<void>;
  stop: () => void;
  noteResult: (step: AnyStep, result: StepResult) => void;
}

export function useSequenceRun(steps: readonly AnyStep[], inputsOf: (step: AnyStep) => unknown): SequenceRun {
  const { op, run, stop } = useOperation();
  const [current, setCurrent] = useState<number>();
  const [failedAt, setFailedAt] = useState<number>();
  const [results, setResults] = useState<Record<string, StepResult>>({});
  const noteResult = (step: AnyStep, result: StepResult) => setResults((now) => ({ ...now, [step.id]: result }));

  const runAll = async () => {
    const from = failedAt ?? 0;
    const inputs = steps.map(inputsOf);
    let reached = from;
    setFailedAt(undefined);
    const finished = await run(async (ctx) => {
      for (let index = from; index < steps.length; index++) {
        reached = index;
        setCurrent(index);
        const madeBy = { title: steps[index].title, page: location.pathname };
        noteResult(steps[index], await runStep(steps[index], ctx, inputs[index], browserMadeRecords(), madeBy));
      }
      return true;
    });
    setCurrent(undefined);
    if (!finished) setFailedAt(reached);
  };

  return { op, current, failedAt, results, runAll, stop, noteResult };
}
