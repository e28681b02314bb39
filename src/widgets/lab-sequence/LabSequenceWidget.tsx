// A guided sequence of lab steps: the names they share, the steps in order with each one's
// state, Run all (stopping at the first failure with AWS's error; Retry resumes there),
// each step opened and run on its own with its CLI command, the whole sequence as one
// script, and at the end the address it made (an API's invoke URL) to copy or follow.
import { useStore } from '@nanostores/preact';
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { declaredSequence } from '../../steps/declared/declared-sequence.ts';
import type { DeclaredResource } from '../../steps/declared/declared-step.ts';
import type { AnyStep, Place } from '../../steps/model.ts';
import { recordId, type MadeRecord, type StepResult } from '../../steps/runner.ts';
import { sequenceById, sequenceInputs, sequenceScript, type NameOverrides, type Sequence } from '../../steps/sequences.ts';
import { useTarget } from '../target-panel/use-target.ts';
import { browserMadeRecords, browserStepContext } from '../lab-step/browser-step-context.ts';
import { CliCommand, cliInstead } from '../lab-step/CliCommand.tsx';
import { CopyButton } from '../lab-step/CopyButton.tsx';
import { OperationStatus } from '../lab-step/OperationStatus.tsx';
import { RecordedCalls } from '../lab-step/RecordedCalls.tsx';
import { StepCard } from '../lab-step/StepCard.tsx';
import { TargetNotice } from '../lab-step/TargetNotice.tsx';
import { usePlace } from '../lab-step/use-place.ts';
import { useStepInputs } from '../lab-step/use-step-inputs.ts';
import { useSequenceRun, type SequenceRun } from './use-sequence-run.ts';

type Inputs = Record<string, unknown>;

/** `declared`: the chapter's declared API the sequence makes, when it is one. */
export default function LabSequenceWidget({ sequence: id, names = {}, declared }: { sequence: string; names?: NameOverrides; declared?: DeclaredResource }) {
  const sequence = useMemo(() => (declared ? declaredSequence(declared) : sequenceById(id)), [id, declared]);
  return sequence ? <KnownSequence sequence={sequence} given={names} /> : <p class="lb-lab__failure">There is no lab sequence named {id}.</p>;
}

const OUTCOME_WORDS: Record<StepResult['outcome'], string> = {
  created: 'Created',
  updated: 'Updated to match',
  adopted: 'Already there: adopted',
  resumed: 'Finished what an earlier run started',
};

/** One step's state in words, and a tone for its colour. */
function stepState(run: SequenceRun, step: AnyStep, index: number, record: MadeRecord | undefined): { text: string; tone: string } {
  if (run.current === index && run.op.running) return { text: 'Running…', tone: 'busy' };
  if (run.failedAt === index) return { text: `Failed: ${run.op.failure?.code ?? 'stopped'}`, tone: 'failed' };
  const result = run.results[step.id];
  if (result) return { text: OUTCOME_WORDS[result.outcome], tone: result.findings.every((finding) => finding.ok) ? 'done' : 'failed' };
  if (record?.state === 'ready') return { text: `Done earlier (${record.origin})`, tone: 'done' };
  if (record?.state === 'creating') return { text: 'Started earlier, not finished', tone: 'busy' };
  return { text: 'Not run yet', tone: 'none' };
}

