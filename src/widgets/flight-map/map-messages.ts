// What the flight map receives on its WebSocket, read defensively: the messages come from
// the student's own functions (ws_default.py's `init`, flight_fanout.py's `positions`), so
// anything unexpected is reported as such rather than drawn.
import type { AircraftPosition } from '../../steps/actions/flight-simulation.ts';

export interface Bounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

export interface MapInit {
  type: 'init';
  airport: string;
  center: { lat: number; lon: number };
  bounds: Bounds;
}

export interface MapPositions {
  type: 'positions';
  aircraft: AircraftPosition[];
  /** Entries left out because they are not aircraft (no registration, no position). */
  skipped: number;
}

export type MapMessage = MapInit | MapPositions | { type: 'error'; message: string } | { type: 'unknown'; text: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
// Values come from JSON.parse, so JSON.stringify writes numbers and booleans as String would, and objects legibly.
const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value));

function boundsOf(value: unknown): Bounds | undefined {
  if (!isObject(value)) return undefined;
  const { south, west, north, east } = value;
  if (![south, west, north, east].every(isNumber)) return undefined;
  const bounds = { south, west, north, east } as Bounds;
  return bounds.north > bounds.south && bounds.east > bounds.west ? bounds : undefined;
}

function initOf(message: Json): MapInit | undefined {
  const bounds = boundsOf(message.bounds);
  const center =
    isObject(message.center) && isNumber(message.center.lat) && isNumber(message.center.lon) ? { lat: message.center.lat, lon: message.center.lon } : undefined;
  if (!bounds || !center) return undefined;
  return { type: 'init', airport: text(message.airport), center, bounds };
}

function aircraftOf(value: unknown): AircraftPosition | undefined {
  if (!isObject(value) || typeof value.registration !== 'string' || value.registration === '') return undefined;
  if (!isNumber(value.lat) || !isNumber(value.lon)) return undefined;
  return {
    registration: value.registration,
    lat: value.lat,
    lon: value.lon,
    altitude: isNumber(value.altitude) ? value.altitude : 0,
    origin: text(value.origin),
    destination: text(value.destination),
    status: value.status === 'landed' ? 'landed' : 'flying',
  };
}

export function parseMapMessage(data: string): MapMessage {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return { type: 'unknown', text: data };
  }
  if (isObject(message) && message.type === 'init') return initOf(message) ?? { type: 'unknown', text: data };
  if (isObject(message) && message.type === 'positions' && Array.isArray(message.aircraft)) {
    const aircraft = message.aircraft.map(aircraftOf);
    const valid = aircraft.filter((a): a is AircraftPosition => a !== undefined);
    return { type: 'positions', aircraft: valid, skipped: aircraft.length - valid.length };
  }
  if (isObject(message) && message.type === 'error') return { type: 'error', message: text(message.message) };
  return { type: 'unknown', text: data };
}
