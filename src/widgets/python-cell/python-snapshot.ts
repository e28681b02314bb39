// Python's memory once runner.py is imported, made at build time (site/integrations/pyodide-assets.ts)
// and restored by the worker: restoring takes a fraction of starting Python and importing the
// standard library, and a second page gets the file from the browser's cache.

/** Served beside Pyodide's own files, so it is revalidated with them and always matches their build. */
export const SNAPSHOT_FILE = 'python-memory.snapshot';
/** The name runner.py has in the snapshot's sys.modules. */
export const RUNNER_MODULE = 'labbook_runner';

/** Python that makes `source` the module RUNNER_MODULE, leaving nothing else behind in __main__. */
export function installRunnerModule(source: string): string {
  return [
    'def _install(name, source):',
    '    import sys, types',
    '    module = types.ModuleType(name)',
    '    exec(compile(source, name + ".py", "exec"), module.__dict__)',
    '    sys.modules[name] = module',
    // A JSON string is also a valid Python string literal.
    `_install(${JSON.stringify(RUNNER_MODULE)}, ${JSON.stringify(source)})`,
    'del _install',
  ].join('\n');
}
