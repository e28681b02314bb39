// "Show request and response": each SDK call the last piece of work made, as JSON.
import type { RecordedCall } from '../../steps/model.ts';

const json = (value: unknown) => JSON.stringify(value, null, 2);

export function RecordedCalls({ calls }: { calls: readonly RecordedCall[] }) {
  if (calls.length === 0) return null;
  return (
    <details class="lb-lab__calls">
      <summary>
        Show request and response ({calls.length} {calls.length === 1 ? 'call' : 'calls'})
      </summary>
      <ol>
        {calls.map((call, index) => (
          <li key={index}>
            <p class="lb-lab__call-name">
              {call.service}.{call.operation} · {call.durationMs} ms{call.error ? ` · ${call.error.code}` : ''}
            </p>
            <p class="lb-lab__call-label">Request</p>
            <pre class="lb-output-text" tabIndex={0}>
              {json(call.request)}
            </pre>
            <p class="lb-lab__call-label">{call.error ? 'Error' : 'Response'}</p>
            <pre class="lb-output-text" tabIndex={0}>
              {json(call.error ?? call.response ?? {})}
            </pre>
          </li>
        ))}
      </ol>
    </details>
  );
}
