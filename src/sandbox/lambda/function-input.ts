import type { AwsError } from '../protocol/errors.ts';
import { CREATABLE_RUNTIMES, isBlockedRuntime, recommendedRuntime, runtimeFamily } from '../runtimes/runtime-catalog.ts';
import { Constraints } from '../protocol/constraints.ts';
import { invalidValue, unreadableBody } from './errors.ts';
import type { FunctionSettings } from './function-record.ts';
import { parseFunctionRef } from './function-ref.ts';

/**
 * Reading CreateFunction and UpdateFunctionConfiguration input. The protocol
 * layer has already checked it against Lambda's API model (ValidationException);
 * here each member is read as its JSON type, then the service's own checks
 * follow (InvalidParameterValueException), in AWS's words.
 */

/** Environment variables Lambda sets itself and refuses to let a function set. */
const RESERVED_VARIABLES = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

/** A member of the wrong JSON type: Lambda could not read the body into the operation's input. */
export function lambdaTypeError(member: string, expected: string): AwsError {
  return unreadableBody(`expected a ${expected} for '${member}'`);
}

export function lambdaConstraints(): Constraints {
  return new Constraints(lambdaTypeError);
}

function readVariables(c: Constraints, environment: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (environment === undefined) return undefined;
  const raw = c.object(environment.Variables, 'environment.variables') ?? {};
  const variables: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    variables[key] = c.string(value, `environment.variables.${key}`) ?? '';
  }
  return variables;
}

function checkVariables(variables: Record<string, string> | undefined): void {
  if (!variables) return;
  const reserved = Object.keys(variables).filter((key) => RESERVED_VARIABLES.has(key));
  if (reserved.length > 0) {
    throw invalidValue(
      'Lambda was unable to configure your environment variables because the environment variables you have ' +
        'provided contains reserved keys that are currently not supported for modification. Reserved keys used ' +
        `in this request: ${reserved.join(', ')}`,
    );
  }
  const measured = JSON.stringify(variables);
  if (Buffer.byteLength(measured) > 4096) {
    throw invalidValue(
      'Lambda was unable to configure your environment variables because the environment variables you have ' +
        `provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
}


/**
 * An unknown runtime, one AWS knows but refuses for new code, or one the sandbox cannot run.
 * Lambda words the unknown one itself (not the validator's enum message): InvalidParameterValueException
 * "Value non-existent-runtime at 'runtime' failed to satisfy constraint: Member must satisfy enum value
 * set: [nodejs20.x, python3.14, …] or be a valid ARN", recorded against AWS in LocalStack's
 * tests/aws/services/lambda_/test_lambda_api.snapshot.json. AWS lists the runtimes in an order of its
 * own; here they are in the model's.
 */
function checkRuntime(runtime: string | undefined): void {
  if (runtime === undefined) return;
  if (!isBlockedRuntime(runtime) && !CREATABLE_RUNTIMES.includes(runtime)) {
    throw invalidValue(
      `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${CREATABLE_RUNTIMES.join(', ')}] or be a valid ARN`,
    );
  }
  if (isBlockedRuntime(runtime)) {
    throw invalidValue(
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. ` +
        `We recommend you use the new runtime (${recommendedRuntime(runtime)}) while creating or updating functions.`,
    );
  }
  if (!runtimeFamily(runtime)) {
    throw invalidValue(`The sandbox runs python3.x and nodejs*.x functions only; it cannot run ${runtime}.`);
  }
}

export interface RoleCheck {
  roleExists(arn: string): boolean;
}

function checkRole(role: string | undefined, iam: RoleCheck): void {
  if (role !== undefined && !iam.roleExists(role)) {
    throw invalidValue('The role defined for the function cannot be assumed by Lambda.');
  }
}

