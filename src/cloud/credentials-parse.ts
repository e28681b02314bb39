// Turns what a student pastes from the Learner Lab's "AWS Details" panel into
// credentials, or into one sentence that says exactly what is wrong with it.
// Pure: no storage, no network. Error messages never repeat a secret or a token.
import { isRecord } from './json-value.ts';

export interface ParsedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Required for temporary (ASIA…) keys, which is what the Learner Lab gives. */
  sessionToken?: string;
  /** A region named in the paste (`region = …`, `AWS_DEFAULT_REGION=…`), if any. */
  region?: string;
}

/** A paste or a field that cannot be used; `message` is written for the student. */
export class CredentialsProblem extends Error {
  override name = 'CredentialsProblem';
}

export interface CredentialFields {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** Learner Lab keys are temporary (ASIA); long-term user keys (AKIA) need no session token. */
const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const SECRET_LENGTH = 40;
const SECRET = /^[A-Za-z0-9/+]{40}$/;
const SESSION_TOKEN = /^[A-Za-z0-9/+=]+$/;
/** Session tokens run to hundreds of characters; anything this short was cut off. */
const MIN_SESSION_TOKEN_LENGTH = 100;

type Field = keyof CredentialFields | 'region';

/** The names each form uses, lower-cased: the credentials file's and the environment's. */
const NAMES: Record<string, Field> = {
  aws_access_key_id: 'accessKeyId',
  aws_secret_access_key: 'secretAccessKey',
  aws_session_token: 'sessionToken',
  aws_security_token: 'sessionToken',
  region: 'region',
  aws_region: 'region',
  aws_default_region: 'region',
  accesskeyid: 'accessKeyId',
  secretaccesskey: 'secretAccessKey',
  sessiontoken: 'sessionToken',
};

const FILE_NAME: Record<keyof CredentialFields, string> = {
  accessKeyId: 'aws_access_key_id',
  secretAccessKey: 'aws_secret_access_key',
  sessionToken: 'aws_session_token',
};

/**
 * Reads a pasted `~/.aws/credentials` block (any profile layout; `[default]`
 * wins), `export AWS_…=` lines (also `set` and `$env:` forms, quoted or not),
 * or the JSON an STS call or `labbook credentials` prints.
 */
export function parseCredentials(text: string): ParsedCredentials {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '')
    throw new CredentialsProblem('Paste the credentials first: the [default] block from the Learner Lab’s “AWS Details”, or the export lines.');
  const values = trimmed.startsWith('{') ? readJson(trimmed) : readLines(trimmed);
  return checkedCredentials(values);
}

/** The three separate fields of the panel's form. */
export function credentialsFromFields(fields: CredentialFields): ParsedCredentials {
  return checkedCredentials({
    accessKeyId: fields.accessKeyId.trim(),
    secretAccessKey: fields.secretAccessKey.trim(),
    sessionToken: fields.sessionToken.trim() || undefined,
  });
}

type Values = Partial<Record<Field, string>>;

function readJson(text: string): Values {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CredentialsProblem('This looks like JSON but is not complete JSON. Copy the whole answer, from { to }.');
  }
  // `aws sts get-session-token` wraps them in "Credentials".
  const record = isRecord(value) && isRecord(value.Credentials) ? value.Credentials : value;
  if (!isRecord(record)) throw new CredentialsProblem('This JSON holds no credentials: expected AccessKeyId, SecretAccessKey and SessionToken.');
  const values: Values = {};
  for (const [key, item] of Object.entries(record)) {
    const field = NAMES[key.toLowerCase()];
    if (field && typeof item === 'string') values[field] = item.trim();
  }
  return values;
}

interface Profile {
  name: string;
  values: Values;
}

/** `name = value` lines, grouped by `[profile]` headers; lines before any header form an unnamed profile. */
function readLines(text: string): Values {
  const profiles: Profile[] = [{ name: '', values: {} }];
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';') || /^rem\s/i.test(line)) return;
    const header = /^\[\s*(?:profile\s+)?([^\]]*?)\s*\]$/.exec(line);
    if (header) return void profiles.push({ name: header[1], values: {} });
    const assignment = /^(?:export\s+|set\s+|\$env:)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/i.exec(line);
    if (!assignment) {
      throw new CredentialsProblem(
        `Line ${index + 1} is not “name = value”. If a long value (the session token) was split over several lines, copy it again as one line.`,
      );
    }
    const field = NAMES[assignment[1].toLowerCase()];
    if (!field) return;
    const value = unquote(assignment[2]);
    const profile = profiles[profiles.length - 1];
    const earlier = profile.values[field];
    if (earlier !== undefined && earlier !== value) {
      const where = profile.name ? ` in [${profile.name}]` : '';
      throw new CredentialsProblem(`${assignment[1]} appears twice${where} with different values. Paste one set of credentials.`);
    }
    profile.values[field] = value;
  });
  return chooseProfile(profiles);
}

