import { parseArgs } from 'node:util';
import { readToken, tokenFile } from '../access/token.ts';
import { TOKEN_HEADER } from '../access/site-session.ts';
import { CREDENTIALS_PATH } from '../sandbox/credentials/endpoint.ts';
import { credentialsFileBlock, exportLines, type CredentialsToShow } from '../sandbox/credentials/format.ts';
import { SANDBOX_DEFAULT_PORT } from '../server/info-api.ts';
import { SHELLS, type Shell } from '../steps/shells.ts';
import type { LabbookConfig } from '../config/read-config.ts';
import { parsePort } from './sandbox-command.ts';

export const CREDENTIALS_USAGE = `usage: labbook credentials [--port N] [--host H] [--env] [--shell bash|powershell|cmd]

  prints fresh credentials from the sandbox on that port (default LABBOOK_SANDBOX_PORT, else ${SANDBOX_DEFAULT_PORT}) as an
  ~/.aws/credentials [default] block, or with --env as export lines, or with --shell as lines
  that set them in that shell (PowerShell: npx labbook credentials --shell powershell | Invoke-Expression);
  it proves to the sandbox that it runs as you with labbook's token (.labbook/token, or LABBOOK_TOKEN)`;

/** The shell --shell names; --env alone is bash. */
export function shellOption(value: string | undefined, env: boolean): Shell | undefined {
  if (value === undefined) return env ? 'bash' : undefined;
  if ((SHELLS as string[]).includes(value)) return value as Shell;
  throw new Error(`--shell takes ${SHELLS.join(', ')}, not ${value}`);
}

/** `labbook credentials`: asks a running sandbox for credentials and prints them. */
export async function credentialsCommand(args: string[], root: string, config: LabbookConfig): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: String(config.sandboxPort) },
      host: { type: 'string', default: '127.0.0.1' },
      env: { type: 'boolean', default: false },
      shell: { type: 'string' },
    },
  });
  const shell = shellOption(values.shell, values.env);
  const base = `http://${values.host}:${parsePort(values.port)}`;
  const token = await readToken(root, config.token);
  if (!token) throw new Error(`No labbook token in ${tokenFile(root)}: start the sandbox first (npx labbook sandbox, or npm start).`);
  let response: Response;
  try {
    response = await fetch(base + CREDENTIALS_PATH, { method: 'POST', headers: { [TOKEN_HEADER]: token } });
  } catch {
    throw new Error(`No sandbox answers at ${base}. Start one with: npx labbook sandbox --port ${values.port}`);
  }
  const body = (await response.json()) as CredentialsToShow & { message?: string };
  if (!response.ok) throw new Error(`The sandbox at ${base} refused: ${body.message ?? response.status}`);
  process.stdout.write(shell ? exportLines(body, shell) : credentialsFileBlock(body));
}
