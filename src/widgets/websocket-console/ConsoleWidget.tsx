// The WebSocket console: the page's own wscat, with several sessions side by side.
// Find my API looks the API up by name (GetApis) and offers its invoke URL to every
// session that is not connected; it runs once by itself when the target is ready.
import { useEffect, useId, useState } from 'preact/hooks';
import { targetKey } from '../../cloud/target-state.ts';
import { findInvokeUrl } from '../../steps/actions/api-address.ts';
import { OperationStatus } from '../lab-step/OperationStatus.tsx';
import { useOperation } from '../lab-step/use-operation.ts';
import { useTarget } from '../target-panel/use-target.ts';
import { SessionPanel, type SuggestedUrl } from './SessionPanel.tsx';

export interface ConsoleWidgetProps {
  /** The WebSocket API whose invoke URL the sessions start with. */
  apiName: string;
  stage: string;
  /** The lab's first message, offered as a template. */
  template: string;
  /** How many sessions the console opens with. */
  sessions: number;
}

export default function ConsoleWidget({ apiName, stage, template, sessions }: ConsoleWidgetProps) {
  const id = useId();
  const target = useTarget();
  const [name, setName] = useState(apiName);
  const [stageName, setStageName] = useState(stage);
  const [sessionIds, setSessionIds] = useState(() => Array.from({ length: Math.max(1, sessions) }, (_, i) => i + 1));
  const [suggested, setSuggested] = useState<SuggestedUrl>();
  const [found, setFound] = useState<string>();
  const { op, run } = useOperation();
  const ready = target?.status === 'ready';

  const find = async (overwrite: boolean) => {
    const url = await run((ctx) => findInvokeUrl(ctx, name.trim(), stageName.trim()));
    setFound(url === undefined ? `No API named ${name.trim()} in this target yet: create it first, or type its URL.` : `Found ${name.trim()}: ${url}`);
    if (url) setSuggested((now) => ({ url, overwrite, seq: (now?.seq ?? 0) + 1 }));
  };
  // The API is looked for by itself once per target, filling only empty URL fields.
  const key = target && ready ? targetKey(target) : undefined;
  useEffect(() => {
    if (key) void find(false);
  }, [key]);

  const addSession = () => setSessionIds((ids) => [...ids, (ids.at(-1) ?? 0) + 1]);
  const removeSession = (removed: number) => setSessionIds((ids) => ids.filter((sessionId) => sessionId !== removed));

  return (
    <section class="lb-lab lb-wsc not-content" aria-label="WebSocket console">
      <p class="lb-lab__title">WebSocket console</p>
      <div class="lb-lab__fields">
        <div class="lb-lab__field">
          <label for={`${id}-api`}>API name</label>
          <input id={`${id}-api`} type="text" value={name} spellcheck={false} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div class="lb-lab__field">
          <label for={`${id}-stage`}>Stage</label>
          <input id={`${id}-stage`} type="text" value={stageName} spellcheck={false} onInput={(e) => setStageName(e.currentTarget.value)} />
        </div>
      </div>
      <div class="lb-lab__toolbar">
        <button type="button" class="lb-button" aria-disabled={op.running} onClick={() => !op.running && void find(true)}>
          Find my API
        </button>
        <button type="button" class="lb-button" onClick={addSession}>
          Add session
        </button>
      </div>
      {!op.running && !op.failure && found ? (
        <p class="lb-lab__status" role="status">
          {found}
        </p>
      ) : (
        <OperationStatus op={op} />
      )}
      {!ready && target && (
        <p class="lb-lab__help">
          Find my API needs a target (the target button at the top of the page); the sandbox’s ws:// URLs can be typed without one.
        </p>
      )}
      <div class="lb-wsc__sessions">
        {sessionIds.map((sessionId) => (
          <SessionPanel key={sessionId} name={`Session ${sessionId}`} suggested={suggested} template={template} onRemove={() => removeSession(sessionId)} />
        ))}
      </div>
      {sessionIds.length === 0 && <p class="lb-lab__help">No sessions: Add session opens one.</p>}
    </section>
  );
}