/** Removes matching quotes and a trailing comment after a quoted value. */
function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1\s*(?:[#;].*)?$/.exec(value);
  if (quoted) return quoted[2].trim();
  return value.replace(/\s+[#;].*$/, '').trim();
}

function hasCredentials(profile: Profile): boolean {
  const { accessKeyId, secretAccessKey, sessionToken } = profile.values;
  return accessKeyId !== undefined || secretAccessKey !== undefined || sessionToken !== undefined;
}

function chooseProfile(profiles: Profile[]): Values {
  const withCredentials = profiles.filter(hasCredentials);
  const chosen = profiles.find((p) => p.name === 'default' && hasCredentials(p)) ?? (withCredentials.length === 1 ? withCredentials[0] : undefined);
  if (chosen) return chosen.values;
  if (withCredentials.length === 0) {
    throw new CredentialsProblem(
      'No credentials found. Paste the [default] block with aws_access_key_id, aws_secret_access_key and aws_session_token, or the export AWS_… lines.',
    );
  }
  const names = withCredentials.map((p) => (p.name ? `[${p.name}]` : 'the lines before the first profile')).join(', ');
  throw new CredentialsProblem(`The paste has several sets of credentials (${names}) and none is [default]. Paste only the one you want to use.`);
}

function checkedCredentials(values: Values): ParsedCredentials {
  const { accessKeyId, secretAccessKey, sessionToken, region } = values;
  const missing = (['accessKeyId', 'secretAccessKey', 'sessionToken'] as const).filter((field) => !values[field]);
  const temporary = accessKeyId?.startsWith('ASIA') ?? true;
  const needed = temporary ? missing : missing.filter((field) => field !== 'sessionToken');
  if (needed.length === 3)
    throw new CredentialsProblem('No credentials found: aws_access_key_id, aws_secret_access_key and aws_session_token are all missing.');
  if (needed.length > 0) {
    const found = (['accessKeyId', 'secretAccessKey', 'sessionToken'] as const).filter((field) => values[field]).map((field) => FILE_NAME[field]);
    const absent = needed.map((field) => FILE_NAME[field]);
    throw new CredentialsProblem(
      `Only ${found.join(' and ')} ${found.length === 1 ? 'is' : 'are'} there; ${absent.join(' and ')} ${absent.length === 1 ? 'is' : 'are'} missing. ` +
        'The Learner Lab’s credentials are three lines: copy the whole block.',
    );
  }
  checkAccessKeyId(accessKeyId!);
  checkSecret(secretAccessKey!);
  if (sessionToken !== undefined) checkSessionToken(sessionToken);
  const parsed: ParsedCredentials = { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey! };
  if (sessionToken) parsed.sessionToken = sessionToken;
  if (region) parsed.region = region;
  return parsed;
}

function checkAccessKeyId(value: string): void {
  if (ACCESS_KEY_ID.test(value)) return;
  const start = value.slice(0, 4);
  if (/^(AKIA|ASIA)/.test(start)) {
    throw new CredentialsProblem(
      `The access key id is ${value.length} characters long; AWS access key ids are 20 letters and digits (ASIA and 16 more). Copy it again.`,
    );
  }
  throw new CredentialsProblem(
    'The access key id does not look like one: AWS access key ids start with ASIA (temporary, as the Learner Lab gives) or AKIA, then 16 capital letters and digits. Is the secret in its place?',
  );
}

function checkSecret(value: string): void {
  if (SECRET.test(value)) return;
  if (value.length !== SECRET_LENGTH) {
    throw new CredentialsProblem(
      `The secret access key is ${value.length} characters long; AWS secret keys are ${SECRET_LENGTH}. Copy the whole aws_secret_access_key value again.`,
    );
  }
  throw new CredentialsProblem('The secret access key has characters a secret key never has (only letters, digits, + and / are used). Copy it again.');
}

function checkSessionToken(value: string): void {
  if (!SESSION_TOKEN.test(value)) {
    throw new CredentialsProblem(
      'The session token has characters a session token never has (spaces, or a line break in the middle?). Copy it again as one line.',
    );
  }
  if (value.length < MIN_SESSION_TOKEN_LENGTH) {
    throw new CredentialsProblem(`The session token is only ${value.length} characters long; real ones are hundreds. Copy the whole aws_session_token value.`);
  }
}
