// A widget's props checked against its schema when the page is built, so a wrong step id or
// a misspelled prop stops `astro build` (and shows in the dev server's overlay) naming the
// chapter, the widget, the prop and what it may be, instead of failing in the student's browser.
import { AstroError } from 'astro/errors';
import type { z } from 'astro/zod';
import { didYouMean } from './close-matches.ts';
import { sourceLineOf } from './source-line.ts';
import { readFileSync } from 'node:fs';

/** What a widget's frontmatter has of `Astro`. */
interface Rendering {
  props: Record<string, unknown>;
  url: URL;
  locals: object;
}

/**
 * Astro's own class for scoped styles (`astro-` and a hash): a parent with a `<style>` passes
 * it to every component it renders (the widget catalogue does), and no widget reads it.
 */
const isScopingClass = (name: string, value: unknown) => name === 'class' && typeof value === 'string' && /^astro-[a-z0-9]+$/.test(value);

export function checkedProps<Schema extends z.ZodObject>(widget: string, schema: Schema, astro: Rendering): z.output<Schema> {
  const given = Object.fromEntries(Object.entries(astro.props).filter(([name, value]) => !isScopingClass(name, value)));
  const result = schema.safeParse(given);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => problemsOf(issue, schema, given));
  const chapter = chapterOf(astro);
  const line = chapter.startsWith('/') ? undefined : sourceLineOf(readFileSync(chapter, 'utf8'), widget, given);
  const where = line === undefined ? chapter : `${chapter} (line ${line})`;
  throw new AstroError(
    `<${widget}> in ${where}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`,
    `${widget}'s props: ${Object.keys(schema.shape).join(', ')} (the widget catalogue, /instructors/widgets/, describes each).`,
  );
}

/** The chapter's file where Starlight renders it; otherwise the page's address. */
function chapterOf({ url, locals }: Rendering): string {
  const route = (locals as { starlightRoute?: { entry?: { filePath?: string } } }).starlightRoute;
  return route?.entry?.filePath ?? url.pathname;
}

function problemsOf(issue: z.core.$ZodIssue, schema: z.ZodObject, given: Record<string, unknown>): string[] {
  const props = Object.keys(schema.shape);
  // Astro adds client:component-path and the like beside a client directive; the directive itself is reported.
  if (issue.code === 'unrecognized_keys') return issue.keys.filter((name) => !name.startsWith('client:component-')).map((name) => unknownProp(name, props));
  const prop = String(issue.path[0]);
  const value = given[prop];
  if (value === undefined) return [`${prop} is required: ${(schema.shape[prop] as z.ZodType).description ?? ''}`];
  if (issue.code === 'invalid_type') {
    // An MDX attribute in quotes is always text: a number goes in braces.
    const braces = issue.expected === 'number' && typeof value === 'string' && Number.isFinite(Number(value)) ? ` Write ${prop}={${value}}, in braces.` : '';
    return [`${prop}=${JSON.stringify(value)} is not a ${issue.expected}.${braces}`];
  }
  return [`${prop}: ${issue.message}`];
}

function unknownProp(name: string, props: readonly string[]): string {
  if (name === 'class') return 'class: a widget takes no class; put it in an element that has one.';
  // Each widget loads its own interactive parts; a directive on the widget itself does nothing.
  if (name.startsWith('client:')) return `${name}: a widget loads itself in the browser; leave out ${name}.`;
  return `${name} is not a prop of this widget.${didYouMean(name, props)}`;
}
