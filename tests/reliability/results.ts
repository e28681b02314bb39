// Each reliability test file records what it tried in reliability-results/<name>.json
// and prints one line, for the README's quality section and the issue note.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const RESULTS = resolve(import.meta.dirname, '../../reliability-results');

export function recordResults(name: string, summary: Record<string, unknown>, line: string): void {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(resolve(RESULTS, `${name}.json`), `${JSON.stringify({ ...summary, at: new Date().toISOString() }, null, 2)}\n`);
  console.log(`reliability ${name}: ${line}`);
}