/** The settings members common to create and update, read into a partial settings object. */
function readSettings(c: Constraints, input: Record<string, unknown>): Partial<FunctionSettings> & { logFormat?: string } {
  const environment = c.object(input.Environment, 'environment');
  const storage = c.object(input.EphemeralStorage, 'ephemeralStorage');
  const tracing = c.object(input.TracingConfig, 'tracingConfig');
  const logging = c.object(input.LoggingConfig, 'loggingConfig');
  c.list(input.Layers, 'layers');
  const architectures = c.list(input.Architectures, 'architectures');
  architectures?.forEach((a, i) => c.string(a, `architectures.${i + 1}.member`));
  const settings = {
    runtime: c.string(input.Runtime, 'runtime'),
    handler: c.string(input.Handler, 'handler'),
    role: c.string(input.Role, 'role'),
    description: c.string(input.Description, 'description'),
    timeout: c.integer(input.Timeout, 'timeout'),
    memorySize: c.integer(input.MemorySize, 'memorySize'),
    variables: readVariables(c, environment),
    ephemeralStorageSize: storage ? c.integer(storage.Size, 'ephemeralStorage.size') : undefined,
    architectures: architectures as string[] | undefined,
    tracingMode: tracing ? c.string(tracing.Mode, 'tracingConfig.mode') : undefined,
    logGroup: logging ? c.string(logging.LogGroup, 'loggingConfig.logGroup') : undefined,
    logFormat: logging ? c.string(logging.LogFormat, 'loggingConfig.logFormat') : undefined,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/** Checks that need the whole, valid input: the service's own rules. */
function checkSettings(settings: Partial<FunctionSettings> & { logFormat?: string }, input: Record<string, unknown>, iam: RoleCheck): void {
  if (Array.isArray(input.Layers) && input.Layers.length > 0) {
    throw invalidValue('The sandbox does not support Lambda layers; put the code the function needs in its zip.');
  }
  if (settings.logFormat === 'JSON') {
    throw invalidValue('The sandbox writes function logs in the Text format only.');
  }
  checkRuntime(settings.runtime);
  checkVariables(settings.variables);
  checkRole(settings.role, iam);
}

export interface CreateInput {
  name: string;
  settings: FunctionSettings;
  zipFile: string;
  tags: Record<string, string>;
}

export function readCreateInput(input: Record<string, unknown>, iam: RoleCheck): CreateInput {
  const c = lambdaConstraints();
  const name = c.string(input.FunctionName, 'functionName');
  const code = c.object(input.Code, 'code');
  const packageType = c.string(input.PackageType, 'packageType');
  const tags = c.object(input.Tags, 'tags') ?? {};
  const settings = readSettings(c, input);
  const shortName = parseFunctionRef(name!)!.name;
  if (packageType === 'Image' || code?.ImageUri !== undefined) {
    throw invalidValue('The sandbox runs functions from .zip packages only, not container images.');
  }
  if (settings.runtime === undefined || settings.handler === undefined) {
    throw invalidValue('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  }
  const zipFile = readZipSource(code ?? {}, c);
  checkSettings(settings, input, iam);
  return {
    name: shortName,
    settings: {
      runtime: settings.runtime,
      handler: settings.handler,
      role: settings.role!,
      description: settings.description ?? '',
      timeout: settings.timeout ?? 3,
      memorySize: settings.memorySize ?? 128,
      variables: settings.variables,
      ephemeralStorageSize: settings.ephemeralStorageSize ?? 512,
      architectures: settings.architectures ?? ['x86_64'],
      tracingMode: settings.tracingMode ?? 'PassThrough',
      logGroup: settings.logGroup ?? `/aws/lambda/${shortName}`,
    },
    zipFile,
    tags: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(v)])),
  };
}

/** The base64 zip from a Code or UpdateFunctionCode input; S3 sources cannot exist in the sandbox. */
export function readZipSource(code: Record<string, unknown>, c: Constraints): string {
  const zipFile = c.string(code.ZipFile, 'zipFile');
  const bucket = c.string(code.S3Bucket, 's3Bucket');
  if (zipFile !== undefined) return zipFile;
  if (bucket !== undefined) {
    throw invalidValue(
      'Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist',
    );
  }
  throw invalidValue('Please provide a source for function code.');
}

/** UpdateFunctionConfiguration: the new settings, from the current ones and the input. */
export function readConfigurationUpdate(
  input: Record<string, unknown>,
  current: FunctionSettings,
  iam: RoleCheck,
): { settings: FunctionSettings; revisionId?: string } {
  const c = lambdaConstraints();
  const revisionId = c.string(input.RevisionId, 'revisionId');
  const settings = readSettings(c, input);
  checkSettings(settings, input, iam);
  const changes: Partial<FunctionSettings> & { logFormat?: string } = { ...settings };
  delete changes.logFormat;
  return { settings: { ...current, ...changes }, revisionId };
}
