// Shared by the API Gateway steps: what they find by name at run time (the API, the Lambda
// function's ARN), every page of a Get* list, the ARNs API Gateway gives its resources,
// and the same look-ups as shell lines, so each step's CLI text also runs on its own.
import type { Api } from '@aws-sdk/client-apigatewayv2';
import { findApiByName } from '../actions/api-address.ts';
import { awsCommand } from '../cli.ts';
import { capture, variable, type Line } from '../shells.ts';
import { StepError } from '../errors.ts';
import type { Place, StepContext } from '../model.ts';
import { getFunction } from './lambda-function.ts';

/** The API with this name; fails with a hint to run the API's step when there is none. */
export async function requireApi(ctx: StepContext, apiName: string): Promise<Api> {
  const api = await findApiByName(ctx, apiName);
  if (!api) throw new StepError('ResourceNotFoundException', `There is no API named ${apiName} in ${ctx.region}.`);
  return api;
}

/** The function's ARN; fails with a hint to run the function's step when there is none. */
export async function requireFunctionArn(ctx: StepContext, functionName: string): Promise<string> {
  const fn = await getFunction(ctx, functionName);
  if (!fn) throw new StepError('ResourceNotFoundException', `There is no function named ${functionName} in ${ctx.region}.`);
  return fn.FunctionArn!;
}

/** Every item of an API Gateway v2 list (GetRoutes, GetStages, …), page after page. */
export async function allPages<T>(readPage: (nextToken: string | undefined) => Promise<{ Items?: T[]; NextToken?: string }>): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await readPage(nextToken);
    items.push(...(page.Items ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return items;
}

/** How IAM names an API Gateway v2 resource: `arn:aws:apigateway:<region>::/apis/<id>/stages/prod`. */
export const apiResourceArn = (region: string, apiId: string, ...path: string[]) => [`arn:aws:apigateway:${region}::/apis`, apiId, ...path].join('/');

/** A string as a JMESPath raw literal, for `--query "Items[?Name=='…']"`. */
const jmesLiteral = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** `API_ID=$(aws apigatewayv2 get-apis --query "Items[?Name=='CrudHttpAPI'].ApiId" …)` */
export function apiIdLine(place: Place, apiName: string): Line {
  return capture(
    'API_ID',
    awsCommand(place, 'apigatewayv2', 'get-apis', [
      ['--query', `Items[?Name==${jmesLiteral(apiName)}].ApiId`],
      ['--output', 'text'],
    ]),
  );
}

/** `LAMBDA_ARN=$(aws lambda get-function-configuration --function-name LambdaCRUD …)` */
export function lambdaArnLine(place: Place, functionName: string): Line {
  const options = [
    ['--function-name', functionName],
    ['--query', 'FunctionArn'],
    ['--output', 'text'],
  ] as const;
  return capture('LAMBDA_ARN', awsCommand(place, 'lambda', 'get-function-configuration', options));
}

/** The API's id as the later commands use it. */
export const API_ID = variable('API_ID');
