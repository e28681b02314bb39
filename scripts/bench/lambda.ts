// Sandbox Lambda latency, beside the same handler run directly on the host.
//
// Measures, through the benchmarked server's sandbox and the AWS SDK: cold invokes
// (each the first call of a fresh function), warm invokes (one function, called again
// and again) for a trivial Python and a trivial Node.js handler, and the time from
// CreateFunction until GetFunction reports Active. Baselines, in the same run: a cold
// start is `python3 -c` / `node -e` importing the handler and calling it once; a warm
// call is the handler called in a process that is already running, the event sent
// over a pipe.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { HostPythonFinder } from '../../src/sandbox/runtimes/host-python.ts';
import { zipOf } from '../../tests/sandbox/lambda-helpers.ts';
import type { BenchContext } from './context.ts';
import { ms, row, type AreaResult } from './report.ts';
import { summary, time } from './stats.ts';

const PYTHON_HANDLER = 'def handler(event, context):\n    return event\n';
const NODE_HANDLER = 'export const handler = async (event) => event;\n';
const EVENT = { hello: 'world' };
async function timeProcess(command: string, args: string[], cwd: string): Promise<number> {
  return time(
    () =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
      }),
  );
}

/** The warm baselines: a process that stays up and calls the handler for each event line it reads. */
const HANDLER_LOOP_PY =
  'import sys, json, app\n' +
  'for line in sys.stdin:\n' +
  '    sys.stdout.write(json.dumps(app.handler(json.loads(line), None)) + "\\n")\n' +
  '    sys.stdout.flush()\n';
const HANDLER_LOOP_JS =
  "const { handler } = await import('./index.mjs');\n" +
  "for await (const line of (await import('node:readline')).createInterface({ input: process.stdin })) {\n" +
  "  process.stdout.write(JSON.stringify(await handler(JSON.parse(line))) + '\\n');\n" +
  '}\n';

/** Times `count` events sent over a pipe to a running process (`command args`) that answers each with a line. */
async function warmPipeBaseline(command: string, args: string[], dir: string, count: number): Promise<number[]> {
  const child = spawn(command, args, { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: Array<() => void> = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    while (buffered.includes('\n')) {
      buffered = buffered.slice(buffered.indexOf('\n') + 1);
      lines.shift()?.();
    }
  });
  const samples: number[] = [];
  const call = () =>
    new Promise<void>((resolve) => {
      lines.push(resolve);
      child.stdin.write(`${JSON.stringify(EVENT)}\n`);
    });
  await call();
  for (let i = 0; i < count; i++) samples.push(await time(call));
  child.kill();
  return samples;
}

export async function lambdaArea(ctx: BenchContext): Promise<AreaResult> {
  const [COLD, WARM] = ctx.quick ? [3, 30] : [20, 300];
  const dir = await mkdtemp(join(tmpdir(), 'labbook-bench-'));
  await writeFile(join(dir, 'app.py'), PYTHON_HANDLER);
  await writeFile(join(dir, 'index.mjs'), NODE_HANDLER);
  const python = await new HostPythonFinder(process.env.LABBOOK_PYTHON).find('python3.13');
  if (!python) throw new Error('no Python with boto3 on this machine (pip install boto3)');

  const { sandbox } = await ctx.server();
  const lambda = sandbox.client(LambdaClient);
  const role = `arn:aws:iam::${sandbox.accountId}:role/LabRole`;
  const runtimes = {
    python: { Runtime: 'python3.13' as const, Handler: 'app.handler', files: { 'app.py': PYTHON_HANDLER } },
    node: { Runtime: 'nodejs22.x' as const, Handler: 'index.handler', files: { 'index.mjs': NODE_HANDLER } },
  };
  let created = 0;
  const create = async (kind: keyof typeof runtimes) => {
    const { files, ...settings } = runtimes[kind];
    const name = `bench-${kind}-${(created += 1)}`;
    await lambda.send(new CreateFunctionCommand({ FunctionName: name, Role: role, Code: { ZipFile: zipOf(files) }, ...settings }));
    return name;
  };
  const invoke = (name: string) => lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(EVENT) }));

  try {
    // CreateFunction until GetFunction says Active, polled every 10 ms.
    const toActive: number[] = [];
    for (let i = 0; i < (ctx.quick ? 2 : 5); i++) {
      toActive.push(
        await time(async () => {
          const name = await create('python');
          while ((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))).State !== 'Active') {
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        }),
      );
    }

    const results: Record<string, { sandbox: ReturnType<typeof summary>; host: ReturnType<typeof summary>; hostMethod: string; samplesMs?: { sandbox: number[]; host: number[] } }> = {};
    for (const kind of ['python', 'node'] as const) {
      ctx.log(`${kind}: ${COLD} cold and ${WARM} warm invokes`);
      const fresh = [];
      for (let i = 0; i < COLD; i++) fresh.push(await create(kind));
      for (const name of fresh) await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 60, minDelay: 1 }, { FunctionName: name });
      const cold = [];
      for (const name of fresh) cold.push(await time(() => invoke(name)));
      const warmName = fresh[0];
      const warm = [];
      for (let i = 0; i < WARM; i++) warm.push(await time(() => invoke(warmName)));

      const hostCold = [];
      const hostWarm: number[] = [];
      if (kind === 'python') {
        for (let i = 0; i < COLD; i++) {
          hostCold.push(await timeProcess(python.executable, ['-c', `import app, json; print(json.dumps(app.handler(${JSON.stringify(JSON.stringify(EVENT))}, None)))`], dir));
        }
        hostWarm.push(...(await warmPipeBaseline(python.executable, ['-c', HANDLER_LOOP_PY], dir, WARM)));
      } else {
        const script = `import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)}).then(m => m.handler(${JSON.stringify(EVENT)})).then(r => console.log(JSON.stringify(r)))`;
        for (let i = 0; i < COLD; i++) hostCold.push(await timeProcess(process.execPath, ['-e', script], dir));
        hostWarm.push(...(await warmPipeBaseline(process.execPath, ['--input-type=module', '-e', HANDLER_LOOP_JS], dir, WARM)));
      }
      results[`${kind} cold`] = {
        sandbox: summary(cold),
        host: summary(hostCold),
        hostMethod: `spawn ${kind === 'python' ? 'python3 -c' : 'node -e'}`,
        // Few enough to keep: which cold start was slow says more than the p99 of 20.
        samplesMs: { sandbox: cold, host: hostCold },
      };
      results[`${kind} warm`] = {
        sandbox: summary(warm),
        host: summary(hostWarm),
        hostMethod: `a running ${kind === 'python' ? 'python3' : 'node'} process, event over a pipe`,
      };
    }

    const rows = Object.entries(results).flatMap(([label, r]) => [
      row('Lambda', `${label} invoke p50`, ms(r.sandbox.p50), ms(r.host.p50)),
      row('Lambda', `${label} invoke p99`, ms(r.sandbox.p99), ms(r.host.p99)),
    ]);
    return {
      rows,
      details: {
        baseline: 'the same handler on the host: cold = a new python3 -c / node -e process importing and calling it; warm = a call in a python3 / node process already running, the event sent over a pipe',
        python: { executable: python.executable, version: python.version },
        samples: { cold: COLD, warm: WARM },
        invokeLatencyMs: results,
        createToActiveMs: summary(toActive),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
