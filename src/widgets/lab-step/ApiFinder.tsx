// Find my API: looks an API up by name (GetApis) in the current target and hands its invoke
// URL to the widget, which the student may also type or paste. It looks by itself whenever
// the target becomes ready or changes, unless the student has put a URL of their own in
// place of the one found; the button looks again at any time, for an API made since.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { targetKey } from '../../cloud/target-state.ts';
import { findInvokeUrl } from '../../steps/actions/api-address.ts';
import { StepError } from '../../steps/errors.ts';
import { useTarget } from '../target-panel/use-target.ts';
import { OperationStatus } from './OperationStatus.tsx';
import { useOperation } from './use-operation.ts';

export interface ApiFinderProps {
  apiName: string;
  stage: string;
  /** What makes the API, said when there is none yet, e.g. "make it in Step 3". */
  makeIt: string;
  /**
   * The URL in the widget now (without its query string), when it has a single one: a lookup
   * by itself runs only while it is empty or the one found before. Without it, it always runs.
   */
  currentUrl?: string;
  /** `asked`: the student pressed Find my API (rather than the finder looking by itself). */
  onFound: (invokeUrl: string, asked: boolean) => void;
  /** More buttons for the finder's toolbar. */
  children?: ComponentChildren;
}

export function ApiFinder({ apiName: initialName, stage: initialStage, makeIt, currentUrl, onFound, children }: ApiFinderProps) {
  const id = useId();
  const target = useTarget();
  const { op, run } = useOperation();
  const [apiName, setApiName] = useState(initialName);
  const [stage, setStage] = useState(initialStage);
  const [found, setFound] = useState<{ apiName: string; url: string }>();
  /** The finder looked by itself and there is no such API yet: said plainly, not as a failure. */
  const [notYet, setNotYet] = useState<string>();
  const ready = target?.status === 'ready';

  const find = async (asked: boolean) => {
    const name = apiName.trim();
    const place = target?.kind === 'aws' ? 'account and region' : 'sandbox';
    const missing = `There is no API named ${name} in this ${place} yet: ${makeIt}, or type its URL.`;
    setNotYet(undefined);
    const url = await run(async (ctx) => {
      const invokeUrl = await findInvokeUrl(ctx, name, stage.trim());
      if (!invokeUrl && asked) throw new StepError('ResourceNotFoundException', missing);
      return invokeUrl ?? null;
    });
    if (url === null) setNotYet(missing);
    if (url) {
      setFound({ apiName: name, url });
      onFound(url, asked);
    }
  };

  const key = target && ready ? targetKey(target) : undefined;
  useEffect(() => {
    if (key && (currentUrl === undefined || currentUrl.trim() === '' || currentUrl === found?.url)) void find(false);
  }, [key]);

  return (
    <div class="lb-lab__finder">
      <div class="lb-lab__fields">
        <div class="lb-lab__field">
          <label for={`${id}-api`}>API name</label>
          <input id={`${id}-api`} type="text" value={apiName} spellcheck={false} onInput={(e) => setApiName(e.currentTarget.value)} />
        </div>
        <div class="lb-lab__field">
          <label for={`${id}-stage`}>Stage</label>
          <input id={`${id}-stage`} type="text" value={stage} spellcheck={false} onInput={(e) => setStage(e.currentTarget.value)} />
        </div>
      </div>
      <div class="lb-lab__toolbar">
        <button type="button" class="lb-button" aria-disabled={!ready || op.running} onClick={() => ready && !op.running && void find(true)}>
          Find my API
        </button>
        {children}
      </div>
      {!op.running && !op.failure && found ? (
        <p class="lb-lab__status" role="status" data-tone="success">
          Found {found.apiName}: {found.url}
        </p>
      ) : !op.running && !op.failure && notYet ? (
        <p class="lb-lab__status" role="status">
          {notYet}
        </p>
      ) : (
        <OperationStatus op={op} />
      )}
    </div>
  );
}
