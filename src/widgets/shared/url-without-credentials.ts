// A URL as it may be written down (a report, a record kept on this device): without the
// user name and password it may carry, and without the query parameters that make it a
// presigned URL. SigV4 puts the access key id, the session token and the signature in
// X-Amz-* parameters (Amazon S3 API Reference, "Authenticating Requests: Using Query
// Parameters (AWS Signature Version 4)"); SigV2 in AWSAccessKeyId and Signature.
const SIGNING_PARAMETER = /^(?:x-amz-.*|awsaccesskeyid|signature)$/i;

export function urlWithoutCredentials(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL a browser would send: keep only what comes before any query or fragment.
    return url.split(/[?#]/)[0];
  }
  parsed.username = '';
  parsed.password = '';
  for (const name of [...parsed.searchParams.keys()]) if (SIGNING_PARAMETER.test(name)) parsed.searchParams.delete(name);
  return parsed.href;
}
