// The MDX a chapter writer would type to get a catalogue example, so the catalogue shows
// the source beside the live widget and the two cannot disagree.
import type { WidgetExample } from './registry.ts';

export function importLine(widgetName: string): string {
  return `import { ${widgetName} } from '@widgets';`;
}

export function exampleSource(widgetName: string, example: WidgetExample): string {
  const attributes = Object.entries(example.props).map(([name, value]) => `  ${name}=${attributeValue(value)}`);
  const opening = [`<${widgetName}`, ...attributes].join('\n');
  if (example.slot === undefined) return `${opening}\n/>`;
  return `${opening}\n>\n  ${example.slot}\n</${widgetName}>`;
}

/**
 * MDX strips up to two leading spaces from every line after the first inside braces
 * (a fixed amount, whatever the tag's own indent), so those lines carry two extra.
 */
const MDX_CONTINUATION_INDENT = '  ';

/**
 * A quoted attribute where that reads the same as the value (JSX strings decode `&` entities
 * and cannot hold their own quote or span lines well); otherwise a template literal.
 */
function attributeValue(value: string | number | boolean): string {
  if (typeof value !== 'string') return `{${JSON.stringify(value)}}`;
  if (!/["&\n]/.test(value)) return `"${value}"`;
  const escaped = value.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  const [first, ...rest] = escaped.split('\n');
  const indented = rest.map((line) => (line === '' ? line : MDX_CONTINUATION_INDENT + line));
  return `{\`${[first, ...indented].join('\n')}\`}`;
}
