// `npm run test:chapter -- <slug>`: one chapter's own spec (tests/chapters/<slug>.spec.ts,
// written with the author test kit) and the checks every chapter gets
// (tests/browser/chapter-pages.spec.ts: it renders without errors, no serious accessibility
// violations), against one test server, so an author can test a chapter in about a minute.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { contentChapters } from '../src/site/sidebar/content-chapters.ts';

const ROOT = resolve(import.meta.dirname, '..');
const [slug, ...playwrightArgs] = process.argv.slice(2);

const slugs = contentChapters().map((chapter) => chapter.id);
if (!slug || !slugs.includes(slug)) {
  console.error(`usage: npm run test:chapter -- <slug> [playwright options]\nslugs: ${slugs.join(', ')}`);
  process.exit(2);
}
const spec = `tests/chapters/${slug}.spec.ts`;
if (!existsSync(resolve(ROOT, spec))) {
  console.log(`No ${spec} yet: running the page checks only. Copy tests/chapters/kwargs.spec.ts to start one.`);
}
const run = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', ...playwrightArgs], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, TEST_CHAPTER: slug },
});
process.exit(run.status ?? 1);
