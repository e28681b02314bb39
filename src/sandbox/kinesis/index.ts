import type { SandboxContext } from '../context.ts';
import { awsJsonService } from '../protocol/aws-json.ts';
import type { Service } from '../protocol/service.ts';
import { model } from '../protocol/generated/kinesis.ts';
import { kinesisOperations, kinesisTypeError } from './operations.ts';
import { KinesisStreams } from './streams.ts';
import { kinesisServiceRules } from './validation-rules.ts';

export type { IteratorStart, KinesisStreams, ReadRecord } from './streams.ts';

const engines = new WeakMap<SandboxContext, Promise<KinesisStreams>>();

/**
 * The sandbox's one Kinesis engine. Other services reach streams in process
 * through it (Lambda's event source mappings: `describe`, `shardIterator`,
 * `getRecords`, and `onRecords` to wake a poller when records land).
 */
export function kinesisStreamsFor(ctx: SandboxContext): Promise<KinesisStreams> {
  let engine = engines.get(ctx);
  if (!engine) {
    engine = KinesisStreams.open(ctx.storage.scope('kinesis'), { accountId: ctx.accountId });
    engines.set(ctx, engine);
  }
  return engine;
}

/** Kinesis Data Streams (awsJson 1.1). */
export async function kinesisService(ctx: SandboxContext): Promise<Service> {
  const engine = await kinesisStreamsFor(ctx);
  const service = awsJsonService({
    version: '1.1',
    signingName: 'kinesis',
    hostPrefix: 'kinesis',
    targetPrefix: 'Kinesis_20131202',
    operations: kinesisOperations(engine),
    validation: { model, errorCode: 'ValidationException', serviceRules: kinesisServiceRules, typeError: kinesisTypeError },
  });
  return { ...service, close: async () => engine.close() };
}
