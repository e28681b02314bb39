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

export function InvokeResultView({ result }: { result: InvokeResult }) {
  const { report } = result;
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
      <pre tabIndex={0}>{pretty(result.payload)}</pre>
      <p class="lb-lab__label">Log tail</p>
      <pre tabIndex={0}>{result.logTail || '(empty)'}</pre>
    </div>
  );
}
