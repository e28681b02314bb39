// How steps look a resource up without a console error: list first, and read it only when
// the list names it. Reading one that is missing (DescribeTable, DescribeStreamSummary,
// GetFunctionConfiguration) is an HTTP 4xx, which browsers print as an error in the console,
// and "not there yet" is the normal case before a step runs.
import { hasName } from '../waiting.ts';

const notFound = hasName('ResourceNotFoundException');

/** The resource `read` returns when `listed` says it exists; undefined when not, or when it went between the two calls. */
export async function readIfListed<T>(listed: () => Promise<boolean>, read: () => Promise<T>): Promise<T | undefined> {
  if (!(await listed())) return undefined;
  try {
    return await read();
  } catch (error) {
    if (notFound(error)) return undefined;
    throw error;
  }
}
