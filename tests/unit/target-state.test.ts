import { expect, test } from 'vitest';
import { targetKey, type Target } from '../../src/cloud/target-state.ts';
import { parseStoredTarget } from '../../src/cloud/target-storage.ts';
import { statusText, targetNotice } from '../../src/widgets/target-panel/target-summary.ts';

const ready: Target = {
  kind: 'aws',
  region: 'us-west-2',
  status: 'ready',
  credentials: { accessKeyId: 'ASIAEXAMPLEKEY000000', secretAccessKey: 'x'.repeat(40), sessionToken: 't', expiration: new Date('2030-01-01T00:00:00Z') },
  identity: { account: '123456789012', arn: 'arn:aws:sts::123456789012:assumed-role/voclabs/user1=student' },
  remember: true,
};

test('targetKey names where resources live: per account, and per region on AWS', () => {
  expect(targetKey(ready)).toBe('aws:123456789012:us-west-2');
  expect(targetKey({ ...ready, kind: 'sandbox' })).toBe('sandbox:123456789012');
  expect(targetKey({ kind: 'aws', region: 'us-east-1', status: 'checking' })).toBe('aws:unknown:us-east-1');
});

test('a stored target reads back as it was, dates included', () => {
  const stored = JSON.stringify({ ...ready, credentials: { ...ready.credentials, expiration: ready.credentials!.expiration!.toISOString() } });
  expect(parseStoredTarget(stored)).toEqual(ready);
});

test('anything unreadable in storage counts as nothing stored', () => {
  for (const raw of [
    '',
    'null',
    '[]',
    '{',
    '"x"',
    JSON.stringify({ ...ready, kind: 'azure' }),
    JSON.stringify({ ...ready, credentials: undefined }),
    JSON.stringify({ ...ready, credentials: { accessKeyId: 'A' } }),
    JSON.stringify({ ...ready, status: 'happy' }),
  ]) {
    expect(parseStoredTarget(raw), raw).toBeUndefined();
  }
  // Fields of the wrong type are dropped, not trusted.
  const odd = parseStoredTarget(
    JSON.stringify({ ...ready, identity: { account: 1 }, problem: {}, remember: 'yes', credentials: { ...ready.credentials, expiration: 'soon' } }),
  );
  expect(odd).toEqual({
    kind: 'aws',
    region: 'us-west-2',
    status: 'ready',
    credentials: { accessKeyId: 'ASIAEXAMPLEKEY000000', secretAccessKey: 'x'.repeat(40), sessionToken: 't' },
  });
});

test('an expired target tells the student what to do', () => {
  expect(statusText({ ...ready, status: 'expired' })).toBe('credentials expired — paste new ones');
  expect(statusText({ ...ready, kind: 'sandbox', status: 'expired' })).toBe('credentials expired — get new ones');
  expect(statusText({ ...ready, status: 'invalid' })).toBe('credentials not accepted — paste new ones');
});

test('a widget says why it cannot work yet and offers the one fix: the sandbox again, or the Target panel for AWS', () => {
  expect(targetNotice(ready)).toBeUndefined();
  expect(targetNotice({ kind: 'sandbox', region: 'us-east-1', status: 'signed-out' })).toEqual({
    text: 'Sandbox: not connected — use the sandbox. ',
    fix: { label: 'Use the sandbox', primary: true, action: 'use-sandbox' },
  });
  expect(targetNotice({ ...ready, kind: 'sandbox', status: 'expired' })).toEqual({
    text: 'Sandbox: credentials expired — get new ones. Once it works again, press Retry: what was started carries on. ',
    fix: { label: 'Get new sandbox credentials', primary: true, action: 'use-sandbox' },
  });
  expect(targetNotice({ ...ready, status: 'invalid' })).toEqual({
    text: 'AWS: credentials not accepted — paste new ones. ',
    fix: { label: 'Paste AWS credentials', primary: false, action: 'open-panel' },
  });
  expect(targetNotice({ ...ready, status: 'checking' })).toEqual({ text: 'AWS: checking the credentials…. ' });
});
