/**
 * The sandbox account's IAM roles. A Learner Lab account comes with the
 * execution role LabRole and cannot create roles, so the sandbox has exactly
 * the roles such an account has that the lab touches.
 */
export interface Iam {
  labRoleArn: string;
  /** True for the ARN of a role in this account, e.g. arn:aws:iam::<account>:role/LabRole. */
  roleExists(arn: string): boolean;
}

const ROLE_NAMES = ['LabRole', 'voclabs'];

export function sandboxIam(accountId: string): Iam {
  const arns = new Set(ROLE_NAMES.map((name) => `arn:aws:iam::${accountId}:role/${name}`));
  return {
    labRoleArn: `arn:aws:iam::${accountId}:role/LabRole`,
    roleExists: (arn) => arns.has(arn),
  };
}
