import { AwsError } from './errors.ts';

/**
 * Page tokens for the Logs API. A token records a position in a list; the
 * letter says which way reading goes from it (GetLogEvents' forward `f/` and
 * backward `b/` tokens, `n/` for the Describe* and Filter* nextToken).
 */
export function encodeToken(direction: string, index: number): string {
  return `${direction}/${String(index).padStart(56, '0')}/s`;
}

export function decodeToken(token: string, directions: string[]): { direction: string; index: number } | undefined {
  const match = /^([a-z])\/(\d{1,56})\/s$/.exec(token);
  if (!match || !directions.includes(match[1])) return undefined;
  return { direction: match[1], index: Number(match[2]) };
}

/** One page of `items` from the position in `token`, and the token for the next page if there is one. */
export function pageOf<T>(items: T[], limit: number, token: string | undefined): { items: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    const position = decodeToken(token, ['n']);
    if (!position) throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
    start = position.index;
  }
  const end = start + limit;
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: encodeToken('n', end) } : {}) };
}
