import type { IncomingMessage } from 'node:http';

export class BodyTooLarge extends Error {}

/**
 * Reads a request body of at most `limit` bytes. A longer body is read to its
 * end and dropped (so the client, still uploading, can read the 413 that
 * follows) unless it is absurdly long, in which case the socket is cut.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  const discardLimit = limit + 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = declared > limit;
    if (declared > discardLimit) {
      req.destroy();
      return reject(new BodyTooLarge());
    }
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) tooLarge = true;
      if (received > discardLimit) req.destroy();
      if (!tooLarge) chunks.push(chunk);
    });
    // A body that came in one chunk (most do) is that chunk, not a copy of it.
    req.on('end', () => (tooLarge ? reject(new BodyTooLarge()) : resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))));
    req.on('error', reject);
    // 'close' follows every request, read or not; an Error (and its stack) only for one cut short.
    req.on('close', () => req.readableEnded || reject(new Error('request closed before its body was read')));
  });
}

/**
 * Reads a body only to drop it, keeping nothing, so the client can read the answer
 * that follows; past `limit` bytes the connection is cut instead.
 */
export function discardBody(req: IncomingMessage, limit: number): Promise<void> {
  if (req.complete) return Promise.resolve();
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.destroy();
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) req.destroy();
    });
    req.on('end', resolve);
    req.on('close', resolve);
    req.on('error', () => resolve());
  });
}
