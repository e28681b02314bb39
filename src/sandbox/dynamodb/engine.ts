// dynalite, called in-process. dynalite's HTTP handler throws from inside
// callbacks on unexpected errors, which would take the whole sandbox down; so
// this module drives dynalite's store, validations and actions directly, the
// same way its handler does (node_modules/dynalite/index.js), and turns every
// failure into a response.
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeIteratorsWithTheirStreams, type StreamingLevelDb } from './level-streams.ts';
import { storeOwnCopies } from './own-buffers.ts';
import { INSTANT_TIMINGS, type Timings } from '../timings/timings.ts';

const require = createRequire(import.meta.url);

interface DynaliteError extends Error {
  statusCode?: number;
  body?: Record<string, unknown>;
}
interface TableRecord {
  TableStatus: string;
}
type Callback = (error: DynaliteError | null, data?: unknown) => void;
type Done = (error?: Error | null) => void;
interface DynaliteStore {
  db: StreamingLevelDb & Parameters<typeof storeOwnCopies>[0];
  tableDb: {
    awsAccountId: string;
    awsRegion: string;
    put(key: string, value: unknown, cb: Done): void;
    del(key: string, cb: Done): void;
  };
  getTable(name: string, checkStatus: boolean, cb: (error: DynaliteError | null, table?: TableRecord) => void): void;
  deleteItemDb(name: string, cb: Done): void;
  deleteTagDb(name: string, cb: Done): void;
  lifecycleManager: { gracefulClose(cb: (error?: Error) => void): void };
  /** The delays dynalite reads when a table change starts. */
  options: { createTableMs: number; deleteTableMs: number; updateTableMs: number };
}
type Action = (store: DynaliteStore, data: Record<string, unknown>, cb: Callback) => void;
interface ActionValidation {
  types: Record<string, unknown>;
  custom?: unknown;
}

const db = require('dynalite/db') as { create(options: Record<string, unknown>): DynaliteStore };
const validations = require('dynalite/validations') as {
  checkTypes(data: unknown, types: unknown): Record<string, unknown>;
  checkValidations(data: unknown, types: unknown, custom: unknown, store: DynaliteStore): void;
};

/** The operations dynalite implements (the lab needs ten of them). */
const OPERATIONS = [
  'BatchGetItem',
  'BatchWriteItem',
  'CreateTable',
  'DeleteItem',
  'DeleteTable',
  'DescribeTable',
  'DescribeTimeToLive',
  'GetItem',
  'ListTables',
  'PutItem',
  'Query',
  'Scan',
  'TagResource',
  'UntagResource',
  'ListTagsOfResource',
  'UpdateItem',
  'UpdateTable',
];

const lowerFirst = (name: string) => name[0].toLowerCase() + name.slice(1);
const actions = new Map<string, { run: Action; validation: ActionValidation }>(
  OPERATIONS.map((name) => [
    name,
    {
      run: require(`dynalite/actions/${lowerFirst(name)}`) as Action,
      validation: require(`dynalite/validations/${lowerFirst(name)}`) as ActionValidation,
    },
  ]),
);

export interface EngineResult<Body = Record<string, unknown>> {
  status: number;
  /** A DynamoDB response or error body, already in AWS's shape. */
  body: Body;
}

export interface DynamoEngine {
  /** Runs one operation on a JSON body, as DynamoDB would, and answers with the JSON body to send. */
  call(operation: string, body: string): Promise<EngineResult<string>>;
  close(): Promise<void>;
}

export interface EngineOptions {
  /** LevelDB directory; in memory when absent. */
  path?: string;
  accountId: string;
  region: string;
  /** How long a table stays CREATING or DELETING (at once unless given). */
  timings?: Timings;
  log: (message: string) => void;
}

const SERIALIZATION_ERROR: EngineResult = { status: 400, body: { __type: 'com.amazon.coral.service#SerializationException' } };
/** Table status changes are written a moment after the response; waits past that give up after this long. */
const SETTLE_LIMIT_MS = 2000;

