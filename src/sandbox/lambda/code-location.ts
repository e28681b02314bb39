import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CredentialStore } from '../credentials/store.ts';
import type { SandboxRequest } from '../protocol/service.ts';

/**
 * GetFunction's Code.Location: on AWS a presigned S3 URL, valid ten minutes,
 * from which anyone holding it can download the zip. Here it is a URL on the
 * sandbox, presigned with the caller's own credentials, so the sandbox's
 * ordinary signature check guards it and it expires as AWS's does.
 */
export const CODE_DOWNLOAD_PATH = '/_labbook/lambda-code/{FunctionName}/{File}';
const VALID_SECONDS = 600;

export async function codeLocation(
  sandboxUrl: string,
  req: SandboxRequest,
  credentials: CredentialStore,
  functionName: string,
  hash: string,
): Promise<string> {
  const known = credentials.lookup(req.caller!.accessKeyId)!;
  const signer = new SignatureV4({
    service: 'lambda',
    region: req.region,
    sha256: Sha256,
    credentials: { accessKeyId: req.caller!.accessKeyId, secretAccessKey: known.secretAccessKey, sessionToken: known.sessionToken },
  });
  const url = new URL(sandboxUrl);
  const path = CODE_DOWNLOAD_PATH.replace('{FunctionName}', encodeURIComponent(functionName)).replace('{File}', `${hash}.zip`);
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path,
      query: {},
      headers: { host: url.host },
    },
    { expiresIn: VALID_SECONDS },
  );
  const query = new URLSearchParams(signed.query as Record<string, string>);
  return `${url.origin}${path}?${query}`;
}
