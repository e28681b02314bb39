// `npm run dev` must show a chapter as it was saved. Many editors save by emptying the file and
// then writing it. Vite's file watcher (chokidar) drops a file's second change within 50 ms of its
// first, so when Astro's glob loader read the file between the two, it kept the empty chapter
// (a schema error) and never saw the text. chokidar's `awaitWriteFinish` holds a file's events
// until its size has stayed the same for a moment, and sends every one it holds.
import type { AstroIntegration } from 'astro';

/** How long a file's size must stay the same before the dev server reads it: far under a keystroke's notice. */
const STABLE_MS = 50;
const POLL_MS = 10;

export function wholeSaves(): AstroIntegration {
  return {
    name: 'labbook:whole-saves',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command !== 'dev') return;
        updateConfig({ vite: { server: { watch: { awaitWriteFinish: { stabilityThreshold: STABLE_MS, pollInterval: POLL_MS } } } } });
      },
    },
  };
}
