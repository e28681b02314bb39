import { createHash, randomUUID } from 'node:crypto';
import type { SandboxContext } from '../context.ts';
import type { LogStore } from '../logs/log-store.ts';
import { AwsError } from '../protocol/errors.ts';
import { ConcurrencyLimitExceeded, EnvironmentPool } from '../runtimes/environment-pool.ts';
import type { IssuedCredentials } from '../credentials/store.ts';
import type { Credentials, FunctionSnapshot, InvocationResult } from '../runtimes/execution-environment.ts';
import { readCodePackage } from './code-package.ts';
import {
  isPending,
  isUpdating,
  liveRevision,
  type FunctionRecord,
  type Revision,
} from './function-record.ts';
import { functionArn, parseFunctionRef } from './function-ref.ts';
import { readConfigurationUpdate, readCreateInput, type RoleCheck } from './function-input.ts';
import { FunctionStore, hashOf } from './function-store.ts';
import { PermissionPropagation } from './permission-propagation.ts';
import { allowsInvoke, statementFor, type InvokeRequester, type PermissionInput, type PolicyStatement } from './policy.ts';
import { checkedNewTags } from './tags.ts';


export interface InvokeInput {
  payload: Buffer;
  clientContext?: string;
  requestId?: string;
}

/** Credentials a function's environments run with, one set per role, renewed an hour before they expire. */
function roleCredentials(ctx: SandboxContext): (role: string) => Promise<Credentials> {
  const issued = new Map<string, Promise<IssuedCredentials>>();
  return async (role) => {
    let credentials = issued.get(role);
    if (!credentials || Date.parse((await credentials).expiration) - Date.now() < 3_600_000) {
      credentials = ctx.credentials.issue({ name: role.split('/').at(-1)!.slice(0, 32) });
      issued.set(role, credentials);
      credentials.catch(() => issued.delete(role));
    }
    const { accessKeyId, secretAccessKey, sessionToken } = await credentials;
    return { accessKeyId, secretAccessKey, sessionToken };
  };
}

const notFound = (arn: string) => new AwsError('ResourceNotFoundException', `Function not found: ${arn}`, 404);

/** An environment of a previous revision is never reused: this key changes with the code or any setting. */
function revisionKey(revision: Revision): string {
  return createHash('sha256').update(JSON.stringify([revision.code.sha256, revision.settings])).digest('hex');
}

/**
 * Lambda's functions and what happens to them: the control plane's rules
 * (states, revisions, policies) and invocation through the environment pool.
 * The HTTP routes, API Gateway and event source mappings call this.
 */
export class LambdaEngine {
  private readonly ctx: SandboxContext;
  private readonly store: FunctionStore;
  readonly pool: EnvironmentPool;
  private readonly iam: RoleCheck;
  private readonly permissions: PermissionPropagation;

  private constructor(ctx: SandboxContext, store: FunctionStore, pool: EnvironmentPool) {
    this.ctx = ctx;
    this.store = store;
    this.pool = pool;
    this.iam = ctx.iam;
    this.permissions = new PermissionPropagation(() => ctx.timings.durationMs('lambda.permission-propagating'));
  }

  /** `logs` is where functions' log streams are written. */
  static async open(ctx: SandboxContext, logs: LogStore): Promise<LambdaEngine> {
    const store = await FunctionStore.open(ctx.storage.scope('lambda'));
    const pool = new EnvironmentPool({
      ...ctx.lambda,
      sandboxEndpoint: () => ctx.url,
      issueCredentials: roleCredentials(ctx),
      openLogStream: (group, stream) => logs.writer(group, stream),
    });
    return new LambdaEngine(ctx, store, pool);
  }

  arnOf(name: string, region: string): string {
    return functionArn(region, this.ctx.accountId, name);
  }

