import type { AstroIntegration } from 'astro';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files Pyodide needs at run time; served by the site itself, never from a CDN. */
const PYODIDE_FILES: Record<string, string> = {
  'pyodide.mjs': 'text/javascript',
  'pyodide.asm.mjs': 'text/javascript',
  'pyodide.asm.wasm': 'application/wasm',
  'python_stdlib.zip': 'application/zip',
  'pyodide-lock.json': 'application/json',
};
const PYODIDE_URL_PATH = '/pyodide/';

function pyodidePackageDir(): string {
  return dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
}

/** Serves Pyodide from its npm package under /pyodide/ in dev, and copies it there on build. */
export function pyodideAssets(): AstroIntegration {
  return {
    name: 'labbook:pyodide-assets',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const sourceDir = pyodidePackageDir();
        server.middlewares.use((req, res, next) => {
          const path = (req.url ?? '').split('?')[0];
          const name = path.startsWith(PYODIDE_URL_PATH) ? path.slice(PYODIDE_URL_PATH.length) : '';
          if (!(name in PYODIDE_FILES)) return next();
          res.setHeader('Content-Type', PYODIDE_FILES[name]);
          createReadStream(join(sourceDir, name)).pipe(res);
        });
      },
      'astro:build:done': async ({ dir }) => {
        const sourceDir = pyodidePackageDir();
        const target = join(fileURLToPath(dir), PYODIDE_URL_PATH);
        await mkdir(target, { recursive: true });
        for (const name of Object.keys(PYODIDE_FILES)) await copyFile(join(sourceDir, name), join(target, name));
      },
    },
  };
}
