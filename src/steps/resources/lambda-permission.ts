// The statement in a Lambda function's resource policy that lets one API Gateway API (and
// no other) invoke it, as a step. The statement id is fixed, so a second run finds the
// statement instead of adding a duplicate.
//
// Lambda offers no quiet way to look: GetPolicy answers 404 ResourceNotFoundException for a
// function without a policy, which is the normal case before this step runs, and a
// browser prints every 4xx answer as a console error. So find() does not look; create()
// adds the statement and, when Lambda answers that the statement id exists already
// (409 ResourceConflictException, met only on a second run), reads the policy, which
// then exists, and adopts the statement, or replaces it when it allows something else.
// Teardown, which lists what find() finds, therefore never lists the statement: it goes
// with its function's policy when the function is deleted.
import { AddPermissionCommand, GetPolicyCommand, LambdaClient, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { send } from '../calls.ts';
import { awsCommand } from '../cli.ts';
import { run } from '../shells.ts';
import type { Finding, Made, Step, StepContext } from '../model.ts';
import { hasName, retryWhile } from '../waiting.ts';
import { API_ID, apiIdLine, requireApi, requireFunctionArn } from './api-lookups.ts';
import { findApiByName } from '../actions/api-address.ts';
import { getFunction } from './lambda-function.ts';

export interface InvokePermissionInputs {
  functionName: string;
  apiName: string;
  /** Fixed and readable, e.g. `crud-http-api`. */
  statementId: string;
  /**
   * Which calls of the API may invoke, after `<api id>/`: `<stage>/<method>/<path>` for an
   * HTTP API (`*\/*\/` is any stage, any method, path /), `<stage>/<route key>` for a
   * WebSocket API (`*\/*` any stage, any route).
   */
  routePattern: string;
}

const API_GATEWAY_PRINCIPAL = 'apigateway.amazonaws.com';
const INVOKE = 'lambda:InvokeFunction';

/** arn:aws:execute-api:<region>:<account>:<api id>/<route pattern> */
const executeApiArn = (ctx: { region: string; account: string }, apiId: string, routePattern: string) =>
  `arn:aws:execute-api:${ctx.region}:${ctx.account}:${apiId}/${routePattern}`;

interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: { Service?: string } | string;
  Action?: string | string[];
  Condition?: { ArnLike?: Record<string, string> };
}

/** The statement as the step wants it, or what differs. */
interface StatementReading {
  statement: PolicyStatement;
  sourceArn?: string;
}

const conflict = hasName('ResourceConflictException');
const notFound = hasName('ResourceNotFoundException');