  /**
   * The function a FunctionName parameter names, in the caller's region. `notFoundNames` is how
   * AWS's not-found message names it: with the qualifier asked for (GetFunction), without one
   * (DeleteFunction), or with $LATEST when none was asked for (Invoke) — test_lambda_api.snapshot.json
   * in localstack/localstack, test_function_name_and_qualifier_validation, recorded on AWS.
   */
  find(functionName: string, region: string, notFoundNames: 'as-asked' | 'unqualified' | 'latest' = 'as-asked'): FunctionRecord {
    const ref = parseFunctionRef(functionName);
    // The same snapshots, test_function_arns › function_arn_other_region_exc.
    if (ref?.region && ref.region !== region) {
      throw new AwsError('ResourceNotFoundException', `Functions from '${ref.region}' are not reachable in this region ('${region}')`, 404);
    }
    const arn = this.arnOf(ref?.name ?? functionName, region);
    const record = ref ? this.store.get(ref.name) : undefined;
    const qualifierOk = ref?.qualifier === undefined || ref.qualifier === '$LATEST';
    if (!record || record.arn !== arn || !qualifierOk || (ref?.accountId && ref.accountId !== this.ctx.accountId)) {
      const qualifier = notFoundNames === 'latest' ? (ref?.qualifier ?? '$LATEST') : ref?.qualifier;
      throw notFound(qualifier && notFoundNames !== 'unqualified' ? `${arn}:${qualifier}` : arn);
    }
    return record;
  }

  list(region: string): FunctionRecord[] {
    return this.store.all().filter((record) => record.arn.split(':')[3] === region);
  }

  async create(input: Record<string, unknown>, region: string): Promise<FunctionRecord> {
    const { name, settings, zipFile, tags } = readCreateInput(input, this.iam);
    const code = readCodePackage(zipFile);
    if (this.store.get(name)) throw new AwsError('ResourceConflictException', `Function already exist: ${name}`, 409);
    const now = Date.now();
    const record: FunctionRecord = {
      name,
      arn: this.arnOf(name, region),
      current: { settings, code: { sha256: code.sha256, size: code.zip.length }, revisionId: randomUUID(), lastModified: now },
      activeAt: now + this.ctx.timings.durationMs('lambda.function-pending'),
      policy: [],
      tags: checkedNewTags(tags),
    };
    await this.store.save(record, { hash: code.hash, bytes: code.zip });
    this.pool.prepare(settings.runtime);
    return record;
  }

  async updateCode(record: FunctionRecord, zipFile: string, revisionId: string | undefined): Promise<FunctionRecord> {
    this.checkReadyForUpdate(record, revisionId);
    const code = readCodePackage(zipFile);
    const updated = this.withNewRevision(record, { ...record.current, code: { sha256: code.sha256, size: code.zip.length } });
    await this.store.save(updated, { hash: code.hash, bytes: code.zip });
    return updated;
  }

  async updateConfiguration(record: FunctionRecord, input: Record<string, unknown>): Promise<FunctionRecord> {
    const { settings, revisionId } = readConfigurationUpdate(input, record.current.settings, this.iam);
    this.checkReadyForUpdate(record, revisionId);
    const updated = this.withNewRevision(record, { ...record.current, settings });
    await this.store.save(updated);
    return updated;
  }

  async delete(record: FunctionRecord): Promise<void> {
    await this.store.delete(record.name);
    this.pool.retire(record.arn);
  }

  /** Replaces the function's tags; its code, settings and RevisionId stay. */
  async setTags(record: FunctionRecord, tags: Record<string, string>): Promise<void> {
    await this.store.save({ ...record, tags });
  }

