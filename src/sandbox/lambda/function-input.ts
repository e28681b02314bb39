import { AwsError } from '../protocol/errors.ts';
import {
  AWS_RUNTIMES,
  isBlockedRuntime,
  recommendedRuntime,
  runtimeFamily,
} from '../runtimes/runtime-catalog.ts';
import { Constraints } from '../protocol/constraints.ts';
import type { FunctionSettings } from './function-record.ts';
import { parseFunctionRef } from './function-ref.ts';

/**
 * Reading CreateFunction and UpdateFunctionConfiguration input: the member
 * constraints of Lambda's API model first (ValidationException), then the
 * service's own checks (InvalidParameterValueException), in AWS's words.
 */

export const FUNCTION_NAME_PATTERN = {
  pattern: /(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?/,
  patternText:
    '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?',
};

const ROLE = {
  pattern: /arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+/,
  patternText: 'arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+',
};

/** Environment variables Lambda sets itself and refuses to let a function set. */
const RESERVED_VARIABLES = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

const invalidValue = (message: string) => new AwsError('InvalidParameterValueException', message);

/** A member of the wrong JSON type: Lambda could not read the body into the operation's input. */
export function lambdaConstraints(): Constraints {
  return new Constraints(
    (member, expected) =>
      new AwsError(
        'InvalidRequestContentException',
        `Could not parse request body into json: Could not parse payload into json: expected a ${expected} for '${member}'`,
      ),
  );
}

function readVariables(c: Constraints, environment: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (environment === undefined) return undefined;
  const raw = c.object(environment.Variables, 'environment.variables') ?? {};
  const variables: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    c.string(key, 'environment.variables.key', { pattern: /[a-zA-Z]([a-zA-Z0-9_])+/, patternText: '[a-zA-Z]([a-zA-Z0-9_])+' });
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

/** A runtime AWS knows but refuses for new code, or one the sandbox cannot run. */
function checkRuntime(runtime: string | undefined): void {
  if (runtime === undefined) return;
  // Lambda's own wording, code and list (the runtimes it still creates), not the model's generic
  // "1 validation error detected": test_lambda_api.snapshot.json in localstack/localstack,
  // TestLambdaFunction::test_create_lambda_exceptions › invalid_runtime_exc, recorded on AWS.
  if (!AWS_RUNTIMES.includes(runtime)) {
    const creatable = AWS_RUNTIMES.filter((known) => !isBlockedRuntime(known)).join(', ');
    throw invalidValue(`Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${creatable}] or be a valid ARN`);
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
  if (architectures !== undefined && architectures.length !== 1) {
    c.violated(`'[${architectures.join(', ')}]'`, 'architectures', 'Member must have length less than or equal to 1');
  }
  architectures?.forEach((a, i) => c.string(a, `architectures.${i + 1}.member`, { oneOf: ['x86_64', 'arm64'] }));
  const settings = {
    runtime: c.string(input.Runtime, 'runtime'),
    handler: c.string(input.Handler, 'handler', { max: 128, pattern: /[^\s]+/, patternText: '[^\\s]+' }),
    role: c.string(input.Role, 'role', ROLE),
    description: c.string(input.Description, 'description', { min: 0, max: 256 }),
    timeout: c.integer(input.Timeout, 'timeout', { min: 1, max: 900 }),
    memorySize: c.integer(input.MemorySize, 'memorySize', { min: 128, max: 10240 }),
    variables: readVariables(c, environment),
    ephemeralStorageSize: storage ? c.integer(storage.Size, 'ephemeralStorage.size', { required: true, min: 512, max: 10240 }) : undefined,
    architectures: architectures as string[] | undefined,
    tracingMode: tracing ? c.string(tracing.Mode, 'tracingConfig.mode', { oneOf: ['Active', 'PassThrough'] }) : undefined,
    logGroup: logging
      ? c.string(logging.LogGroup, 'loggingConfig.logGroup', { min: 1, max: 512, pattern: /[.\-_/#A-Za-z0-9]+/, patternText: '[\\.\\-_/#A-Za-z0-9]+' })
      : undefined,
    logFormat: logging ? c.string(logging.LogFormat, 'loggingConfig.logFormat', { oneOf: ['JSON', 'Text'] }) : undefined,
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
  const name = c.string(input.FunctionName, 'functionName', { required: true, min: 1, max: 140, ...FUNCTION_NAME_PATTERN });
  c.string(input.Role, 'role', { required: true });
  const code = c.object(input.Code, 'code');
  if (input.Code === undefined) c.violated('null', 'code', 'Member must not be null');
  const packageType = c.string(input.PackageType, 'packageType', { oneOf: ['Zip', 'Image'] });
  const tags = c.object(input.Tags, 'tags') ?? {};
  const settings = readSettings(c, input);
  c.check('ValidationException');
  const shortName = parseFunctionRef(name!)!.name;
  if (shortName.length > 64) {
    c.violated(`'${shortName}'`, 'functionName', 'Member must have length less than or equal to 64');
    // With this code, not ValidationException (the same snapshots, test_function_arns › long_function_name_exc).
    c.check('InvalidParameterValueException');
  }
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
  c.check('ValidationException');
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
  c.check('ValidationException');
  checkSettings(settings, input, iam);
  const { logFormat: _ignored, ...changes } = settings;
  return { settings: { ...current, ...changes }, revisionId };
}
