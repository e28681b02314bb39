// labbook's settings (src/config): each variable read once, with its default, its older
// names, and a clear refusal of a value it cannot use; the README's table made from them.
import { describe, expect, test } from 'vitest';
import { variablesTable } from '../../src/config/describe-variables.ts';
import { readConfig } from '../../src/config/read-config.ts';
import { sandboxTuning } from '../../src/config/sandbox-tuning.ts';
import { readmeTable, unpadded } from './readme-table.ts';

describe('readConfig', () => {
  test('with nothing set: the defaults', () => {
    expect(readConfig({})).toMatchObject({ sitePort: 4321, host: '127.0.0.1', sandboxPort: 4510, relayPort: undefined, sandboxInMemory: false, processes: 1 });
  });

  test('PORT, HOST, SANDBOX_PORT and RELAY_PORT still work; the LABBOOK_ name wins over them', () => {
    expect(readConfig({ PORT: '8080', HOST: '0.0.0.0', SANDBOX_PORT: '0', RELAY_PORT: '4322' })).toMatchObject({
      sitePort: 8080,
      host: '0.0.0.0',
      sandboxPort: 0,
      relayPort: 4322,
    });
    expect(readConfig({ PORT: '8080', LABBOOK_PORT: '9090', SANDBOX_PORT: '1', LABBOOK_SANDBOX_PORT: '2' })).toMatchObject({ sitePort: 9090, sandboxPort: 2 });
  });

  test('an empty or blank variable counts as unset; values are trimmed', () => {
    expect(readConfig({ LABBOOK_SANDBOX_PORT: ' ', SANDBOX_PORT: '', LABBOOK_RELAY_RATE: ' 5 ' })).toMatchObject({ sandboxPort: 4510, relayRate: 5 });
  });

  test('a wrong value stops labbook with the variable’s name and what it expects, each one said', () => {
    expect(() => readConfig({ LABBOOK_SANDBOX_PORT: 'abc' })).toThrow('LABBOOK_SANDBOX_PORT must be a port number from 0 to 65535, not "abc".');
    expect(() => readConfig({ SANDBOX_PORT: '70000' })).toThrow('SANDBOX_PORT must be a port number from 0 to 65535, not "70000".');
    expect(() => readConfig({ LABBOOK_LAMBDA_CONCURRENCY: 'many', LABBOOK_WS_IDLE_SECONDS: '-1' })).toThrow(
      'LABBOOK_LAMBDA_CONCURRENCY must be a positive number, not "many".\nLABBOOK_WS_IDLE_SECONDS must be a positive number, not "-1".',
    );
    expect(() => readConfig({ LABBOOK_SANDBOX_IN_MEMORY: 'true' })).toThrow('LABBOOK_SANDBOX_IN_MEMORY must be 1 (on) or 0 (off), not "true".');
    // Past 12 hours an STS session cannot last (STS API reference, AssumeRole: DurationSeconds).
    expect(() => readConfig({ LABBOOK_CREDENTIALS_SECONDS: '43201' })).toThrow(
      'LABBOOK_CREDENTIALS_SECONDS must be a whole number of seconds from 1 to 43200, not "43201".',
    );
    expect(() => readConfig({ LABBOOK_RELAY_UPSTREAM: 'ftp://127.0.0.1' })).toThrow(/LABBOOK_RELAY_UPSTREAM must be "sandbox" or an http\(s\) origin/);
  });

  test('origins lose a trailing slash; the relay upstream is "sandbox" or an origin', () => {
    expect(readConfig({ LABBOOK_PUBLIC_URL: 'https://lab.example.edu/', LABBOOK_RELAY_UPSTREAM: 'sandbox' })).toMatchObject({
      publicUrl: 'https://lab.example.edu',
      relayUpstream: 'sandbox',
    });
    expect(readConfig({ LABBOOK_RELAY_UPSTREAM: 'http://127.0.0.1:4510/' }).relayUpstream).toBe('http://127.0.0.1:4510');
  });
});

describe('sandboxTuning', () => {
  test('unset, the sandbox keeps its own defaults (AWS’s WebSocket limits, the pool’s Lambda limits)', () => {
    expect(sandboxTuning(readConfig({}))).toEqual({
      learnerLab: true,
      credentialsSeconds: 4 * 60 * 60,
      lambda: { concurrencyLimit: undefined, idleTimeoutMs: undefined, memoryBudgetBytes: undefined, python: undefined },
      webSocketLimits: {},
      timings: { profile: 'instant', scale: 1, seed: undefined },
    });
  });

  test('set, in the units the sandbox takes', () => {
    const env = {
      LABBOOK_LAMBDA_CONCURRENCY: '3',
      LABBOOK_LAMBDA_IDLE_SECONDS: '2',
      LABBOOK_LAMBDA_MEMORY_MB: '64',
      LABBOOK_PYTHON: '/usr/bin/python3',
      LABBOOK_WS_FRAME_BYTES: '1024',
      LABBOOK_WS_MESSAGE_BYTES: '4096',
      LABBOOK_WS_IDLE_SECONDS: '1.5',
      LABBOOK_WS_MAX_AGE_SECONDS: '60',
      LABBOOK_TIMINGS: 'aws',
      LABBOOK_TIMINGS_SCALE: '0.05',
      LABBOOK_TIMINGS_SEED: '42',
      LABBOOK_LEARNER_LAB: '0',
      LABBOOK_CREDENTIALS_SECONDS: '900',
    };
    expect(sandboxTuning(readConfig(env))).toEqual({
      learnerLab: false,
      credentialsSeconds: 900,
      lambda: { concurrencyLimit: 3, idleTimeoutMs: 2000, memoryBudgetBytes: 64 * 2 ** 20, python: '/usr/bin/python3' },
      webSocketLimits: { frameBytes: 1024, messageBytes: 4096, idleTimeoutMs: 1500, maxConnectionAgeMs: 60_000 },
      timings: { profile: 'aws', scale: 0.05, seed: 42 },
    });
  });
});

test('the README lists every variable, as the config module describes it (npm run readme:tables rewrites it)', () => {
  expect(readmeTable('variables')).toBe(unpadded(variablesTable()));
});
