// Loaded into the benchmarked labbook server with --import: on the runner's `memory`
// message, a full garbage collection (--expose-gc) and then process.memoryUsage().
const withGc = globalThis as typeof globalThis & { gc?: () => void };

process.on('message', (message) => {
  if (message !== 'memory') return;
  withGc.gc?.();
  process.send?.({ ...process.memoryUsage(), collected: withGc.gc !== undefined });
});
