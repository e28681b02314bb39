// Where a widget's use sits in its chapter, for a build error to name the line: the chapter's
// `<Widget …>` tags read again, and the one whose props are the ones the widget was given.
// Astro passes a component its props but not where they were written.

/** A tag's props as written: each name, with its text where the value is a plain string. */
type WrittenProps = Map<string, string | undefined>;

/**
 * The 1-based line of the `<widget …>` tag in `source` written with exactly the props
 * `given` (names, and text values where both are text); undefined when none matches.
 */
export function sourceLineOf(source: string, widget: string, given: Record<string, unknown>): number | undefined {
  const names = Object.keys(given);
  for (const match of source.matchAll(new RegExp(`<${widget}(?=[\\s/>])`, 'g'))) {
    const written = writtenProps(source, match.index + match[0].length);
    const sameNames = written.size === names.length && names.every((name) => written.has(name));
    const sameText = names.every((name) => typeof given[name] !== 'string' || written.get(name) === undefined || written.get(name) === given[name]);
    if (sameNames && sameText) return source.slice(0, match.index).split('\n').length;
  }
  return undefined;
}

/** Reads a JSX tag's props from just after its name to its closing `>`, skipping `{…}` expressions whole. */
function writtenProps(source: string, from: number): WrittenProps {
  const props: WrittenProps = new Map();
  let at = from;
  while (at < source.length) {
    const rest = source.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    if (rest.startsWith('/>') || rest.startsWith('>')) break;
    const name = /^[A-Za-z_:][\w:.-]*/.exec(rest)?.[0];
    if (!name) break;
    at += name.length;
    if (source[at] !== '=') {
      props.set(name, undefined);
      continue;
    }
    at += 1;
    const quote = source[at];
    if (quote === '"' || quote === "'") {
      const end = source.indexOf(quote, at + 1);
      props.set(name, source.slice(at + 1, end));
      at = end + 1;
    } else {
      props.set(name, undefined);
      at = endOfExpression(source, at);
    }
  }
  return props;
}

/** The index after the `{…}` expression that starts at `from`, past strings and template literals inside it. */
function endOfExpression(source: string, from: number): number {
  let depth = 0;
  for (let at = from; at < source.length; at++) {
    const char = source[at];
    if (char === '"' || char === "'" || char === '`') {
      at = endOfString(source, at);
    } else if (char === '{') {
      depth += 1;
    } else if (char === '}') {
      depth -= 1;
      if (depth === 0) return at + 1;
    }
  }
  return source.length;
}

/** The index of the quote that closes the string starting at `from` (backslash escapes skipped; a template's `${…}` read as text). */
function endOfString(source: string, from: number): number {
  const quote = source[from];
  for (let at = from + 1; at < source.length; at++) {
    if (source[at] === '\\') at += 1;
    else if (source[at] === quote) return at;
  }
  return source.length;
}
