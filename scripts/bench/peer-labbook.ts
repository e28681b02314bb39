// labbook's sandbox as the peers area runs it: `labbook sandbox --in-memory` on its own,
// as a student starts it for boto3 or the CLI, with credentials from its token door. Its
// HTTP route is made as the lab makes one: a Node.js function behind an HTTP API
// (AWS_PROXY, payload 2.0, a prod stage), calling DynamoDB with the SDK the runtime
// provides, as on AWS.
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { TOKEN_HEADER } from '../../src/access/site-session.ts';
import { CREDENTIALS_PATH } from '../../src/sandbox/credentials/endpoint.ts';
import { SERVER_V8_FLAGS } from '../../src/cli/server-v8-flags.ts';
import type { IssuedCredentials } from '../../src/sandbox/credentials/store.ts';
import { onDemandTable } from '../../tests/sandbox/dynamodb-helpers.ts';
import { allowApiGateway, deployHttpApi } from '../../tests/sandbox/http-api-helpers.ts';
import { deploy } from '../../tests/sandbox/lambda-helpers.ts';
import { listTables, startServerProcess, untilReady, type Peer, type RunningPeer } from './peer-system.ts';
import { sandboxAccess } from './sandbox-access.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TABLE = 'peers-route';
/** So a burst of 16 clients runs 16 environments, as Architect runs 16 processes (a Learner Lab allows 10). */
export const PEER_FUNCTION_CONCURRENCY = 16;
/**
 * Room for those 16 under the warm environments' memory budget: each function's MemorySize
 * (AWS's default, 128 MB), as AWS would give them. The default budget (512 MB) lets about ten
 * environments of this handler run and throttles the rest, so a burst would measure
 * anything from 10 to 16 environments from round to round.
 */
export const PEER_ENVIRONMENTS_MEMORY_MB = PEER_FUNCTION_CONCURRENCY * 128;

const HANDLER = `import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

const db = new DynamoDBClient({});

export async function handler(event) {
  const { thingID, n } = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString() : event.body);
  const Key = { thingID: { S: thingID } };
  await db.send(new PutItemCommand({ TableName: process.env.TABLE_NAME, Item: { ...Key, n: { N: String(n) } } }));
  const { Item } = await db.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key }));
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ thingID: Item.thingID.S, n: Number(Item.n.N) }) };
}
`;

/** The three parts a client signs with (the issued expiration is a string, which the SDK would take for a Date). */
const signingCredentials = ({ accessKeyId, secretAccessKey, sessionToken }: IssuedCredentials) => ({ accessKeyId, secretAccessKey, sessionToken });

export function labbookPeer(port: number): Peer {
  return {
    name: 'labbook sandbox',
    prepare: () => Promise.resolve('labbook sandbox --in-memory (this checkout)'),
    async start(): Promise<RunningPeer> {
      const token = randomBytes(24).toString('hex');
      const server = startServerProcess(process.execPath, [...SERVER_V8_FLAGS, resolve(ROOT, 'bin/labbook.js'), 'sandbox', '--port', String(port), '--in-memory'], {
        cwd: ROOT,
        env: {
          ...process.env,
          LABBOOK_TOKEN: token,
          LABBOOK_LAMBDA_CONCURRENCY: String(PEER_FUNCTION_CONCURRENCY),
          LABBOOK_LAMBDA_MEMORY_MB: String(PEER_ENVIRONMENTS_MEMORY_MB),
        },
      });
      const url = `http://127.0.0.1:${port}`;
      let credentials: IssuedCredentials | undefined;
      try {
        const readyMs = await untilReady(server, async () => {
          const issued = await fetch(url + CREDENTIALS_PATH, { method: 'POST', headers: { [TOKEN_HEADER]: token } });
          if (!issued.ok) throw new Error(`credentials: ${issued.status}`);
          credentials = (await issued.json()) as IssuedCredentials;
          await listTables({ endpoint: url, region: 'us-east-1', credentials: signingCredentials(credentials) });
        });
        const access = sandboxAccess(url, 'us-east-1', credentials!);
        return {
          pid: server.child.pid!,
          readyMs,
          dynamodb: { endpoint: url, region: access.region, credentials: signingCredentials(credentials!) },
          async httpRoute() {
            await access.client(DynamoDBClient).send(onDemandTable(TABLE, 'thingID'));
            const lambda = access.client(LambdaClient);
            const name = await deploy(lambda, access.accountId, {
              FunctionName: 'PeersPutGet',
              Runtime: 'nodejs20.x',
              Handler: 'index.handler',
              Environment: { Variables: { TABLE_NAME: TABLE } },
              files: { 'index.mjs': HANDLER },
            });
            await allowApiGateway(lambda, name);
            const api = await deployHttpApi(access.client(ApiGatewayV2Client), { functionArn: `arn:aws:lambda:${access.region}:${access.accountId}:function:${name}`, routeKeys: ['POST /items'] });
            return api.url('/items');
          },
          stop: () => server.stop(),
        };
      } catch (error) {
        await server.stop();
        throw error;
      }
    },
    cleanUp: async () => {},
  };
}
