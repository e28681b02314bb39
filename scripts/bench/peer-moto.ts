// moto_server as a peer: its DynamoDB only. Its Lambda needs Docker to run a function,
// so it has no HTTP route → handler path here. Run by the `python3` on PATH (pyenv's,
// where pyenv is set up: the same interpreter as the boto3 load), as `moto_server` runs;
// without moto there the peer is skipped.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ANY_CREDENTIALS, listTables, startServerProcess, untilReady, type DynamoDbAccess, type Peer, type RunningPeer } from './peer-system.ts';

export function motoPeer(port: number): Peer {
  return {
    name: 'moto',
    async prepare() {
      try {
        const { stdout } = await promisify(execFile)('python3', ['-c', 'import moto.server, moto; print(moto.__version__)']);
        return `moto_server ${stdout.trim()} (python3 -m moto.server)`;
      } catch (error) {
        throw new Error(`python3 has no moto server (pip install 'moto[server]'): ${(error as Error).message.trim().split('\n').at(-1)}`, { cause: error });
      }
    },
    async start(): Promise<RunningPeer> {
      const server = startServerProcess('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)]);
      // moto accepts any credentials; the calls are signed all the same, as boto3 signs them.
      const dynamodb: DynamoDbAccess = { endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: ANY_CREDENTIALS };
      try {
        const readyMs = await untilReady(server, () => listTables(dynamodb));
        return { pid: server.child.pid!, readyMs, dynamodb, httpRoute: () => Promise.resolve(undefined), stop: () => server.stop() };
      } catch (error) {
        await server.stop();
        throw error;
      }
    },
    cleanUp: async () => {},
  };
}
