// A Python Lambda function deployed from one source file, as a step: create it, or bring an
// existing one up to date (code and configuration), then wait until it can be invoked.
import { CloudWatchLogsClient, DeleteLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListTagsCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type FunctionConfiguration,
  type Runtime,
} from '@aws-sdk/client-lambda';
import { send } from '../calls.ts';
import { awsCommand } from '../cli.ts';
import { pythonString } from '../boto3.ts';
import { comment, json, quoteFor, run, type CliOption, type Shell } from '../shells.ts';
import { StepError } from '../errors.ts';
import type { Finding, Made, Place, Step, StepContext, TaggedKind } from '../model.ts';
import { hasName, pollUntil, retryWhile } from '../waiting.ts';
import { codeSha256, handlerFileName, zipSource } from './function-package.ts';
import { readIfListed } from './listed-lookup.ts';
import { PYTHON_RUNTIMES } from './lambda-runtimes.ts';

export interface FunctionInputs {
  functionName: string;
  runtime: string;
  /** `module.function`, e.g. `lambda_crud.lambda_handler`. */
  handler: string;
  roleArn: string;
  /** The handler's source file. */
  code: string;
  /**
   * Its name in the package, where the handler cannot say it: a Node.js module may be .js,
   * .mjs or .cjs. Without it, the name handlerFileName makes of the handler.
   */
  fileName?: string;
  /** Seconds. */
  timeout: number;
  /** MB. */
  memorySize: number;
  environment: Record<string, string>;
}

const LAB_ROLE = 'LabRole';

export const labRoleArn = (account: string) => `arn:aws:iam::${account}:role/${LAB_ROLE}`;
export const logGroupOf = (functionName: string) => `/aws/lambda/${functionName}`;

const notFound = hasName('ResourceNotFoundException');
/** A function that is Pending or mid-update refuses changes with this, briefly. */
const busy = hasName('ResourceConflictException');

/** Every function in the region, page after page. */
async function allFunctions(ctx: StepContext): Promise<FunctionConfiguration[]> {
  const client = ctx.client(LambdaClient);
  const functions: FunctionConfiguration[] = [];
  let marker: string | undefined;
  do {
    const page = await send(ctx, client, new ListFunctionsCommand({ Marker: marker }));
    functions.push(...(page.Functions ?? []));
    marker = page.NextMarker;
  } while (marker);
  return functions;
}

/**
 * True when ListFunctions names the function (see listed-lookup.ts for why). ListFunctions
 * leaves out State, so the configuration is still read with GetFunctionConfiguration.
 */
const functionListed = async (ctx: StepContext, functionName: string): Promise<boolean> =>
  (await allFunctions(ctx)).some((f) => f.FunctionName === functionName);

/** Every function with its tags, which ListFunctions leaves out. */
const taggedFunctions: TaggedKind = {
  async list(ctx) {
    const client = ctx.client(LambdaClient);
    return Promise.all(
      (await allFunctions(ctx)).map(async (f) => {
        const { Tags } = await send(ctx, client, new ListTagsCommand({ Resource: f.FunctionArn }));
        return { name: f.FunctionName!, tags: Tags ?? {} };
      }),
    );
  },
};

const readConfiguration = (ctx: StepContext, functionName: string) =>
  send(ctx, ctx.client(LambdaClient), new GetFunctionConfigurationCommand({ FunctionName: functionName }));

export const getFunction = (ctx: StepContext, functionName: string): Promise<FunctionConfiguration | undefined> =>
  readIfListed(
    () => functionListed(ctx, functionName),
    () => readConfiguration(ctx, functionName),
  );

