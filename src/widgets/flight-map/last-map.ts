// The flight map's last picture, kept on this device for the lab report: the area and the
// latest position of each aircraft, nothing of the connection. Small: a lab's producer
// flies a handful of aircraft, and at most MAX_KEPT are kept.
import type { AircraftOnMap } from './map-layout.ts';
import type { MapInit } from './map-messages.ts';

export interface LastMap extends Pick<MapInit, 'airport' | 'center' | 'bounds'> {
  /** ISO time of the batch drawn last. */
  at: string;
  aircraft: AircraftOnMap[];
}

const LAST_MAP_KEY = 'labbook:flight-map:last';
export const MAX_KEPT = 50;

export function keepLastMap(init: MapInit, aircraft: readonly AircraftOnMap[], at: number, storage: Storage | undefined = globalThis.localStorage): void {
  const kept: LastMap = {
    airport: init.airport,
    center: init.center,
    bounds: init.bounds,
    at: new Date(at).toISOString(),
    aircraft: aircraft.slice(0, MAX_KEPT).map(({ registration, lat, lon, status, track }) => ({ registration, lat, lon, status, track })),
  };
  try {
    storage?.setItem(LAST_MAP_KEY, JSON.stringify(kept));
  } catch {
    // Storage full or refused: the report then has no map.
  }
}

export function loadLastMap(storage: Storage | undefined = globalThis.localStorage): LastMap | undefined {
  try {
    const value = JSON.parse(storage?.getItem(LAST_MAP_KEY) ?? 'null') as LastMap | null;
    return value && Array.isArray(value.aircraft) && typeof value.bounds === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}
