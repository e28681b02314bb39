// A text that must be one of a known list of ids (a step, a check, a chapter). The error
// names the id given, the close ones, and all of them, so an author fixes a typo at once.
import { z } from 'astro/zod';
import { didYouMean } from './close-matches.ts';

export const oneOf = (kind: string, ids: readonly string[]) =>
  z.enum(ids as [string, ...string[]], {
    error: (issue) => {
      // A missing value keeps zod's own message: the caller says which prop or field is required.
      if (issue.input === undefined) return undefined;
      const given = typeof issue.input === 'string' ? issue.input : JSON.stringify(issue.input);
      return `"${given}" is not a ${kind}.${didYouMean(given, ids)} ${kind[0].toUpperCase()}${kind.slice(1)}s: ${ids.join(', ')}.`;
    },
  });
