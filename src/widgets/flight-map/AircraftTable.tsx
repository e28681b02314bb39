// The map as a table: every aircraft with its status, altitude, route, position and when
// it was last reported, for screen readers and for anyone who wants the numbers.
import { isStale, type TrackedAircraft } from './air-traffic.ts';
import { clockTime } from '../shared/clock-time.ts';

export function AircraftTable({ aircraft, now }: { aircraft: readonly TrackedAircraft[]; now: number }) {
  return (
    <div class="lb-lab__table-wrap lb-map__table" tabIndex={0} role="region" aria-label="Aircraft as a table">
      <table>
        <caption>{aircraft.length} aircraft, by registration</caption>
        <thead>
          <tr>
            <th scope="col">Registration</th>
            <th scope="col">Status</th>
            <th scope="col">Altitude (ft)</th>
            <th scope="col">From → to</th>
            <th scope="col">Latitude, longitude</th>
            <th scope="col">Last report</th>
          </tr>
        </thead>
        <tbody>
          {aircraft.map((a) => (
            <tr key={a.registration} data-stale={isStale(a, now) ? 'true' : undefined}>
              <th scope="row">{a.registration}</th>
              <td>{a.status}</td>
              <td>{a.altitude.toLocaleString('en')}</td>
              <td class="lb-map__route">
                {a.origin || '?'} → {a.destination || '?'}
              </td>
              <td>
                {a.lat.toFixed(4)}, {a.lon.toFixed(4)}
              </td>
              <td>
                {clockTime(a.seenAt)}
                {isStale(a, now) ? ' (not updated since)' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
