// Python's memory snapshot, made as the build makes it: it restores to a working runner, and
// carries nothing of the machine that built it (its paths, its environment) to the browser.
import { loadPyodide } from 'pyodide';
import { expect, it } from 'vitest';
import { makePythonSnapshot } from '../../src/site/integrations/pyodide-assets.ts';
import { RUNNER_MODULE } from '../../src/widgets/python-cell/python-snapshot.ts';

it('restores to the cell runner, without the build machine’s paths or environment', async () => {
  process.env.LABBOOK_SNAPSHOT_PROBE = 'probe-7f3a9c-not-a-secret';
  const snapshot = await makePythonSnapshot();
  const text = Buffer.from(snapshot).toString('latin1');
  expect(text).not.toContain(process.env.LABBOOK_SNAPSHOT_PROBE);
  expect(text).not.toContain(process.cwd());

  const pyodide = await loadPyodide({ _loadSnapshot: snapshot });
  let printed = '';
  pyodide.setStdout({ batched: (line) => (printed += `${line}\n`) });
  const runner = pyodide.pyimport(RUNNER_MODULE) as { run_cell: (code: string) => string };
  expect(JSON.parse(runner.run_cell('print(sorted({"b": 1, "a": 2}))'))).toEqual({ error: null, check: null });
  expect(printed).toBe("['a', 'b']\n");
});
