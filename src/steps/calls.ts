// Every SDK call a step makes goes through send(), which records it for "show request and
// response". What is recorded is the command's input and output after the SDK's own
// log filter (which blanks members AWS marks sensitive, such as a function's environment
// variables and zip), never the HTTP request: no header, no signature, no credential.
// A call AWS throttles is sent again after a pause, for longer than the SDK's own three quick
// tries: API Gateway's control plane allows one CreateDeployment every 5 s and ten calls a
// second per account (apigateway/control/quotas.ts), which a lab's steps can pass in a burst.
import type { HandlerExecutionContext, MiddlewareStack } from '@smithy/types';
import { isThrottling } from './errors.ts';
import type { RecordedCall, StepContext } from './model.ts';
import { sleep } from './waiting.ts';

interface SdkCommand<I extends object, O extends object> {
  readonly input: I;
  readonly middlewareStack: MiddlewareStack<I, O>;
}

interface SdkClient {
  send(command: SdkCommand<object, object>, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

type LogFilter = (value: unknown) => unknown;

/** Pauses between throttled tries, doubling; past the last, the throttling error stands. */
const THROTTLED_PAUSES_MS = [1_000, 2_000, 4_000, 8_000, 8_000, 8_000, 8_000];

/**
 * Sends a command with the step's abort signal, and records each try whether it succeeds or
 * fails; while AWS throttles it, tries again after a pause, saying so.
 */
export async function send<I extends object, O extends object>(ctx: StepContext, client: SdkClient, command: SdkCommand<I, O>): Promise<O> {
  for (let tried = 0; ; tried++) {
    try {
      return await sendOnce(ctx, client, command);
    } catch (error) {
      const pauseMs = THROTTLED_PAUSES_MS[tried];
      if (pauseMs === undefined || !isThrottling(error)) throw error;
      ctx.progress({ text: `AWS throttled the call (${(error as Error).name}); trying again in ${pauseMs / 1000} s`, waitingFor: 'AWS’s rate limit' });
      await sleep(pauseMs, ctx.signal);
    }
  }
}

/** One try: sends with the step's abort signal and records the call. */
async function sendOnce<I extends object, O extends object>(ctx: StepContext, client: SdkClient, command: SdkCommand<I, O>): Promise<O> {
  const call: RecordedCall = { service: '', operation: '', request: safeJson(command.input), startedAt: Date.now(), durationMs: 0 };
  // Only the middleware context knows the names (class names do not survive minifying) and the SDK's filters.
  command.middlewareStack.add(
    (next, context: HandlerExecutionContext) => async (args) => {
      call.service = (context.clientName ?? '').replace(/Client$/, '');
      call.operation = (context.commandName ?? '').replace(/Command$/, '');
      call.request = safeJson(filtered(context.inputFilterSensitiveLog, args.input));
      const result = await next(args);
      call.response = safeJson(filtered(context.outputFilterSensitiveLog, withoutMetadata(result.output)));
      return result;
    },
    { step: 'initialize', name: 'labbookRecordCall', override: true },
  );
  try {
    return (await client.send(command as unknown as SdkCommand<object, object>, { abortSignal: ctx.signal })) as O;
  } catch (error) {
    call.error = errorSummary(error);
    throw error;
  } finally {
    call.durationMs = Date.now() - call.startedAt;
    ctx.record(call);
  }
}

function filtered(filter: unknown, value: unknown): unknown {
  return typeof filter === 'function' ? (filter as LogFilter)(value) : value;
}

function withoutMetadata(output: unknown): unknown {
  if (typeof output !== 'object' || output === null) return output;
  const rest = { ...(output as Record<string, unknown>) };
  delete rest.$metadata;
  return rest;
}

function errorSummary(error: unknown): NonNullable<RecordedCall['error']> {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  return { code: e?.name ?? 'Error', message: e?.message ?? String(error), status: e?.$metadata?.httpStatusCode };
}

/** Presigned URLs carry a signature; keep the address, drop the query. */
const SIGNED_URL = /^(https?:\/\/[^?\s]+)\?(?=\S*X-Amz-(?:Signature|Credential|Security-Token)=)\S*/i;

/** A JSON-friendly copy: bytes become a note of their size (or their text), dates ISO strings. */
export function safeJson(value: unknown): unknown {
  if (value instanceof Uint8Array) return bytesAsText(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value.replace(SIGNED_URL, '$1?(signature removed)');
  if (Array.isArray(value)) return value.map(safeJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, safeJson(v)]),
    );
  }
  return value;
}

const TEXT_DECODER = new TextDecoder('utf-8', { fatal: true });

function bytesAsText(bytes: Uint8Array): string {
  try {
    const text = TEXT_DECODER.decode(bytes);
    // Valid UTF-8 with control characters in it is binary data all the same.
    if (!/[\u0000-\u0008\u000e-\u001f]/.test(text)) return text;
  } catch {
    // not UTF-8: fall through
  }
  return `(${bytes.byteLength} bytes)`;
}
