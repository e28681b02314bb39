/**
 * Runs the work given to it one piece at a time, in order: what a stream's
 * puts or an API's changes need so that two requests never interleave their
 * read-modify-write. A failure fails that piece only.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
