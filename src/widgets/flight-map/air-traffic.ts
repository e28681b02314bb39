// The aircraft the map knows about: the latest position of each registration, when it was
// last reported, and its track (the direction it moved in since the report before). An
// aircraft no batch has mentioned for a while fades, and later goes: a producer replaces
// a landed aircraft with a new one, so the old registration simply stops being reported.
import type { AircraftPosition } from '../../steps/actions/flight-simulation.ts';

export interface TrackedAircraft extends AircraftPosition {
  /** When a batch last reported it (ms since the epoch). */
  seenAt: number;
  /** Degrees clockwise from north, from its previous position; undefined until it has moved. */
  track?: number;
}

export type Traffic = ReadonlyMap<string, TrackedAircraft>;

export const STALE_AFTER_MS = 20_000;
export const DROP_AFTER_MS = 60_000;

/** Movement smaller than this (degrees, about 1 m) says nothing about the direction. */
const STILL = 1e-5;

function trackBetween(from: AircraftPosition, to: AircraftPosition): number | undefined {
  const north = to.lat - from.lat;
  const east = (to.lon - from.lon) * Math.cos((to.lat * Math.PI) / 180);
  if (Math.abs(north) < STILL && Math.abs(east) < STILL) return undefined;
  return ((Math.atan2(east, north) * 180) / Math.PI + 360) % 360;
}

/** The traffic after a batch: each aircraft in it moved (matched by registration), the rest kept as they were. */
export function withPositions(traffic: Traffic, batch: readonly AircraftPosition[], now: number): Map<string, TrackedAircraft> {
  const next = new Map(traffic);
  for (const position of batch) {
    const before = next.get(position.registration);
    const track = before ? (trackBetween(before, position) ?? before.track) : undefined;
    next.set(position.registration, { ...position, seenAt: now, track });
  }
  return next;
}

export const isStale = (aircraft: TrackedAircraft, now: number) => now - aircraft.seenAt > STALE_AFTER_MS;

/** The traffic without the aircraft not reported for DROP_AFTER_MS; the same map when none is that old. */
export function withoutGone(traffic: Traffic, now: number): Traffic {
  const kept = [...traffic].filter(([, aircraft]) => now - aircraft.seenAt <= DROP_AFTER_MS);
  return kept.length === traffic.size ? traffic : new Map(kept);
}

/** "EC-KLM, flying at 3,400 ft, MAD → BCN": the label on the map and the name a screen reader hears. */
export function aircraftLabel(aircraft: AircraftPosition): string {
  const where = aircraft.status === 'landed' ? 'landed' : `flying at ${aircraft.altitude.toLocaleString('en')} ft`;
  const route = aircraft.origin || aircraft.destination ? `, ${aircraft.origin || '?'} → ${aircraft.destination || '?'}` : '';
  return `${aircraft.registration}, ${where}${route}`;
}
