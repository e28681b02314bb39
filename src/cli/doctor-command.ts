// `labbook doctor`: one line per check, with the fix for each problem; --json for scripts.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig, type LabbookConfig } from '../config/read-config.ts';
import { allChecks, LAB_RUNTIME, type CheckResult, type DoctorSettings } from './doctor/checks.ts';
import { detectSystem } from './doctor/fixes.ts';

export const DOCTOR_USAGE = `usage: labbook doctor [--json]

  checks what labbook and the lab need on this machine (Node.js, the Python and boto3 that
  run the lab's functions, the AWS CLI, free ports, the sandbox's data folder, a browser,
  and the clock against a running sandbox and AWS) and prints how to fix each problem;
  exits with 1 when there is one`;

/**
 * The settings labbook itself would use (`config`), and the machine's environment `env`,
 * where the checks look for programs as the sandbox does (PATH, LABBOOK_PYTHON_3_13, ...).
 */
export function doctorSettings(root: string, config: LabbookConfig, env: NodeJS.ProcessEnv): DoctorSettings {
  return {
    platform: process.platform,
    system: detectSystem(process.platform),
    env,
    ports: [
      { name: 'the site', variable: 'LABBOOK_PORT', port: config.sitePort },
      { name: 'the sandbox', variable: 'LABBOOK_SANDBOX_PORT', port: config.sandboxPort },
    ],
    python: config.python,
    dataDir: config.sandboxInMemory ? undefined : (config.sandboxData ?? join(root, '.labbook', 'sandbox')),
    runtime: LAB_RUNTIME,
    clocks: [
      { name: 'the sandbox', url: `http://127.0.0.1:${config.sandboxPort}/` },
      // Any answer carries AWS's Date; STS's global endpoint answers without credentials.
      { name: 'AWS', url: 'https://sts.amazonaws.com/' },
    ],
  };
}

const MARK: Record<CheckResult['status'], string> = { ok: 'ok     ', note: 'note   ', problem: 'PROBLEM' };

/** One line per check, and the fix under a note or a problem. */
export function formatResults(results: CheckResult[]): string {
  return results.map((r) => `${MARK[r.status]} ${r.check}: ${r.found}${r.fix ? `\n        fix: ${r.fix}` : ''}`).join('\n');
}

export async function doctorCommand(args: string[], root: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const results = await allChecks(doctorSettings(root, readConfig(env), env));
  console.log(values.json ? JSON.stringify(results, null, 2) : formatResults(results));
  if (results.some((r) => r.status === 'problem')) process.exitCode = 1;
}
