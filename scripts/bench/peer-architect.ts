// Architect's sandbox as a peer (npm @architect/sandbox 9): installed from the registry
// into a temporary folder at bench time, never a dependency of labbook, with a one-route
// app: `@http post /items` on a Node.js handler that puts and gets an item of an
// `@tables` table with @architect/functions, as an Architect app does. Started with its
// own command line; it runs dynalite for @tables on a port of its own (ARC_TABLES_PORT),
// which the DynamoDB load calls directly, and runs each HTTP request's handler in a
// process of its own.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ANY_CREDENTIALS, answers, listTables, startServerProcess, untilReady, type DynamoDbAccess, type Peer, type RunningPeer } from './peer-system.ts';

const PACKAGES = ['@architect/sandbox@9', '@architect/functions@8'];
const INSTALL_TIMEOUT_MS = 5 * 60_000;

const APP_ARC = `@app
peersbench

@http
post /items

@tables
things
  thingID *String
`;

const HANDLER = `import arc from '@architect/functions';

export async function handler(event) {
  const { thingID, n } = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString() : event.body);
  const { things } = await arc.tables();
  await things.put({ thingID, n });
  const item = await things.get({ thingID });
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ thingID: item.thingID, n: item.n }) };
}
`;

/** Ports: HTTP, then @tables (dynalite), then its internal services. */
export function architectPeer(ports: { http: number; tables: number; internal: number }): Peer {
  let app = '';
  return {
    name: 'Architect sandbox',
    async prepare() {
      app = await mkdtemp(join(tmpdir(), 'labbook-bench-architect-'));
      try {
        await promisify(execFile)('npm', ['install', '--prefix', app, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', ...PACKAGES], { timeout: INSTALL_TIMEOUT_MS });
      } catch (error) {
        // npm's own summary (code, reason), without its stack frames.
        const said = String((error as { stderr?: string }).stderr ?? (error as Error).message)
          .split('\n')
          .filter((line) => line.startsWith('npm error') && !/^npm error\s+at /.test(line))
          .slice(0, 4)
          .map((line) => line.slice('npm error '.length))
          .join('; ');
        throw new Error(`npm install ${PACKAGES.join(' ')} failed: ${said}`, { cause: error });
      }
      await writeFile(join(app, 'app.arc'), APP_ARC);
      await mkdir(join(app, 'src/http/post-items'), { recursive: true });
      await writeFile(join(app, 'src/http/post-items/index.mjs'), HANDLER);
      const version = (file: string) => readFile(join(app, 'node_modules/@architect', file, 'package.json'), 'utf8').then((text) => (JSON.parse(text) as { version: string }).version);
      return `@architect/sandbox ${await version('sandbox')}, @architect/functions ${await version('functions')} (npx sandbox, in ${app})`;
    },
    async start(): Promise<RunningPeer> {
      const server = startServerProcess(process.execPath, [join(app, 'node_modules/@architect/sandbox/src/cli/cli.js'), '--host', '127.0.0.1'], {
        cwd: app,
        env: {
          ...process.env,
          ARC_HTTP_PORT: String(ports.http),
          ARC_TABLES_PORT: String(ports.tables),
          ARC_INTERNAL_PORT: String(ports.internal),
          // As a developer's machine has them: without credentials it first asks the EC2/ECS metadata services for some.
          AWS_ACCESS_KEY_ID: 'bench',
          AWS_SECRET_ACCESS_KEY: 'bench',
          AWS_REGION: 'us-east-1',
        },
      });
      // dynalite accepts any credentials; the calls are signed all the same.
      const dynamodb: DynamoDbAccess = { endpoint: `http://127.0.0.1:${ports.tables}`, region: 'us-east-1', credentials: ANY_CREDENTIALS };
      const httpUrl = `http://127.0.0.1:${ports.http}`;
      try {
        const readyMs = await untilReady(server, () => Promise.all([listTables(dynamodb), answers(httpUrl)]));
        return { pid: server.child.pid!, readyMs, dynamodb, httpRoute: () => Promise.resolve(`${httpUrl}/items`), stop: () => server.stop() };
      } catch (error) {
        await server.stop();
        throw error;
      }
    },
    async cleanUp() {
      if (app) await rm(app, { recursive: true, force: true });
    },
  };
}
