// Every environment variable labbook reads, in one list: its name, the older names still
// read in its place, what it means, its default, and how its text is checked. The
// README's table and `labbook --help` are made from this list (describe-variables.ts).
import { z } from 'zod';
import type { TimingsProfile } from '../sandbox/timings/timings.ts';
import { SANDBOX_DEFAULT_PORT } from '../server/info-api.ts';

export interface Variable<T> {
  name: string;
  /** Other names read when `name` is unset, first set wins: PORT and HOST, which every Node host sets, and older names. */
  aliases: string[];
  description: string;
  /** The default as a person reads it. */
  shownDefault: string;
  /** What the value must be, said when it is not. */
  expects: string;
  /** Checks and converts the trimmed, non-empty text. */
  schema: z.ZodType<T, string>;
  /** The value when the variable is unset or empty. */
  fallback: T;
}

const portText = z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().max(65535));
const positiveText = z.string().transform(Number).pipe(z.number().positive().finite());
const flagText = z.enum(['0', '1']).transform((text) => text === '1');
/** An http(s) origin, with or without a trailing slash; nothing else (no path, query, user). */
const originText = z.string().transform((text, context) => {
  const url = URL.parse(text);
  if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    context.addIssue({ code: 'custom', message: 'not an origin' });
    return z.NEVER;
  }
  return url.origin;
});

function variable<T>(name: string, fields: Omit<Variable<T>, 'name' | 'aliases'> & { aliases?: string[] }): Variable<T> {
  return { name, aliases: [], ...fields };
}

const port = (name: string, aliases: string[], description: string, fallback: number) =>
  variable(name, { aliases, description, shownDefault: String(fallback), expects: 'a port number from 0 to 65535', schema: portText, fallback });
const optionalPositive = (name: string, description: string, shownDefault: string) =>
  variable<number | undefined>(name, { description, shownDefault, expects: 'a positive number', schema: positiveText, fallback: undefined });
const positive = (name: string, description: string, fallback: number) =>
  variable(name, { description, shownDefault: String(fallback), expects: 'a positive number', schema: positiveText, fallback });
const flag = (name: string, description: string, fallback = false) =>
  variable(name, { description, shownDefault: fallback ? '1' : '0', expects: '1 (on) or 0 (off)', schema: flagText, fallback });
const text = (name: string, description: string, shownDefault: string) =>
  variable<string | undefined>(name, { description, shownDefault, expects: 'some text', schema: z.string(), fallback: undefined });
const origin = (name: string, description: string) =>
  variable<string | undefined>(name, {
    description,
    shownDefault: 'none',
    expects: 'an origin such as https://lab.example.edu (scheme, name and port only)',
    schema: originText,
    fallback: undefined,
  });

