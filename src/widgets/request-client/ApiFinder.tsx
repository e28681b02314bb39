// Finds an API's invoke URL by name in the current target (the student may also type or
// paste one): on "Find my API", and on its own when the target becomes ready or changes,
// unless the student has put a URL of their own in place of the one found.
import { useEffect, useId, useState } from 'preact/hooks';
import { findInvokeUrl } from '../../steps/actions/api-address.ts';
import { StepError } from '../../steps/errors.ts';
import { OperationStatus } from '../lab-step/OperationStatus.tsx';
import { useOperation } from '../lab-step/use-operation.ts';
import { useTarget } from '../target-panel/use-target.ts';
import { baseOf } from './http-request.ts';

export interface ApiFinderProps {
  apiName: string;
  stage: string;
  /** The URL in the widget now: looked up on its own only while it is empty or the one found before. */
  currentUrl: string;
  onFound(invokeUrl: string): void;
}

export function ApiFinder({ apiName: initialName, stage: initialStage, currentUrl, onFound }: ApiFinderProps) {
  const id = useId();
  const target = useTarget();
  const { op, run } = useOperation();
  const [apiName, setApiName] = useState(initialName);
  const [stage, setStage] = useState(initialStage);
  const [found, setFound] = useState<{ apiName: string; url: string }>();
  const ready = target?.status === 'ready';

  const find = async () => {
    const url = await run(async (ctx) => {
      const invokeUrl = await findInvokeUrl(ctx, apiName, stage);
      if (!invokeUrl) throw new StepError('ResourceNotFoundException', `There is no API named ${apiName} in this ${target?.kind === 'aws' ? 'account and region' : 'sandbox'} yet: make it in Step 3, or type its invoke URL.`);
      return invokeUrl;
    });
    if (url) {
      setFound({ apiName, url });
      onFound(url);
    }
  };

  useEffect(() => {
    if (ready && (currentUrl === '' || baseOf(currentUrl) === found?.url)) void find();
  }, [ready, target?.kind, target?.identity?.account]);

  return (
    <div class="lb-http__finder">
      <div class="lb-lab__fields">
        <div class="lb-lab__field">
          <label for={`${id}-api`}>API name</label>
          <input id={`${id}-api`} type="text" value={apiName} onInput={(e) => setApiName(e.currentTarget.value)} />
        </div>
        <div class="lb-lab__field">
          <label for={`${id}-stage`}>Stage</label>
          <input id={`${id}-stage`} type="text" value={stage} onInput={(e) => setStage(e.currentTarget.value)} />
        </div>
      </div>
      <div class="lb-lab__toolbar">
        <button type="button" class="lb-button" aria-disabled={!ready || op.running} onClick={() => ready && !op.running && find()}>
          Find my API
        </button>
      </div>
      <OperationStatus op={op} done={found && `Found ${found.apiName}: its invoke URL is filled in`} />
    </div>
  );
}
