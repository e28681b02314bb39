// The output of one run: what the code wrote, in order, with stdout and stderr kept apart.
import type { OutputStream } from './run-protocol.ts';

export interface OutputChunk {
  stream: OutputStream;
  text: string;
}

/** Enough for any sensible exercise; a print loop past this keeps only its latest output. */
const OUTPUT_LIMIT = 100_000;
export const TRIMMED_NOTE = '… (earlier output hidden)\n';

/** Adds `text` to the output, joining it to the last chunk when it is the same stream. */
export function appendOutput(chunks: readonly OutputChunk[], stream: OutputStream, text: string, limit = OUTPUT_LIMIT): OutputChunk[] {
  const last = chunks.at(-1);
  const joined = last?.stream === stream ? [...chunks.slice(0, -1), { stream, text: last.text + text }] : [...chunks, { stream, text }];
  return trimToLimit(joined, limit);
}

function trimToLimit(chunks: OutputChunk[], limit: number): OutputChunk[] {
  let excess = chunks.reduce((total, chunk) => total + chunk.text.length, 0) - limit;
  if (excess <= 0) return chunks;
  const kept: OutputChunk[] = [];
  for (const chunk of chunks) {
    if (excess >= chunk.text.length) {
      excess -= chunk.text.length;
      continue;
    }
    kept.push(excess > 0 ? { stream: chunk.stream, text: chunk.text.slice(excess) } : chunk);
    excess = 0;
  }
  const first = kept[0];
  if (first && !first.text.startsWith(TRIMMED_NOTE)) kept[0] = { stream: first.stream, text: TRIMMED_NOTE + first.text };
  return kept;
}
