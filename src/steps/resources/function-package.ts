// A Lambda deployment package made in the page: one source file at the top of a zip.
// The zip is the same bytes for the same source (fixed time stamp), so its SHA-256 equals
// the function's CodeSha256 exactly when the deployed code is this code.
import { strToU8, zipSync } from 'fflate';

/** Zip entries carry DOS time stamps, which start in 1980; any fixed time will do. */
const FIXED_MTIME = new Date('2024-01-01T00:00:00Z');
/** Unix, readable by everyone: Lambda's runtime user must be able to read the file. */
const FILE_ATTRIBUTES = { os: 3, attrs: 0o644 << 16 };

/** The file a handler names: `lambda_crud.lambda_handler` on Python is `lambda_crud.py`. */
export function handlerFileName(handler: string, runtime: string): string {
  const dot = handler.lastIndexOf('.');
  const module = dot > 0 ? handler.slice(0, dot) : handler;
  return runtime.startsWith('python') ? `${module}.py` : module;
}

export function zipSource(fileName: string, source: string): Uint8Array {
  return zipSync({ [fileName]: [strToU8(source), { ...FILE_ATTRIBUTES, mtime: FIXED_MTIME }] }, { level: 6 });
}

/** Base64 SHA-256, as Lambda reports CodeSha256. */
export async function codeSha256(zip: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', zip as Uint8Array<ArrayBuffer>));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}
