// The pages benchmark's baseline: a Starlight site with one MDX page and no widgets,
// generated into bench/.plain-starlight/ (inside the repository, so it builds with the
// repository's own Astro and Starlight) and precompressed as labbook's build is, so the
// same server sends it the same way.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const PLAIN_STARLIGHT_DIR = join(ROOT, 'bench/.plain-starlight');

const FILES: Record<string, string> = {
  'astro.config.mjs': `import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { precompress } from '../../src/site/integrations/precompress.ts';

export default defineConfig({
  integrations: [starlight({ title: 'Plain Starlight' }), precompress()],
});
`,
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };
`,
  'src/content/docs/index.mdx': `---
title: A plain page
description: One MDX page with prose and code, and no widgets.
---

A Lambda function is code that AWS runs when something calls it.

## A handler

\`\`\`python
def lambda_handler(event, context):
    return {'statusCode': 200, 'body': 'hello'}
\`\`\`

Deploy it, invoke it, and read its logs.
`,
};

const versionOf = async (name: string) => (JSON.parse(await readFile(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** Writes and builds the site when its files or the Astro and Starlight versions changed; returns its dist/. */
export async function buildPlainStarlight(log: (line: string) => void): Promise<string> {
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([FILES, await versionOf('astro'), await versionOf('@astrojs/starlight')]))
    .digest('hex');
  const outDir = join(PLAIN_STARLIGHT_DIR, 'dist');
  const stamp = join(outDir, '.fingerprint');
  if ((await readFile(stamp, 'utf8').catch(() => '')) === fingerprint) return outDir;

  log('building the plain Starlight site');
  for (const [path, text] of Object.entries(FILES)) {
    await mkdir(dirname(join(PLAIN_STARLIGHT_DIR, path)), { recursive: true });
    await writeFile(join(PLAIN_STARLIGHT_DIR, path), text);
  }
  await new Promise<void>((done, fail) => {
    const astro = spawn(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', PLAIN_STARLIGHT_DIR], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    astro.on('exit', (code) => (code === 0 ? done() : fail(new Error(`astro build of the plain Starlight site exited with ${code}`))));
  });
  await writeFile(stamp, fingerprint);
  return outDir;
}
