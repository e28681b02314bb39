// API Gateway's control-plane quotas under `--timings aws`: 40 calls at once then 10 a second,
// CreateDeployment once every 5 s, each past them AWS's 429; none with instant timings.
import { expect, test } from 'vitest';
import { controlPlaneQuotas } from '../../src/sandbox/apigateway/control/quotas.ts';
import { createTimings } from '../../src/sandbox/timings/timings.ts';

const TOO_MANY = { code: 'TooManyRequestsException', status: 429, message: 'Too Many Requests' };

function clockedQuotas(scale = 1) {
  let now = 0;
  const check = controlPlaneQuotas(createTimings({ profile: 'aws', scale, seed: 1 }), () => now);
  return { check, advance: (ms: number) => (now += ms) };
}

test('a burst of 40 calls passes, the 41st is refused, and 10 a second pass again', () => {
  const { check, advance } = clockedQuotas();
  for (let i = 0; i < 40; i++) check('GetApis', 'us-east-1');
  expect(() => check('GetApis', 'us-east-1')).toThrow(expect.objectContaining(TOO_MANY));
  advance(100);
  check('GetApis', 'us-east-1');
  expect(() => check('GetApis', 'us-east-1')).toThrow(expect.objectContaining(TOO_MANY));
  // Another region has quotas of its own.
  check('GetApis', 'us-west-2');
});

test('CreateDeployment passes once every 5 seconds, a twentieth of that at scale 0.05', () => {
  const { check, advance } = clockedQuotas();
  check('CreateDeployment', 'us-east-1');
  advance(4_900);
  expect(() => check('CreateDeployment', 'us-east-1')).toThrow(expect.objectContaining(TOO_MANY));
  advance(100);
  check('CreateDeployment', 'us-east-1');

  const scaled = clockedQuotas(0.05);
  scaled.check('CreateDeployment', 'us-east-1');
  scaled.advance(250);
  scaled.check('CreateDeployment', 'us-east-1');
});

test('instant timings have no quotas', () => {
  const check = controlPlaneQuotas(createTimings({ profile: 'instant' }));
  for (let i = 0; i < 100; i++) check('CreateDeployment', 'us-east-1');
});
