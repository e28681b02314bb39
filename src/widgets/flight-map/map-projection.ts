// From latitude and longitude to the map's SVG units. Over a box a hundred kilometres
// across, an equirectangular projection is exact enough: one degree of longitude is
// cos(latitude) times as long as one of latitude, so the box keeps its true shape and
// one scale bar holds everywhere. No tiles: the grid, the scale and the airport are drawn.
import type { Bounds } from './map-messages.ts';

const KM_PER_DEGREE = 111.2;

export interface MapProjection {
  width: number;
  height: number;
  x(lon: number): number;
  y(lat: number): number;
  /** Kilometres per SVG unit, the same across and up. */
  kmPerUnit: number;
}

export function projectionFor(bounds: Bounds, width = 720): MapProjection {
  const middle = ((bounds.north + bounds.south) / 2) * (Math.PI / 180);
  const kmAcross = (bounds.east - bounds.west) * KM_PER_DEGREE * Math.cos(middle);
  const kmUp = (bounds.north - bounds.south) * KM_PER_DEGREE;
  const kmPerUnit = kmAcross / width;
  return {
    width,
    height: kmUp / kmPerUnit,
    kmPerUnit,
    x: (lon) => ((lon - bounds.west) / (bounds.east - bounds.west)) * width,
    y: (lat) => ((bounds.north - lat) / (bounds.north - bounds.south)) * (kmUp / kmPerUnit),
  };
}

/** A round step that gives a few lines (or a bar a fraction of the width) over `span`. */
function roundStep(span: number, parts: number, steps: readonly number[]): number {
  return steps.find((step) => span / step <= parts) ?? steps[steps.length - 1];
}

const DEGREE_STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 45];

/** The multiples of `step` strictly inside (low, high), without floating-point dust. */
function multiplesInside(low: number, high: number, step: number): number[] {
  const values: number[] = [];
  for (let i = Math.floor(low / step) + 1; i * step < high - 1e-9; i += 1) values.push(Number((i * step).toFixed(6)));
  return values.filter((value) => value > low + 1e-9);
}

/** Round latitudes and longitudes to draw grid lines at, a handful across each way. */
export function gridLines(bounds: Bounds): { lats: number[]; lons: number[] } {
  const step = roundStep(Math.max(bounds.north - bounds.south, bounds.east - bounds.west), 6, DEGREE_STEPS);
  return { lats: multiplesInside(bounds.south, bounds.north, step), lons: multiplesInside(bounds.west, bounds.east, step) };
}

const KM_STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000];

/** A scale bar of a round number of kilometres, at most about a quarter of the map's width. */
export function scaleBar(projection: MapProjection): { km: number; length: number } {
  const quarter = (projection.width * projection.kmPerUnit) / 4;
  const km = [...KM_STEPS].reverse().find((step) => step <= quarter) ?? KM_STEPS[0];
  return { km, length: km / projection.kmPerUnit };
}

/** 41.25 → "41.25° N", -0.5 → "0.5° W". */
export function degreesLabel(value: number, axis: 'lat' | 'lon'): string {
  const hemisphere = axis === 'lat' ? (value < 0 ? 'S' : 'N') : value < 0 ? 'W' : 'E';
  return `${Number(Math.abs(value).toFixed(4))}° ${hemisphere}`;
}
