import { AwsError } from '../protocol/errors.ts';
import { queryService } from '../protocol/query.ts';
import type { Service } from '../protocol/service.ts';

/** STS: who am I. The identity is the one the signature check established. */
export function stsService(): Service {
  return queryService({
    signingName: 'sts',
    hostPrefix: 'sts',
    version: '2011-06-15',
    xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
    operations: {
      async GetCallerIdentity(_params, req) {
        if (!req.caller) throw new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
        return { UserId: req.caller.userId, Account: req.caller.accountId, Arn: req.caller.arn };
      },
    },
  });
}
