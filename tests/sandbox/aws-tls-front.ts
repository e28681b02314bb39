// AWS's side of the relay's real path, on this machine: a TLS listener whose certificate,
// signed by a certificate authority made for the test run, names the lab's AWS endpoints.
// It ends TLS and passes each connection's bytes both ways to an http origin (a started
// sandbox, or a stand-in), so requests, their Host header, keep-alive and WebSocket
// upgrades arrive exactly as the relay sent them. The relay reaches it through its
// TestNetwork hook (src/server/relay/aws-connection.ts).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect as tcpConnect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { promisify } from 'node:util';
import type { TestNetwork } from '../../src/server/relay/aws-connection.ts';

const run = promisify(execFile);

const REGIONS = ['us-east-1', 'us-west-2'];
const SERVICES = ['dynamodb', 'lambda', 'apigateway', 'logs', 'kinesis', 'sts'];
/** The names the lab's widgets send to, as AWS's certificates name them. */
const FRONT_NAMES = [
  ...REGIONS.flatMap((region) => [...SERVICES.map((service) => `${service}.${region}.amazonaws.com`), `*.execute-api.${region}.amazonaws.com`]),
  'sts.amazonaws.com',
];

export interface CertificateAuthority {
  /** The authority's own certificate (PEM): what a machine that trusts it holds. */
  ca: string;
  /** A server certificate it signed for FRONT_NAMES, and its key. */
  cert: string;
  key: string;
}

/** A throwaway authority and one server certificate, made with the system's openssl (EC keys: quick to make). */
export async function throwawayAuthority(): Promise<CertificateAuthority> {
  const folder = await mkdtemp(join(tmpdir(), 'labbook-test-ca-'));
  const file = (name: string) => join(folder, name);
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    await run('openssl', ['req', '-x509', ...ecKey, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '1', '-subj', '/CN=labbook throwaway test CA']);
    await run('openssl', ['req', '-new', ...ecKey, '-keyout', file('front.key'), '-out', file('front.csr'), '-subj', '/CN=amazonaws.com (labbook test)']);
    const names = FRONT_NAMES.map((name) => `DNS:${name}`).join(',');
    await writeFile(file('front.ext'), `basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=${names}\n`);
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      file('front.csr'),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-set_serial',
      '1',
      '-days',
      '1',
      '-extfile',
      file('front.ext'),
      '-out',
      file('front.pem'),
    ]);
    const [ca, cert, key] = await Promise.all(['ca.pem', 'front.pem', 'front.key'].map((name) => readFile(file(name), 'utf8')));
    return { ca, cert, key };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

export interface TlsFront {
  /** The relay's hook: every AWS name leads here, and the authority is trusted. */
  network: TestNetwork;
  /** The same, without the authority: the machine's own trust only. */
  untrusted: TestNetwork;
  /** TLS connections the front has accepted (a kept-alive connection counts once). */
  connections(): number;
  /** Connections that passed any bytes on to the origin behind. */
  forwarded(): number;
  close(): Promise<void>;
}

/** A TLS front for `origin()` (an http URL, read per connection), on a loopback port of its own. */
export async function startTlsFront(authority: CertificateAuthority, origin: () => string): Promise<TlsFront> {
  let connections = 0;
  let forwarded = 0;
  const open = new Set<Socket>();
  const server = createTlsServer({ cert: authority.cert, key: authority.key }, (client) => {
    connections += 1;
    const { hostname, port } = new URL(origin());
    const behind = tcpConnect(Number(port), hostname);
    for (const socket of [client, behind]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {
        client.destroy();
        behind.destroy();
      });
    }
    client.once('data', () => (forwarded += 1));
    client.pipe(behind);
    behind.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  const addressOf = () => ({ address, port });
  return {
    network: { addressOf, ca: authority.ca },
    untrusted: { addressOf },
    connections: () => connections,
    forwarded: () => forwarded,
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
