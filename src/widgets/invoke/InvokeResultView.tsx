// What an invocation returned: Lambda's status, any function error, the REPORT line's
// durations (an Init Duration means a cold start), the handler's result and the log tail.
import type { InvokeResult } from '../../steps/actions/invoke.ts';

function pretty(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

/** An HTTP API response's body is a string of JSON: shown parsed too, as a client would read it. */
function jsonBody(payload: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(payload);
    const body = typeof parsed === 'object' && parsed !== null && 'body' in parsed ? parsed.body : undefined;
    return typeof body === 'string' ? JSON.stringify(JSON.parse(body), null, 2) : undefined;
  } catch {
    return undefined;
  }
}

export function InvokeResultView({ result }: { result: InvokeResult }) {
  const { report } = result;
  const body = jsonBody(result.payload);
  return (
    <div class="lb-invoke__result">
      <dl class="lb-lab__facts">
        <dt>Status</dt>
        <dd>{result.statusCode}</dd>
        <dt>Function error</dt>
        <dd>{result.functionError ?? 'none'}</dd>
        {report && (
          <>
            <dt>Duration</dt>
            <dd>
              {report.durationMs.toFixed(2)} ms (billed {report.billedMs} ms)
            </dd>
            <dt>Cold start</dt>
            <dd>{report.initMs !== undefined ? `yes: Init Duration ${report.initMs.toFixed(2)} ms` : 'no: a warm execution environment'}</dd>
            <dt>Memory</dt>
            <dd>
              {report.maxMemoryUsedMb} MB used of {report.memoryMb} MB
            </dd>
          </>
        )}
      </dl>
      <p class="lb-lab__label">Result</p>
      <pre class="lb-output-text" tabIndex={0}>
        {pretty(result.payload)}
      </pre>
      {body !== undefined && (
        <>
          <p class="lb-lab__label">Its body, read as JSON</p>
          <pre class="lb-output-text" tabIndex={0}>
            {body}
          </pre>
        </>
      )}
      <p class="lb-lab__label">Log tail</p>
      <pre class="lb-output-text" tabIndex={0}>
        {result.logTail || '(empty)'}
      </pre>
    </div>
  );
}
