// The flight map's pure parts: reading what the WebSocket sends, following aircraft from
// batch to batch (track, fading, dropping), and projecting the init box onto the drawing.
import { describe, expect, it } from 'vitest';
import { aircraftLabel, DROP_AFTER_MS, isStale, STALE_AFTER_MS, withoutGone, withPositions } from '../../src/widgets/flight-map/air-traffic.ts';
import { parseMapMessage } from '../../src/widgets/flight-map/map-messages.ts';
import { degreesLabel, gridLines, projectionFor, scaleBar } from '../../src/widgets/flight-map/map-projection.ts';
import type { AircraftPosition } from '../../src/steps/actions/flight-simulation.ts';

/** What ws_default.py answers to hello! (lambda/ws-default). */
const INIT = {
  type: 'init',
  airport: 'BCN',
  center: { lat: 41.2974, lon: 2.0833 },
  bounds: { south: 40.85, west: 1.45, north: 41.75, east: 2.75 },
};

const plane = (registration: string, lat: number, lon: number, extra: Partial<AircraftPosition> = {}): AircraftPosition => ({
  registration,
  lat,
  lon,
  altitude: 3400,
  origin: 'MAD',
  destination: 'BCN',
  status: 'flying',
  ...extra,
});

describe('messages from the WebSocket API', () => {
  it('reads init as ws_default.py sends it', () => {
    expect(parseMapMessage(JSON.stringify(INIT))).toEqual(INIT);
  });

  it('refuses an init whose bounds are missing or upside down', () => {
    const upsideDown = { ...INIT, bounds: { ...INIT.bounds, north: 40 } };
    expect(parseMapMessage(JSON.stringify(upsideDown)).type).toBe('unknown');
    expect(parseMapMessage(JSON.stringify({ type: 'init', airport: 'BCN' })).type).toBe('unknown');
  });

  it('reads positions as FlightFanout sends them, leaving out entries that are not aircraft', () => {
    const message = {
      type: 'positions',
      aircraft: [
        plane('EC-KLM', 41.41, 2.2),
        { registration: 'EC-AAA', lat: 41.3, lon: 2.08, status: 'landed' },
        { lat: 1, lon: 2 },
        'junk',
        { registration: 'EC-BAD', lat: 'x', lon: 2 },
      ],
    };
    expect(parseMapMessage(JSON.stringify(message))).toEqual({
      type: 'positions',
      aircraft: [plane('EC-KLM', 41.41, 2.2), { registration: 'EC-AAA', lat: 41.3, lon: 2.08, altitude: 0, origin: '', destination: '', status: 'landed' }],
      skipped: 3,
    });
  });

  it('passes on the API’s error, and anything else as unknown text', () => {
    expect(parseMapMessage('{"type": "error", "message": "send hello! to start"}')).toEqual({ type: 'error', message: 'send hello! to start' });
    expect(parseMapMessage('{"message": "Forbidden", "connectionId": "x"}')).toEqual({
      type: 'unknown',
      text: '{"message": "Forbidden", "connectionId": "x"}',
    });
    expect(parseMapMessage('not json')).toEqual({ type: 'unknown', text: 'not json' });
  });

  it('shows an error message that is not text as its JSON, not as [object Object]', () => {
    expect(parseMapMessage('{"type": "error", "message": {"code": 429}}')).toEqual({ type: 'error', message: '{"code":429}' });
    expect(parseMapMessage('{"type": "error", "message": 7}')).toEqual({ type: 'error', message: '7' });
  });
});

