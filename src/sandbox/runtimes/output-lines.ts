/**
 * Turns what an execution environment writes to stdout or stderr into log
 * events, one per line as Lambda does. Carriage returns inside a line are the
 * bootstraps' way to keep a multi-line log record in one event; they become
 * line breaks again here. A line holding only the environment's flush mark
 * says "everything before this has been read"; it is not a log event. A line
 * may end in \r\n: a Python on Windows writes its stdout so (text mode).
 */
export class OutputLines {
  private readonly flushMark: string;
  private readonly onLine: (message: string) => void;
  private readonly onFlushMark: () => void;
  private partial = '';
  /** An empty line is held back: the bootstraps write one before each flush mark. */
  private heldEmptyLine = false;
  private readonly decoder = new TextDecoder();

  constructor(flushMark: string, onLine: (message: string) => void, onFlushMark: () => void) {
    this.flushMark = flushMark;
    this.onLine = onLine;
    this.onFlushMark = onFlushMark;
  }

  write(chunk: Buffer): void {
    const lines = (this.partial + this.decoder.decode(chunk, { stream: true })).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.take(line);
  }

  /** The stream ended: whatever is left is a last line without its newline. */
  end(): void {
    const rest = this.partial + this.decoder.decode();
    this.partial = '';
    this.releaseHeldLine();
    if (rest !== '') this.take(rest);
    this.releaseHeldLine();
  }

  private take(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === this.flushMark) {
      this.heldEmptyLine = false;
      this.onFlushMark();
      return;
    }
    this.releaseHeldLine();
    if (line === '') {
      this.heldEmptyLine = true;
      return;
    }
    this.onLine(`${line.replaceAll('\r', '\n')}\n`);
  }

  private releaseHeldLine(): void {
    if (this.heldEmptyLine) {
      this.heldEmptyLine = false;
      this.onLine('\n');
    }
  }
}
