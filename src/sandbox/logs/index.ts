import type { SandboxContext } from '../context.ts';
import { awsJsonService, type AwsJsonOperation } from '../protocol/aws-json.ts';
import type { Service } from '../protocol/service.ts';
import { logStoreFor } from './log-store.ts';
import { logsOperations } from './operations.ts';

/** CloudWatch Logs (awsJson 1.1): the log groups and streams Lambda writes to. */
export async function logsService(ctx: SandboxContext): Promise<Service> {
  const store = await logStoreFor(ctx);
  const operations: Record<string, AwsJsonOperation> = logsOperations({ store, accountId: ctx.accountId });
  const service = awsJsonService({
    version: '1.1',
    signingName: 'logs',
    hostPrefix: 'logs',
    targetPrefix: 'Logs_20140328',
    operations,
  });
  return { ...service, close: () => store.flush() };
}
