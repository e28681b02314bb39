// One piece of HTTP work at a time (a request, or the Items app's change then list), in the
// shape OperationStatus shows: running with the time so far, or the failure explained.
// Cancel stops waiting; leaving the page does too.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiRequestError, sendApiRequest, type ApiAnswer, type ApiRequest } from '../../cloud/api-requests.ts';
import { explainFailure, type StepFailure } from '../../steps/errors.ts';
import type { Operation } from '../lab-step/use-operation.ts';

export type Send = (request: ApiRequest) => Promise<ApiAnswer>;

export function explainHttpFailure(error: unknown): StepFailure {
  if (error instanceof ApiRequestError) return { code: error.name, message: error.message, hint: error.hint, credentials: false };
  if ((error as Error | undefined)?.name === 'AbortError') {
    return { code: 'Cancelled', message: 'The page stopped waiting for the answer.', hint: 'The API may still have carried the request out: send a GET to see.', credentials: false };
  }
  return explainFailure(error);
}

export function useHttpWork() {
  const [op, setOp] = useState<Operation>({ running: false, calls: [] });
  const controller = useRef<AbortController>();

  const cancel = () => controller.current?.abort(new DOMException('Cancelled', 'AbortError'));
  useEffect(() => cancel, []);

  async function run<T>(work: (send: Send) => Promise<T>): Promise<T | undefined> {
    if (controller.current) return undefined;
    const mine = new AbortController();
    controller.current = mine;
    setOp({ running: true, calls: [], startedAt: Date.now(), progress: { text: 'Waiting for the answer' } });
    try {
      const result = await work((request) => sendApiRequest(request, mine.signal));
      setOp((now) => ({ ...now, running: false, progress: undefined, finishedAt: Date.now() }));
      return result;
    } catch (error) {
      setOp((now) => ({ ...now, running: false, progress: undefined, finishedAt: Date.now(), failure: explainHttpFailure(error) }));
      return undefined;
    } finally {
      controller.current = undefined;
    }
  }

  return { op, run, cancel };
}
