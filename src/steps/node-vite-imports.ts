// The two Vite-style imports the lab's steps use, for what runs them in Node without Vite
// (the benchmark, Playwright's specs): `import text from './file.py?raw'` (the file's text
// as the default export) and `import resources from '<chapter>.mdx?resources'` (the
// chapter's declared resources, src/steps/declared/chapter-import.ts).
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chapterResourcesModule, RESOURCES_QUERY } from './declared/chapter-import.ts';

const RAW = '?raw';

const sourceOf = (url: string): string | undefined => {
  if (url.endsWith(RAW)) return `export default ${JSON.stringify(readFileSync(new URL(url.slice(0, -RAW.length)), 'utf8'))};`;
  if (url.endsWith(RESOURCES_QUERY)) return chapterResourcesModule(fileURLToPath(url.slice(0, -RESOURCES_QUERY.length))).source;
  return undefined;
};

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (!(specifier.endsWith(RAW) || specifier.endsWith(RESOURCES_QUERY)) || !context.parentURL) return nextResolve(specifier, context);
    return { url: new URL(specifier, context.parentURL).href, shortCircuit: true };
  },
  load(url, context, nextLoad) {
    const source = sourceOf(url);
    return source === undefined ? nextLoad(url, context) : { format: 'module', source, shortCircuit: true };
  },
});
