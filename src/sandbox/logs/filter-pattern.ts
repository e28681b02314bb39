import { AwsError } from '../protocol/errors.ts';

/**
 * CloudWatch Logs filter patterns for unstructured log events: terms that
 * must all appear (`ERROR timeout`), exact phrases in double quotes
 * (`"Task timed out"`), alternatives marked with `?` (`?ERROR ?WARN`) and
 * exclusions marked with `-` (`ERROR -retry`). Matching is case-sensitive, as
 * in CloudWatch. JSON (`{ $.x = 1 }`) and space-delimited (`[a, b]`) patterns
 * are not supported by the sandbox and are refused rather than misread.
 */
export type EventMatcher = (message: string) => boolean;

interface Term {
  text: string;
  kind: 'required' | 'optional' | 'excluded';
}

function parseTerms(pattern: string): Term[] {
  const terms: Term[] = [];
  const token = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const match of pattern.matchAll(token)) {
    const [, mark, quoted, bare] = match;
    const text = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare;
    terms.push({ text, kind: mark === '?' ? 'optional' : mark === '-' ? 'excluded' : 'required' });
  }
  return terms;
}

export function compileFilterPattern(pattern: string | undefined): EventMatcher {
  const trimmed = (pattern ?? '').trim();
  if (trimmed === '') return () => true;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    throw new AwsError('InvalidParameterException', 'The sandbox supports term and phrase filter patterns only, not JSON or space-delimited patterns.');
  }
  const terms = parseTerms(trimmed);
  const required = terms.filter((t) => t.kind === 'required');
  const optional = terms.filter((t) => t.kind === 'optional');
  const excluded = terms.filter((t) => t.kind === 'excluded');
  return (message) =>
    required.every((t) => message.includes(t.text)) &&
    (optional.length === 0 || optional.some((t) => message.includes(t.text))) &&
    !excluded.some((t) => message.includes(t.text));
}
