// Calling an AWS_PROXY integration's function as API Gateway does: only if
// the function's resource policy lets apigateway.amazonaws.com invoke it for
// this source ARN, and giving up when the integration's timeout passes (the
// invocation itself runs on, as on AWS).
import { MAX_SYNC_PAYLOAD_BYTES } from '../lambda/invoke/invoke.ts';
import { AwsError } from '../protocol/errors.ts';
import type { DataPlaneParts } from './data-plane-parts.ts';
import { lambdaArnOf } from './rules.ts';

export type IntegrationOutcome =
  | { kind: 'result'; payload: Buffer; functionError?: string }
  /** The integration's timeout passed first. */
  | { kind: 'timeout' }
  /** The event is over Lambda's 6 MB synchronous payload limit. */
  | { kind: 'too-large' }
  /** Not invoked, or Lambda refused: no permission, no such function, Pending, throttled. */
  | { kind: 'failed'; reason: string };

export interface LambdaIntegrationCall {
  integrationUri: string;
  /** The API's region: the source ARN's, and the one a bare function name is looked up in. */
  region: string;
  /** arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<route>, as the permission's SourceArn condition sees it. */
  sourceArn: string;
  payload: Buffer;
  timeoutMs: number;
}

export async function invokeLambdaIntegration(
  { ctx, lambda: engine }: Pick<DataPlaneParts, 'ctx' | 'lambda'>,
  call: LambdaIntegrationCall,
): Promise<IntegrationOutcome> {
  const functionArn = lambdaArnOf(call.integrationUri);
  if (!functionArn) return { kind: 'failed', reason: `${call.integrationUri} is not a Lambda function` };
  const requester = { service: 'apigateway.amazonaws.com', sourceArn: call.sourceArn, sourceAccount: ctx.accountId };
  if (!engine.allowsInvoke(functionArn, call.region, requester)) {
    return { kind: 'failed', reason: `${functionArn} does not exist or its policy does not let API Gateway invoke it from ${call.sourceArn}` };
  }
  if (call.payload.length > MAX_SYNC_PAYLOAD_BYTES) return { kind: 'too-large' };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<IntegrationOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), call.timeoutMs);
  });
  const invoked = engine.invoke(functionArn, call.region, call.payload).then(
    (result): IntegrationOutcome => ({ kind: 'result', payload: result.payload, functionError: result.functionError }),
    (error): IntegrationOutcome => {
      if (error instanceof AwsError) return { kind: 'failed', reason: `${error.code}: ${error.message}` };
      throw error;
    },
  );
  try {
    return await Promise.race([invoked, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
