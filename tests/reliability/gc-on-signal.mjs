// Preloaded into a sandbox started by the reliability tests (node --expose-gc
// --import): SIGUSR2 runs a full garbage collection, twice so objects freed by
// finalizers of the first pass go too, then prints the process's memory on one
// line for the test to read.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
  process.stderr.write(`labbook-memory ${JSON.stringify(process.memoryUsage())}\n`);
});
