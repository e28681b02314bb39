// Preloaded into a sandbox started by the reliability tests (node --expose-gc
// --import): SIGUSR2 runs a full garbage collection, twice so objects freed by
// finalizers of the first pass go too, before the test reads the process's memory.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
});
