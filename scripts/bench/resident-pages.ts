// The resident memory of a group of processes with each physical page counted once (Linux,
// as root: /proc/<pid>/pagemap names a page's frame only to root). Summing each process's
// RSS counts the pages they share — the Node.js binary above all, ~35 MB in every
// environment and in the sandbox — once per process.
import { open, readFile } from 'node:fs/promises';

const PAGE_BYTES = 4096;
const PRESENT = 1n << 63n;
const FRAME_MASK = (1n << 55n) - 1n;

/** Bytes of distinct physical pages resident in any of `pids`, or undefined where frames cannot be read. */
export async function distinctResidentBytes(pids: number[]): Promise<number | undefined> {
  const frames = new Set<bigint>();
  for (const pid of pids) {
    const found = await addFrames(pid, frames).catch(() => false);
    if (!found) return undefined;
  }
  return frames.size * PAGE_BYTES;
}

/** Adds the frames of `pid`'s resident pages; false when the kernel hides them (not root, or not Linux). */
async function addFrames(pid: number, frames: Set<bigint>): Promise<boolean> {
  const smaps = await readFile(`/proc/${pid}/smaps`, 'utf8');
  const pagemap = await open(`/proc/${pid}/pagemap`, 'r');
  let sawFrame = false;
  try {
    // Only mappings with resident pages: V8 reserves terabytes of address space it never touches.
    for (const [, start, end, rss] of smaps.matchAll(/^([0-9a-f]+)-([0-9a-f]+) [^\n]*\n(?:(?![0-9a-f]+-)[^\n]*\n)*?Rss:\s+(\d+) kB/gm)) {
      if (rss === '0') continue;
      const first = Number.parseInt(start, 16) / PAGE_BYTES;
      const pages = (Number.parseInt(end, 16) - Number.parseInt(start, 16)) / PAGE_BYTES;
      const entries = Buffer.alloc(pages * 8);
      await pagemap.read(entries, 0, entries.length, first * 8);
      for (let i = 0; i < pages; i++) {
        const entry = entries.readBigUInt64LE(i * 8);
        if ((entry & PRESENT) === 0n) continue;
        const frame = entry & FRAME_MASK;
        if (frame === 0n) return false;
        frames.add(frame);
        sawFrame = true;
      }
    }
  } finally {
    await pagemap.close();
  }
  return sawFrame;
}
