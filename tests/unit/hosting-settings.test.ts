// A class server's settings (src/server/hosting.ts): defaults, flags, and a clear error for each mistake.
import { describe, expect, test } from 'vitest';
import { readConfig } from '../../src/config/read-config.ts';
import { hostingSettings as settingsOf, siteOrigins, sitePort, type HostingFlags } from '../../src/server/hosting.ts';

/** The settings `labbook start` would have with these variables and flags. */
const hostingSettings = (env: NodeJS.ProcessEnv, flags?: HostingFlags) => settingsOf(readConfig(env), flags);

const PUBLIC = { LABBOOK_PUBLIC_URL: 'https://lab.example.edu/', LABBOOK_PUBLIC_RELAY_URL: 'https://lab.example.edu:8443', RELAY_PORT: '4322' };

describe('hostingSettings', () => {
  test('on a student’s own computer: a sandbox, loopback, no limits, no log, 70 MB bodies', () => {
    expect(hostingSettings({})).toEqual({
      sandbox: true,
      trustProxy: false,
      maxBodyBytes: 70 * 1024 * 1024,
      publicUrl: undefined,
      publicRelayUrl: undefined,
      limits: undefined,
      statsIntervalMs: undefined,
      processes: 1,
    });
  });

  test('--processes (or LABBOOK_PROCESSES) only without a sandbox, as a whole number', () => {
    expect(hostingSettings({}, { noSandbox: true, processes: '2' }).processes).toBe(2);
    expect(hostingSettings({ LABBOOK_NO_SANDBOX: '1', LABBOOK_PROCESSES: '3' }).processes).toBe(3);
    expect(() => hostingSettings({}, { processes: '2' })).toThrow(
      '--processes (LABBOOK_PROCESSES) needs --no-sandbox: the sandbox keeps its state in one process.',
    );
    expect(() => hostingSettings({}, { noSandbox: true, processes: 'two' })).toThrow('must be a whole number from 1 to 64, not "two"');
    expect(() => hostingSettings({}, { noSandbox: true, processes: '0' })).toThrow('must be a whole number from 1 to 64');
  });

  test('--no-sandbox (or LABBOOK_NO_SANDBOX=1) makes a class server, with limits and a log', () => {
    for (const settings of [hostingSettings({}, { noSandbox: true }), hostingSettings({ LABBOOK_NO_SANDBOX: '1' })]) {
      expect(settings).toMatchObject({ sandbox: false, limits: { ratePerSecond: 20, burst: 100, concurrent: 16, webSockets: 10 }, statsIntervalMs: 60_000 });
    }
    expect(
      hostingSettings({
        LABBOOK_NO_SANDBOX: '1',
        LABBOOK_RELAY_RATE: '5',
        LABBOOK_RELAY_BURST: '30',
        LABBOOK_RELAY_CONCURRENT: '4',
        LABBOOK_RELAY_WEBSOCKETS: '2',
        LABBOOK_RELAY_MAX_BODY_MB: '10',
        LABBOOK_LOG_INTERVAL_SECONDS: '300',
      }),
    ).toMatchObject({
      limits: { ratePerSecond: 5, burst: 30, concurrent: 4, webSockets: 2 },
      maxBodyBytes: 10 * 1024 * 1024,
      statsIntervalMs: 300_000,
    });
  });

  test('--trust-proxy (or LABBOOK_TRUST_PROXY=1)', () => {
    expect(hostingSettings({}, { trustProxy: true }).trustProxy).toBe(true);
    expect(hostingSettings({ LABBOOK_TRUST_PROXY: '1' }).trustProxy).toBe(true);
    expect(() => hostingSettings({ LABBOOK_TRUST_PROXY: 'yes' })).toThrow('LABBOOK_TRUST_PROXY must be 1 (on) or 0 (off), not "yes".');
  });

  test('public addresses are origins; the site’s pages have only that one, and its cookie is named after its port', () => {
    const settings = hostingSettings(PUBLIC);
    expect(settings).toMatchObject({ publicUrl: 'https://lab.example.edu', publicRelayUrl: 'https://lab.example.edu:8443', limits: expect.any(Object) });
    expect(siteOrigins(settings, 'http://127.0.0.1:4321')).toEqual(['https://lab.example.edu']);
    expect(sitePort(settings, 'http://127.0.0.1:4321')).toBe(443);
    expect(siteOrigins(hostingSettings({}), 'http://127.0.0.1:4321')).toContain('http://localhost:4321');
    expect(sitePort(hostingSettings({}), 'http://127.0.0.1:4321')).toBe(4321);
  });

  test('each mistake is named', () => {
    expect(() => hostingSettings({ LABBOOK_RELAY_RATE: 'fast' })).toThrow('LABBOOK_RELAY_RATE must be a positive number, not "fast".');
    expect(() => hostingSettings({ LABBOOK_RELAY_BURST: '0' })).toThrow(/LABBOOK_RELAY_BURST must be a positive number/);
    expect(() => hostingSettings({ ...PUBLIC, LABBOOK_PUBLIC_URL: 'https://lab.example.edu/labbook/' })).toThrow(/LABBOOK_PUBLIC_URL must be an origin/);
    expect(() => hostingSettings({ ...PUBLIC, LABBOOK_PUBLIC_URL: 'lab.example.edu' })).toThrow(/LABBOOK_PUBLIC_URL must be an origin/);
    expect(() => hostingSettings({ LABBOOK_PUBLIC_URL: 'https://lab.example.edu' })).toThrow(/Set both/);
    expect(() => hostingSettings({ ...PUBLIC, LABBOOK_PUBLIC_RELAY_URL: 'https://relay.lab.example.edu' })).toThrow(/host name on another port/);
    expect(() => hostingSettings({ ...PUBLIC, LABBOOK_PUBLIC_RELAY_URL: 'https://lab.example.edu:443' })).toThrow(/host name on another port/);
    expect(() => hostingSettings({ ...PUBLIC, RELAY_PORT: '' })).toThrow(/Set LABBOOK_RELAY_PORT/);
  });
});
