import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { AwsError } from '../protocol/errors.ts';

/** A deployment package (.zip) as uploaded in CreateFunction or UpdateFunctionCode. */
export interface CodePackage {
  zip: Buffer;
  /** base64 of the SHA-256, Lambda's CodeSha256 */
  sha256: string;
  /** hex of the same hash, for storage keys and folder names */
  hash: string;
}

/** Lambda's limits on a direct upload (the request, with the zip in base64) and on the unzipped code. */
export const MAX_UPLOAD_REQUEST_BYTES = 69_905_067;
const MAX_UNZIPPED_BYTES = 262_144_000;

export function uploadTooLarge(operation: string): AwsError {
  return new AwsError(
    'RequestEntityTooLargeException',
    `Request must be smaller than ${MAX_UPLOAD_REQUEST_BYTES} bytes for the ${operation} operation`,
    413,
  );
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes and checks a ZipFile member; throws the errors Lambda gives for bad packages. */
export function readCodePackage(zipFileBase64: string): CodePackage {
  const compact = zipFileBase64.replace(/\s+/g, '');
  const unreadable = new AwsError(
    'InvalidParameterValueException',
    'Could not unzip uploaded file. Please check your file, then try to upload again.',
  );
  if (!BASE64.test(compact) || compact.length === 0) throw unreadable;
  const zip = Buffer.from(compact, 'base64');
  let unzippedSize = 0;
  try {
    // Reads the central directory only: sizes are summed, nothing is inflated.
    unzipSync(zip, {
      filter(file) {
        unzippedSize += file.originalSize;
        return false;
      },
    });
  } catch {
    throw unreadable;
  }
  if (unzippedSize > MAX_UNZIPPED_BYTES) {
    throw new AwsError('InvalidParameterValueException', `Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);
  }
  const digest = createHash('sha256').update(zip).digest();
  return { zip, sha256: digest.toString('base64'), hash: digest.toString('hex') };
}
