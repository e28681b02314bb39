// What the widgets keep for the lab report, and what the report takes of it: URLs without
// what makes them presigned, requests without headers and with a short body, the last few
// WebSocket sessions, and the flight map's last positions, small.
import { describe, expect, test } from 'vitest';
import { reportRequests, REQUESTS_LISTED } from '../../src/report/request-summary.ts';
import { keepLastMap, loadLastMap, MAX_KEPT } from '../../src/widgets/flight-map/last-map.ts';
import type { HistoryEntry } from '../../src/widgets/request-client/request-history.ts';
import { urlWithoutCredentials } from '../../src/widgets/shared/url-without-credentials.ts';
import { keepSessionRecord, loadSessionRecords, RECORDS_KEPT } from '../../src/widgets/websocket-console/session-record.ts';
import { memoryStorage } from './memory-storage.ts';

// As the S3 API Reference's presigned URL example has them, with a session token added.
const PRESIGNED =
  'https://user:pw@examplebucket.s3.amazonaws.com/test.txt?versionId=3&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAEXAMPLE%2F20130721%2Fus-east-1%2Fs3%2Faws4_request' +
  '&X-Amz-Date=20130721T201207Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Security-Token=TOKEN&X-Amz-Signature=abc123';

describe('a URL written down', () => {
  test('loses the user name, password and signing parameters, and keeps the rest', () => {
    expect(urlWithoutCredentials(PRESIGNED)).toBe('https://examplebucket.s3.amazonaws.com/test.txt?versionId=3');
    expect(urlWithoutCredentials('https://bucket.s3.amazonaws.com/k?AWSAccessKeyId=AKIAEXAMPLE&Expires=1&Signature=xyz')).toBe(
      'https://bucket.s3.amazonaws.com/k?Expires=1',
    );
    expect(urlWithoutCredentials('wss://ws.example/prod?room=a')).toBe('wss://ws.example/prod?room=a');
    expect(urlWithoutCredentials('not a url?X-Amz-Signature=abc')).toBe('not a url');
  });
});

describe('the request client’s requests in the report', () => {
  const entry = (n: number, over: Partial<HistoryEntry['draft']> = {}): HistoryEntry => ({
    draft: { method: 'PUT', url: `https://api.example/prod/items/${n}`, headers: [{ name: 'Authorization', value: 'Bearer SECRET' }], body: '', ...over },
    outcome: '200',
    sentAt: Date.UTC(2026, 11, 4, 10, n),
  });

  test('method, URL, status, time and a short body; no header, no signature', () => {
    const [put, get] = reportRequests([
      entry(1, { url: PRESIGNED, body: `{"id": "1",\n "text": "${'x'.repeat(200)}"}` }),
      entry(2, { method: 'GET', body: 'left from a PUT' }),
    ]);
    expect(put).toEqual({
      method: 'PUT',
      url: 'https://examplebucket.s3.amazonaws.com/test.txt?versionId=3',
      status: '200',
      at: '2026-12-04T10:01:00.000Z',
      bodyPreview: `{"id": "1", "text": "${'x'.repeat(59)}…`,
    });
    expect(get.bodyPreview).toBeUndefined();
    expect(JSON.stringify([put, get])).not.toMatch(/SECRET|Authorization|Signature|ASIA/);
  });

  test('lists the newest few', () => {
    const many = Array.from({ length: 15 }, (_, n) => entry(n));
    expect(reportRequests(many).map((r) => r.url)).toEqual(many.slice(0, REQUESTS_LISTED).map((e) => e.draft.url));
  });
});

describe('the WebSocket console’s session records', () => {
  test('keep the newest few, each updated in place, with the URL made safe', () => {
    const storage = memoryStorage();
    const started = (n: number) => `2026-12-04T10:0${n}:00.000Z`;
    for (let n = 0; n < RECORDS_KEPT + 2; n += 1) keepSessionRecord({ url: `wss://ws.example/${n}`, startedAt: started(n), sent: 0, received: 0 }, storage);
    keepSessionRecord(
      {
        url: `wss://ws.example/6?X-Amz-Signature=abc`,
        startedAt: started(6),
        connectedAt: started(6),
        closedAt: started(7),
        sent: 2,
        received: 9,
        closeCode: 1001,
      },
      storage,
    );
    // An older session that goes on stays where it began.
    keepSessionRecord({ url: 'wss://ws.example/4', startedAt: started(4), sent: 0, received: 3 }, storage);
    const records = loadSessionRecords(storage);
    expect(records.map((r) => r.url)).toEqual(['wss://ws.example/6', 'wss://ws.example/5', 'wss://ws.example/4', 'wss://ws.example/3', 'wss://ws.example/2']);
    expect(records[0]).toMatchObject({ sent: 2, received: 9, closeCode: 1001, closedAt: started(7) });
    expect(records[2].received).toBe(3);
  });

  test('read as none when missing or broken', () => {
    const storage = memoryStorage();
    expect(loadSessionRecords(storage)).toEqual([]);
    storage.setItem('labbook:websocket-sessions', '{not json');
    expect(loadSessionRecords(storage)).toEqual([]);
  });
});

describe('the flight map’s last picture', () => {
  const init = { type: 'init' as const, airport: 'BCN', center: { lat: 41.3, lon: 2.08 }, bounds: { south: 40.8, west: 1.4, north: 41.8, east: 2.8 } };

  test('keeps the area and each aircraft’s position, at most a few dozen', () => {
    const storage = memoryStorage();
    const aircraft = Array.from({ length: MAX_KEPT + 5 }, (_, n) => ({
      registration: `EC-${n}`,
      lat: 41,
      lon: 2,
      status: 'flying' as const,
      track: 90,
      altitude: 3000,
      origin: 'MAD',
      destination: 'BCN',
      seenAt: 1,
    }));
    keepLastMap(init, aircraft, Date.UTC(2026, 11, 4, 10, 8), storage);
    const kept = loadLastMap(storage)!;
    expect(kept).toMatchObject({ airport: 'BCN', center: init.center, bounds: init.bounds, at: '2026-12-04T10:08:00.000Z' });
    expect(kept.aircraft).toHaveLength(MAX_KEPT);
    expect(kept.aircraft[0]).toEqual({ registration: 'EC-0', lat: 41, lon: 2, status: 'flying', track: 90 });
  });

  test('is none when nothing was drawn', () => {
    expect(loadLastMap(memoryStorage())).toBeUndefined();
  });
});
