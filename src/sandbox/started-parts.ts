/**
 * The parts of a running sandbox in the order they started, so that stopping
 * closes each before the parts it was built on: in reverse, in one place, and
 * the same way when starting fails halfway.
 */
export class StartedParts {
  private readonly closers: Array<{ name: string; close: () => unknown }> = [];
  private readonly log: (message: string) => void;

  constructor(log: (message: string) => void) {
    this.log = log;
  }

  /** Records that `part` is running and how it stops; returns it, so one line can start and record a part. */
  add<T>(name: string, part: T, close: (part: T) => unknown): T {
    this.closers.push({ name, close: () => close(part) });
    return part;
  }

  /** Closes every part, last started first; one that fails to close is logged and does not keep the rest open. */
  async closeAll(): Promise<void> {
    for (let closer = this.closers.pop(); closer; closer = this.closers.pop()) {
      try {
        await closer.close();
      } catch (error) {
        this.log(`sandbox: closing ${closer.name} failed: ${(error as Error)?.stack ?? String(error)}`);
      }
    }
  }
}
