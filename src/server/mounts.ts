import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * A mount is one piece of labbook's server that owns a URL prefix: the sandbox,
 * the AWS relay. The production server and the Astro dev server both ask this
 * module for the same list, so `npm start` and `npm run dev` behave alike.
 */
export interface Mount {
  /** URL path prefix this mount answers, e.g. `/relay/`. */
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
  /** WebSocket upgrades under the prefix, when the mount speaks WebSocket. */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

export interface Mounts {
  list: Mount[];
  /** Extra origins the page may connect to (the Content-Security-Policy's connect-src). */
  connectSources: string[];
  close(): Promise<void>;
}

export async function createMounts(): Promise<Mounts> {
  const list: Mount[] = [];
  return {
    list,
    connectSources: [],
    async close() {},
  };
}

export function findMount(mounts: Mount[], url: string | undefined): Mount | undefined {
  const path = (url ?? '/').split('?')[0];
  return mounts.find((m) => path.startsWith(m.prefix));
}
