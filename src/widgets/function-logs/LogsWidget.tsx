// Logs: the function's log streams (newest first) and the chosen stream's events (newest
// first). Refresh and Follow (every few seconds) show the newest stream; an invoke from
// this page shows that invocation's stream once its log arrives.
import { useStore } from '@nanostores/preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { logsCli, viewInvocationLogs, viewLogs, type StreamView } from '../../steps/actions/function-logs.ts';
import type { StepContext } from '../../steps/model.ts';
import { $lastInvocation, type PageInvocation } from '../invoke/page-invocations.ts';
import { CliCommand } from '../lab-step/CliCommand.tsx';
import { OperationStatus } from '../lab-step/OperationStatus.tsx';
import { RecordedCalls } from '../lab-step/RecordedCalls.tsx';
import { TargetNotice } from '../lab-step/TargetNotice.tsx';
import { useOperation } from '../lab-step/use-operation.ts';
import { usePlace } from '../lab-step/use-place.ts';
import { useTarget } from '../target-panel/use-target.ts';

const FOLLOW_EVERY_MS = 2_000;

const time = (at: number | undefined) => (at === undefined ? 'no events yet' : new Date(at).toLocaleTimeString(undefined, { hour12: false }));

/** `functionName`: the function the widget starts with; the student can name another. */
export default function LogsWidget({ functionName: initialName }: { functionName: string }) {
  const id = useId();
  const [functionName, setFunctionName] = useState(initialName);
  const target = useTarget();
  const place = usePlace();
  const { op, run } = useOperation();
  const [view, setView] = useState<StreamView>();
  const [following, setFollowing] = useState(false);
  const invocation = useStore($lastInvocation);
  const ready = target?.status === 'ready';

  const show = (look: (ctx: StepContext) => Promise<StreamView>) =>
    run(async (ctx) => {
      setView(await look(ctx));
    });
  /** The newest stream, or the one the student picked. */
  const refresh = (wanted?: string) => show((ctx) => viewLogs(ctx, functionName, wanted));

  useEffect(() => {
    if (ready) void refresh();
  }, [ready, functionName]);

  // Once per invocation, when nothing else is loading (one operation runs at a time).
  const shownInvocation = useRef<PageInvocation>();
  useEffect(() => {
    if (!ready || op.running || invocation?.functionName !== functionName || shownInvocation.current === invocation) return;
    shownInvocation.current = invocation;
    void show((ctx) => viewInvocationLogs(ctx, functionName, invocation.requestId));
  }, [invocation, op.running, ready, functionName]);

  useEffect(() => {
    if (!following) return;
    const timer = setInterval(() => void refresh(), FOLLOW_EVERY_MS);
    return () => clearInterval(timer);
  }, [following, functionName]);

  const { streams, stream: selected, events } = view ?? {};
  return (
    <section class="lb-lab lb-logs not-content" aria-label={`Logs of ${functionName}`}>
      <p class="lb-lab__title">Logs of {functionName}</p>
      <TargetNotice target={target} />
      <div class="lb-lab__field">
        <label for={`${id}-function`}>Function name</label>
        <input id={`${id}-function`} type="text" value={functionName} spellcheck={false} onChange={(e) => setFunctionName(e.currentTarget.value.trim())} />
      </div>
      <div class="lb-lab__toolbar">
        <button type="button" class="lb-button" aria-disabled={!ready || op.running} onClick={() => ready && !op.running && void refresh()}>
          Refresh
        </button>
        <button type="button" class="lb-button" aria-pressed={following} aria-disabled={!ready} onClick={() => ready && setFollowing(!following)}>
          Follow
        </button>
        {following && <span class="lb-lab__help">Checking every {FOLLOW_EVERY_MS / 1000} s</span>}
      </div>
      <OperationStatus op={op} quiet={following} />
      {streams && streams.length === 0 && <p class="lb-lab__summary">No logs yet: the log group appears when the function first runs.</p>}
      {streams && streams.length > 0 && (
        <div class="lb-logs__streams" role="group" aria-label="Log streams, newest first">
          {streams.map((stream) => (
            <button
              key={stream.name}
              type="button"
              class="lb-button lb-logs__stream"
              aria-pressed={stream.name === selected}
              onClick={() => void refresh(stream.name)}
            >
              {stream.name} · {time(stream.lastEventAt)}
            </button>
          ))}
        </div>
      )}
      {selected && events && (
        <div class="lb-lab__table-wrap" tabIndex={0} role="region" aria-label={`Events in ${selected}`}>
          <table>
            <caption>Events in {selected}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event, index) => (
                <tr key={`${event.at}-${index}`}>
                  <td class="lb-logs__time">{time(event.at)}</td>
                  <td class="lb-logs__message">{event.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CliCommand script={place && [...logsCli.streams(place, functionName), ...logsCli.follow(place, functionName)]} />
      <RecordedCalls calls={op.calls} />
    </section>
  );
}
