// The peers area's HTTP load: POSTs to a route whose handler puts an item and reads it
// back; an answer counts only if it is a 200 carrying the item just sent.
import { summary } from './stats.ts';

let sent = 0;

/** The start of an answer's text, without markup: some systems answer an error with a styled HTML page. */
const readable = (text: string) =>
  text
    .replace(/<(style|script)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);

/** One request with an item of its own; throws unless the handler answered with that item. */
async function putAndGet(url: string): Promise<void> {
  sent += 1;
  const item = { thingID: `http-${process.pid}-${sent}`, n: sent };
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(item) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${readable(text)}`);
  const answer = JSON.parse(text) as typeof item;
  if (answer.thingID !== item.thingID || answer.n !== item.n) throw new Error(`the handler answered ${text.slice(0, 200)} for ${JSON.stringify(item)}`);
}

export interface HttpLoad {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  firstError?: string;
}

/** `clients` at once, each sending its next request when its last is answered, for `seconds`; failed requests are counted, not thrown. */
export async function httpLoad(url: string, clients: number, seconds: number): Promise<HttpLoad> {
  const latencies: number[] = [];
  const failures: string[] = [];
  const started = performance.now();
  const ends = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < ends) {
        const sentAt = performance.now();
        try {
          await putAndGet(url);
          latencies.push(performance.now() - sentAt);
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { requests: latencies.length, seconds: elapsed, requestsPerSecond: latencies.length / elapsed, ...summary(latencies), errors: failures.length, firstError: failures[0] };
}

/** `clients` requests at the same moment; how many failed and the first reason. */
export async function burst(url: string, clients: number): Promise<{ errors: number; firstError?: string }> {
  const outcomes = await Promise.allSettled(Array.from({ length: clients }, () => putAndGet(url)));
  const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  return { errors: failed.length, firstError: (failed[0]?.reason as Error | undefined)?.message };
}