export const VARIABLES = {
  sitePort: port('LABBOOK_PORT', ['PORT'], 'the site’s port (`labbook start`)', 4321),
  host: variable('LABBOOK_HOST', {
    aliases: ['HOST'],
    description: 'the address the site listens on (anything but loopback exposes it to the network)',
    shownDefault: '127.0.0.1',
    expects: 'an address or host name',
    schema: z.string(),
    fallback: '127.0.0.1',
  }),
  sandboxPort: port('LABBOOK_SANDBOX_PORT', ['SANDBOX_PORT'], 'the sandbox’s port; 0 picks a free one', SANDBOX_DEFAULT_PORT),
  sandboxData: text('LABBOOK_SANDBOX_DATA', 'the folder the sandbox keeps its state in', '.labbook/sandbox in the labbook folder'),
  sandboxInMemory: flag('LABBOOK_SANDBOX_IN_MEMORY', 'keep the sandbox’s state in memory only (lost when it stops)'),
  relayPort: variable<number | undefined>('LABBOOK_RELAY_PORT', {
    aliases: ['RELAY_PORT'],
    description: 'the relay’s port; a class server behind a proxy needs a fixed one',
    shownDefault: 'any free port',
    expects: 'a port number from 0 to 65535',
    schema: portText,
    fallback: undefined,
  }),
  token: text('LABBOOK_TOKEN', 'the token that opens the site (at least 16 letters, digits, - or _)', 'made once, kept in .labbook/token'),
  python: text('LABBOOK_PYTHON', 'the Python that runs every Python function (LABBOOK_PYTHON_3_13 and so on name one per version)', 'searched for'),
  learnerLab: flag(
    'LABBOOK_LEARNER_LAB',
    'the sandbox refuses what a Learner Lab account refuses: regions other than us-east-1 and us-west-2, IAM writes',
    true,
  ),
  credentialsSeconds: variable('LABBOOK_CREDENTIALS_SECONDS', {
    description: 'how long sandbox credentials last before calls answer ExpiredToken',
    shownDefault: '14400 (a Learner Lab session’s 4 hours)',
    expects: 'a whole number of seconds from 1 to 43200',
    schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(43200)),
    fallback: 4 * 60 * 60,
  }),
  lambdaConcurrency: optionalPositive('LABBOOK_LAMBDA_CONCURRENCY', 'Lambda invocations in flight at once, as a Learner Lab allows', '10'),
  lambdaIdleSeconds: optionalPositive('LABBOOK_LAMBDA_IDLE_SECONDS', 'how long a warm Lambda environment waits for work', '300'),
  lambdaMemoryMb: optionalPositive('LABBOOK_LAMBDA_MEMORY_MB', 'the memory all warm Lambda environments together may hold', '512'),
  webSocketFrameBytes: optionalPositive('LABBOOK_WS_FRAME_BYTES', 'a WebSocket API’s largest frame', '32768 (AWS’s)'),
  webSocketMessageBytes: optionalPositive('LABBOOK_WS_MESSAGE_BYTES', 'a WebSocket API’s largest message', '131072 (AWS’s)'),
  webSocketIdleSeconds: optionalPositive('LABBOOK_WS_IDLE_SECONDS', 'how long a quiet WebSocket connection stays open', '600 (AWS’s)'),
  webSocketMaxAgeSeconds: optionalPositive('LABBOOK_WS_MAX_AGE_SECONDS', 'how long any WebSocket connection stays open', '7200 (AWS’s)'),
  timings: variable<TimingsProfile>('LABBOOK_TIMINGS', {
    description:
      'how long the sandbox’s tables, functions, streams, mappings, deployments and permissions take to become ready: `instant`, or `aws` as on AWS (as `--timings aws`)',
    shownDefault: 'instant',
    expects: '"instant" or "aws"',
    schema: z.enum(['instant', 'aws']),
    fallback: 'instant',
  }),
  timingsScale: positive('LABBOOK_TIMINGS_SCALE', 'multiplies every duration of `--timings aws` (0.05: twenty times faster, the same waits)', 1),
  timingsSeed: variable<number | undefined>('LABBOOK_TIMINGS_SEED', {
    description: 'the same seed draws the same `--timings aws` durations, in the same order',
    shownDefault: 'the start time',
    expects: 'a whole number',
    schema: z.string().regex(/^\d+$/).transform(Number),
    fallback: undefined,
  }),
  noSandbox: flag('LABBOOK_NO_SANDBOX', 'a class server: no sandbox, as `--no-sandbox` (docs/class-hosting.md)'),
  processes: variable('LABBOOK_PROCESSES', {
    description: 'server processes sharing the ports, as `--processes` (needs no sandbox)',
    shownDefault: '1',
    expects: 'a whole number from 1 to 64',
    schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(64)),
    fallback: 1,
  }),
  trustProxy: flag('LABBOOK_TRUST_PROXY', 'believe the reverse proxy’s X-Forwarded-For, as `--trust-proxy`'),
  publicUrl: origin('LABBOOK_PUBLIC_URL', 'the site’s public origin behind a reverse proxy'),
  publicRelayUrl: origin('LABBOOK_PUBLIC_RELAY_URL', 'the relay’s public origin: the site’s host name on another port; needs LABBOOK_RELAY_PORT'),
  // The page's widgets send a few dozen calls in a burst (a step's find, create, wait and check), then little.
  relayRate: positive('LABBOOK_RELAY_RATE', 'requests per second each client may send through a class server’s relay', 20),
  relayBurst: positive('LABBOOK_RELAY_BURST', 'requests a client may send at once above that rate', 100),
  relayConcurrent: positive('LABBOOK_RELAY_CONCURRENT', 'a client’s requests in flight at once', 16),
  relayWebSockets: positive('LABBOOK_RELAY_WEBSOCKETS', 'a client’s WebSocket sessions open at once', 10),
  // A 50 MB zip, base64 in a JSON CreateFunction body, is about 67 MB.
  relayMaxBodyMb: positive('LABBOOK_RELAY_MAX_BODY_MB', 'the largest request body the relay forwards, in MB', 70),
  logIntervalSeconds: positive('LABBOOK_LOG_INTERVAL_SECONDS', 'how often a class server logs its relay’s counts', 60),
  relayUpstream: variable<string | undefined>('LABBOOK_RELAY_UPSTREAM', {
    description: 'tests only: send the relay’s requests to `sandbox` (this server’s) or another http(s) origin',
    shownDefault: 'AWS',
    expects: '"sandbox" or an http(s) origin such as http://127.0.0.1:4510',
    schema: z.union([z.literal('sandbox'), originText]),
    fallback: undefined,
  }),
};

export type ConfigKey = keyof typeof VARIABLES;
