// Links from one page of the workbook to another, checked once the site is built: a link to
// a page, a file or a heading that the build did not make stops `astro build`, naming the
// chapter, the line and the link. Only absolute links (`/lambda/`, `/lambda/#section`) are
// written in chapters, so only those are read.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';

export interface ChapterLink {
  file: string;
  line: number;
  target: string;
}

/** The built site as the check needs it: whether a path exists, and a page's element ids. */
export interface BuiltSite {
  fileOf(path: string): string | undefined;
  idsIn(file: string): Set<string>;
}

/** Markdown links `[text](/…)` and `href="/…"` attributes in a chapter, outside code blocks and code spans. */
export function internalLinksIn(file: string, source: string): ChapterLink[] {
  const links: ChapterLink[] = [];
  let inFence = false;
  source.split('\n').forEach((text, index) => {
    if (/^\s*(```|~~~)/.test(text)) inFence = !inFence;
    if (inFence) return;
    const prose = text.replace(/`[^`]*`/g, '');
    for (const match of prose.matchAll(/\]\((\/[^)\s]*)[^)]*\)|\bhref="(\/[^"]*)"/g)) {
      const target = match[1] ?? match[2];
      if (!target.startsWith('//')) links.push({ file, line: index + 1, target });
    }
  });
  return links;
}

/** What is wrong with each link, in words; empty when every one leads somewhere. */
export function brokenLinks(links: readonly ChapterLink[], site: BuiltSite): string[] {
  return links.flatMap(({ file, line, target }) => {
    const [path, hash] = target.split('#');
    const page = site.fileOf(decodeURI(path));
    if (!page) return [`${file} (line ${line}): ${target} — the site has no page or file ${path}`];
    if (hash && !site.idsIn(page).has(decodeURIComponent(hash)))
      return [`${file} (line ${line}): ${target} — ${path} has no heading or element with the id "${hash}"`];
    return [];
  });
}

/** The built site in `dir`: `/lambda/` is lambda/index.html, `/diagrams/x.svg` the file itself. */
function builtSite(dir: string): BuiltSite {
  const ids = new Map<string, Set<string>>();
  return {
    fileOf(path) {
      const candidates = path.endsWith('/') ? [join(dir, path, 'index.html')] : [join(dir, path), join(dir, path, 'index.html')];
      return candidates.find((candidate) => existsSync(candidate) && !candidate.endsWith('/'));
    },
    idsIn(file) {
      if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]*)"/g)].map((match) => match[1])));
      return ids.get(file)!;
    },
  };
}

function chapterFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.mdx?$/.test(name))
    .map((name) => join(dir, name));
}

/** Checks every chapter's internal links in the built site; `contentDir` is where the chapters are (the docs collection's base). */
export function internalLinksCheck(contentDir = 'content'): AstroIntegration {
  return {
    name: 'labbook-internal-links',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = process.cwd();
        const links = chapterFiles(join(root, contentDir)).flatMap((file) => internalLinksIn(relative(root, file), readFileSync(file, 'utf8')));
        const problems = brokenLinks(links, builtSite(fileURLToPath(dir)));
        if (problems.length > 0) {
          throw new AstroError(
            `Links in the chapters that lead nowhere:\n${problems.map((problem) => `  ${problem}`).join('\n')}`,
            'Link to a page by its path, e.g. /lambda/ or /lambda/#a-heading.',
          );
        }
      },
    },
  };
}
