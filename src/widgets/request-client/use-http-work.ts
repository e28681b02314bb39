// One piece of HTTP work at a time (a request, or the Items app's change then list), in the
// shape OperationStatus shows: running with the time so far, or the failure explained.
// Cancel stops waiting; leaving the page does too.
import { ApiRequestError, sendApiRequest, type ApiAnswer, type ApiRequest } from '../../cloud/api-requests.ts';
import { explainFailure, type StepFailure } from '../../steps/errors.ts';
import type { Waiting } from '../../steps/actions/settling-api.ts';
import { useAbortableWork } from '../lab-step/use-operation.ts';

export type Send = (request: ApiRequest) => Promise<ApiAnswer>;

function explainHttpFailure(error: unknown): StepFailure {
  if (error instanceof ApiRequestError) return { code: error.name, message: error.message, hint: error.hint, credentials: false };
  if ((error as Error | undefined)?.name === 'AbortError') {
    return {
      code: 'Cancelled',
      message: 'The page stopped waiting for the answer.',
      hint: 'The API may still have carried the request out: send a GET to see.',
      credentials: false,
    };
  }
  return explainFailure(error);
}

export function useHttpWork() {
  const work = useAbortableWork('Cancelled');
  /** `waiting` shows a task's own progress (what it waits for) in place of 'Waiting for the answer'. */
  const run = <T>(task: (send: Send, waiting: Waiting) => Promise<T>) =>
    work.run(
      { text: 'Waiting for the answer' },
      (signal, update) => task((request) => sendApiRequest(request, signal), { progress: (progress) => update({ progress }), signal }),
      explainHttpFailure,
    );
  return { op: work.op, run, cancel: work.abort, dismiss: work.dismiss };
}
