// The WebSocket console: the page's own wscat, with several sessions side by side.
// Find my API offers the API's invoke URL to every session that is not connected: when
// looking by itself (once per target) only to those with an empty URL field.
import { useState } from 'preact/hooks';
import { ApiFinder } from '../lab-step/ApiFinder.tsx';
import { useTarget } from '../target-panel/use-target.ts';
import { SessionPanel, type SuggestedUrl } from './SessionPanel.tsx';

/** The chapter's own echo server (content/websockets.mdx). */
const LOCAL_SERVER_EXAMPLE = 'ws://localhost:8765';

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
  const target = useTarget();
  const [sessionIds, setSessionIds] = useState(() => Array.from({ length: Math.max(1, sessions) }, (_, i) => i + 1));
  const [suggested, setSuggested] = useState<SuggestedUrl>();
  const ready = target?.status === 'ready';
  const suggest = (url: string, asked: boolean) => setSuggested((now) => ({ url, overwrite: asked, seq: (now?.seq ?? 0) + 1 }));

  const addSession = () => setSessionIds((ids) => [...ids, (ids.at(-1) ?? 0) + 1]);
  const removeSession = (removed: number) => setSessionIds((ids) => ids.filter((sessionId) => sessionId !== removed));

  return (
    <section class="lb-lab lb-wsc not-content" aria-label="WebSocket console">
      <p class="lb-lab__title">WebSocket console</p>
      <ApiFinder
        apiName={apiName}
        stage={stage}
        makeIt={`make it in Task 8.2 (or connect to a server on this machine, such as ${LOCAL_SERVER_EXAMPLE})`}
        onFound={suggest}
      >
        <button type="button" class="lb-button" onClick={addSession}>
          Add session
        </button>
      </ApiFinder>
      {!ready && target && (
        <p class="lb-lab__help">
          Find my API needs a target (the target button at the top of the page); the sandbox’s ws:// URLs, and a server on this machine such as{' '}
          {LOCAL_SERVER_EXAMPLE}, can be typed without one.
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
