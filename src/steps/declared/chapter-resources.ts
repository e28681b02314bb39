// At build time: every chapter's declared resources (its `resources:` frontmatter) as plain
// data for the widgets, each function's code read from its file beside the chapter. A
// missing file stops the build naming the chapter and the field. Widgets get this data as
// props, so the browser bundle never imports content.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { getCollection } from 'astro:content';
import type { DeclaredChapter } from './declared-step.ts';

export async function declaredChapters(): Promise<DeclaredChapter[]> {
  const entries = (await getCollection('docs')).filter((entry) => entry.data.resources).sort((a, b) => a.id.localeCompare(b.id));
  return Promise.all(
    entries.map(async (entry) => ({
      slug: entry.id,
      title: entry.data.title,
      resources: await Promise.all(
        entry.data.resources!.map(async (declaration, index) => ({
          stepId: `${entry.id}/${declaration.name}`,
          declaration,
          ...(declaration.kind === 'lambda-function' && { source: await codeBeside(entry.filePath ?? entry.id, declaration.code, index) }),
        })),
      ),
    })),
  );
}

/** The file `code` names, beside the chapter. */
async function codeBeside(chapterFile: string, code: string, index: number): Promise<string> {
  const path = join(dirname(chapterFile), code);
  try {
    return await readFile(path, 'utf8');
  } catch {
    const line = await lineOfCode(chapterFile, code);
    const where = line === undefined ? chapterFile : `${chapterFile} (line ${line})`;
    throw new Error(`${where}: resources[${index}].code: there is no file ${code} beside the chapter (${path}).`);
  }
}

/** The 1-based line of the frontmatter's `code: <file>`; undefined if it is written some other way. */
async function lineOfCode(chapterFile: string, code: string): Promise<number | undefined> {
  const lines = (await readFile(chapterFile, 'utf8').catch(() => '')).split('\n');
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