  async addPermission(record: FunctionRecord, input: PermissionInput, revisionId?: string): Promise<PolicyStatement> {
    this.checkRevision(record, revisionId);
    if (record.policy.some((statement) => statement.Sid === input.statementId)) {
      throw new AwsError(
        'ResourceConflictException',
        `The statement id (${input.statementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
        409,
      );
    }
    const statement = statementFor(input, record.arn);
    await this.savePolicy(record, [...record.policy, statement]);
    this.permissions.added(record.arn, statement.Sid);
    return statement;
  }

  async removePermission(record: FunctionRecord, statementId: string, revisionId?: string): Promise<void> {
    this.checkRevision(record, revisionId);
    if (!record.policy.some((statement) => statement.Sid === statementId)) {
      throw new AwsError('ResourceNotFoundException', `Statement ${statementId} is not found in resource policy.`, 404);
    }
    await this.savePolicy(record, record.policy.filter((statement) => statement.Sid !== statementId));
    this.permissions.removed(record.arn, statementId);
  }

  /** Whether a service may invoke the function now (API Gateway asks before every call): only statements in effect count. */
  allowsInvoke(functionName: string, region: string, requester: InvokeRequester): boolean {
    try {
      const record = this.find(functionName, region);
      return allowsInvoke(this.permissions.inEffect(record.arn, record.policy), requester);
    } catch {
      return false;
    }
  }

  /** Checks that the function can run now and returns what to run; throws AWS's 409 while it is Pending. */
  invocable(record: FunctionRecord): Revision {
    if (isPending(record)) {
      throw new AwsError(
        'ResourceConflictException',
        'The operation cannot be performed at this time. The function is currently in the following state: Pending',
        409,
      );
    }
    return liveRevision(record);
  }

  /**
   * One synchronous invocation on behalf of another service (API Gateway, an
   * event source mapping): throws what Invoke would (not found, Pending,
   * throttled); a function error is in the result, not thrown.
   */
  async invoke(functionName: string, region: string, payload: Buffer): Promise<InvocationResult> {
    const record = this.find(functionName, region);
    return this.run(record, this.invocable(record), { payload });
  }

  /** Runs one invocation now; throws TooManyRequestsException when no environment may start. */
  async run(record: FunctionRecord, revision: Revision, input: InvokeInput): Promise<InvocationResult> {
    const { settings } = revision;
    const fn: FunctionSnapshot = {
      functionName: record.name,
      functionArn: record.arn,
      version: '$LATEST',
      runtime: settings.runtime,
      handler: settings.handler,
      memorySize: settings.memorySize,
      timeoutSeconds: settings.timeout,
      variables: settings.variables ?? {},
      revisionId: revisionKey(revision),
      region: record.arn.split(':')[3],
      role: settings.role,
      logGroupName: settings.logGroup,
    };
    const code = { key: hashOf(revision.code.sha256), loadZip: () => this.store.loadZip(record.name, revision.code.sha256) };
    try {
      return await this.pool.invoke(fn, code, {
        requestId: input.requestId ?? randomUUID(),
        payload: input.payload.length === 0 ? Buffer.from('{}') : input.payload,
        invokedFunctionArn: record.arn,
        clientContext: input.clientContext,
      });
    } catch (error) {
      if (!(error instanceof ConcurrencyLimitExceeded)) throw error;
      // Lambda's model: 429 with a ThrottleReason; on the wire {"Reason":"ConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."} as public reports quote it.
      throw new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429, { Reason: 'ConcurrentInvocationLimitExceeded' });
    }
  }

  loadZip(record: FunctionRecord): Promise<Buffer> {
    return this.store.loadZip(record.name, record.current.code.sha256);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private checkRevision(record: FunctionRecord, revisionId: string | undefined): void {
    if (revisionId !== undefined && revisionId !== record.current.revisionId) {
      throw new AwsError(
        'PreconditionFailedException',
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
        412,
      );
    }
  }

  private checkReadyForUpdate(record: FunctionRecord, revisionId: string | undefined): void {
    this.invocable(record);
    if (isUpdating(record)) {
      throw new AwsError(
        'ResourceConflictException',
        `The operation cannot be performed at this time. An update is in progress for resource: ${record.arn}`,
        409,
      );
    }
    this.checkRevision(record, revisionId);
  }

  private withNewRevision(record: FunctionRecord, next: Revision): FunctionRecord {
    const now = Date.now();
    return {
      ...record,
      previous: record.current,
      current: { ...next, revisionId: randomUUID(), lastModified: now },
      updateDoneAt: now + this.ctx.timings.durationMs('lambda.update-in-progress'),
    };
  }

  private async savePolicy(record: FunctionRecord, policy: PolicyStatement[]): Promise<void> {
    // A policy change gives the function a new RevisionId, as on AWS; its code and settings stay.
    await this.store.save({ ...record, policy, current: { ...record.current, revisionId: randomUUID() } });
  }
}
