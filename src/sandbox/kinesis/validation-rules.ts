import { constraintProblem } from '../protocol/model-validator.ts';

/**
 * Kinesis's request-validator rule that its published model does not state:
 * a record's data may be 1 MiB unless the stream was created with a larger
 * MaxRecordSizeInKiB (the model's Data allows 10 MiB, the most any stream
 * takes; docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html).
 * The sandbox's streams keep the default. AWS prints a blob as the Java buffer
 * holding it, e.g. 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]'.
 */
const MAX_RECORD_BYTES = 1024 * 1024;

export function kinesisServiceRules(operation: string, input: Record<string, unknown>): string[] {
  if (operation === 'PutRecord') return dataProblems(input.Data, 'data');
  if (operation === 'PutRecords' && Array.isArray(input.Records)) {
    return input.Records.flatMap((record, i) => dataProblems((record as { Data?: unknown } | null)?.Data, `records.${i + 1}.member.data`));
  }
  return [];
}

function dataProblems(data: unknown, path: string): string[] {
  if (typeof data !== 'string') return [];
  const length = Buffer.byteLength(data, 'base64');
  if (length <= MAX_RECORD_BYTES) return [];
  return [
    constraintProblem(`java.nio.HeapByteBuffer[pos=0 lim=${length} cap=${length}]`, path, `Member must have length less than or equal to ${MAX_RECORD_BYTES}`),
  ];
}
