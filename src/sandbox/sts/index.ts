import { model } from '../protocol/generated/sts.ts';
import { queryService } from '../protocol/query.ts';
import type { Service } from '../protocol/service.ts';

/** STS: who am I. The identity is the one the signature check established. */
export function stsService(): Service {
  return queryService({
    signingName: 'sts',
    hostPrefix: 'sts',
    version: '2011-06-15',
    xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
    // STS's common error for input outside the model's constraints (STS API reference, Common Errors).
    validation: { model, errorCode: 'ValidationError' },
    operations: {
      async GetCallerIdentity(_params, req) {
        // Every STS request is signed, so the front door has set the caller.
        const caller = req.caller!;
        return { UserId: caller.userId, Account: caller.accountId, Arn: caller.arn };
      },
    },
  });
}
