// AWS Lambda's operations (restJson, API version 2015-03-31): the control plane and
// Invoke mapped from HTTP onto LambdaEngine, which holds the rules.
import type { SandboxContext } from '../context.ts';
import { AwsError } from '../protocol/errors.ts';
import type { RestJsonInput, RestJsonRoute } from '../protocol/rest-json.ts';
import type { SandboxRequest } from '../protocol/service.ts';
import { MAX_UPLOAD_REQUEST_BYTES, uploadTooLarge } from './code-package.ts';
import { CODE_DOWNLOAD_PATH, codeLocation } from './code-location.ts';
import type { EventQueue } from './invoke/event-queue.ts';
import { functionConfiguration, type FunctionRecord } from './function-record.ts';
import { parseFunctionRef, withQualifier } from './function-ref.ts';
import { lambdaConstraints, readZipSource } from './function-input.ts';
import { hashOf } from './function-store.ts';
import { invokeOperation } from './invoke/invoke.ts';
import type { LambdaEngine } from './engine.ts';
import { invalidValue, resourceNotFound } from './errors.ts';
import { policyDocument } from './policy.ts';
import type { AddPermissionOutput, GetFunctionOutput, GetPolicyOutput, ListFunctionsOutput } from '../protocol/generated/lambda.ts';

/** FunctionName with the Qualifier parameter; the protocol layer has checked both against the model. */
function qualifiedName(input: RestJsonInput): string {
  return withQualifier(input.params.FunctionName, input.query.get('Qualifier') ?? undefined);
}

function named(engine: LambdaEngine, input: RestJsonInput): FunctionRecord {
  return engine.find(qualifiedName(input), input.req.region);
}

/** The function, or `otherwise` (given the ARN the not-found error named) where an operation words not-found its own way. */
function namedOr(engine: LambdaEngine, input: RestJsonInput, otherwise: (arn: string) => AwsError): FunctionRecord {
  try {
    return named(engine, input);
  } catch (error) {
    if (error instanceof AwsError && error.code === 'ResourceNotFoundException') throw otherwise(error.message.replace(/^Function not found: /, ''));
    throw error;
  }
}

/** Why AWS refuses an operation on $LATEST before it looks for the function (test_lambda_api.snapshot.json in localstack/localstack). */
function refuseLatest(name: string, message: string): void {
  if (parseFunctionRef(name)?.qualifier === '$LATEST') throw invalidValue(message);
}

function checkUploadSize(req: SandboxRequest, operation: string): void {
  if (req.body.length > MAX_UPLOAD_REQUEST_BYTES) throw uploadTooLarge(operation);
}

