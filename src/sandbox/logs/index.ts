import type { SandboxContext } from '../context.ts';
import type { SandboxEngines } from '../engines.ts';
import { awsJsonService, type AwsJsonOperation } from '../protocol/aws-json.ts';
import type { Service } from '../protocol/service.ts';
import { model } from '../protocol/generated/logs.ts';
import { logsTypeError } from './errors.ts';
import { logsOperations } from './operations.ts';
import { logsChecksBeforeModel, logsServiceRules } from './validation-rules.ts';

/** CloudWatch Logs (awsJson 1.1): the log groups and streams Lambda writes to. */
export function logsService(ctx: SandboxContext, { logs }: Pick<SandboxEngines, 'logs'>): Service {
  const operations: Record<string, AwsJsonOperation> = logsOperations({ store: logs, accountId: ctx.accountId });
  return awsJsonService({
    version: '1.1',
    signingName: 'logs',
    hostPrefix: 'logs',
    targetPrefix: 'Logs_20140328',
    operations,
    validation: {
      model,
      errorCode: 'InvalidParameterException',
      checksBeforeModel: logsChecksBeforeModel,
      serviceRules: logsServiceRules,
      typeError: logsTypeError,
    },
  });
}
