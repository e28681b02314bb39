// One lab step in a widget: its inputs, Run (Retry after a failure) and Stop, progress while
// it works, what it made and what the check found, what labbook remembers from earlier
// runs, the AWS CLI equivalent, and the SDK calls on demand.
import { useStore } from '@nanostores/preact';
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import type { AnyStep, InputField, Place } from '../../steps/model.ts';
import { recordId, runStep, type MadeRecord, type StepResult } from '../../steps/runner.ts';
import { useTarget } from '../target-panel/use-target.ts';
import { browserMadeRecords } from './browser-step-context.ts';
import { CliCommand, cliInstead } from './CliCommand.tsx';
import { Findings } from './Findings.tsx';
import { OperationStatus } from './OperationStatus.tsx';
import { RecordedCalls } from './RecordedCalls.tsx';
import { TargetNotice } from './TargetNotice.tsx';
import { useOperation } from './use-operation.ts';

export interface StepCardProps<I extends object> {
  step: AnyStep;
  place: Place | undefined;
  inputs: I | undefined;
  setInput: <K extends keyof I>(name: K, value: I[K]) => void;
  /** The card's heading; the step's own title when absent. */
  title?: string;
  /** The Run button's word, e.g. Deploy. */
  runLabel?: string;
  /** More inputs than the step's fields, e.g. the function's code. */
  children?: ComponentChildren;
  onResult?: (result: StepResult) => void;
}

const OUTCOME_TEXT: Record<StepResult['outcome'], (name: string) => string> = {
  created: (name) => `Created ${name}.`,
  updated: (name) => `${name} already existed: updated it to match.`,
  adopted: (name) => `${name} already exists: adopted it, nothing was created.`,
  resumed: (name) => `Finished what an earlier run started: ${name} is ready.`,
};

function earlierText(record: MadeRecord): string {
  const when = new Date(record.at).toLocaleString();
  if (record.state === 'creating') return `An earlier run started ${record.name} and did not finish (${when}). Run picks it up where it stopped.`;
  return `${record.name} was ${record.origin === 'created' ? 'created' : 'adopted'} by labbook on ${when}.`;
}

export function StepCard<I extends object>({ step, place, inputs, setInput, title = step.title, runLabel = 'Run', children, onResult }: StepCardProps<I>) {
  const target = useTarget();
  const { op, run, stop } = useOperation();
  const [result, setResult] = useState<StepResult>();
  const records = browserMadeRecords();
  useStore(records.version);
  const earlier = place && inputs ? records.get(place.targetKey, recordId(step, step.nameOf(inputs))) : undefined;

  const start = async () => {
    if (!inputs) return;
    setResult(undefined);
    const outcome = await run((ctx) => runStep(step, ctx, inputs, records, { title, page: location.pathname }));
    if (outcome) {
      setResult(outcome);
      onResult?.(outcome);
    }
  };

  const ready = target?.status === 'ready' && inputs !== undefined;
  return (
    <section class="lb-lab lb-step not-content" aria-label={title} data-step={step.id}>
      <p class="lb-lab__title">{title}</p>
      <TargetNotice target={target} />
      {inputs && (
        <div class="lb-lab__fields">
          {step.fields.map((field: InputField<I>) => (
            <StepField
              key={field.name}
              field={field}
              value={inputs[field.name] as string | number}
              onChange={(value) => setInput(field.name, value as I[keyof I & string])}
            />
          ))}
        </div>
      )}
      {children}
      <div class="lb-lab__toolbar">
        <button type="button" class="lb-button lb-button--primary" aria-disabled={!ready || op.running} onClick={() => ready && void start()}>
          {op.failure ? 'Retry' : runLabel}
        </button>
        <button type="button" class="lb-button" aria-disabled={!op.running} onClick={stop}>
          Stop
        </button>
      </div>
      <OperationStatus op={op} done={result && !op.running ? 'Done' : undefined} />
      {result && (
        <div class="lb-lab__result">
          <p class="lb-lab__outcome" data-outcome={result.outcome}>
            {OUTCOME_TEXT[result.outcome](result.made.name)}
          </p>
          <p class="lb-lab__summary">{result.made.summary}</p>
          <Findings findings={result.findings} />
        </div>
      )}
      {!op.running && !result && earlier && <p class="lb-lab__earlier">{earlierText(earlier)}</p>}
      <CliCommand script={inputs && place ? step.cli(inputs, place) : undefined} instead={cliInstead(op.failure)} />
      <RecordedCalls calls={op.calls} />
    </section>
  );
}

export function StepField<I>({ field, value, onChange }: { field: InputField<I>; value: string | number; onChange: (value: string | number) => void }) {
  const id = useId();
  const help = field.help ? `${id}-help` : undefined;
  const read = (raw: string) => (field.kind === 'number' ? Number(raw) : raw);
  return (
    <div class="lb-lab__field">
      <label for={id}>{field.label}</label>
      {field.kind === 'select' ? (
        <select id={id} value={String(value)} aria-describedby={help} onChange={(event) => onChange(read(event.currentTarget.value))}>
          {field.options?.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={field.kind === 'number' ? 'number' : 'text'}
          value={String(value)}
          aria-describedby={help}
          spellcheck={false}
          onInput={(event) => onChange(read(event.currentTarget.value))}
        />
      )}
      {help && (
        <span id={help} class="lb-lab__help">
          {field.help}
        </span>
      )}
    </div>
  );
}
