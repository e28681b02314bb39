// The current target's credentials as the AWS CLI and boto3 read them, so a
// student can run the same lab from a terminal. The layout is the sandbox CLI's
// (`labbook credentials`), shared so both print the same thing.
import { credentialsFileBlock, exportLines, type CredentialsToShow } from '../sandbox/credentials/format.ts';
import type { Shell } from '../steps/shells.ts';
import type { Target } from './target-state.ts';

export interface CredentialsText {
  /** An ~/.aws/credentials [default] block. */
  file: string;
  /** The environment variables as `shell` sets them: export lines, PowerShell's $env: or cmd's set. */
  variables(shell: Shell): string;
}

/** Undefined when the target has no credentials. `sandboxEndpoint` adds the --endpoint-url / AWS_ENDPOINT_URL hints. */
export function credentialsText(target: Target, sandboxEndpoint?: string): CredentialsText | undefined {
  const { credentials } = target;
  if (!credentials) return undefined;
  const shown: CredentialsToShow = {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    expiration: credentials.expiration?.toISOString(),
    region: target.region,
    endpoint: target.kind === 'sandbox' ? sandboxEndpoint : undefined,
  };
  return { file: credentialsFileBlock(shown), variables: (shell) => exportLines(shown, shell) };
}
