import { awsJsonOperationName, awsJsonProtocol } from '../protocol/aws-json.ts';
import type { Service } from '../protocol/service.ts';
import type { SandboxContext } from '../context.ts';
import { openDynamoEngine } from './engine.ts';
import { tableAnswer } from './table-answers.ts';
import { tableTags } from './table-tags.ts';

const TARGET_PREFIX = 'DynamoDB_20120810';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** DynamoDB through embedded dynalite: LevelDB under <data>/dynamodb, or memory. */
export async function dynamodbService(ctx: SandboxContext): Promise<Service> {
  const engine = await openDynamoEngine({
    path: ctx.directory('dynamodb'),
    accountId: ctx.accountId,
    region: ctx.defaultRegion,
    timings: ctx.timings,
    log: ctx.log,
  });
  const tags = tableTags(engine, ctx.accountId, ctx.defaultRegion);
  return {
    signingName: 'dynamodb',
    hostPrefix: 'dynamodb',
    targetPrefix: TARGET_PREFIX,
    protocol: awsJsonProtocol({ version: '1.0', errorNamespace: 'com.amazonaws.dynamodb.v20120810' }),
    async handle(req) {
      const operation = awsJsonOperationName(req, TARGET_PREFIX);
      req.authorize?.(operation);
      // dynalite's answers, errors included, are shaped as DynamoDB's; a few table answers need AWS's details.
      const request = req.body.toString('utf8');
      const result = tableAnswer(operation, request, await (tags.handles(operation) ? tags : engine).call(operation, request));
      return { status: result.status, headers: { 'content-type': CONTENT_TYPE }, body: result.body };
    },
    close: () => engine.close(),
  };
}