function KnownSequence({ sequence, given }: { sequence: Sequence; given: NameOverrides }) {
  const target = useTarget();
  const place = usePlace();
  const records = browserMadeRecords();
  useStore(records.version);
  // The shared names survive a reload, like a step's inputs (the records shown are kept under them);
  // kept apart per set of names a page gives, so the catalogue's example leaves the chapter's alone.
  const sharedDefaults = { defaults: (at: Place) => Object.fromEntries(sequence.sharedNames.map(({ name }) => [name, defaultName(sequence, at, name)])) };
  const rememberAs = ['sequence', sequence.id, ...Object.values(given)].join(':');
  const [names, setName] = useStepInputs<Record<string, string>>(sharedDefaults, place, given, rememberAs);
  const [edits, setEdits] = useState<Record<string, Inputs>>({});
  const inputsOf = (step: AnyStep): Inputs | undefined => (place && names ? { ...sequenceInputs(step, place, names), ...edits[step.id] } : undefined);
  const run = useSequenceRun(sequence.steps, inputsOf);
  const recordOf = (step: AnyStep) => {
    const inputs = inputsOf(step);
    return place && inputs ? records.get(place.targetKey, recordId(step, step.nameOf(inputs))) : undefined;
  };

  const last = sequence.steps[sequence.steps.length - 1];
  const address = useFinishedAddress(sequence, place, inputsOf(last), run.results[last.id]?.made.url, recordOf(last)?.state === 'ready' && !run.op.running);
  const ready = target?.status === 'ready' && place !== undefined;
  const script = place
    ? sequenceScript(
        sequence.steps.map((step) => ({ step, inputs: inputsOf(step) })),
        place,
      )
    : undefined;

  return (
    <section class="lb-lab lb-sequence not-content" aria-label={sequence.title}>
      <p class="lb-lab__title">{sequence.title}</p>
      <TargetNotice target={target} />
      {names && (
        <fieldset class="lb-lab__fields lb-sequence__names">
          <legend>Names every step uses</legend>
          {sequence.sharedNames.map(({ name, label }) => (
            <SharedName key={name} label={label} value={names[name]} onChange={(value) => setName(name, value)} />
          ))}
        </fieldset>
      )}
      <ol class="lb-sequence__steps">
        {sequence.steps.map((step, index) => {
          const state = stepState(run, step, index, recordOf(step));
          return (
            <li key={step.id} data-step={step.id}>
              <details>
                <summary>
                  <span class="lb-sequence__step-title">{step.title}</span>
                  <span class="lb-sequence__state" data-tone={state.tone}>
                    {state.text}
                  </span>
                </summary>
                <StepCard
                  step={step}
                  place={place}
                  inputs={inputsOf(step)}
                  setInput={(name, value) => setEdits((now) => ({ ...now, [step.id]: { ...now[step.id], [name]: value } }))}
                  onResult={(result) => run.noteResult(step, result)}
                />
              </details>
            </li>
          );
        })}
      </ol>
      <div class="lb-lab__toolbar">
        <button
          type="button"
          class="lb-button lb-button--primary"
          aria-disabled={!ready || run.op.running}
          onClick={() => ready && !run.op.running && void run.runAll()}
        >
          {run.failedAt !== undefined ? `Retry from step ${run.failedAt + 1}` : 'Run all'}
        </button>
        <button type="button" class="lb-button" aria-disabled={!run.op.running} onClick={run.stop}>
          Stop
        </button>
      </div>
      <OperationStatus op={run.op} done={run.op.finishedAt && !run.op.failure ? 'All steps done' : undefined} />
      {address && (
        <div class="lb-sequence__address">
          <p class="lb-lab__label">Invoke URL</p>
          <p>
            <a href={address} class="lb-sequence__url" target="_blank" rel="noopener noreferrer">
              {address}
            </a>
          </p>
          <CopyButton text={address} label="Copy the invoke URL" />
        </div>
      )}
      <CliCommand script={script} summary="All the steps as one AWS CLI script or Python program" instead={cliInstead(run.op.failure)} />
      <RecordedCalls calls={run.op.calls} />
    </section>
  );
}

/** The first default a step of the sequence gives this name, e.g. CrudHttpAPI for apiName. */
function defaultName(sequence: Sequence, place: Place, name: string): string {
  for (const step of sequence.steps) {
    const defaults = step.defaults(place) as Inputs;
    if (Object.hasOwn(defaults, name)) return String(defaults[name]);
  }
  return '';
}

function SharedName({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div class="lb-lab__field">
      <label for={id}>{label}</label>
      <input id={id} type="text" value={value} spellcheck={false} onInput={(event) => onChange(event.currentTarget.value)} />
    </div>
  );
}

/**
 * Where the finished sequence answers: the last step's result in this page view, or, when
 * an earlier run finished it (a reload), looked up from the target once.
 */
function useFinishedAddress(
  sequence: Sequence,
  place: Place | undefined,
  lastInputs: Inputs | undefined,
  fromResult: string | undefined,
  finishedEarlier: boolean,
): string | undefined {
  const [lookedUp, setLookedUp] = useState<string>();
  const key = JSON.stringify([place?.targetKey, lastInputs]);
  useEffect(() => {
    setLookedUp(undefined);
    if (fromResult || !finishedEarlier || !lastInputs) return;
    let current = true;
    void browserStepContext({ record: () => {}, progress: () => {} })
      .then((ctx) => sequence.addressOf(ctx, lastInputs))
      .then((url) => current && setLookedUp(url))
      // Not reachable now (expired credentials, say): the address appears after the next run.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [key, fromResult, finishedEarlier]);
  return fromResult ?? lookedUp;
}
