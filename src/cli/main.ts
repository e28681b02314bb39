import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateToken } from '../access/token.ts';
import { variablesHelp } from '../config/describe-variables.ts';
import { ConfigError, readConfig, type LabbookConfig } from '../config/read-config.ts';
import { hostingSettings, type HostingSettings } from '../server/hosting.ts';
import { isWorkerProcess, serveInWorker, startProcesses } from '../server/processes.ts';
import { buildSite, ensureSiteBuilt } from '../server/site-build.ts';
import { startServer } from '../server/server.ts';
import { CREDENTIALS_USAGE, credentialsCommand } from './credentials-command.ts';
import { DOCTOR_USAGE, doctorCommand, doctorSettings, formatResults } from './doctor-command.ts';
import { quickChecks } from './doctor/checks.ts';
import { SANDBOX_USAGE, sandboxCommand } from './sandbox-command.ts';
import { TIMINGS_OPTION, withTimings } from './timings-option.ts';
import { UsageError } from './usage-error.ts';

const USAGE = `usage: labbook <command>

commands:
  start        build the site if needed and serve it (LABBOOK_PORT, default 4321; LABBOOK_HOST, default 127.0.0.1);
               --no-sandbox: the site and the relay only, for a class (docs/class-hosting.md);
               --trust-proxy: believe the reverse proxy's X-Forwarded-For;
               --processes N: with --no-sandbox, N server processes sharing the ports;
               --timings aws: the sandbox's tables, functions, streams, mappings, deployments and permissions take as long as on AWS
  build        build the site now (labbook build [folder], default labbook's own)
  sandbox      run the local AWS sandbox on its own (labbook sandbox --help)
  credentials  print credentials for a running sandbox (labbook credentials --help)
  doctor       check this machine for what labbook and the lab need, and say how to fix it

environment variables (an empty one counts as unset):
${variablesHelp()}`;

const ROOT = resolve(import.meta.dirname, '../..');

async function start(args: string[], settings: LabbookConfig): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { 'no-sandbox': { type: 'boolean' }, 'trust-proxy': { type: 'boolean' }, processes: { type: 'string' }, ...TIMINGS_OPTION },
  });
  const config = withTimings(settings, values.timings);
  // Checked before the build, so a mistake in them is said at once.
  const hosting = hostingSettings(config, { noSandbox: values['no-sandbox'], trustProxy: values['trust-proxy'], processes: values.processes });
  // A worker of several: the primary has checked, built and will print; this one only serves.
  if (isWorkerProcess()) return serveInWorker(async () => serveSite(config, hosting, resolve(ROOT, 'dist')));
  // What would stop something working, said before anything else; never a reason not to start.
  // process.env here is the machine's, where the checks look for programs as the sandbox does.
  const problems = (await quickChecks(doctorSettings(ROOT, config, process.env))).filter((result) => result.status === 'problem');
  if (problems.length > 0) console.error(`${formatResults(problems)}\n(npx labbook doctor checks everything)`);
  const siteDir = await ensureSiteBuilt(ROOT);
  const token = await loadOrCreateToken(ROOT, config.token);
  const running = hosting.processes > 1 ? await severalProcesses(hosting.processes) : await serveSite(config, hosting, siteDir);
  // The token is printed here only: opening this address once signs the browser in.
  const address = hosting.publicUrl ? `${hosting.publicUrl}/` : running.detail;
  console.log(`labbook is running at ${address}?token=${token}`);
  if (hosting.publicUrl) console.log(`(listening on ${running.detail}; the relay on LABBOOK_RELAY_PORT ${config.relayPort})`);
  if (!hosting.sandbox) console.log('No sandbox (--no-sandbox): the page offers only AWS.');
  if (hosting.processes > 1) console.log(`${hosting.processes} server processes share the ports.`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** One server in this process: its address (without the token) and how to stop it. */
async function serveSite(config: LabbookConfig, hosting: HostingSettings, siteDir: string): Promise<{ detail: string; close(): Promise<void> }> {
  const running = await startServer({
    siteDir,
    port: config.sitePort,
    host: config.host,
    token: await loadOrCreateToken(ROOT, config.token),
    config,
    hosting,
  });
  return { detail: running.url, close: () => running.close() };
}

/** Workers that each run `labbook start` with the same arguments and serve on the same ports (server/processes.ts). */
async function severalProcesses(count: number): Promise<{ detail: string; close(): Promise<void> }> {
  const group = await startProcesses<string>({ count });
  return { detail: group.workers[0].detail, close: () => group.close() };
}

const [command, ...args] = process.argv.slice(2);
const wantsHelp = args.includes('--help') || args.includes('-h');
try {
  switch (command) {
    case 'start':
      if (wantsHelp) console.log(USAGE);
      else await start(args, readConfig());
      break;
    case 'build':
      await buildSite(resolve(args[0] ?? ROOT));
      break;
    case 'sandbox':
      if (wantsHelp) console.log(SANDBOX_USAGE);
      else await sandboxCommand(args, ROOT, readConfig());
      break;
    case 'doctor':
      if (wantsHelp) console.log(DOCTOR_USAGE);
      else await doctorCommand(args, ROOT, process.env);
      break;
    case 'credentials':
      if (wantsHelp) console.log(CREDENTIALS_USAGE);
      else await credentialsCommand(args, ROOT, readConfig());
      break;
    default:
      console.error(USAGE);
      process.exitCode = command === undefined || command === '--help' ? 0 : 2;
  }
} catch (error) {
  // parseArgs reports unknown options with a TypeError carrying a code.
  const usage = error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  console.error(`labbook ${command}: ${(error as Error).message}`);
  process.exitCode = usage ? 2 : 1;
}
