import type { SandboxContext } from '../context.ts';
import type { SandboxEngines } from '../engines.ts';
import { awsJsonService } from '../protocol/aws-json.ts';
import type { Service } from '../protocol/service.ts';
import { model } from '../protocol/generated/kinesis.ts';
import { kinesisOperations, kinesisTypeError } from './operations.ts';
import { kinesisServiceRules } from './validation-rules.ts';

export type { IteratorStart, KinesisStreams, ReadRecord } from './streams.ts';

/** Kinesis Data Streams (awsJson 1.1) over the sandbox's one Kinesis engine, which Lambda's event source mappings also read. */
export function kinesisService(_ctx: SandboxContext, { kinesis }: Pick<SandboxEngines, 'kinesis'>): Service {
  return awsJsonService({
    version: '1.1',
    signingName: 'kinesis',
    hostPrefix: 'kinesis',
    targetPrefix: 'Kinesis_20131202',
    operations: kinesisOperations(kinesis),
    validation: { model, errorCode: 'ValidationException', serviceRules: kinesisServiceRules, typeError: kinesisTypeError },
  });
}
