// Finds an API's invoke URL by name in the current target (the student may also type or
// paste one): once when the target is ready and no URL is set yet, and on "Find my API".
import { useEffect, useId, useState } from 'preact/hooks';
import { findInvokeUrl } from '../../steps/actions/api-address.ts';
import { StepError } from '../../steps/errors.ts';
import { OperationStatus } from '../lab-step/OperationStatus.tsx';
import { useOperation } from '../lab-step/use-operation.ts';
import { useTarget } from '../target-panel/use-target.ts';

export interface ApiFinderProps {
  apiName: string;
  stage: string;
  /** True when a URL is already set: nothing is looked up on its own then. */
  haveUrl: boolean;
  onFound(invokeUrl: string): void;
}

export function ApiFinder({ apiName: initialName, stage: initialStage, haveUrl, onFound }: ApiFinderProps) {
  const id = useId();
  const target = useTarget();
  const { op, run } = useOperation();
  const [apiName, setApiName] = useState(initialName);
  const [stage, setStage] = useState(initialStage);
  const [found, setFound] = useState<string>();
  const ready = target?.status === 'ready';

  const find = async () => {
    const url = await run(async (ctx) => {
      const invokeUrl = await findInvokeUrl(ctx, apiName, stage);
      if (!invokeUrl) throw new StepError('ResourceNotFoundException', `There is no API named ${apiName} in this ${target?.kind === 'aws' ? 'account and region' : 'sandbox'} yet: make it in Step 3, or type its invoke URL.`);
      return invokeUrl;
    });
    if (url) {
      setFound(apiName);
      onFound(url);
    }
  };

  useEffect(() => {
    if (ready && !haveUrl) void find();
  }, [ready, target?.kind]);

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
      <OperationStatus op={op} done={found && `Found ${found}: its invoke URL is filled in`} />
    </div>
  );
}
