// Which Kinesis PutRecords requests the page has sent, and whether the sandbox has answered
// each. A request the page gives up on (Stop aborts it) runs on to the sandbox's answer here,
// so once every request is answered nothing the page sent can still land on the stream later.
import type { Page } from '@playwright/test';

export interface PutRecordsLog {
  sent: number;
  answered: number;
}

declare global {
  interface Window {
    putRecordsLog: PutRecordsLog;
  }
}

/** Installs the watch in every document the page loads from now on (call it before page.goto). */
export async function watchPutRecords(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: PutRecordsLog = { sent: 0, answered: 0 };
    window.putRecordsLog = log;
    const pageFetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const headers = input instanceof Request ? input.headers : new Headers(init?.headers);
      if (headers.get('x-amz-target') !== 'Kinesis_20131202.PutRecords') return pageFetch(input, init);
      const request = new Request(input, init);
      log.sent += 1;
      // Without the page's signal: the SDK still gives up at once (it races the signal itself),
      // while the request itself goes on until the sandbox answers.
      const answer = pageFetch(new Request(request, { signal: null }));
      answer.then(
        () => (log.answered += 1),
        () => (log.answered += 1),
      );
      return answer;
    };
  });
}

/** Waits until the sandbox has answered every PutRecords the page sent; returns how many that is. */
export async function allPutRecordsAnswered(page: Page): Promise<number> {
  const sent = await page.waitForFunction(
    () => window.putRecordsLog.sent > 0 && window.putRecordsLog.answered === window.putRecordsLog.sent && window.putRecordsLog.sent,
  );
  return (await sent.jsonValue()) as number;
}
