// Stopping the sandbox: every part closes after the parts started later,
// whichever way it stops (close(), or a start that failed halfway).
import { expect, test } from 'vitest';
import { openEngines } from '../../src/sandbox/engines.ts';
import { StartedParts } from '../../src/sandbox/started-parts.ts';
import { inMemoryContext } from './context-helpers.ts';

test('closes the parts in reverse order of start, each once, and one that fails does not keep the rest open', async () => {
  const logged: string[] = [];
  const started = new StartedParts((message) => logged.push(message));
  const closed: string[] = [];
  for (const name of ['storage', 'logs', 'lambda']) started.add(name, { name }, (part) => void closed.push(part.name));
  started.add('broken', {}, () => Promise.reject(new Error('disk gone')));
  started.add('front door', { name: 'front door' }, async (part) => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    closed.push(part.name);
  });

  await started.closeAll();
  await started.closeAll();
  expect(closed).toEqual(['front door', 'lambda', 'logs', 'storage']);
  expect(logged).toEqual([expect.stringMatching(/^sandbox: closing broken failed: Error: disk gone/)]);
});

test("the sandbox's engines close in reverse order of opening: pollers before functions, functions before their logs", async () => {
  const ctx = await inMemoryContext();
  // Records each engine as it is added, and as its own close runs.
  const opened: string[] = [];
  const closed: string[] = [];
  const started = new StartedParts(() => {});
  const add = started.add.bind(started);
  started.add = (name, part, close) => {
    opened.push(name);
    return add(name, part, async (p) => {
      await close(p);
      closed.push(name);
    });
  };

  await openEngines(ctx, started);
  await started.closeAll();
  expect(opened).toEqual(['the log store', 'the Lambda engine', 'the Kinesis engine', 'the event source mappings']);
  expect(closed).toEqual([...opened].reverse());
});
