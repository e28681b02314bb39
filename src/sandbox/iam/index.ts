import type { SandboxContext } from '../context.ts';
import { model } from '../protocol/generated/iam.ts';
import { queryService } from '../protocol/query.ts';
import type { Service } from '../protocol/service.ts';
import { iamOperations } from './operations.ts';

/**
 * IAM (awsQuery, API version 2010-05-08): the account's roles to read, and its writes
 * refused as a Learner Lab refuses them (operations.ts). The roles' CreateDate is the
 * first start of the sandbox's data, kept in its storage.
 */
export async function iamService(ctx: SandboxContext): Promise<Service> {
  const storage = ctx.storage.scope('iam');
  let created = await storage.read<{ createDate: string }>('account');
  if (!created) {
    created = { createDate: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString() };
    await storage.write('account', created);
  }
  return queryService({
    signingName: 'iam',
    hostPrefix: 'iam',
    version: '2010-05-08',
    xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
    // IAM's common error for input outside the model's constraints (IAM API reference, Common Errors).
    validation: { model, errorCode: 'ValidationError' },
    operations: iamOperations({ iam: ctx.iam, accountId: ctx.accountId, createDate: new Date(created.createDate), learnerLab: ctx.learnerLab }),
  });
}
