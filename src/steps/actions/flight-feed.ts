// Task 8.2's producer, run from the page: one PutRecords call per batch of simulated
// aircraft, its partial failures reported as Kinesis reports them, and the same work as
// the lab's producer.py and as one AWS CLI put-record.
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { send } from '../calls.ts';
import { awsCommand } from '../cli.ts';
import { run, type CliOption, type Script } from '../shells.ts';
import type { Place, StepContext } from '../model.ts';
import { kinesisRecordsOf, type AircraftPosition } from './flight-simulation.ts';

/** The feed's limits: the event source mapping hands FlightFanout at most 100 records at a time. */
export const FEED_LIMITS = { aircraft: { min: 1, max: 100, default: 12 }, seconds: { min: 1, max: 60, default: 3 } } as const;

/** The chapter's example aircraft, for the CLI command before the feed has run. */
export const EXAMPLE_POSITION: AircraftPosition = {
  registration: 'EC-KLM',
  lat: 41.41,
  lon: 2.2,
  altitude: 3400,
  origin: 'MAD',
  destination: 'BCN',
  status: 'flying',
};

/** Failed records of one kind, as PutRecords reports them per record. */
export interface RecordFailure {
  code: string;
  message: string;
  count: number;
}

export interface BatchResult {
  records: number;
  failed: number;
  failures: RecordFailure[];
}

/**
 * Puts one batch in one request. PutRecords does not fail as a whole when some records
 * fail (throughput exceeded, internal failure): it counts them, and says why per record.
 */
export async function putFlightBatch(ctx: StepContext, streamName: string, positions: readonly AircraftPosition[]): Promise<BatchResult> {
  const answer = await send(ctx, ctx.client(KinesisClient), new PutRecordsCommand({ StreamName: streamName, Records: kinesisRecordsOf(positions) }));
  const failures = new Map<string, RecordFailure>();
  for (const entry of answer.Records ?? []) {
    if (!entry.ErrorCode) continue;
    const key = `${entry.ErrorCode}\n${entry.ErrorMessage ?? ''}`;
    const seen = failures.get(key) ?? { code: entry.ErrorCode, message: entry.ErrorMessage ?? '', count: 0 };
    seen.count += 1;
    failures.set(key, seen);
  }
  return {
    records: positions.length,
    failed: answer.FailedRecordCount ?? 0,
    failures: [...failures.values()],
  };
}

/** The lab's producer (lambda/flight-producer/producer.py) doing the same from a terminal. */
export function producerCommand(place: Place, streamName: string, aircraft: number, seconds: number): Script {
  const options: CliOption[] = [
    ['--stream', streamName],
    ['--aircraft', aircraft],
    ['--interval', seconds],
  ];
  if (place.endpointUrl) options.push(['--endpoint-url', place.endpointUrl]);
  // Python for Windows installs `python` (and the `py` launcher), not `python3`.
  return [
    { kind: 'env', name: 'AWS_DEFAULT_REGION', value: place.region },
    run({ words: [{ bash: 'python3', powershell: 'python', cmd: 'python' }, 'producer.py'], options }),
  ];
}

/** One aircraft put by hand. AWS CLI v2 reads --data as base64 unless told the text is raw. */
export function putRecordCli(place: Place, streamName: string, position: AircraftPosition): Script {
  return [
    run(
      awsCommand(place, 'kinesis', 'put-record', [
        ['--stream-name', streamName],
        ['--partition-key', position.registration],
        ['--cli-binary-format', 'raw-in-base64-out'],
        ['--data', JSON.stringify(position)],
      ]),
    ),
  ];
}
