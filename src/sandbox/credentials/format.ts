// The two ways students paste credentials: the Learner Lab's ~/.aws/credentials
// block and environment variables set in a shell. Pure functions, usable in the browser too.
import { comment, renderScript, type Script, type Shell } from '../../steps/shells.ts';

export interface CredentialsToShow {
  accessKeyId: string;
  secretAccessKey: string;
  /** Absent for long-term (AKIA) keys. */
  sessionToken?: string;
  expiration?: string;
  region: string;
  /** The sandbox URL; absent for real AWS. */
  endpoint?: string;
}

/** An ~/.aws/credentials `[default]` block laid out as the Learner Lab's "AWS Details" shows it, with hints as comments. */
export function credentialsFileBlock(c: CredentialsToShow): string {
  const lines = [
    '[default]',
    `aws_access_key_id=${c.accessKeyId}`,
    `aws_secret_access_key=${c.secretAccessKey}`,
    ...(c.sessionToken ? [`aws_session_token=${c.sessionToken}`] : []),
    `# region: ${c.region} (set "region = ${c.region}" under [default] in ~/.aws/config, or AWS_DEFAULT_REGION)`,
  ];
  if (c.expiration) lines.push(`# expires: ${c.expiration}`);
  if (c.endpoint) lines.push(`# endpoint: add --endpoint-url ${c.endpoint} to every aws command`);
  return `${lines.join('\n')}\n`;
}

/**
 * The credentials as environment variables set in `shell`: `export` lines for a POSIX shell
 * (`eval "$(labbook credentials --env)"`), `$env:` lines for PowerShell (`… | Invoke-Expression`), `set` lines for cmd.
 */
export function exportLines(c: CredentialsToShow, shell: Shell = 'bash'): string {
  const variables: Array<[string, string]> = [
    ['AWS_ACCESS_KEY_ID', c.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
  ];
  if (c.sessionToken) variables.push(['AWS_SESSION_TOKEN', c.sessionToken]);
  variables.push(['AWS_DEFAULT_REGION', c.region]);
  if (c.endpoint) variables.push(['AWS_ENDPOINT_URL', c.endpoint]);
  const script: Script = [
    ...variables.map(([name, value]) => ({ kind: 'env', name, value }) as const),
    ...(c.expiration ? [comment(`expires: ${c.expiration}`)] : []),
    ...(c.endpoint ? [comment(`AWS CLI before 2.13 and boto3 before 1.28 ignore AWS_ENDPOINT_URL: pass --endpoint-url ${c.endpoint}`)] : []),
  ];
  return `${renderScript(script, shell)}\n`;
}
