// Invoke: a test event (from a template or typed), sent to the function with LogType Tail.
import { useId, useState } from 'preact/hooks';
import { eventTemplates, invokeCli, invokeFunction, type InvokeResult } from '../../steps/actions/invoke.ts';
import { CliCommand } from '../lab-step/CliCommand.tsx';
import { OperationStatus } from '../lab-step/OperationStatus.tsx';
import { RecordedCalls } from '../lab-step/RecordedCalls.tsx';
import { TargetNotice } from '../lab-step/TargetNotice.tsx';
import { useOperation } from '../lab-step/use-operation.ts';
import { usePlace } from '../lab-step/use-place.ts';
import { useTarget } from '../target-panel/use-target.ts';
import { InvokeResultView } from './InvokeResultView.tsx';
import { $lastInvocation } from './page-invocations.ts';

export interface InvokeWidgetProps {
  /** The function the widget starts with; the student can name another. */
  functionName: string;
  /** The table the HTTP API templates name. */
  tableName: string;
  /** Which template the event starts as. */
  template: number;
}

export default function InvokeWidget({ functionName: initialName, tableName, template }: InvokeWidgetProps) {
  const id = useId();
  const [functionName, setFunctionName] = useState(initialName);
  const target = useTarget();
  const place = usePlace();
  const templates = eventTemplates(tableName);
  const [event, setEvent] = useState(templates[template]?.event ?? templates[0].event);
  const [result, setResult] = useState<InvokeResult>();
  const { op, run } = useOperation();

  const invoke = async () => {
    setResult(undefined);
    const answer = await run((ctx) => invokeFunction(ctx, functionName, event));
    if (!answer) return;
    setResult(answer);
    if (answer.report) $lastInvocation.set({ functionName, requestId: answer.report.requestId });
  };
  const ready = target?.status === 'ready';

  return (
    <section class="lb-lab lb-invoke not-content" aria-label={`Invoke ${functionName}`}>
      <p class="lb-lab__title">Invoke {functionName}</p>
      <TargetNotice target={target} />
      <div class="lb-lab__field">
        <label for={`${id}-function`}>Function name</label>
        <input id={`${id}-function`} type="text" value={functionName} spellcheck={false} onChange={(e) => setFunctionName(e.currentTarget.value.trim())} />
      </div>
      <div class="lb-lab__toolbar" role="group" aria-label="Test event templates">
        {templates.map((t) => (
          <button key={t.name} type="button" class="lb-button" aria-pressed={event === t.event} onClick={() => setEvent(t.event)}>
            {t.name}
          </button>
        ))}
      </div>
      <label class="lb-lab__label" for={id}>
        Test event (JSON)
      </label>
      <textarea id={id} value={event} rows={12} spellcheck={false} onInput={(e) => setEvent(e.currentTarget.value)} />
      <div class="lb-lab__toolbar">
        <button type="button" class="lb-button lb-button--primary" aria-disabled={!ready || op.running} onClick={() => ready && !op.running && void invoke()}>
          Invoke
        </button>
      </div>
      <OperationStatus op={op} done={result ? 'Invoked' : undefined} />
      {result && <InvokeResultView result={result} />}
      <CliCommand script={place && invokeCli(place, functionName, event)} />
      <RecordedCalls calls={op.calls} />
    </section>
  );
}
