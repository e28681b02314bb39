// Reading CreateEventSourceMapping and UpdateEventSourceMapping input for a
// Kinesis stream: the API model's member constraints first
// (ValidationException), then Lambda's own rules (InvalidParameterValueException),
// then what the sandbox does not do, said plainly rather than ignored.
import { AwsError } from '../../protocol/errors.ts';
import type { Constraints } from '../../protocol/constraints.ts';
import { FUNCTION_NAME_PATTERN, lambdaConstraints } from '../function-input.ts';

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

const EVENT_SOURCE_ARN = {
  pattern: /arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)/,
  patternText: 'arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)',
};
export const KINESIS_STREAM_ARN = /^arn:aws[a-zA-Z-]*:kinesis:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):stream\/([a-zA-Z0-9_.-]{1,128})$/;

const invalidValue = (message: string) => new AwsError('InvalidParameterValueException', message);

function readSettings(c: Constraints, body: Record<string, unknown>): Partial<MappingSettings> {
  const settings: Partial<MappingSettings> = {
    batchSize: c.integer(body.BatchSize, 'batchSize', { min: 1, max: 10000 }),
    maximumBatchingWindowInSeconds: c.integer(body.MaximumBatchingWindowInSeconds, 'maximumBatchingWindowInSeconds', { min: 0, max: 300 }),
    parallelizationFactor: c.integer(body.ParallelizationFactor, 'parallelizationFactor', { min: 1, max: 10 }),
    maximumRecordAgeInSeconds: c.integer(body.MaximumRecordAgeInSeconds, 'maximumRecordAgeInSeconds', { min: -1, max: 604800 }),
    bisectBatchOnFunctionError: c.boolean(body.BisectBatchOnFunctionError, 'bisectBatchOnFunctionError'),
    maximumRetryAttempts: c.integer(body.MaximumRetryAttempts, 'maximumRetryAttempts', { min: -1, max: 10000 }),
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

function readFunctionName(c: Constraints, value: unknown, required: boolean): string | undefined {
  return c.string(value, 'functionName', { required, min: 1, max: 140, ...FUNCTION_NAME_PATTERN });
}

export function readCreateInput(body: Record<string, unknown>): CreateMappingInput {
  const c = lambdaConstraints();
  const functionName = readFunctionName(c, body.FunctionName, true);
  const eventSourceArn = c.string(body.EventSourceArn, 'eventSourceArn', { min: 12, max: 1024, ...EVENT_SOURCE_ARN });
  const enabled = c.boolean(body.Enabled, 'enabled');
  const startingPosition = c.string(body.StartingPosition, 'startingPosition', { oneOf: ['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'] });
  const timestamp = body.StartingPositionTimestamp;
  if (timestamp !== undefined && timestamp !== null && typeof timestamp !== 'number') {
    throw new AwsError('InvalidRequestContentException', "Could not parse request body into json: expected a timestamp for 'startingPositionTimestamp'");
  }
  const settings = readSettings(c, body);
  c.list(body.FunctionResponseTypes, 'functionResponseTypes');
  c.object(body.DestinationConfig, 'destinationConfig');
  c.check('ValidationException');

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
  const functionName = readFunctionName(c, body.FunctionName, false);
  const enabled = c.boolean(body.Enabled, 'enabled');
  const settings = readSettings(c, body);
  c.check('ValidationException');
  checkSettings(settings);
  refuseUnsupported(body);
  return { functionName, enabled, settings };
}
