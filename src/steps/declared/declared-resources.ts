// A chapter's validated `resources:` as the widgets and the lab's steps use them: each with
// its step id (`<chapter slug>/<step or name>`) and, for a function, its code read from the
// file it names. Plain Node, so the build (chapter-resources.ts) and the `?resources` import
// of a chapter (chapter-import.ts) read them the same way.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DeclaredResource } from './declared-step.ts';
import type { ResourceDeclaration } from './schema.ts';

export function declaredResources(chapterFile: string, slug: string, declarations: ResourceDeclaration[]): DeclaredResource[] {
  return declarations.map((declaration, index) => ({
    stepId: `${slug}/${declaration.step ?? declaration.name}`,
    declaration,
    ...(declaration.kind === 'lambda-function' && { source: codeBeside(chapterFile, declaration.code, index) }),
  }));
}

/** The file `code` names, relative to the chapter. */
function codeBeside(chapterFile: string, code: string, index: number): string {
  const path = join(dirname(chapterFile), code);
  try {
    return readFileSync(path, 'utf8');
  } catch {
    const line = lineOfCode(chapterFile, code);
    const where = line === undefined ? chapterFile : `${chapterFile} (line ${line})`;
    throw new Error(
      `${where}: resources[${index}].code: there is no file ${code} ${code.includes('/') ? 'by that path from' : 'beside'} the chapter (${path}).`,
    );
  }
}

/** The 1-based line of the frontmatter's `code: <file>`; undefined if it is written some other way. */
function lineOfCode(chapterFile: string, code: string): number | undefined {
  let lines: string[];
  try {
    lines = readFileSync(chapterFile, 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const at = lines.findIndex(
    (line) =>
      /^\s*(- )?code:/.test(line) &&
      line
        .split(':')[1]
        .trim()
        .replace(/^['"]|['"]$/g, '') === code,
  );
  return at < 0 ? undefined : at + 1;
}
