// Where everything goes on the flight map, in SVG units: the grid and its labels, the scale
// bar, the airport and each aircraft with its shape. Pure, so the live map (MapDrawing.tsx)
// and the lab report's picture (src/report/map-picture.ts) draw the same map.
import type { TrackedAircraft } from './air-traffic.ts';
import type { MapInit } from './map-messages.ts';
import { degreesLabel, gridLines, projectionFor, scaleBar, type MapProjection } from './map-projection.ts';

/** A flying aircraft: an arrow pointing up, turned to its track. */
export const FLYING_PATH = 'M0,-9 L6,7 L0,3 L-6,7 Z';
/** A landed aircraft: a square this many units across. */
export const LANDED_SIZE = 10;
/** The arrow's turn, in whole degrees: north until the aircraft has moved. */
export const arrowRotation = (track: number | undefined) => Math.round(track ?? 0);

export type AircraftOnMap = Pick<TrackedAircraft, 'registration' | 'lat' | 'lon' | 'status' | 'track'>;

export interface MapLayout {
  projection: MapProjection;
  width: number;
  height: number;
  lats: Array<{ y: number; label: string }>;
  lons: Array<{ x: number; label: string }>;
  scale: { km: number; length: number; x: number };
  airport: { x: number; y: number; name: string };
  aircraft: Array<{ registration: string; x: number; y: number; status: TrackedAircraft['status']; rotation: number }>;
}

export function mapLayout(init: Pick<MapInit, 'airport' | 'center' | 'bounds'>, aircraft: readonly AircraftOnMap[]): MapLayout {
  const projection = projectionFor(init.bounds);
  const { width, height } = projection;
  const grid = gridLines(init.bounds);
  const scale = scaleBar(projection);
  return {
    projection,
    width,
    height,
    lats: grid.lats.map((lat) => ({ y: projection.y(lat), label: degreesLabel(lat, 'lat') })),
    lons: grid.lons.map((lon) => ({ x: projection.x(lon), label: degreesLabel(lon, 'lon') })),
    scale: { ...scale, x: width - scale.length - 16 },
    airport: { x: projection.x(init.center.lon), y: projection.y(init.center.lat), name: init.airport },
    aircraft: aircraft.map((a) => ({
      registration: a.registration,
      x: projection.x(a.lon),
      y: projection.y(a.lat),
      status: a.status,
      rotation: arrowRotation(a.track),
    })),
  };
}
