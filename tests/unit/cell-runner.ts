// Runs cells through runner.py under the host's Python: the module Pyodide runs in the
// browser, so what passes here is what passes in the page.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CellResult } from '../../src/widgets/python-cell/run-protocol.ts';

const RUNNER = fileURLToPath(new URL('../../src/widgets/python-cell/runner.py', import.meta.url));

// Loads runner.py once (a start-up per cell would cost seconds), runs each request with
// stdout and stderr captured, and prints what happened as JSON.
const DRIVER = `
import importlib.util, io, json, sys
spec = importlib.util.spec_from_file_location("runner", sys.argv[1])
runner = importlib.util.module_from_spec(spec)
spec.loader.exec_module(runner)
runs = []
for request in json.load(sys.stdin):
    out, err = io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = out, err
    try:
        result = runner.run_cell(request["code"], request.get("check"))
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    runs.append({"result": json.loads(result), "stdout": out.getvalue(), "stderr": err.getvalue()})
print(json.dumps(runs))
`;

export interface CellRun {
  result: CellResult;
  stdout: string;
  stderr: string;
}

/** Runs every request in one interpreter, each in a fresh namespace, in order. */
export function runCells(requests: { code: string; check?: string }[]): CellRun[] {
  const output = execFileSync('python3', ['-c', DRIVER, RUNNER], { input: JSON.stringify(requests), encoding: 'utf8' });
  return JSON.parse(output) as CellRun[];
}
