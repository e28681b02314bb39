// The peers area's DynamoDB load: boto3 (peer-dynamodb-load.py) against one system's
// DynamoDB endpoint, on a table made for it.
import { DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { onDemandTable } from '../../tests/sandbox/dynamodb-helpers.ts';
import type { DynamoDbAccess } from './peer-system.ts';

const DRIVER = resolve(import.meta.dirname, 'peer-dynamodb-load.py');
export const LOAD_TABLE = 'peers-load';

export interface DynamoDbLoad {
  ops: number;
  seconds: number;
  opsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  firstError: string | null;
}

export async function createLoadTable(access: DynamoDbAccess): Promise<void> {
  const client = new DynamoDBClient({ ...access, maxAttempts: 1 });
  try {
    await client.send(onDemandTable(LOAD_TABLE, 'thingID'));
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: LOAD_TABLE });
  } finally {
    client.destroy();
  }
}

/** `threads` boto3 clients alternating PutItem and GetItem for `seconds`, after `warmupCalls` each; keys start with `prefix`. */
export function dynamodbLoad(access: DynamoDbAccess, load: { threads: number; seconds: number; warmupCalls: number; prefix: string }): Promise<DynamoDbLoad> {
  const settings = { endpoint: access.endpoint, region: access.region, ...access.credentials, table: LOAD_TABLE, ...load };
  return new Promise((done, fail) => {
    const child = execFile('python3', [DRIVER], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return fail(new Error(`boto3 load failed: ${stderr.trim().split('\n').slice(-3).join(' ') || error.message}`));
      done(JSON.parse(stdout) as DynamoDbLoad);
    });
    child.stdin!.end(JSON.stringify(settings));
  });
}
