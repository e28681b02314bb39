// The map itself, in SVG: the area from `init` with a latitude/longitude grid, a scale bar
// and the airport, then every aircraft. Flying aircraft are arrows pointing along their
// track, landed ones squares; faded ones have not been reported for a while. Each aircraft
// can be focused, and shows its label when focused or pointed at. Everything is text nodes.
import { useState } from 'preact/hooks';
import { aircraftLabel, isStale, type TrackedAircraft } from './air-traffic.ts';
import type { MapInit } from './map-messages.ts';
import { FLYING_PATH, LANDED_SIZE, arrowRotation, mapLayout } from './map-layout.ts';
import type { MapProjection } from './map-projection.ts';

export function AircraftShape({ status, track }: Pick<TrackedAircraft, 'status' | 'track'>) {
  if (status === 'landed') {
    return <rect class="lb-map__landed" x={-LANDED_SIZE / 2} y={-LANDED_SIZE / 2} width={LANDED_SIZE} height={LANDED_SIZE} />;
  }
  return <path class="lb-map__flying" d={FLYING_PATH} transform={`rotate(${arrowRotation(track)})`} />;
}

/** The label beside a pointed-at aircraft, kept inside the drawing. */
function Tip({ aircraft, projection }: { aircraft: TrackedAircraft; projection: MapProjection }) {
  const lines = [
    `${aircraft.registration} · ${aircraft.origin || '?'} → ${aircraft.destination || '?'}`,
    aircraft.status === 'landed' ? 'landed' : `flying · ${aircraft.altitude.toLocaleString('en')} ft`,
  ];
  const width = Math.max(...lines.map((line) => line.length)) * 7.4 + 16;
  const height = 40;
  const x = Math.min(projection.x(aircraft.lon) + 12, projection.width - width - 2);
  const y = Math.min(Math.max(projection.y(aircraft.lat) - height - 8, 2), projection.height - height - 2);
  return (
    <g class="lb-map__tip" transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`} aria-hidden="true">
      <rect width={width} height={height} rx={4} />
      <text x={8} y={16}>
        {lines[0]}
      </text>
      <text x={8} y={32}>
        {lines[1]}
      </text>
    </g>
  );
}

export function MapDrawing({ init, aircraft, now }: { init: MapInit; aircraft: readonly TrackedAircraft[]; now: number }) {
  const [pointed, setPointed] = useState<string>();
  const layout = mapLayout(init, aircraft);
  const { projection, width, height, scale, airport } = layout;
  const tipFor = aircraft.find((a) => a.registration === pointed);
  // Pointing at one aircraft and then focusing another (or the reverse) shows the latest; leaving the older one keeps it.
  const leave = (registration: string) => setPointed((now) => (now === registration ? undefined : now));

  return (
    <svg class="lb-map__svg" viewBox={`0 0 ${width} ${height.toFixed(1)}`} role="group" aria-label={`Map of the area around ${init.airport || 'the airport'}`}>
      <rect class="lb-map__area" width={width} height={height} />
      <g class="lb-map__grid" aria-hidden="true">
        {layout.lats.map(({ y, label }) => (
          <g key={label}>
            <line x1={0} x2={width} y1={y} y2={y} />
            <text x={4} y={y - 4}>
              {label}
            </text>
          </g>
        ))}
        {layout.lons.map(({ x, label }) => (
          <g key={label}>
            <line x1={x} x2={x} y1={0} y2={height} />
            <text x={x + 4} y={height - 6}>
              {label}
            </text>
          </g>
        ))}
      </g>
      <g class="lb-map__scale" transform={`translate(${scale.x} 20)`} aria-hidden="true">
        <path d={`M0,0 v6 h${scale.length.toFixed(1)} v-6`} />
        <text x={scale.length / 2} y={-4} text-anchor="middle">
          {scale.km} km
        </text>
      </g>
      <g class="lb-map__airport" transform={`translate(${airport.x.toFixed(1)} ${airport.y.toFixed(1)})`} role="img" aria-label={`Airport ${init.airport}`}>
        <circle r={9} />
        <path d="M-5,0 h10 M0,-5 v10" />
        <text x={12} y={16}>
          {airport.name}
        </text>
      </g>
      {aircraft.map((a, index) => (
        <g
          key={a.registration}
          class="lb-map__aircraft"
          data-status={a.status}
          data-stale={isStale(a, now) ? 'true' : undefined}
          transform={`translate(${layout.aircraft[index].x.toFixed(1)} ${layout.aircraft[index].y.toFixed(1)})`}
          tabIndex={0}
          role="img"
          aria-label={aircraftLabel(a)}
          onMouseEnter={() => setPointed(a.registration)}
          onMouseLeave={() => leave(a.registration)}
          onFocus={() => setPointed(a.registration)}
          onBlur={() => leave(a.registration)}
        >
          <circle class="lb-map__hit" r={12} />
          <AircraftShape status={a.status} track={a.track} />
        </g>
      ))}
      {tipFor && <Tip aircraft={tipFor} projection={projection} />}
    </svg>
  );
}
