import type { AstroIntegration } from 'astro';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installRunnerModule, SNAPSHOT_FILE } from '../../widgets/python-cell/python-snapshot.ts';

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

/**
 * Python's memory with runner.py imported (see python-snapshot.ts), made here with the same
 * Pyodide package the browser gets. It holds no trace of this machine: Pyodide starts Python
 * with its own environment, and sys.executable is set to a neutral path instead of this script's.
 */
export async function makePythonSnapshot(): Promise<Uint8Array> {
  const { loadPyodide } = await import('pyodide');
  const runner = await readFile(fileURLToPath(new URL('../../widgets/python-cell/runner.py', import.meta.url)), 'utf8');
  const pyodide = await loadPyodide({ _makeSnapshot: true, _sysExecutable: '/usr/bin/python3' });
  pyodide.runPython(installRunnerModule(runner));
  return pyodide.makeMemorySnapshot();
}

/** Serves Pyodide from its npm package under /pyodide/ in dev, and copies it there on build, with Python's memory snapshot. */
export function pyodideAssets(): AstroIntegration {
  return {
    name: 'labbook:pyodide-assets',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const sourceDir = pyodidePackageDir();
        let snapshot: Promise<Uint8Array> | undefined;
        server.middlewares.use((req, res, next) => {
          const path = (req.url ?? '').split('?')[0];
          const name = path.startsWith(PYODIDE_URL_PATH) ? path.slice(PYODIDE_URL_PATH.length) : '';
          if (name === SNAPSHOT_FILE) {
            // Made once per dev server, when a page first asks (runner.py edits need a restart).
            snapshot ??= makePythonSnapshot();
            snapshot.then((bytes) => {
              res.setHeader('Content-Type', 'application/octet-stream');
              res.end(bytes);
            }, next);
            return;
          }
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
        await writeFile(join(target, SNAPSHOT_FILE), await makePythonSnapshot());
      },
    },
  };
}
