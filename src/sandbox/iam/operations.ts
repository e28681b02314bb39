// IAM's operations: GetRole answers for the account's roles (iam/roles.ts); every write is
// refused as the Learner Lab refuses it, and the other reads are said not to be emulated.
import { model } from '../protocol/generated/iam.ts';
import type { QueryOperation } from '../protocol/query.ts';
import type { GetRoleOutput } from '../protocol/generated/iam.ts';
import type { Iam } from './roles.ts';
import { noSuchRole, notEmulated, writeDenied } from './errors.ts';

export interface IamOperationsOptions {
  iam: Iam;
  accountId: string;
  /** When the account's roles were made: every role's CreateDate. */
  createDate: Date;
  /** The Learner Lab profile: writes are refused as AWS refuses them for voclabs; off, they are not emulated. */
  learnerLab: boolean;
}

/** IAM's Read and List access levels (Service Authorization Reference, IAM): Get*, List*, Generate*, Simulate*. Everything else writes. */
const isRead = (action: string) => /^(Get|List|Generate|Simulate)/.test(action);

/** The resource IAM names in a refusal: the ARN of the user, role, group or policy the request names. */
function resourceOf(accountId: string, params: URLSearchParams): string | undefined {
  const arn = (kind: string, name: string, path = '/') => `arn:aws:iam::${accountId}:${kind}${path}${name}`;
  const path = params.get('Path') ?? undefined;
  const named: Array<[string, string]> = [
    ['RoleName', 'role'],
    ['UserName', 'user'],
    ['GroupName', 'group'],
  ];
  for (const [member, kind] of named) {
    const name = params.get(member);
    if (name) return arn(kind, name, path);
  }
  const policyArn = params.get('PolicyArn');
  if (policyArn) return policyArn;
  const policyName = params.get('PolicyName');
  return policyName ? arn('policy', policyName, path) : undefined;
}

export function iamOperations({ iam, accountId, createDate, learnerLab }: IamOperationsOptions): Record<string, QueryOperation> {
  const operations: Record<string, QueryOperation> = {};
  for (const action of Object.keys(model.operations)) {
    operations[action] = isRead(action)
      ? () => Promise.reject(notEmulated(action))
      : (params, req) => Promise.reject(learnerLab ? writeDenied(req.caller!, action, resourceOf(accountId, params)) : notEmulated(action));
  }
  operations.GetRole = async (params) => {
    const name = params.get('RoleName')!;
    const role = iam.role(name);
    if (!role) throw noSuchRole(name);
    return {
      Role: {
        Path: '/',
        RoleName: role.name,
        RoleId: role.roleId,
        Arn: role.arn,
        CreateDate: createDate.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        // The query protocol sends the document URL-encoded (IAM API reference, Role: AssumeRolePolicyDocument).
        AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(role.trustPolicy)),
        // A role's default, one hour (IAM API reference, CreateRole: MaxSessionDuration).
        MaxSessionDuration: 3600,
        RoleLastUsed: {},
      },
    } satisfies GetRoleOutput;
  };
  return operations;
}
