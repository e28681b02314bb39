// Flight feed: Task 8.2's producer in the page. Start puts a batch of simulated aircraft
// on the stream every few seconds (records shaped as producer.py's), Stop ends it; it
// shows how many batches went, what the last PutRecords answered, and the same from a terminal.
import { useId, useState } from 'preact/hooks';
import { EXAMPLE_POSITION, FEED_LIMITS, producerCommand, putRecordCli } from '../../steps/actions/flight-feed.ts';
import { CliCommand } from '../lab-step/CliCommand.tsx';
import { OperationStatus } from '../lab-step/OperationStatus.tsx';
import { RecordedCalls } from '../lab-step/RecordedCalls.tsx';
import { TargetNotice } from '../lab-step/TargetNotice.tsx';
import { usePlace } from '../lab-step/use-place.ts';
import { useTarget } from '../target-panel/use-target.ts';
import { clockTime } from '../shared/clock-time.ts';
import { useFlightFeed, type FeedState } from './use-flight-feed.ts';

interface Limits {
  min: number;
  max: number;
  default: number;
}

/** A whole number within limits; an empty or invalid entry goes back to the default. */
function NumberField({ label, limits, value, onChange }: { label: string; limits: Limits; value: number; onChange: (value: number) => void }) {
  const id = useId();
  const clamp = (entered: number) => Math.min(limits.max, Math.max(limits.min, Math.round(entered || limits.default)));
  return (
    <div class="lb-lab__field">
      <label for={id}>{label}</label>
      <input id={id} type="number" min={limits.min} max={limits.max} value={value} onChange={(e) => onChange(clamp(e.currentTarget.valueAsNumber))} />
    </div>
  );
}

function LastBatch({ state }: { state: FeedState }) {
  const { last } = state;
  if (!last) return null;
  const { records, failed, failures } = last.result;
  return (
    <div class="lb-feed__last">
      <p class="lb-lab__summary">
        Last batch at {clockTime(last.at)}: {records} {records === 1 ? 'record' : 'records'}, {failed} failed.
      </p>
      {failures.length > 0 && (
        <ul class="lb-feed__failures" aria-label="Failed records">
          {failures.map((failure) => (
            <li key={`${failure.code} ${failure.message}`}>
              <strong>{failure.code}</strong> ({failure.count}): {failure.message}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>Records in the last batch</summary>
        <pre class="lb-output-text" tabIndex={0}>
          {last.positions.map((position) => JSON.stringify(position)).join('\n')}
        </pre>
      </details>
    </div>
  );
}

export default function FlightFeedWidget({ streamName: initialStream }: { streamName: string }) {
  const streamId = useId();
  const target = useTarget();
  const place = usePlace();
  const [streamName, setStreamName] = useState(initialStream);
  const [seconds, setSeconds] = useState<number>(FEED_LIMITS.seconds.default);
  const [aircraft, setAircraft] = useState<number>(FEED_LIMITS.aircraft.default);
  const { state, start, stop } = useFlightFeed({ streamName, seconds, aircraft });
  const ready = target?.status === 'ready';
  const canStart = ready && !state.running && streamName.trim() !== '';

  const batches = (count: number) => `${count} ${count === 1 ? 'batch' : 'batches'}`;
  // A live region: it changes when the feed starts or stops, not with every batch.
  const status = state.running
    ? `Running: a batch every ${seconds} s.`
    : state.sent > 0 || state.stoppedBecause || state.failure
      ? `Stopped${state.stoppedBecause ? ` because ${state.stoppedBecause}` : ''} after ${batches(state.sent)}.`
      : 'Not running.';

  return (
    <section class="lb-lab lb-feed not-content" aria-label="Flight feed">
      <p class="lb-lab__title">Flight feed</p>
      <TargetNotice target={target} />
      <div class="lb-lab__fields">
        <div class="lb-lab__field">
          <label for={streamId}>Stream name</label>
          <input
            id={streamId}
            type="text"
            value={streamName}
            disabled={state.running}
            spellcheck={false}
            onInput={(e) => setStreamName(e.currentTarget.value)}
          />
        </div>
        <NumberField label="Seconds between batches" limits={FEED_LIMITS.seconds} value={seconds} onChange={setSeconds} />
        <NumberField label="Aircraft per batch" limits={FEED_LIMITS.aircraft} value={aircraft} onChange={setAircraft} />
      </div>
      <p class="lb-lab__help">
        Aircraft around Barcelona airport, one record each, as producer.py puts them. Rate and batch size apply from the next batch; the feed stops when you
        leave the page or change the target.
      </p>
      <div class="lb-lab__toolbar">
        <button type="button" class="lb-button lb-button--primary" aria-disabled={!canStart} onClick={() => canStart && void start()}>
          Start
        </button>
        <button type="button" class="lb-button" aria-disabled={!state.running} onClick={stop}>
          Stop
        </button>
      </div>
      <p class="lb-lab__status" role="status">
        {status}
      </p>
      {state.running && state.waiting && <p class="lb-feed__waiting">{state.waiting}</p>}
      {state.running && <p class="lb-feed__sent">Sent so far: {batches(state.sent)}.</p>}
      {state.failure && <OperationStatus op={{ running: false, calls: [], failure: state.failure }} />}
      <LastBatch state={state} />
      <CliCommand
        summary="The same with producer.py (labbook’s lambda/flight-producer version takes these options)"
        script={place && producerCommand(place, streamName, aircraft, seconds)}
      />
      <CliCommand
        summary="One record with the AWS CLI or boto3"
        script={place && putRecordCli(place, streamName, state.last?.positions[0] ?? EXAMPLE_POSITION)}
      />
      <RecordedCalls calls={state.call ? [state.call] : []} />
    </section>
  );
}