/** Lambda's control-plane operations and Invoke, as restJson routes. */
export function lambdaOperations(engine: LambdaEngine, queue: EventQueue, ctx: SandboxContext): RestJsonRoute[] {
  const F = '/2015-03-31/functions';
  const listFunctions: RestJsonRoute['handler'] = async ({ query, req }) => {
    const maxItems = query.has('MaxItems') ? Number(query.get('MaxItems')) : 50;
    if (!Number.isInteger(maxItems)) throw invalidValue('MaxItems must be a number.');
    const all = engine.list(req.region);
    const marker = query.get('Marker');
    const start = marker ? Number(Buffer.from(marker, 'base64').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0) throw invalidValue('Invalid Marker.');
    const page = all.slice(start, start + Math.min(maxItems, 50));
    const next = start + page.length;
    return {
      body: {
        Functions: page.map((record) => functionConfiguration(record, { withState: false })),
        ...(next < all.length ? { NextMarker: Buffer.from(String(next)).toString('base64') } : {}),
      } satisfies ListFunctionsOutput,
    };
  };
  return [
    {
      method: 'POST',
      path: F,
      operation: 'CreateFunction',
      beforeBody: (req) => checkUploadSize(req, 'CreateFunction'),
      async handler(input) {
        const record = await engine.create(input.json(), input.req.region);
        return { status: 201, body: functionConfiguration(record) };
      },
    },
    { method: 'GET', path: F, operation: 'ListFunctions', handler: listFunctions },
    { method: 'GET', path: `${F}/`, operation: 'ListFunctions', handler: listFunctions },
    {
      method: 'GET',
      path: `${F}/{FunctionName}`,
      operation: 'GetFunction',
      async handler(input) {
        const record = named(engine, input);
        const location = await codeLocation(ctx.url, input.req, ctx.credentials, record.name, hashOf(record.current.code.sha256));
        return {
          body: {
            Configuration: functionConfiguration(record),
            Code: { RepositoryType: 'S3', Location: location },
            ...(Object.keys(record.tags).length ? { Tags: record.tags } : {}),
          } satisfies GetFunctionOutput,
        };
      },
    },
    {
      method: 'DELETE',
      path: `${F}/{FunctionName}`,
      operation: 'DeleteFunction',
      async handler(input) {
        const name = qualifiedName(input);
        refuseLatest(name, '$LATEST version cannot be deleted without deleting the function.');
        await engine.delete(engine.find(name, input.req.region, 'unqualified'));
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: `${F}/{FunctionName}/configuration`,
      operation: 'GetFunctionConfiguration',
      async handler(input) {
        return { body: functionConfiguration(named(engine, input)) };
      },
    },
    {
      method: 'PUT',
      path: `${F}/{FunctionName}/configuration`,
      operation: 'UpdateFunctionConfiguration',
      async handler(input) {
        const record = await engine.updateConfiguration(named(engine, input), input.json());
        return { body: functionConfiguration(record) };
      },
    },
    {
      method: 'PUT',
      path: `${F}/{FunctionName}/code`,
      operation: 'UpdateFunctionCode',
      beforeBody: (req) => checkUploadSize(req, 'UpdateFunctionCode'),
      async handler(input) {
        const body = input.json();
        const c = lambdaConstraints();
        const revisionId = c.string(body.RevisionId, 'revisionId');
        c.boolean(body.Publish, 'publish');
        c.boolean(body.DryRun, 'dryRun');
        const zipFile = readZipSource(body, c);
        const record = named(engine, input);
        if (body.DryRun === true) return { body: functionConfiguration(record) };
        return { body: functionConfiguration(await engine.updateCode(record, zipFile, revisionId)) };
      },
    },
    {
      method: 'POST',
      path: `${F}/{FunctionName}/invocations`,
      operation: 'Invoke',
      handler: (input) => invokeOperation(engine, queue, input),
    },
    {
      method: 'POST',
      path: `${F}/{FunctionName}/policy`,
      operation: 'AddPermission',
      async handler(input) {
        const body = input.json();
        const c = lambdaConstraints();
        const statementId = c.string(body.StatementId, 'statementId');
        const action = c.string(body.Action, 'action');
        const principal = c.string(body.Principal, 'principal');
        const sourceArn = c.string(body.SourceArn, 'sourceArn');
        const sourceAccount = c.string(body.SourceAccount, 'sourceAccount');
        const revisionId = c.string(body.RevisionId, 'revisionId');
        const name = qualifiedName(input);
        refuseLatest(name, 'We currently do not support adding policies for $LATEST.');
        const statement = await engine.addPermission(
          engine.find(name, input.req.region),
          { statementId: statementId!, action: action!, principal: principal!, sourceArn, sourceAccount },
          revisionId,
        );
        return { status: 201, body: { Statement: JSON.stringify(statement) } satisfies AddPermissionOutput };
      },
    },
    {
      method: 'GET',
      path: `${F}/{FunctionName}/policy`,
      operation: 'GetPolicy',
      async handler(input) {
        // AWS answers alike for a function that does not exist and one without a policy.
        const record = namedOr(engine, input, () => resourceNotFound());
        if (record.policy.length === 0) throw resourceNotFound();
        return { body: { Policy: policyDocument(record.policy), RevisionId: record.current.revisionId } satisfies GetPolicyOutput };
      },
    },
    {
      method: 'DELETE',
      path: `${F}/{FunctionName}/policy/{StatementId}`,
      operation: 'RemovePermission',
      async handler(input) {
        const revisionId = input.query.get('RevisionId') ?? undefined;
        // test_lambda_api.snapshot.json in localstack/localstack, TestLambdaPermissions::test_permission_exceptions.
        const record = namedOr(engine, input, (arn) => new AwsError('ResourceNotFoundException', `No policy found for: ${arn}`, 404));
        if (record.policy.length === 0) {
          throw new AwsError('ResourceNotFoundException', 'No policy is associated with the given resource.', 404);
        }
        await engine.removePermission(record, input.params.StatementId, revisionId);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: CODE_DOWNLOAD_PATH,
      operation: 'DownloadFunctionCode',
      async handler(input) {
        const record = named(engine, input);
        const hash = hashOf(record.current.code.sha256);
        if (input.params.File !== `${hash}.zip`) {
          throw new AwsError('ResourceNotFoundException', 'The code package was replaced; call GetFunction again.', 404);
        }
        const zip = await engine.loadZip(record);
        return { headers: { 'content-type': 'application/zip' }, body: zip };
      },
    },
  ];
}
