// How this server is hosted, in one place: on a student's own computer (the default:
// loopback addresses, a sandbox, no limits), or for a class behind an HTTPS reverse proxy
// (`labbook start --no-sandbox`, public addresses, per-client limits on the relay and a
// log of counts). Read from flags and labbook's settings; docs/class-hosting.md explains each.
import { loopbackAliases } from '../access/listener-checks.ts';
import type { LabbookConfig } from '../config/read-config.ts';

export interface RelayLimits {
  /** Requests per second each client may send through the relay, on average (a token bucket's refill). */
  ratePerSecond: number;
  /** Requests a client may send at once above that rate (the bucket's size). */
  burst: number;
  /** A client's requests in flight at once. */
  concurrent: number;
  /** A client's WebSocket sessions open at once. */
  webSockets: number;
}

export interface HostingSettings {
  /** False with --no-sandbox: the site and the relay only. */
  sandbox: boolean;
  /** The site's public origin (LABBOOK_PUBLIC_URL), e.g. https://lab.example.edu: the only origin its pages have. */
  publicUrl?: string;
  /** The relay's public origin (LABBOOK_PUBLIC_RELAY_URL), e.g. https://lab.example.edu:8443. */
  publicRelayUrl?: string;
  /** Believe X-Forwarded-For from the reverse proxy in front (--trust-proxy). */
  trustProxy: boolean;
  /** Largest request body the relay forwards. */
  maxBodyBytes: number;
  /** Each client's limits on the relay; undefined on a student's own computer, where the one client is the student. */
  limits?: RelayLimits;
  /** How often the relay logs its counts; undefined logs nothing. */
  statsIntervalMs?: number;
  /** Server processes sharing the ports (--processes): more than one only without a sandbox, which keeps its state in one. */
  processes: number;
}

export interface HostingFlags {
  noSandbox?: boolean;
  trustProxy?: boolean;
  processes?: string;
}

export function hostingSettings(config: LabbookConfig, flags: HostingFlags = {}): HostingSettings {
  const sandbox = !(flags.noSandbox || config.noSandbox);
  const { publicUrl, publicRelayUrl } = config;
  checkPublicUrls(publicUrl, publicRelayUrl, config.relayPort);
  const classServer = !sandbox || publicUrl !== undefined;
  const processes = flags.processes === undefined ? config.processes : processCount(flags.processes);
  if (processes > 1 && sandbox) throw new Error('--processes (LABBOOK_PROCESSES) needs --no-sandbox: the sandbox keeps its state in one process.');
  return {
    sandbox,
    publicUrl,
    publicRelayUrl,
    trustProxy: Boolean(flags.trustProxy) || config.trustProxy,
    maxBodyBytes: Math.floor(config.relayMaxBodyMb * 1024 * 1024),
    // Applied on a class server only: on a student's own computer the one client is the student.
    limits: classServer
      ? { ratePerSecond: config.relayRate, burst: config.relayBurst, concurrent: config.relayConcurrent, webSockets: config.relayWebSockets }
      : undefined,
    statsIntervalMs: classServer ? config.logIntervalSeconds * 1000 : undefined,
    processes,
  };
}

function processCount(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > 64) throw new Error(`--processes must be a whole number from 1 to 64, not ${JSON.stringify(text)}.`);
  return value;
}

/**
 * The relay must stay an origin apart from the site's (nothing it returns may run as
 * labbook), and its WebSocket handshakes are let in by the site's session cookie, which
 * browsers send to the site's host name on any port but not to another name: so the
 * same host name, another port.
 */
function checkPublicUrls(site: string | undefined, relay: string | undefined, relayPort: number | undefined): void {
  if (!site && !relay) return;
  if (!site || !relay) throw new Error('Set both LABBOOK_PUBLIC_URL and LABBOOK_PUBLIC_RELAY_URL: the site and the relay each need a public address.');
  const [siteUrl, relayUrl] = [new URL(site), new URL(relay)];
  if (siteUrl.hostname !== relayUrl.hostname || siteUrl.origin === relayUrl.origin) {
    throw new Error(
      `LABBOOK_PUBLIC_RELAY_URL must be the site's host name on another port (e.g. ${siteUrl.protocol}//${siteUrl.hostname}:8443): the relay needs an origin of its own, and the browser's session cookie, sent to the site's name on any port, lets its WebSockets in.`,
    );
  }
  if (relayPort === undefined)
    throw new Error(
      'Set LABBOOK_RELAY_PORT (or RELAY_PORT) with LABBOOK_PUBLIC_RELAY_URL: the reverse proxy needs a fixed port to send the relay’s requests to.',
    );
}

/** The origins the site's pages have: its public one, or the loopback names of the address it listens on. */
export function siteOrigins(hosting: HostingSettings, listening: string | undefined): string[] {
  return hosting.publicUrl ? [hosting.publicUrl] : loopbackAliases(listening);
}

/** The site's port as browsers see it, which names its session cookie. */
export function sitePort(hosting: HostingSettings, listening: string | undefined): number | undefined {
  const origin = hosting.publicUrl ?? listening;
  if (!origin) return undefined;
  const url = new URL(origin);
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}
