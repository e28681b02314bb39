import { describe, expect, test } from 'vitest';
import { CredentialsProblem, credentialsFromFields, parseCredentials } from '../../src/cloud/credentials-parse.ts';

// Shaped like a Learner Lab's: ASIA + 16, a 40-character secret, a long token.
const KEY = 'ASIA4EXAMPLE7KEYID12';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD' + 'A'.repeat(300) + '+/=';
const expected = { accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: TOKEN };

const problem = (text: string) => {
  try {
    parseCredentials(text);
  } catch (error) {
    expect(error).toBeInstanceOf(CredentialsProblem);
    return (error as Error).message;
  }
  throw new Error('expected a CredentialsProblem');
};

describe('what the Learner Lab shows', () => {
  test('the [default] block as copied', () => {
    const block = `[default]\naws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}\n`;
    expect(parseCredentials(block)).toEqual(expected);
  });

  test('any order, spaces around =, CRLF, comments, blank lines, indentation', () => {
    const block = [
      '# copied from AWS Details',
      '',
      '  [ default ]  ',
      `aws_session_token = ${TOKEN}`,
      '; another comment',
      `\taws_secret_access_key   =   ${SECRET}`,
      `AWS_ACCESS_KEY_ID=${KEY}`,
      'region = us-west-2',
      'output = json',
    ].join('\r\n');
    expect(parseCredentials(block)).toEqual({ ...expected, region: 'us-west-2' });
  });

  test('[default] among other profiles wins', () => {
    const other = `[work]\naws_access_key_id=AKIAOTHERKEY00000000\naws_secret_access_key=${'x'.repeat(40)}\n`;
    expect(parseCredentials(`${other}\n[default]\naws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}`)).toEqual(expected);
  });

  test('a single profile of another name, or lines with no header', () => {
    expect(parseCredentials(`[profile lab]\naws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}`)).toEqual(expected);
    expect(parseCredentials(`aws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}`)).toEqual(expected);
  });

  test('a paste with a byte-order mark and surrounding whitespace', () => {
    expect(parseCredentials(`\uFEFF\n\n [default]\naws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}\n\n`)).toEqual(
      expected,
    );
  });
});

describe('environment lines', () => {
  test('export lines, quoted or not', () => {
    const lines = `export AWS_ACCESS_KEY_ID="${KEY}"\nexport AWS_SECRET_ACCESS_KEY='${SECRET}'\nexport AWS_SESSION_TOKEN=${TOKEN}\nexport AWS_DEFAULT_REGION=us-east-1`;
    expect(parseCredentials(lines)).toEqual({ ...expected, region: 'us-east-1' });
  });

  test('without export, Windows set and PowerShell $env: forms', () => {
    expect(parseCredentials(`AWS_ACCESS_KEY_ID=${KEY}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_SESSION_TOKEN=${TOKEN}`)).toEqual(expected);
    expect(parseCredentials(`set AWS_ACCESS_KEY_ID=${KEY}\r\nset AWS_SECRET_ACCESS_KEY=${SECRET}\r\nset AWS_SESSION_TOKEN=${TOKEN}`)).toEqual(expected);
    expect(parseCredentials(`$env:AWS_ACCESS_KEY_ID="${KEY}"\n$env:AWS_SECRET_ACCESS_KEY="${SECRET}"\n$env:AWS_SESSION_TOKEN="${TOKEN}"`)).toEqual(expected);
  });

  test('labbook’s own export lines with their comments', () => {
    const lines = [
      `export AWS_ACCESS_KEY_ID='${KEY}'`,
      `export AWS_SECRET_ACCESS_KEY='${SECRET}'`,
      `export AWS_SESSION_TOKEN='${TOKEN}'`,
      "export AWS_DEFAULT_REGION='us-east-1'",
      "export AWS_ENDPOINT_URL='http://127.0.0.1:4510'",
      '# expires: 2030-01-01T00:00:00.000Z',
    ].join('\n');
    expect(parseCredentials(lines)).toEqual({ ...expected, region: 'us-east-1' });
  });
});

test('JSON from STS or the sandbox', () => {
  expect(
    parseCredentials(JSON.stringify({ Credentials: { AccessKeyId: KEY, SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: '2030-01-01' } })),
  ).toEqual(expected);
  expect(parseCredentials(JSON.stringify({ accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: TOKEN, region: 'us-east-1' }))).toEqual({
    ...expected,
    region: 'us-east-1',
  });
  expect(problem('{"AccessKeyId": "')).toMatch(/not complete JSON/);
});

test('three fields, trimmed', () => {
  expect(credentialsFromFields({ accessKeyId: ` ${KEY} `, secretAccessKey: `${SECRET}\n`, sessionToken: `\t${TOKEN}` })).toEqual(expected);
  expect(() => credentialsFromFields({ accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: ' ' })).toThrow(/aws_session_token is missing/);
});

