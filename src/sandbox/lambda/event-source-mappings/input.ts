// Reading CreateEventSourceMapping and UpdateEventSourceMapping input for a
// Kinesis stream, once the protocol layer has checked it against the API model
// (ValidationException): each member as its JSON type, then Lambda's own rules
// (InvalidParameterValueException), then what the sandbox does not do, said
// plainly rather than ignored.
import { AwsError } from '../../protocol/errors.ts';
import type { Constraints } from '../../protocol/constraints.ts';
import { invalidValue } from '../errors.ts';
import { lambdaConstraints } from '../function-input.ts';

export type StartingPosition = 'LATEST' | 'TRIM_HORIZON' | 'AT_TIMESTAMP';

/** What an update may change; every member has AWS's default once created. */
export interface MappingSettings {
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  parallelizationFactor: number;
  /** -1: until the records expire from the stream. */
  maximumRecordAgeInSeconds: number;
  bisectBatchOnFunctionError: boolean;
  /** -1: until the records expire. */
  maximumRetryAttempts: number;
}

export interface CreateMappingInput {
  functionName: string;
  eventSourceArn: string;
  enabled: boolean;
  startingPosition: StartingPosition;
  /** ms, for AT_TIMESTAMP */
  startingPositionTimestamp?: number;
  settings: MappingSettings;
}

export interface UpdateMappingInput {
  functionName?: string;
  enabled?: boolean;
  settings: Partial<MappingSettings>;
}

const KINESIS_DEFAULTS: MappingSettings = {
  batchSize: 100,
  maximumBatchingWindowInSeconds: 0,
  parallelizationFactor: 1,
  maximumRecordAgeInSeconds: -1,
  bisectBatchOnFunctionError: false,
  maximumRetryAttempts: -1,
};

export const KINESIS_STREAM_ARN = /^arn:aws[a-zA-Z-]*:kinesis:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):stream\/([a-zA-Z0-9_.-]{1,128})$/;

function readSettings(c: Constraints, body: Record<string, unknown>): Partial<MappingSettings> {
  const settings: Partial<MappingSettings> = {
    batchSize: c.integer(body.BatchSize, 'batchSize'),
    maximumBatchingWindowInSeconds: c.integer(body.MaximumBatchingWindowInSeconds, 'maximumBatchingWindowInSeconds'),
    parallelizationFactor: c.integer(body.ParallelizationFactor, 'parallelizationFactor'),
    maximumRecordAgeInSeconds: c.integer(body.MaximumRecordAgeInSeconds, 'maximumRecordAgeInSeconds'),
    bisectBatchOnFunctionError: c.boolean(body.BisectBatchOnFunctionError, 'bisectBatchOnFunctionError'),
    maximumRetryAttempts: c.integer(body.MaximumRetryAttempts, 'maximumRetryAttempts'),
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/** Lambda's rules beyond the model's: a record age of 0 to 59 seconds means nothing. */
function checkSettings(settings: Partial<MappingSettings>): void {
  const age = settings.maximumRecordAgeInSeconds;
  if (age !== undefined && age !== -1 && age < 60) {
    throw invalidValue('MaximumRecordAgeInSeconds must be -1 or between 60 and 604800 seconds.');
  }
}

/** Members that change what a mapping does and that the sandbox does not do. */
function refuseUnsupported(body: Record<string, unknown>): void {
  const destination = (body.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure?.Destination;
  const unsupported = [
    body.FilterCriteria !== undefined && 'FilterCriteria',
    destination !== undefined && 'DestinationConfig.OnFailure.Destination',
    Array.isArray(body.FunctionResponseTypes) && body.FunctionResponseTypes.length > 0 && 'FunctionResponseTypes',
    typeof body.TumblingWindowInSeconds === 'number' && body.TumblingWindowInSeconds > 0 && 'TumblingWindowInSeconds',
  ].filter(Boolean);
  if (unsupported.length) {
    throw invalidValue(`The sandbox's event source mappings do not support ${unsupported.join(', ')}.`);
  }
}

export function readCreateInput(body: Record<string, unknown>): CreateMappingInput {
  const c = lambdaConstraints();
  const functionName = c.string(body.FunctionName, 'functionName');
  const eventSourceArn = c.string(body.EventSourceArn, 'eventSourceArn');
  const enabled = c.boolean(body.Enabled, 'enabled');
  const startingPosition = c.string(body.StartingPosition, 'startingPosition');
  const timestamp = body.StartingPositionTimestamp;
  if (timestamp !== undefined && timestamp !== null && typeof timestamp !== 'number') {
    throw new AwsError('InvalidRequestContentException', "Could not parse request body into json: expected a timestamp for 'startingPositionTimestamp'");
  }
  const settings = readSettings(c, body);
  c.list(body.FunctionResponseTypes, 'functionResponseTypes');
  c.object(body.DestinationConfig, 'destinationConfig');

  if (eventSourceArn === undefined) throw invalidValue('Unrecognized event source.'); // AWS's words (test_lambda_api.snapshot.json in localstack/localstack, create_no_event_source_arn)
  if (!KINESIS_STREAM_ARN.test(eventSourceArn)) {
    throw invalidValue(`Unrecognized event source ${eventSourceArn}: the sandbox maps Kinesis streams (arn:aws:kinesis:<region>:<account>:stream/<name>) only.`);
  }
  if (startingPosition === undefined) throw invalidValue('StartingPosition must be provided for a Kinesis event source.');
  if (startingPosition === 'AT_TIMESTAMP' && typeof timestamp !== 'number') {
    throw invalidValue('StartingPositionTimestamp must be provided when StartingPosition is AT_TIMESTAMP.');
  }
  checkSettings(settings);
  refuseUnsupported(body);
  return {
    functionName: functionName!,
    eventSourceArn,
    enabled: enabled ?? true,
    startingPosition: startingPosition as StartingPosition,
    ...(startingPosition === 'AT_TIMESTAMP' ? { startingPositionTimestamp: Math.round((timestamp as number) * 1000) } : {}),
    settings: { ...KINESIS_DEFAULTS, ...settings },
  };
}

export function readUpdateInput(body: Record<string, unknown>): UpdateMappingInput {
  const c = lambdaConstraints();
  const functionName = c.string(body.FunctionName, 'functionName');
  const enabled = c.boolean(body.Enabled, 'enabled');
  const settings = readSettings(c, body);
  checkSettings(settings);
  refuseUnsupported(body);
  return { functionName, enabled, settings };
}
