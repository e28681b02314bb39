// The relay as the capacity area runs it, in a child process of its own so the load
// generator's CPU is never counted as the relay's: one process (startRelayServer, as
// `labbook start` runs it), or with RELAY_PROCESSES above 1 a cluster of that many
// behind one port (src/server/processes.ts). It forwards to RELAY_UPSTREAM (the sandbox)
// with Host unchanged, tells its parent { url, pids } once serving, and stops on 'stop'.
import { readConfig } from '../../src/config/read-config.ts';
import { hostingSettings } from '../../src/server/hosting.ts';
import { isWorkerProcess, serveInWorker, startProcesses } from '../../src/server/processes.ts';
import { startRelayServer } from '../../src/server/relay/relay-server.ts';

export interface RelayChildSettings {
  RELAY_PROCESSES: string;
  RELAY_UPSTREAM: string;
  RELAY_TOKEN: string;
  /** The page origin the relay serves (the benchmarked labbook's site). */
  RELAY_SITE_ORIGIN: string;
}

export interface RelayChildReady {
  url: string;
  /** The process that accepts connections first, then the workers (if any). */
  pids: number[];
}

const settings = process.env as unknown as RelayChildSettings;
const count = Number(settings.RELAY_PROCESSES);
const start = () =>
  startRelayServer({
    port: 0,
    siteOrigins: () => [settings.RELAY_SITE_ORIGIN],
    token: settings.RELAY_TOKEN,
    sitePort: () => Number(new URL(settings.RELAY_SITE_ORIGIN).port),
    upstream: () => settings.RELAY_UPSTREAM,
    // Without per-client limits: every simulated student comes from this one machine's address.
    hosting: hostingSettings(readConfig({})),
  });

if (isWorkerProcess()) {
  await serveInWorker(async () => {
    const relay = await start();
    return { detail: relay.url, close: () => relay.close() };
  });
} else {
  const running =
    count > 1
      ? await startProcesses<string>({ count }).then((group) => ({ url: group.workers[0].detail, pids: [process.pid, ...group.workers.map((w) => w.pid)], close: () => group.close() }))
      : await start().then((relay) => ({ url: relay.url, pids: [process.pid], close: () => relay.close() }));
  process.on('message', (message) => {
    if (message === 'stop') void running.close().then(() => process.exit(0));
  });
  process.send!({ url: running.url, pids: running.pids } satisfies RelayChildReady);
}
