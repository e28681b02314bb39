// Issue #11: the sandbox beside answers AWS gave. Each case in cases/*.json is a request as
// the SDK sends it and the answer recorded against real AWS (its source named in the case);
// the sandbox must give the same keys, types and fixed values, or the same error code,
// HTTP status and message. The score per service is printed after the run.
import { afterAll, expect, test } from 'vitest';
import { useSandbox } from '../sandbox/harness.ts';
import { loadCaseFiles, type Call, type FidelityCase, type ServiceName } from './case-format.ts';
import { call, type CallResult } from './clients.ts';
import { differences } from './compare.ts';
import { count, scoreTable, type Tally } from './score.ts';
import { remember, substitute, type Variables } from './variables.ts';

const sandbox = useSandbox();
const tally: Tally = new Map();
let caseNumber = 0;

function fieldAt(output: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], output);
}

async function send(service: ServiceName, step: Call, variables: Variables): Promise<CallResult> {
  const input = substitute(step.input, variables);
  for (let attempt = 0; ; attempt += 1) {
    const result = await call(step.service ?? service, step.operation, input, sandbox.clientConfig(), variables);
    const settled = !step.until || ('output' in result && Object.entries(step.until).every(([path, value]) => fieldAt(result.output, path) === value));
    if (settled || attempt === 50) return result;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function differencesFor(service: ServiceName, c: FidelityCase): Promise<string[]> {
  caseNumber += 1;
  const variables: Variables = {
    account: sandbox.accountId,
    region: sandbox.sandbox.region,
    name: `fidelity-${process.pid}-${caseNumber}`,
  };
  for (const step of c.given ?? []) {
    const result = await send(service, step, variables);
    if ('error' in result) throw new Error(`given ${step.operation} failed: ${JSON.stringify(result.error)}`);
    remember(variables, result.output);
  }
  const result = await send(service, c.request, variables);
  if (c.error) {
    if (!('error' in result)) return [`expected ${c.error.code}, got success ${JSON.stringify(result.output)}`];
    return differences(substitute(c.error, variables), result.error);
  }
  if ('error' in result) return [`expected success, got ${JSON.stringify(result.error)}`];
  return differences(substitute(c.output ?? {}, variables), result.output, c.excerpt);
}

for (const file of loadCaseFiles(new URL('cases', import.meta.url).pathname)) {
  for (const c of file.cases) {
    test(`${file.service} ${c.request.operation}: ${c.name}`, async () => {
      const found = await differencesFor(file.service, c);
      if (c.differsOnPurpose) {
        // A case marked as differing that now agrees has lost its reason: unmark it.
        expect(found, 'agrees with AWS now: remove the mark').not.toEqual([]);
        count(tally, file.service, 'differs on purpose');
        return;
      }
      count(tally, file.service, found.length === 0 ? 'agrees' : 'differs');
      expect(found, found.join('\n')).toEqual([]);
    });
  }
}

afterAll(() => {
  console.log(`Fidelity to recorded AWS answers:\n${scoreTable(tally)}`);
});
