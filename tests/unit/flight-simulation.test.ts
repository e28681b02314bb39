// The page's flight feed: simulated aircraft that move plausibly around the airport and stay
// on the map, and records shaped exactly as the lab's producer.py puts them, which the
// lab's FlightFanout decodes as it decodes producer.py's (both checked by running the Python).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  advanceFleet,
  BCN,
  GROUND_BATCHES,
  kinesisRecordsOf,
  newFlight,
  positionOf,
  resizeFleet,
  speedKmh,
  startFleet,
  type SimulatedFlight,
} from '../../src/steps/actions/flight-simulation.ts';

const run = promisify(execFile);

/** A seeded generator (mulberry32), so every run sees the same traffic. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The box ws_default.py's init tells the map to show. */
const INIT_BOUNDS = { south: 40.85, west: 1.45, north: 41.75, east: 2.75 };

function* batches(size: number, count: number, seconds: number, seed: number) {
  const random = seeded(seed);
  let fleet = startFleet(size, random);
  for (let i = 0; i < count; i += 1) {
    yield fleet;
    fleet = advanceFleet(fleet, seconds, random);
  }
}

describe('simulated traffic', () => {
  it('starts with the number of aircraft asked for, each with its own EC- registration', () => {
    const fleet = startFleet(40, seeded(1));
    expect(fleet).toHaveLength(40);
    expect(new Set(fleet.map((f) => f.registration)).size).toBe(40);
    for (const flight of fleet) expect(flight.registration).toMatch(/^EC-[A-Z]{3}$/);
  });

  it('keeps every aircraft inside the map’s bounds, batch after batch, with registrations unique in each batch', () => {
    let positions = 0;
    for (const fleet of batches(30, 400, 3, 2)) {
      expect(new Set(fleet.map((f) => f.registration)).size).toBe(fleet.length);
      for (const flight of fleet) {
        const { lat, lon } = positionOf(flight);
        expect(lat).toBeGreaterThan(INIT_BOUNDS.south);
        expect(lat).toBeLessThan(INIT_BOUNDS.north);
        expect(lon).toBeGreaterThan(INIT_BOUNDS.west);
        expect(lon).toBeLessThan(INIT_BOUNDS.east);
        positions += 1;
      }
    }
    expect(positions).toBe(30 * 400);
  });

  it('brings arrivals in descending and slowing, lands them at the airport, keeps them there a few batches, then replaces them', () => {
    const random = seeded(3);
    const arrival: SimulatedFlight = { ...newFlight(random), kind: 'arrival', km: 30 };
    const seen = [positionOf(arrival)];
    let fleet = [arrival];
    while (fleet[0].registration === arrival.registration) {
      fleet = advanceFleet(fleet, 3, random);
      if (fleet[0].registration === arrival.registration) seen.push(positionOf(fleet[0]));
    }
    const flying = seen.filter((p) => p.status === 'flying');
    const landed = seen.filter((p) => p.status === 'landed');
    expect(flying.length).toBeGreaterThan(50); // 30 km at 250–400 km/h, 3 s at a time
    for (let i = 1; i < flying.length; i += 1) expect(flying[i].altitude).toBeLessThanOrEqual(flying[i - 1].altitude);
    expect(flying[0].altitude).toBe(30 * 170);
    // On the ground at the airport, from landing until it is replaced.
    expect(landed).toHaveLength(GROUND_BATCHES);
    for (const p of landed) expect(p).toMatchObject({ lat: BCN.lat, lon: BCN.lon, altitude: 0, destination: 'BCN', status: 'landed' });
    expect(speedKmh({ km: 30 })).toBeGreaterThan(speedKmh({ km: 5 }));
  });

  it('moves an aircraft as far as its speed takes it in the time between batches', () => {
    const random = seeded(4);
    const arrival: SimulatedFlight = { ...newFlight(random), kind: 'arrival', km: 40 };
    const [after] = advanceFleet([arrival], 10, random);
    expect(40 - after.km).toBeCloseTo((speedKmh(arrival) * 10) / 3600, 10);
    expect(after.bearing).toBe(arrival.bearing);
  });

  it('flies departures out of BCN climbing, and replaces them once they have left', () => {
    const random = seeded(5);
    const departure: SimulatedFlight = { ...newFlight(random), kind: 'departure', km: 1 };
    let fleet = [departure];
    const seen = [];
    while (fleet[0].registration === departure.registration) {
      seen.push(positionOf(fleet[0]));
      fleet = advanceFleet(fleet, 3, random);
    }
    for (const p of seen) expect(p).toMatchObject({ origin: 'BCN', status: 'flying' });
    for (let i = 1; i < seen.length; i += 1) expect(seen[i].altitude).toBeGreaterThan(seen[i - 1].altitude);
    expect(seen.length).toBeGreaterThan(50);
  });

  it('mixes arrivals, departures and landed aircraft over a few minutes', () => {
    const statuses = new Set<string>();
    const origins = new Set<string>();
    for (const fleet of batches(12, 100, 3, 6)) {
      for (const flight of fleet) {
        const p = positionOf(flight);
        statuses.add(p.status);
        origins.add(p.origin === 'BCN' ? 'departure' : 'arrival');
      }
    }
    expect([...statuses].sort()).toEqual(['flying', 'landed']);
    expect([...origins].sort()).toEqual(['arrival', 'departure']);
  });

  it('resizes a fleet keeping the aircraft it already has', () => {
    const random = seeded(7);
    const fleet = startFleet(5, random);
    const bigger = resizeFleet(fleet, 8, random);
    expect(bigger.slice(0, 5)).toEqual(fleet);
    expect(new Set(bigger.map((f) => f.registration)).size).toBe(8);
    expect(resizeFleet(bigger, 2, random)).toEqual(fleet.slice(0, 2));
  });
});

describe('the records on the stream', () => {
  const fleet = startFleet(6, seeded(8));
  const positions = fleet.map((flight) => positionOf(flight));
  const records = kinesisRecordsOf(positions);

  it('are one JSON record per aircraft, keyed by its registration', () => {
    expect(records.map((r) => r.PartitionKey)).toEqual(positions.map((p) => p.registration));
    expect(records.map((r) => JSON.parse(new TextDecoder().decode(r.Data)))).toEqual(positions);
  });

  it('have exactly the members and types producer.py puts on the stream', async () => {
    const { stdout } = await run('python3', ['-c', 'import json, producer; print(json.dumps(producer.position(producer.new_flight())))'], {
      cwd: 'lambda/flight-producer',
      env: { ...process.env, AWS_DEFAULT_REGION: 'us-east-1' },
    });
    const fromPython = JSON.parse(stdout);
    const shape = (value: object) => Object.entries(value).map(([key, member]) => [key, typeof member]);
    for (const position of positions) expect(shape(position)).toEqual(shape(fromPython));
  });

  it('are decoded by FlightFanout into the aircraft they carry', async () => {
    const event = {
      Records: records.map((r, i) => ({ kinesis: { partitionKey: r.PartitionKey, sequenceNumber: String(i), data: Buffer.from(r.Data).toString('base64') } })),
    };
    const decode = 'import json, sys, flight_fanout; print(json.dumps(flight_fanout.aircraft_in(json.loads(sys.argv[1])["Records"])))';
    const { stdout } = await run('python3', ['-c', decode, JSON.stringify(event)], {
      cwd: 'lambda/flight-fanout',
      env: { ...process.env, AWS_DEFAULT_REGION: 'us-east-1', TABLE_NAME: 'unused' },
    });
    expect(JSON.parse(stdout)).toEqual(positions);
  });
});
