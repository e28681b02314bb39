// IAM's answers to a role it does not have and to a write the account may not make, in AWS's words.
import { AwsError } from '../protocol/errors.ts';
import type { CallerIdentity } from '../protocol/service.ts';

/** GetRole's NoSuchEntity (404 in IAM's model), worded as the AWS CLI shows it in public reports. */
export const noSuchRole = (name: string) => new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);

/**
 * An IAM write refused for the voclabs role. Learner Lab accounts answer with an implicit deny
 * (AccessDenied, HTTP 403), e.g. "User: arn:aws:sts::…:assumed-role/voclabs/user…=… is not
 * authorized to perform: iam:CreateUser on resource: arn:aws:iam::…:user/test-user because no
 * identity-based policy allows the iam:CreateUser action" (public Learner Lab transcripts, the
 * same for iam:CreateRole on arn:aws:iam::…:role/<name>).
 */
export function writeDenied(caller: CallerIdentity, action: string, resource: string | undefined): AwsError {
  const on = resource === undefined ? '' : ` on resource: ${resource}`;
  return new AwsError(
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: iam:${action}${on} because no identity-based policy allows the iam:${action} action`,
    403,
  );
}

/** An IAM action the sandbox has no answer for; the message says so rather than pass for AWS's. */
export const notEmulated = (action: string) =>
  new AwsError('InvalidAction', `The sandbox does not emulate iam:${action}; it keeps only the roles a Learner Lab account has.`);
