import type { SandboxContext } from '../context.ts';
import type { SandboxEngines } from '../engines.ts';
import { awsJsonService } from '../protocol/aws-json.ts';
import type { Service } from '../protocol/service.ts';
import { kinesisOperations } from './operations.ts';

export type { IteratorStart, KinesisStreams, ReadRecord } from './streams.ts';

/** Kinesis Data Streams (awsJson 1.1) over the sandbox's one Kinesis engine, which Lambda's event source mappings also read. */
export function kinesisService(_ctx: SandboxContext, { kinesis }: Pick<SandboxEngines, 'kinesis'>): Service {
  return awsJsonService({
    version: '1.1',
    signingName: 'kinesis',
    hostPrefix: 'kinesis',
    targetPrefix: 'Kinesis_20131202',
    operations: kinesisOperations(kinesis),
  });
}
