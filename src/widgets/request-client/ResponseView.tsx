// An API's answer: status and its text, the time taken, what it means, the headers, and the
// body (pretty-printed when it is JSON). Everything is text; nothing in a body becomes HTML.
import type { ApiAnswer } from '../../cloud/api-requests.ts';
import { answerHint, prettyBody } from './answer-hints.ts';

export function ResponseView({ answer }: { answer: ApiAnswer }) {
  const hint = answerHint(answer);
  const ok = answer.status >= 200 && answer.status < 300;
  return (
    <div class="lb-http__answer" role="group" aria-label="Response">
      <dl class="lb-lab__facts">
        <dt>Status</dt>
        <dd class="lb-http__status" data-ok={ok}>
          {answer.status} {answer.statusText}
        </dd>
        <dt>Time</dt>
        <dd>{Math.round(answer.durationMs)} ms</dd>
        {answer.relayed && (
          <>
            <dt>Route</dt>
            <dd>through labbook’s relay</dd>
          </>
        )}
      </dl>
      {hint && (
        <p class="lb-lab__notice" role="note">
          {hint}
        </p>
      )}
      {/* Every header, the API's CORS headers included: the status and body come first. */}
      <details>
        <summary>Headers ({answer.headers.length})</summary>
        <pre class="lb-output-text" tabIndex={0}>
          {answer.headers.map(([name, value]) => `${name}: ${value}`).join('\n')}
        </pre>
        {answer.relayed && (
          <p class="lb-lab__help">The Access-Control-* headers are your API’s own; labbook’s relay answered your browser’s CORS check itself.</p>
        )}
      </details>
      <p class="lb-lab__label">Body</p>
      <pre class="lb-output-text lb-http__body" tabIndex={0}>
        {answer.body === '' ? '(empty)' : prettyBody(answer.body)}
      </pre>
    </div>
  );
}