/** The policy's statement with this id; only for functions known to have a policy (see the top of the file). */
async function readStatement(ctx: StepContext, functionName: string, statementId: string): Promise<StatementReading | undefined> {
  let policy: string | undefined;
  try {
    ({ Policy: policy } = await send(ctx, ctx.client(LambdaClient), new GetPolicyCommand({ FunctionName: functionName })));
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
  const statements = (JSON.parse(policy ?? '{}') as { Statement?: PolicyStatement[] }).Statement ?? [];
  const statement = statements.find((s) => s.Sid === statementId);
  return statement && { statement, sourceArn: statement.Condition?.ArnLike?.['AWS:SourceArn'] };
}

const principalOf = (statement: PolicyStatement) => (typeof statement.Principal === 'string' ? statement.Principal : statement.Principal?.Service);
const actionsOf = (statement: PolicyStatement) => [statement.Action ?? []].flat();

/** What the statement should say, finding by finding. */
function statementFindings(reading: StatementReading, sourceArn: string): Finding[] {
  const principal = principalOf(reading.statement);
  const actions = actionsOf(reading.statement);
  return [
    {
      label: `Allows ${API_GATEWAY_PRINCIPAL}`,
      ok: reading.statement.Effect === 'Allow' && principal === API_GATEWAY_PRINCIPAL,
      detail: `It says ${reading.statement.Effect} for ${principal}.`,
    },
    { label: `To ${INVOKE}`, ok: actions.includes(INVOKE), detail: `Its action is ${actions.join(', ')}.` },
    {
      label: `Only for ${sourceArn}`,
      ok: reading.sourceArn === sourceArn,
      detail: reading.sourceArn
        ? `It is limited to ${reading.sourceArn}.`
        : 'It names no source ARN: any API Gateway API, in any account, may invoke the function.',
    },
  ];
}

/**
 * The permission step. `defaults` gives the function, the API (found by name when the step
 * runs: the source ARN needs its id), a fixed statement id, and the route pattern the
 * source ARN allows.
 */
export function apiInvokePermissionStep(id: string, title: string, defaults: InvokePermissionInputs): Step<InvokePermissionInputs, never> {
  return {
    id,
    title,
    fields: [
      { name: 'functionName', label: 'Function name', kind: 'text' },
      { name: 'apiName', label: 'API name', kind: 'text' },
      { name: 'statementId', label: 'Statement id', kind: 'text' },
      { name: 'routePattern', label: 'Routes allowed', kind: 'text', help: 'after the API id in the source ARN: stage/method/path' },
    ],
    defaults: () => ({ ...defaults }),
    nameOf: (inputs) => `${inputs.functionName}/${inputs.statementId}`,

    find: () => Promise.resolve(undefined),

    async create(ctx, inputs) {
      await requireFunctionArn(ctx, inputs.functionName);
      const sourceArn = executeApiArn(ctx, (await requireApi(ctx, inputs.apiName)).ApiId!, inputs.routePattern);
      const client = ctx.client(LambdaClient);
      const add = () =>
        send(
          ctx,
          client,
          new AddPermissionCommand({
            FunctionName: inputs.functionName,
            StatementId: inputs.statementId,
            Action: INVOKE,
            Principal: API_GATEWAY_PRINCIPAL,
            SourceArn: sourceArn,
          }),
        );
      ctx.progress({ text: `Allowing ${inputs.apiName} to invoke ${inputs.functionName}` });
      try {
        await add();
        return;
      } catch (error) {
        if (!conflict(error)) throw error;
      }
      const existing = await readStatement(ctx, inputs.functionName, inputs.statementId);
      if (existing && statementFindings(existing, sourceArn).every((finding) => finding.ok)) return 'adopted';
      const adding = { text: `Allowing ${inputs.apiName} to invoke ${inputs.functionName}`, waitingFor: 'the function to be ready for changes' };
      if (existing) {
        ctx.progress({ text: `Replacing statement ${inputs.statementId}, which allows something else` });
        await retryWhile(ctx, conflict, adding, () =>
          send(ctx, client, new RemovePermissionCommand({ FunctionName: inputs.functionName, StatementId: inputs.statementId })),
        );
      }
      // Without the statement, the conflict was the function being busy (Pending, or mid-update).
      await retryWhile(ctx, conflict, adding, add);
      return existing ? 'updated' : undefined;
    },

    // A statement applies as soon as AddPermission answers (on AWS, within seconds).
    async waitReady(ctx, inputs): Promise<Made> {
      const api = await requireApi(ctx, inputs.apiName);
      const sourceArn = executeApiArn(ctx, api.ApiId!, inputs.routePattern);
      return {
        name: `${inputs.functionName}/${inputs.statementId}`,
        summary: `${inputs.functionName} may be invoked by ${API_GATEWAY_PRINCIPAL} for ${sourceArn} (statement ${inputs.statementId})`,
      };
    },

    async check(ctx, inputs): Promise<Finding[]> {
      const label = `${inputs.functionName}’s policy has statement ${inputs.statementId}`;
      const api = await findApiByName(ctx, inputs.apiName);
      if (!api) return [{ label: `API ${inputs.apiName} exists`, ok: false, detail: `There is no API named ${inputs.apiName} in ${ctx.region}.` }];
      if (!(await getFunction(ctx, inputs.functionName)))
        return [{ label, ok: false, detail: `There is no function named ${inputs.functionName} in ${ctx.region}.` }];
      const reading = await readStatement(ctx, inputs.functionName, inputs.statementId);
      if (!reading) return [{ label, ok: false, detail: `There is no statement ${inputs.statementId}: API Gateway may not invoke the function.` }];
      return [{ label, ok: true, detail: 'It is there.' }, ...statementFindings(reading, executeApiArn(ctx, api.ApiId!, inputs.routePattern))];
    },

    async remove(ctx, inputs) {
      if (!(await getFunction(ctx, inputs.functionName))) return false;
      try {
        await send(ctx, ctx.client(LambdaClient), new RemovePermissionCommand({ FunctionName: inputs.functionName, StatementId: inputs.statementId }));
        return true;
      } catch (error) {
        if (notFound(error)) return false;
        throw error;
      }
    },

    cli: (inputs, place) => [
      apiIdLine(place, inputs.apiName),
      run(
        awsCommand(place, 'lambda', 'add-permission', [
          ['--function-name', inputs.functionName],
          ['--statement-id', inputs.statementId],
          ['--action', INVOKE],
          ['--principal', API_GATEWAY_PRINCIPAL],
          ['--source-arn', [`arn:aws:execute-api:${place.region}:${place.account}:`, API_ID, `/${inputs.routePattern}`]],
        ]),
      ),
    ],
  };
}
