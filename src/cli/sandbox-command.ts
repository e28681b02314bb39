import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateToken } from '../access/token.ts';
import type { LabbookConfig } from '../config/read-config.ts';
import { sandboxTuning } from '../config/sandbox-tuning.ts';
import { startSandbox } from '../sandbox/index.ts';
import { SANDBOX_DEFAULT_PORT } from '../server/info-api.ts';
import { TIMINGS_OPTION, TIMINGS_USAGE, withTimings } from './timings-option.ts';
import { UsageError } from './usage-error.ts';

export const SANDBOX_USAGE = `usage: labbook sandbox [--port N] [--host H] [--data DIR | --in-memory] [--timings instant|aws]

  --port N      port to listen on (default LABBOOK_SANDBOX_PORT, else ${SANDBOX_DEFAULT_PORT}; 0 picks a free one)
  --host H      address to bind (default 127.0.0.1; anything else exposes credentials to the network)
  --data DIR    where state is kept (default .labbook/sandbox in the labbook folder)
  --in-memory   keep nothing on disk
  ${TIMINGS_USAGE}`;

/** `labbook sandbox`: the local AWS on its own, for the AWS CLI, boto3 and the SDK. */
export async function sandboxCommand(args: string[], root: string, settings: LabbookConfig): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: String(settings.sandboxPort) },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      'in-memory': { type: 'boolean', default: false },
      ...TIMINGS_OPTION,
    },
  });
  const config = withTimings(settings, values.timings);
  const port = parsePort(values.port);
  if (values.data && values['in-memory']) throw new UsageError('--data and --in-memory exclude each other');
  const dataDir = values['in-memory'] ? undefined : resolve(values.data ?? resolve(root, '.labbook/sandbox'));
  const token = await loadOrCreateToken(root, config.token);
  const sandbox = await startSandbox({ port, host: values.host, dataDir, inMemory: values['in-memory'], token, ...sandboxTuning(config) });
  console.log(`labbook sandbox is running at ${sandbox.url}
  account ${sandbox.accountId}, region ${sandbox.region}, state ${dataDir ?? 'in memory (lost when it stops)'}

Get credentials (a Learner Lab style [default] block, or export lines):
  npx labbook credentials --port ${sandbox.port}
  eval "$(npx labbook credentials --port ${sandbox.port} --env)"
  npx labbook credentials --port ${sandbox.port} --shell powershell | Invoke-Expression   # PowerShell
Then point any AWS client at it, e.g.:
  aws sts get-caller-identity --endpoint-url ${sandbox.url}`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, not '${text}'`);
  return port;
}
