/**
 * The V8 heap limits AWS's Node.js runtime gives a function, from its MemorySize: a tenth
 * of it for the young generation (half of that per semi-space) and the rest for the old
 * one, unless the function's own NODE_OPTIONS sets either limit (then V8's default stands
 * for the other). Source: the `bootstrap` script of AWS's nodejs runtimes
 * (/var/runtime/bootstrap, "For V8 options, both '_' and '-' are supported").
 *
 * Left to V8's defaults, which follow the host's memory rather than the function's, each
 * environment grows a young generation of up to 3 × 16 MiB that it keeps once grown.
 */
export function nodeHeapFlags(memorySizeMb: number, nodeOptions = ''): string[] {
  if (/--max[-_](semi|old)[-_]space[-_]size/.test(nodeOptions)) return [];
  const newSpace = Math.floor(memorySizeMb / 10);
  return [`--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memorySizeMb - newSpace}`];
}
