import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { expect, test } from 'vitest';
import { useSandbox } from './harness.ts';

const sandbox = useSandbox();

test('GetCallerIdentity names the account and the Learner Lab style assumed role', async () => {
  const identity = await sandbox.client(STSClient).send(new GetCallerIdentityCommand({}));
  expect(identity.Account).toBe(sandbox.accountId);
  expect(identity.Account).toMatch(/^\d{12}$/);
  expect(identity.Arn).toBe(sandbox.credentials.arn);
  expect(identity.Arn).toMatch(new RegExp(`^arn:aws:sts::${sandbox.accountId}:assumed-role/voclabs/user\\d{7}=student$`));
  expect(identity.UserId).toMatch(/^AROA[A-Z0-9]{17}:user\d{7}=student$/);
});

test('issued credentials look like a Learner Lab session', async () => {
  const c = sandbox.credentials;
  expect(c.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
  expect(c.secretAccessKey).toHaveLength(40);
  expect(c.sessionToken.length).toBeGreaterThan(400);
  const hoursLeft = (Date.parse(c.expiration) - Date.now()) / 3_600_000;
  expect(hoursLeft).toBeGreaterThan(3.9);
  expect(hoursLeft).toBeLessThanOrEqual(4);
});
