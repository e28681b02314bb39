import { describe, expect, test } from 'vitest';
import { isExecuteApiHost, isRelayedHost, relayDestination } from '../../src/server/relay/relay-host.ts';

describe('AWS service hosts the relay forwards to', () => {
  test.each([
    'dynamodb.us-east-1.amazonaws.com',
    'lambda.us-west-2.amazonaws.com',
    'sts.us-east-1.amazonaws.com',
    'logs.eu-central-1.amazonaws.com',
    'kinesis.ap-southeast-2.amazonaws.com',
    'apigateway.us-east-1.amazonaws.com',
    'sts.amazonaws.com',
    'iam.amazonaws.com',
    'abcde12345.execute-api.us-east-1.amazonaws.com',
    'dynamodb.us-gov-west-1.amazonaws.com',
  ])('%s', (host) => expect(isRelayedHost(host)).toBe(true));
});

describe('everything else is refused', () => {
  test.each([
    // The instance metadata service and other addresses, in every notation.
    ['link-local metadata', '169.254.169.254'],
    ['metadata as decimal', '2852039166'],
    ['metadata as hex', '0xa9fea9fe'],
    ['metadata as octal', '0251.0376.0251.0376'],
    ['metadata, dotted hex', '0xa9.0xfe.0xa9.0xfe'],
    ['short IPv4', '127.1'],
    ['IPv6 loopback', '[::1]'],
    ['IPv6 mapped metadata', '[::ffff:169.254.169.254]'],
    ['ECS metadata', '169.254.170.2'],
    ['localhost', 'localhost'],
    ['localhost with port', 'localhost:4510'],
    ['loopback', '127.0.0.1'],
    ['a name for the metadata service', 'metadata.google.internal'],
    // Look-alikes and suffix tricks.
    ['other domain', 'example.org'],
    ['AWS name as a prefix', 'amazonaws.com.example.org'],
    ['service host as a prefix', 'dynamodb.us-east-1.amazonaws.com.example.org'],
    ['bare amazonaws.com', 'amazonaws.com'],
    ['look-alike suffix', 'dynamodb.us-east-1.amazonaws.co'],
    ['look-alike label', 'dynamodb.us-east-1.amazonavvs.com'],
    ['hyphen look-alike', 'dynamodb.us-east-1-amazonaws.com'],
    ['extra label', 'evil.dynamodb.us-east-1.amazonaws.com'],
    ['S3 (not a relayed service)', 's3.us-east-1.amazonaws.com'],
    ['bucket host', 'bucket.s3.us-east-1.amazonaws.com'],
    ['EC2 (not relayed)', 'ec2.us-east-1.amazonaws.com'],
    ['China partition', 'dynamodb.cn-north-1.amazonaws.com.cn'],
    ['regional IAM', 'iam.us-east-1.amazonaws.com'],
    ['not a region', 'dynamodb.localhost.amazonaws.com'],
    ['API id too short', 'abc.execute-api.us-east-1.amazonaws.com'],
    ['API id upper case', 'ABCDE12345.execute-api.us-east-1.amazonaws.com'],
    ['execute-api without id', 'execute-api.us-east-1.amazonaws.com'],
    // Spelling tricks.
    ['upper case', 'DYNAMODB.US-EAST-1.AMAZONAWS.COM'],
    ['mixed case', 'DynamoDB.us-east-1.amazonaws.com'],
    ['trailing dot', 'dynamodb.us-east-1.amazonaws.com.'],
    ['leading dot', '.dynamodb.us-east-1.amazonaws.com'],
    ['empty label', 'dynamodb..us-east-1.amazonaws.com'],
    ['port', 'dynamodb.us-east-1.amazonaws.com:443'],
    ['other port', 'dynamodb.us-east-1.amazonaws.com:4510'],
    ['userinfo', 'dynamodb.us-east-1.amazonaws.com@169.254.169.254'],
    ['userinfo the other way', '169.254.169.254@dynamodb.us-east-1.amazonaws.com'],
    ['percent-encoded dot', 'dynamodb%2eus-east-1.amazonaws.com'],
    ['percent-encoded slash', 'dynamodb.us-east-1.amazonaws.com%2f..%2f169.254.169.254'],
    ['percent-encoded letters', '%64ynamodb.us-east-1.amazonaws.com'],
    ['backslash', 'dynamodb.us-east-1.amazonaws.com\\@169.254.169.254'],
    ['full-width dot', 'dynamodb.us-east-1.amazonaws\uFF0Ecom'],
    ['punycode look-alike', 'xn--dynamodb-9za.us-east-1.amazonaws.com'],
    ['whitespace', ' dynamodb.us-east-1.amazonaws.com'],
    ['NUL', 'dynamodb.us-east-1.amazonaws.com\u0000.example.org'],
    ['empty', ''],
  ])('%s: %s', (_what, host) => expect(isRelayedHost(host)).toBe(false));
});

