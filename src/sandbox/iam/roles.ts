/**
 * The sandbox account's IAM roles. A Learner Lab account comes with the
 * execution role LabRole and cannot create roles, so the sandbox has exactly
 * the roles such an account has that the lab touches.
 */
import { createHash } from 'node:crypto';
import type { Account } from '../account.ts';

export interface Iam {
  labRoleArn: string;
  /** True for the ARN of a role in this account, e.g. arn:aws:iam::<account>:role/LabRole. */
  roleExists(arn: string): boolean;
  /** The role's fixed facts by name, or undefined when the account has no such role. */
  role(name: string): RoleFacts | undefined;
}

export interface RoleFacts {
  name: string;
  arn: string;
  /** AROA + 17 characters, as IAM's role ids are. */
  roleId: string;
  /** Who may assume it, as a policy document. */
  trustPolicy: object;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A role id that stays the same for the account without another stored document: AROA and 17 characters from a hash of the account and name. */
function derivedRoleId(accountId: string, name: string): string {
  const digest = createHash('sha256').update(`${accountId}:${name}`).digest();
  return 'AROA' + Array.from(digest.subarray(0, 17), (byte) => LETTERS[byte % LETTERS.length]).join('');
}

/**
 * Whom each role trusts. LabRole's document as Learner Lab accounts show it (`aws iam get-role
 * --role-name LabRole` in public transcripts: the role itself as AWS principal and a list of
 * services): the list is longer there; these are the services the transcripts name and Lambda,
 * which runs the lab's functions with it. voclabs is assumed by the Learner Lab's own account,
 * which no report shows: the account itself stands in for it.
 */
function trustPolicies(accountId: string): Record<string, object> {
  const statement = (principal: object) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });
  return {
    LabRole: statement({
      AWS: `arn:aws:iam::${accountId}:role/LabRole`,
      Service: ['apigateway.amazonaws.com', 'lambda.amazonaws.com', 'logs.amazonaws.com', 's3.amazonaws.com', 'states.amazonaws.com'],
    }),
    voclabs: statement({ AWS: `arn:aws:iam::${accountId}:root` }),
  };
}

export function sandboxIam(account: Account): Iam {
  const { accountId } = account;
  const roleIds: Record<string, string> = { LabRole: derivedRoleId(accountId, 'LabRole'), voclabs: account.voclabsRoleId };
  const trust = trustPolicies(accountId);
  const roles = new Map(
    Object.keys(roleIds).map((name) => {
      const arn = `arn:aws:iam::${accountId}:role/${name}`;
      return [name, { name, arn, roleId: roleIds[name], trustPolicy: trust[name] }];
    }),
  );
  const arns = new Set([...roles.values()].map((role) => role.arn));
  return {
    labRoleArn: roles.get('LabRole')!.arn,
    roleExists: (arn) => arns.has(arn),
    role: (name) => roles.get(name),
  };
}
