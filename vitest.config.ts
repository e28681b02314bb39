import { defineConfig } from 'vitest/config';
import { chapterResourcesImports } from './src/site/integrations/chapter-resources-import.ts';

export default defineConfig({
  // The lab's steps import their chapters' declared resources (`<chapter>.mdx?resources`).
  plugins: [chapterResourcesImports()],
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/sandbox/**/*.test.ts',
      'tests/reliability/**/*.test.ts',
      'tests/security/**/*.test.ts',
      'tests/fidelity/**/*.test.ts',
    ],
    // Most sandbox tests wait on child processes, timers and sockets rather than the CPU:
    // three files at a time on two cores finish in about half the time of one.
    maxWorkers: 3,
    // Limits for a loaded machine, not a quiet one: each AWS CLI or Python process takes seconds to
    // start when the cores are busy, so a test running a dozen of them took over 30 s under load.
    // A test that hangs still fails; one that is merely slow no longer does.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