describe('relay paths', () => {
  test('splits host and path, leaving the path and query exactly as sent', () => {
    expect(
      relayDestination('/relay/lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda/invocations?Qualifier=%24LATEST', '/relay/'),
    ).toEqual({
      host: 'lambda.us-east-1.amazonaws.com',
      path: '/2015-03-31/functions/arn%3Aaws%3Alambda/invocations?Qualifier=%24LATEST',
    });
    expect(relayDestination('/relay/sts.amazonaws.com', '/relay/')).toEqual({ host: 'sts.amazonaws.com', path: '/' });
    expect(relayDestination('/relay/dynamodb.us-east-1.amazonaws.com/', '/relay/')).toEqual({ host: 'dynamodb.us-east-1.amazonaws.com', path: '/' });
  });

  test.each([
    ['double slash before the host', '/relay//169.254.169.254/latest/meta-data/'],
    ['double slash before an AWS host', '/relay//dynamodb.us-east-1.amazonaws.com/'],
    ['path traversal', '/relay/../169.254.169.254/'],
    ['dot segment as host', '/relay/./dynamodb.us-east-1.amazonaws.com/'],
    ['query straight after the host', '/relay/sts.amazonaws.com?Action=GetCallerIdentity'],
    ['fragment', '/relay/sts.amazonaws.com#x'],
    ['absolute URL', '/relay/https://dynamodb.us-east-1.amazonaws.com/'],
    ['scheme-relative', '/relay///dynamodb.us-east-1.amazonaws.com/'],
    ['encoded slash after the host', '/relay/dynamodb.us-east-1.amazonaws.com%2F169.254.169.254/'],
    ['backslash after the host', '/relay/dynamodb.us-east-1.amazonaws.com\\169.254.169.254/'],
    ['userinfo', '/relay/user@dynamodb.us-east-1.amazonaws.com/'],
    ['not under the prefix', '/api/relay/dynamodb.us-east-1.amazonaws.com/'],
    ['nothing after the prefix', '/relay/'],
  ])('%s is refused', (_what, target) => {
    expect(relayDestination(target, '/relay/')).toHaveProperty('refused');
  });
});

describe('WebSockets go through the relay only to invoke URLs', () => {
  test.each([
    ['an invoke URL host', 'abcde12345.execute-api.us-east-1.amazonaws.com', true],
    ['another region', 'abcde12345.execute-api.eu-west-1.amazonaws.com', true],
    ['a relayed service that speaks no WebSocket', 'dynamodb.us-east-1.amazonaws.com', false],
    ['the control plane', 'apigateway.us-east-1.amazonaws.com', false],
    ['an id of the wrong length', 'abcde1234.execute-api.us-east-1.amazonaws.com', false],
    ['a look-alike', 'abcde12345.execute-api.us-east-1.amazonaws.com.example.org', false],
  ])('%s', (_what, host, allowed) => expect(isExecuteApiHost(host)).toBe(allowed));
});