/** True when the function's log group exists (it appears with the first log line). */
export async function logGroupExists(ctx: StepContext, functionName: string): Promise<boolean> {
  const name = logGroupOf(functionName);
  const { logGroups } = await send(ctx, ctx.client(CloudWatchLogsClient), new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
  return (logGroups ?? []).some((group) => group.logGroupName === name);
}

const fileOf = (inputs: FunctionInputs) => inputs.fileName ?? handlerFileName(inputs.handler, inputs.runtime);

function zipOf(inputs: FunctionInputs): Uint8Array {
  return zipSource(fileOf(inputs), inputs.code);
}

/** What the check wants of the runtime: the family of the one asked for (a student may pick another version). */
function runtimeFinding(found: FunctionConfiguration, inputs: FunctionInputs): Finding {
  const [label, family] = inputs.runtime.startsWith('nodejs') ? ['A Node.js runtime', 'nodejs'] : ['A Python runtime', 'python3.'];
  return { label, ok: (found.Runtime ?? '').startsWith(family), detail: `The runtime is ${found.Runtime}.` };
}

function configurationOf(inputs: FunctionInputs) {
  return {
    FunctionName: inputs.functionName,
    Runtime: inputs.runtime as Runtime,
    Handler: inputs.handler,
    Role: inputs.roleArn,
    Timeout: inputs.timeout,
    MemorySize: inputs.memorySize,
    Environment: { Variables: inputs.environment },
  };
}

function sameEnvironment(found: FunctionConfiguration, wanted: Record<string, string>): boolean {
  const current = found.Environment?.Variables ?? {};
  const names = new Set([...Object.keys(current), ...Object.keys(wanted)]);
  return [...names].every((name) => current[name] === wanted[name]);
}

function configurationMatches(found: FunctionConfiguration, inputs: FunctionInputs): boolean {
  return (
    found.Runtime === inputs.runtime &&
    found.Handler === inputs.handler &&
    found.Role === inputs.roleArn &&
    found.Timeout === inputs.timeout &&
    found.MemorySize === inputs.memorySize &&
    sameEnvironment(found, inputs.environment)
  );
}

/** Polls until the function is Active and no update is running; fails if Lambda says it failed. */
async function waitUsable(ctx: StepContext, functionName: string): Promise<FunctionConfiguration> {
  return pollUntil(ctx, {
    read: () => readConfiguration(ctx, functionName),
    done: (f) => {
      if (f.State === 'Failed')
        throw new StepError(
          'FunctionFailed',
          `Lambda could not make the function ready: ${f.StateReason ?? 'no reason given'} (${f.StateReasonCode ?? 'Failed'})`,
        );
      if (f.LastUpdateStatus === 'Failed')
        throw new StepError('FunctionUpdateFailed', `Lambda could not apply the update: ${f.LastUpdateStatusReason ?? 'no reason given'}`);
      return f.State === 'Active' && f.LastUpdateStatus !== 'InProgress';
    },
    describe: (f) =>
      f.State !== 'Active'
        ? { text: `Function ${functionName} is ${f.State}`, state: f.State, waitingFor: `${f.State} → Active` }
        : f.LastUpdateStatus === 'InProgress'
          ? { text: `Updating function ${functionName}`, state: 'Update InProgress', waitingFor: 'InProgress → Successful' }
          : { text: `Function ${functionName} is Active`, state: 'Active' },
  });
}

/** Uploads the code and changes the configuration where they differ from the inputs; true if anything changed. */
async function bringUpToDate(ctx: StepContext, inputs: FunctionInputs, found: FunctionConfiguration): Promise<boolean> {
  const client = ctx.client(LambdaClient);
  const zip = zipOf(inputs);
  const codeChanged = found.CodeSha256 !== (await codeSha256(zip));
  const configChanged = !configurationMatches(found, inputs);
  if (codeChanged) {
    await waitUsable(ctx, inputs.functionName);
    await retryWhile(ctx, busy, { text: 'Uploading the new code', waitingFor: 'the function to be ready for changes' }, () =>
      send(ctx, client, new UpdateFunctionCodeCommand({ FunctionName: inputs.functionName, ZipFile: zip })),
    );
  }
  if (configChanged) {
    await waitUsable(ctx, inputs.functionName);
    await retryWhile(ctx, busy, { text: 'Changing the configuration', waitingFor: 'the function to be ready for changes' }, () =>
      send(ctx, client, new UpdateFunctionConfigurationCommand(configurationOf(inputs))),
    );
  }
  return codeChanged || configChanged;
}

/** The handler file in a zip: zip on Linux and macOS; Compress-Archive in PowerShell 5+; on Windows 10+ cmd, its bsdtar, which -a makes write zip. */
function zipCommands(zip: string, file: string): Record<Shell, string> {
  return {
    bash: `zip ${quoteFor('bash', zip)} ${quoteFor('bash', file)}`,
    powershell: `Compress-Archive -Force -Path ${quoteFor('powershell', file)} -DestinationPath ${quoteFor('powershell', zip)}`,
    cmd: `tar -a -c -f ${quoteFor('cmd', zip)} ${quoteFor('cmd', file)}`,
  };
}

/** The same archive with Python's zipfile, for the boto3 rendering. */
const zipInPython = (zip: string, file: string) =>
  ['import zipfile', `with zipfile.ZipFile(${pythonString(zip)}, 'w') as archive:`, `    archive.write(${pythonString(file)})`].join('\n');

function summary(f: FunctionConfiguration): string {
  return `${f.FunctionName}: ${f.State}, ${f.Runtime}, handler ${f.Handler}, ${f.MemorySize} MB, ${f.Timeout} s`;
}

/** `runtimes`: those the student may choose from, the Python ones unless the function is another language's. */
export function lambdaFunctionStep(
  id: string,
  title: string,
  defaults: (place: Place) => FunctionInputs,
  runtimes: readonly string[] = PYTHON_RUNTIMES,
): Step<FunctionInputs, FunctionConfiguration> {
  return {
    id,
    title,
    fields: [
      { name: 'functionName', label: 'Function name', kind: 'text' },
      { name: 'runtime', label: 'Runtime', kind: 'select', options: runtimes },
      { name: 'handler', label: 'Handler', kind: 'text', help: 'file name without its extension, a dot, the function’s name' },
      { name: 'roleArn', label: 'Execution role', kind: 'text', help: 'the Learner Lab allows LabRole only' },
      { name: 'timeout', label: 'Timeout (s)', kind: 'number' },
      { name: 'memorySize', label: 'Memory (MB)', kind: 'number' },
    ],
    defaults,
    nameOf: (inputs) => inputs.functionName,
    tagged: taggedFunctions,

    find: (ctx, inputs) => getFunction(ctx, inputs.functionName),

    async create(ctx, inputs) {
      ctx.progress({ text: `Creating function ${inputs.functionName}` });
      try {
        await send(
          ctx,
          ctx.client(LambdaClient),
          new CreateFunctionCommand({ ...configurationOf(inputs), Code: { ZipFile: zipOf(inputs) }, Tags: ctx.resourceTags }),
        );
      } catch (error) {
        // Made meanwhile, by another tab or a create whose answer was lost: bring it up to date instead.
        if (!busy(error)) throw error;
        const found = await getFunction(ctx, inputs.functionName);
        if (found) await bringUpToDate(ctx, inputs, found);
      }
    },

    update: bringUpToDate,

    async waitReady(ctx, inputs): Promise<Made> {
      const f = await waitUsable(ctx, inputs.functionName);
      return { name: inputs.functionName, arn: f.FunctionArn, summary: summary(f) };
    },

    async check(ctx, inputs): Promise<Finding[]> {
      const f = await getFunction(ctx, inputs.functionName);
      if (!f)
        return [{ label: `Function ${inputs.functionName} exists`, ok: false, detail: `There is no function named ${inputs.functionName} in ${ctx.region}.` }];
      return [
        { label: `Function ${inputs.functionName} is Active`, ok: f.State === 'Active', detail: `Its state is ${f.State}.` },
        runtimeFinding(f, inputs),
        { label: `Handler ${inputs.handler}`, ok: f.Handler === inputs.handler, detail: `The handler is ${f.Handler}.` },
        { label: `Execution role ${LAB_ROLE}`, ok: (f.Role ?? '').endsWith(`:role/${LAB_ROLE}`), detail: `The role is ${f.Role}.` },
      ];
    },

    async remove(ctx, inputs) {
      if (!(await getFunction(ctx, inputs.functionName))) return false;
      const deleting = { text: `Deleting function ${inputs.functionName}`, waitingFor: 'the function to be ready for changes' };
      try {
        await retryWhile(ctx, busy, deleting, () => send(ctx, ctx.client(LambdaClient), new DeleteFunctionCommand({ FunctionName: inputs.functionName })));
      } catch (error) {
        if (!notFound(error)) throw error;
      }
      // Its log group outlives the function; it was made for it, so it goes too.
      if (await logGroupExists(ctx, inputs.functionName)) {
        await send(ctx, ctx.client(CloudWatchLogsClient), new DeleteLogGroupCommand({ logGroupName: logGroupOf(inputs.functionName) }));
      }
      return true;
    },

    sourceOf: (inputs) => ({ file: fileOf(inputs), code: inputs.code }),
    cli(inputs, place) {
      const file = fileOf(inputs);
      const zip = file.replace(/\.[^.]+$/, '') + '.zip';
      const options: CliOption[] = [
        ['--function-name', inputs.functionName],
        ['--runtime', inputs.runtime],
        ['--handler', inputs.handler],
        ['--role', inputs.roleArn],
        ['--zip-file', `fileb://${zip}`],
        ['--timeout', inputs.timeout],
        ['--memory-size', inputs.memorySize],
      ];
      if (Object.keys(inputs.environment).length > 0) options.push(['--environment', json({ Variables: inputs.environment })]);
      return [
        { kind: 'native', text: zipCommands(zip, file), python: zipInPython(zip, file) },
        run(awsCommand(place, 'lambda', 'create-function', options)),
        run(awsCommand(place, 'lambda', 'wait function-active-v2', [['--function-name', inputs.functionName]])),
        comment('When the function exists already, upload the new code instead:'),
        {
          kind: 'commented',
          command: awsCommand(place, 'lambda', 'update-function-code', [
            ['--function-name', inputs.functionName],
            ['--zip-file', `fileb://${zip}`],
          ]),
        },
      ];
    },
  };
}
