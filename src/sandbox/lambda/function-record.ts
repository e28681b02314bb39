import { createHash } from 'node:crypto';
import type { PolicyStatement } from './policy.ts';
import type { FunctionConfiguration } from '../protocol/generated/lambda.ts';

/** A Lambda function as the sandbox keeps it (one JSON document per function). */

/** The settings UpdateFunctionConfiguration can change. */
export interface FunctionSettings {
  runtime: string;
  handler: string;
  role: string;
  description: string;
  timeout: number;
  memorySize: number;
  /** Undefined when the function has no Environment at all (AWS then omits it). */
  variables?: Record<string, string>;
  ephemeralStorageSize: number;
  architectures: string[];
  tracingMode: string;
  logGroup: string;
}

export interface CodeInfo {
  /** base64 of the zip's SHA-256, as AWS reports CodeSha256 */
  sha256: string;
  size: number;
}

/** One version of the function's code and settings. */
export interface Revision {
  settings: FunctionSettings;
  code: CodeInfo;
  revisionId: string;
  /** ms since the epoch */
  lastModified: number;
}

export interface FunctionRecord {
  name: string;
  arn: string;
  /** What Get* reports: the latest create or update. */
  current: Revision;
  /** While an update is being applied, invocations still run the revision before it. */
  previous?: Revision;
  /** The function is Pending until then (ms since the epoch). */
  activeAt: number;
  /** The last update is InProgress until then. */
  updateDoneAt?: number;
  policy: PolicyStatement[];
  tags: Record<string, string>;
}

/** `2025-04-03T15:24:35.266+0000`, the form Lambda writes LastModified in. */
function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function isPending(record: FunctionRecord, now = Date.now()): boolean {
  return now < record.activeAt;
}

export function isUpdating(record: FunctionRecord, now = Date.now()): boolean {
  return record.updateDoneAt !== undefined && now < record.updateDoneAt;
}

/** The revision an invocation runs now. */
export function liveRevision(record: FunctionRecord, now = Date.now()): Revision {
  return isUpdating(record, now) && record.previous ? record.previous : record.current;
}

function stateFields(record: FunctionRecord, now: number): Record<string, string> {
  if (isPending(record, now)) {
    return { State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' };
  }
  if (isUpdating(record, now)) {
    return {
      State: 'Active',
      LastUpdateStatus: 'InProgress',
      LastUpdateStatusReason: 'The function is being created.',
      LastUpdateStatusReasonCode: 'Creating',
    };
  }
  return { State: 'Active', LastUpdateStatus: 'Successful' };
}

/**
 * The FunctionConfiguration structure, field for field as Lambda returns it.
 * ListFunctions leaves out the state fields, as AWS does.
 */
export function functionConfiguration(record: FunctionRecord, options: { withState?: boolean } = {}): FunctionConfiguration {
  const { settings, code, revisionId, lastModified } = record.current;
  return {
    FunctionName: record.name,
    FunctionArn: record.arn,
    Runtime: settings.runtime,
    Role: settings.role,
    Handler: settings.handler,
    CodeSize: code.size,
    Description: settings.description,
    Timeout: settings.timeout,
    MemorySize: settings.memorySize,
    LastModified: lambdaTimestamp(lastModified),
    CodeSha256: code.sha256,
    Version: '$LATEST',
    ...(settings.variables ? { Environment: { Variables: settings.variables } } : {}),
    TracingConfig: { Mode: settings.tracingMode },
    RevisionId: revisionId,
    ...(options.withState === false ? {} : stateFields(record, Date.now())),
    PackageType: 'Zip',
    Architectures: settings.architectures,
    EphemeralStorage: { Size: settings.ephemeralStorageSize },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    RuntimeVersionConfig: {
      // AWS names a runtime version by a 64-digit hash; the sandbox derives one from the runtime.
      RuntimeVersionArn: `arn:aws:lambda:${record.arn.split(':')[3]}::runtime:${createHash('sha256').update(settings.runtime).digest('hex')}`,
    },
    LoggingConfig: { LogFormat: 'Text', LogGroup: settings.logGroup },
  };
}