test('long-term keys (AKIA) need no session token', () => {
  expect(parseCredentials(`[default]\naws_access_key_id=AKIAIOSFODNN7EXAMPLE\naws_secret_access_key=${SECRET}`)).toEqual({
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: SECRET,
  });
});

describe('a malformed paste gets a specific message', () => {
  test('nothing pasted', () => {
    expect(problem('')).toMatch(/Paste the credentials first/);
    expect(problem('  \n ')).toMatch(/Paste the credentials first/);
  });

  test('only two of the three lines', () => {
    expect(problem(`[default]\naws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}`)).toBe(
      'Only aws_access_key_id and aws_secret_access_key are there; aws_session_token is missing. The Learner Lab’s credentials are three lines: copy the whole block.',
    );
    expect(problem(`[default]\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}`)).toMatch(/; aws_access_key_id is missing/);
    expect(problem(`[default]\naws_access_key_id=${KEY}\naws_session_token=${TOKEN}`)).toMatch(/; aws_secret_access_key is missing/);
  });

  test('only one line', () => {
    expect(problem(`aws_access_key_id=${KEY}`)).toMatch(/Only aws_access_key_id is there; aws_secret_access_key and aws_session_token are missing/);
  });

  test('a value left empty counts as missing', () => {
    expect(problem(`aws_access_key_id=${KEY}\naws_secret_access_key=\naws_session_token=${TOKEN}`)).toMatch(/aws_secret_access_key is missing/);
  });

  test('no credentials at all', () => {
    expect(problem('[default]\nregion = us-east-1\noutput = json')).toMatch(/No credentials found/);
    expect(problem('hello')).toMatch(/Line 1 is not “name = value”/);
  });

  test('a token broken over two lines', () => {
    const broken = `[default]\naws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN.slice(0, 200)}\n${TOKEN.slice(200)}`;
    expect(problem(broken)).toMatch(/Line 5 is not “name = value”.*session token/);
  });

  test('an access key id that does not look like one', () => {
    expect(problem(`aws_access_key_id=${SECRET}\naws_secret_access_key=${KEY}\naws_session_token=${TOKEN}`)).toMatch(/start with ASIA .* or AKIA/);
    expect(problem(`aws_access_key_id=asia4example7keyid12\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}`)).toMatch(/does not look like one/);
    expect(problem(`aws_access_key_id=ASIA4EXAMPLE\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}`)).toMatch(
      /is 12 characters long; AWS access key ids are 20/,
    );
  });

  test('a secret of the wrong length or with strange characters', () => {
    expect(problem(`aws_access_key_id=${KEY}\naws_secret_access_key=${SECRET.slice(0, 39)}\naws_session_token=${TOKEN}`)).toMatch(
      /secret access key is 39 characters long; AWS secret keys are 40/,
    );
    expect(problem(`aws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}x\naws_session_token=${TOKEN}`)).toMatch(/41 characters long/);
    expect(problem(`aws_access_key_id=${KEY}\naws_secret_access_key=${SECRET.slice(0, 39)}!\naws_session_token=${TOKEN}`)).toMatch(
      /characters a secret key never has/,
    );
  });

  test('a session token cut short or with a space in it', () => {
    expect(problem(`aws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}\naws_session_token=IQoJb3JpZ2lu`)).toMatch(/only 12 characters long/);
    expect(problem(`AWS_ACCESS_KEY_ID=${KEY}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nAWS_SESSION_TOKEN="${TOKEN.slice(0, 150)} ${TOKEN.slice(150)}"`)).toMatch(
      /session token has characters/,
    );
  });

  test('two different values for one name', () => {
    expect(
      problem(`[default]\naws_access_key_id=${KEY}\naws_access_key_id=ASIAANOTHERKEY000000\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}`),
    ).toMatch(/aws_access_key_id appears twice in \[default\]/);
  });

  test('several profiles, none of them [default]', () => {
    const two = `[a]\naws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}\n[b]\naws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}`;
    expect(problem(two)).toMatch(/several sets of credentials \(\[a\], \[b\]\) and none is \[default\]/);
  });

  test('messages never repeat the secret or the token', () => {
    const cases = [
      `aws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}`,
      `aws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}x\naws_session_token=${TOKEN}`,
      `aws_access_key_id=${SECRET}\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN}`,
      `aws_access_key_id=${KEY}\naws_secret_access_key=${SECRET}\naws_session_token=${TOKEN} x`,
    ];
    for (const text of cases) {
      const message = problem(text);
      expect(message).not.toContain(SECRET.slice(0, 10));
      expect(message).not.toContain(TOKEN.slice(0, 20));
    }
  });
});