describe('air traffic', () => {
  it('moves each aircraft of a batch and keeps the others, with the direction each one went', () => {
    const first = withPositions(new Map(), [plane('EC-N', 41.0, 2.0), plane('EC-E', 41.0, 2.0), plane('EC-X', 41.5, 2.5)], 1_000);
    expect(first.get('EC-N')?.track).toBeUndefined();
    const second = withPositions(first, [plane('EC-N', 41.1, 2.0), plane('EC-E', 41.0, 2.1)], 4_000);
    expect(second.get('EC-N')).toMatchObject({ lat: 41.1, seenAt: 4_000 });
    expect(second.get('EC-N')?.track).toBeCloseTo(0, 6);
    expect(second.get('EC-E')?.track).toBeCloseTo(90, 6);
    expect(second.get('EC-X')).toMatchObject({ lat: 41.5, seenAt: 1_000 });
    // Landed and still: the track it came in on is kept.
    const third = withPositions(second, [plane('EC-N', 41.1, 2.0, { status: 'landed' })], 7_000);
    expect(third.get('EC-N')?.track).toBeCloseTo(0, 6);
    const south = withPositions(third, [plane('EC-N', 41.0, 2.0)], 8_000);
    expect(south.get('EC-N')?.track).toBeCloseTo(180, 6);
  });

  it('fades an aircraft no batch has mentioned for a while, then drops it', () => {
    const traffic = withPositions(new Map(), [plane('EC-OLD', 41, 2)], 0);
    const aircraft = traffic.get('EC-OLD')!;
    expect(isStale(aircraft, STALE_AFTER_MS)).toBe(false);
    expect(isStale(aircraft, STALE_AFTER_MS + 1)).toBe(true);
    expect(withoutGone(traffic, DROP_AFTER_MS)).toBe(traffic);
    expect(withoutGone(traffic, DROP_AFTER_MS + 1).size).toBe(0);
  });

  it('labels an aircraft with its registration, altitude or landed, and route', () => {
    expect(aircraftLabel(plane('EC-KLM', 41, 2, { altitude: 12500 }))).toBe('EC-KLM, flying at 12,500 ft, MAD → BCN');
    expect(aircraftLabel(plane('EC-KLM', 41, 2, { status: 'landed', altitude: 0 }))).toBe('EC-KLM, landed, MAD → BCN');
  });
});

describe('the map’s projection', () => {
  const projection = projectionFor(INIT.bounds, 720);

  it('puts the box’s corners at the drawing’s corners and the airport inside', () => {
    expect(projection.x(INIT.bounds.west)).toBe(0);
    expect(projection.y(INIT.bounds.north)).toBe(0);
    expect(projection.x(INIT.bounds.east)).toBeCloseTo(720, 9);
    expect(projection.y(INIT.bounds.south)).toBeCloseTo(projection.height, 9);
    expect(projection.x(INIT.center.lon)).toBeCloseTo(((2.0833 - 1.45) / 1.3) * 720, 9);
  });

  it('keeps the true shape: ten kilometres east is as long as ten kilometres north', () => {
    const lat = INIT.center.lat;
    const tenKmNorth = 10 / 111.2;
    const tenKmEast = 10 / (111.2 * Math.cos((lat * Math.PI) / 180));
    const up = projection.y(lat) - projection.y(lat + tenKmNorth);
    const across = projection.x(INIT.center.lon + tenKmEast) - projection.x(INIT.center.lon);
    expect(across / up).toBeGreaterThan(0.99);
    expect(across / up).toBeLessThan(1.01);
    expect(up * projection.kmPerUnit).toBeCloseTo(10, 1);
    // About 100 km by 109 km: a little wider than tall.
    expect(projection.height).toBeGreaterThan(600);
    expect(projection.height).toBeLessThan(720);
  });

  it('draws grid lines at round degrees strictly inside the box', () => {
    expect(gridLines(INIT.bounds)).toEqual({ lats: [41, 41.25, 41.5], lons: [1.5, 1.75, 2, 2.25, 2.5] });
    expect(gridLines({ south: -0.3, west: -0.3, north: 0.3, east: 0.3 })).toEqual({ lats: [-0.2, -0.1, 0, 0.1, 0.2], lons: [-0.2, -0.1, 0, 0.1, 0.2] });
  });

  it('gives a scale bar of a round number of kilometres, at most a quarter of the width', () => {
    expect(scaleBar(projection)).toEqual({ km: 25, length: 25 / projection.kmPerUnit });
    expect(scaleBar(projection).length).toBeLessThanOrEqual(720 / 4);
  });

  it('labels degrees with their hemisphere', () => {
    expect(degreesLabel(41.25, 'lat')).toBe('41.25° N');
    expect(degreesLabel(-0.5, 'lon')).toBe('0.5° W');
    expect(degreesLabel(2, 'lon')).toBe('2° E');
  });
});
