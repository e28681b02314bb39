// Who reads a stream, before the feed puts records on it. A new event source mapping may
// take minutes to start polling, and one that starts at LATEST misses what was put before
// it did (Lambda Developer Guide, "Polling and stream starting positions"): the lab's
// FlightFanout mapping starts at LATEST. So the feed waits while a mapping is still
// Creating, Enabling or Updating, and says so while it waits.
import { LambdaClient, ListEventSourceMappingsCommand, type EventSourceMappingConfiguration } from '@aws-sdk/client-lambda';
import { send } from '../calls.ts';
import type { StepContext } from '../model.ts';

/** The mappings of the stream, and which of them are still becoming ready. */
export interface StreamReaders {
  mappings: number;
  /** e.g. "FlightFanout is Creating"; empty when none is (or there is no mapping). */
  notReading: string[];
}

/** A mapping in these states will read soon; a Disabled one was turned off and is not waited for. */
const BECOMING_READY: readonly string[] = ['Creating', 'Enabling', 'Updating'];

export async function streamReaders(ctx: StepContext, streamName: string): Promise<StreamReaders> {
  const arn = `arn:aws:kinesis:${ctx.region}:${ctx.account}:stream/${streamName}`;
  const client = ctx.client(LambdaClient);
  const mappings: EventSourceMappingConfiguration[] = [];
  let marker: string | undefined;
  do {
    const page = await send(ctx, client, new ListEventSourceMappingsCommand({ EventSourceArn: arn, Marker: marker }));
    mappings.push(...(page.EventSourceMappings ?? []));
    marker = page.NextMarker;
  } while (marker);
  const functionOf = (mapping: EventSourceMappingConfiguration) => mapping.FunctionArn?.split(':').at(6) ?? 'its function';
  return {
    mappings: mappings.length,
    notReading: mappings
      .filter((mapping) => BECOMING_READY.includes(mapping.State ?? ''))
      .map((mapping) => `${functionOf(mapping)} is ${mapping.State ?? 'not ready'}`),
  };
}

/**
 * Waits until no mapping of the stream is still becoming ready, telling `waiting` what it
 * waits for and for how long; gives up (returning) after `limitMs`, when the feed sends anyway.
 */
export async function untilStreamIsRead(
  ctx: StepContext,
  streamName: string,
  waiting: (text: string | undefined) => void,
  pause: (ms: number) => Promise<void>,
  limitMs = 120_000,
): Promise<void> {
  const started = Date.now();
  for (;;) {
    const { notReading } = await streamReaders(ctx, streamName);
    const seconds = Math.round((Date.now() - started) / 1000);
    if (notReading.length === 0 || seconds * 1000 >= limitMs) return waiting(undefined);
    waiting(
      `Waiting before the first batch: ${notReading.join(', ')} (${seconds} s). A mapping reading from LATEST never receives records put before it is Enabled.`,
    );
    await pause(1000);
  }
}
