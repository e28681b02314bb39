import { AwsError } from '../../protocol/errors.ts';
import type { RestJsonInput, RestJsonResult } from '../../protocol/rest-json.ts';
import { jacksonJsonError } from './jackson-json-error.ts';
import type { EventQueue } from './event-queue.ts';
import type { LambdaEngine } from '../engine.ts';
import { unreadableBody } from '../errors.ts';
import { withQualifier } from '../function-ref.ts';

/** Lambda's payload limits: 6 MB for a synchronous request, 1 MB for an Event (since October 2025; 256 KB before). */
export const MAX_SYNC_PAYLOAD_BYTES = 6_291_456;
const MAX_EVENT_PAYLOAD_BYTES = 1_048_576;
/** The tail of the log returned with LogType Tail. */
const LOG_TAIL_BYTES = 4096;

function header(input: RestJsonInput, name: string): string | undefined {
  const value = input.req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A payload that is not JSON is refused with the parser's own words, as AWS does (400). */
function checkPayloadIsJson(payload: Buffer): void {
  if (payload.length === 0) return;
  const problem = jacksonJsonError(payload);
  if (problem !== undefined) {
    throw unreadableBody(problem);
  }
}

function clientContextOf(encoded: string | undefined): string | undefined {
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  try {
    JSON.parse(decoded);
  } catch {
    throw new AwsError('InvalidRequestContentException', 'Client context must be a valid Base64-encoded JSON object.');
  }
  return decoded;
}

/** POST /2015-03-31/functions/{FunctionName}/invocations */
export async function invokeOperation(engine: LambdaEngine, queue: EventQueue, input: RestJsonInput): Promise<RestJsonResult> {
  // The protocol layer has checked these headers and the qualifier against Lambda's model.
  const type = header(input, 'x-amz-invocation-type') ?? 'RequestResponse';
  const logType = header(input, 'x-amz-log-type') ?? 'None';
  const qualifier = input.query.get('Qualifier') ?? undefined;
  const record = engine.find(withQualifier(input.params.FunctionName, qualifier), input.req.region, 'latest');
  const payload = input.req.body;
  if (type === 'Event' && payload.length > MAX_EVENT_PAYLOAD_BYTES) {
    throw new AwsError(
      'RequestEntityTooLargeException',
      `${payload.length} byte payload is too large for the Event invocation type (limit ${MAX_EVENT_PAYLOAD_BYTES} bytes)`,
      413,
    );
  }
  if (payload.length > MAX_SYNC_PAYLOAD_BYTES) {
    throw new AwsError(
      'RequestEntityTooLargeException',
      `Request must be smaller than ${MAX_SYNC_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
      413,
    );
  }
  checkPayloadIsJson(payload);
  const clientContext = clientContextOf(header(input, 'x-amz-client-context'));
  const revision = engine.invocable(record);
  const requestId = input.req.requestId;
  if (type === 'DryRun') return { status: 204 };
  if (type === 'Event') {
    queue.push({
      run: async () => {
        const latest = engine.find(record.name, input.req.region);
        return engine.run(latest, engine.invocable(latest), { payload, requestId });
      },
    });
    return { status: 202 };
  }
  const result = await engine.run(record, revision, { payload, clientContext, requestId });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amz-executed-version': '$LATEST',
  };
  if (result.functionError) headers['x-amz-function-error'] = result.functionError;
  if (logType === 'Tail') headers['x-amz-log-result'] = Buffer.from(result.log).subarray(-LOG_TAIL_BYTES).toString('base64');
  return { status: 200, headers, body: result.payload };
}
