// A CRUD stack of a spec's own on the test server's sandbox, made from Node as a student's
// script would: a table keyed by thingID and the lab's CRUD function (lambda/crud), both
// through the lab's steps, then an HTTP API with the lab's five routes, a prod stage and a
// deployment. The browser specs point the Request client and the Items app at it.
import { readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { ApiGatewayV2Client, DeleteApiCommand } from '@aws-sdk/client-apigatewayv2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { dynamoTableStep } from '../../src/steps/resources/dynamodb-table.ts';
import { labRoleArn, lambdaFunctionStep } from '../../src/steps/resources/lambda-function.ts';
import { madeRecords, runStep } from '../../src/steps/runner.ts';
import type { StepContext } from '../../src/steps/model.ts';
import { memoryStorage } from '../../src/steps/target-records.ts';
import { allowApiGateway, deployHttpApi } from '../sandbox/http-api-helpers.ts';
import { removeFromSandbox, sandboxContext } from './sandbox-resources.ts';

const CRUD_SOURCE = readFileSync(new URL('../../lambda/crud/lambda_crud.py', import.meta.url), 'utf8');
const LAB_ROUTES = ['GET /', 'POST /', 'PUT /', 'DELETE /', 'OPTIONS /'];

export interface CrudStackNames {
  table: string;
  fn: string;
  api: string;
}

export interface CrudStack {
  apiId: string;
  /** The sandbox's invoke URL, as Find my API fills it in. */
  invokeUrl: string;
  /** The same API's URL as AWS would print it (the relay, pointed at the sandbox, reaches it by its Host). */
  awsInvokeUrl: string;
  /** Deletes the API, the function and the table (with the request context of the hook that calls it). */
  remove(request: APIRequestContext): Promise<void>;
}

/** The table and the CRUD function alone, made afresh; returns the step context that made them. */
export async function deployCrudFunction(request: APIRequestContext, names: Pick<CrudStackNames, 'table' | 'fn'>): Promise<StepContext> {
  await removeFromSandbox(request, { tables: [names.table], functions: [names.fn] });
  const ctx = await sandboxContext(request);
  const records = madeRecords(memoryStorage());
  const table = dynamoTableStep('spec/table', 'Create a table', { tableName: names.table, partitionKey: 'thingID', keyType: 'S' });
  await runStep(table, ctx, { tableName: names.table, partitionKey: 'thingID', keyType: 'S' }, records);
  const fnInputs = {
    functionName: names.fn,
    runtime: 'python3.13',
    handler: 'lambda_crud.lambda_handler',
    roleArn: labRoleArn(ctx.account),
    code: CRUD_SOURCE,
    timeout: 10,
    memorySize: 128,
    environment: {},
  };
  const fn = lambdaFunctionStep('spec/function', 'Deploy a function', () => fnInputs);
  await runStep(fn, ctx, fnInputs, records);
  return ctx;
}

export async function deployCrudStack(request: APIRequestContext, names: CrudStackNames): Promise<CrudStack> {
  const ctx = await deployCrudFunction(request, names);
  const gateway = ctx.client(ApiGatewayV2Client);
  const functionArn = `arn:aws:lambda:${ctx.region}:${ctx.account}:function:${names.fn}`;
  const api = await deployHttpApi(gateway, { name: names.api, functionArn, routeKeys: LAB_ROUTES, stageName: 'prod' });
  await allowApiGateway(ctx.client(LambdaClient), names.fn, `arn:aws:execute-api:${ctx.region}:${ctx.account}:${api.apiId}/*/*/`);
  return {
    apiId: api.apiId,
    invokeUrl: api.url('/'),
    awsInvokeUrl: `https://${api.apiId}.execute-api.${ctx.region}.amazonaws.com/prod/`,
    async remove(cleanupRequest) {
      await gateway.send(new DeleteApiCommand({ ApiId: api.apiId }));
      await removeFromSandbox(cleanupRequest, { tables: [names.table], functions: [names.fn] });
    },
  };
}