export async function openDynamoEngine({ path, accountId, region, timings = INSTANT_TIMINGS, log }: EngineOptions): Promise<DynamoEngine> {
  // With instant timings a table is ACTIVE by the time the client can ask, so waiters never stall;
  // dynalite reads its delays when each change starts, so each table draws its own.
  const store = db.create({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  closeIteratorsWithTheirStreams(store.db);
  // On disk, LevelDB copies what it is given; in memory, memory-level keeps it.
  if (!path) storeOwnCopies(store.db);
  store.tableDb.awsAccountId = accountId;
  store.tableDb.awsRegion = region;

  const tableStatus = (name: string) =>
    new Promise<string | undefined>((resolve) => store.getTable(name, false, (error, table) => resolve(error ? undefined : table?.TableStatus)));

  async function settle(name: string, done: (status: string | undefined) => boolean): Promise<void> {
    const deadline = Date.now() + SETTLE_LIMIT_MS;
    while (!done(await tableStatus(name)) && Date.now() < deadline) await sleep(1);
  }

  /** `take` reads the answer the moment dynalite gives it, before dynalite changes it (see call). */
  function run<Body>(operation: string, data: Record<string, unknown>, take: (body: Record<string, unknown>) => Body): Promise<EngineResult<Body>> {
    const action = actions.get(operation)!;
    return new Promise((resolve) => {
      action.run(store, data, (error, result) => {
        const answer = error?.statusCode
          ? { status: error.statusCode, body: error.body ?? {} }
          : error
            ? internalError(error, log)
            : { status: 200, body: result ?? {} };
        resolve({ status: answer.status, body: take(answer.body as Record<string, unknown>) });
      });
    });
  }
  const asItIs = (body: Record<string, unknown>) => body;

  // A crash between dynalite's two writes can leave a table CREATING or DELETING for ever; finish the change.
  await recoverTableStates(store, (op, data) => run(op, data, asItIs));

  const answer = ({ status, body }: EngineResult): EngineResult<string> => ({ status, body: JSON.stringify(body) });

  return {
    async call(operation, body) {
      const action = actions.get(operation);
      if (!action) return answer({ status: 400, body: { __type: 'com.amazon.coral.service#UnknownOperationException' } });
      if (!body) return answer(SERIALIZATION_ERROR);
      let data: unknown;
      try {
        data = JSON.parse(body);
      } catch {
        return answer(SERIALIZATION_ERROR);
      }
      try {
        data = validations.checkTypes(data, action.validation.types);
        validations.checkValidations(data, action.validation.types, action.validation.custom, store);
      } catch (error) {
        const failure = error as DynaliteError;
        if (failure.statusCode) return answer({ status: failure.statusCode, body: failure.body ?? {} });
        return answer(internalError(failure, log));
      }
      if (operation === 'CreateTable') store.options.createTableMs = timings.durationMs('dynamodb.table-creating');
      if (operation === 'DeleteTable') store.options.deleteTableMs = timings.durationMs('dynamodb.table-deleting');
      // dynalite flips a table's status on the very object it answered with; serialising it in
      // dynalite's callback answers with it as it was (CREATING, DELETING), with no copy to make.
      const result = await run(operation, data as Record<string, unknown>, JSON.stringify);
      const tableName = (data as { TableName?: string }).TableName;
      // At once: the change is done before the client can look (only dynalite's own write is awaited).
      const instant = timings.profile === 'instant';
      if (instant && result.status === 200 && tableName && operation === 'CreateTable') await settle(tableName, (s) => s === 'ACTIVE');
      if (instant && result.status === 200 && tableName && operation === 'DeleteTable') await settle(tableName, (s) => s === undefined);
      return result;
    },
    close: () => promised((cb) => store.lifecycleManager.gracefulClose(cb)),
  };
}

function internalError(error: Error, log: (message: string) => void): EngineResult {
  log(`sandbox dynamodb: ${error.stack ?? error.message}`);
  return {
    status: 500,
    body: {
      __type: 'com.amazon.coral.service#InternalFailure',
      message: 'The request processing has failed because of an unknown error, exception or failure.',
    },
  };
}

const promised = (start: (cb: Done) => void) => new Promise<void>((resolve, reject) => start((error) => (error ? reject(error) : resolve())));

async function recoverTableStates(store: DynaliteStore, run: (operation: string, data: Record<string, unknown>) => Promise<EngineResult>): Promise<void> {
  let start: string | undefined;
  do {
    const page = await run('ListTables', start ? { ExclusiveStartTableName: start } : {});
    for (const name of (page.body.TableNames as string[] | undefined) ?? []) {
      const table = await new Promise<TableRecord | undefined>((resolve) => store.getTable(name, false, (error, found) => resolve(error ? undefined : found)));
      if (table?.TableStatus === 'CREATING' || table?.TableStatus === 'UPDATING') {
        await promised((cb) => store.tableDb.put(name, { ...table, TableStatus: 'ACTIVE' }, cb));
      } else if (table?.TableStatus === 'DELETING') {
        await promised((cb) => store.deleteItemDb(name, cb));
        await promised((cb) => store.deleteTagDb(name, cb));
        await promised((cb) => store.tableDb.del(name, cb));
      }
    }
    start = page.body.LastEvaluatedTableName as string | undefined;
  } while (start);
}
