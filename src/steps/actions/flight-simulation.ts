// Simulated air traffic around an airport, for the page's flight feed. Each aircraft's
// position is a record shaped exactly as lambda/flight-producer/producer.py puts it on
// the stream, so FlightFanout and the map handle both producers alike. Arrivals fly
// straight in, slowing and descending on a 3° path, land and stay on the ground for a
// few batches; departures climb away and leave the area. Either is then replaced by a
// new arrival or departure. Pure: time and randomness come from the caller.

export interface Airport {
  code: string;
  lat: number;
  lon: number;
}

/** Barcelona–El Prat, the lab's airport (the centre ws_default.py sends in `init`). */
export const BCN: Airport = { code: 'BCN', lat: 41.2974, lon: 2.0833 };

/** One aircraft as it travels on the stream and reaches the map. */
export interface AircraftPosition {
  registration: string;
  lat: number;
  lon: number;
  /** Feet. */
  altitude: number;
  origin: string;
  destination: string;
  status: 'flying' | 'landed';
}

export interface SimulatedFlight {
  registration: string;
  kind: 'arrival' | 'departure';
  /** The other end of the flight: the origin of an arrival, the destination of a departure. */
  elsewhere: string;
  /** Direction from the airport to the aircraft, radians clockwise from north. */
  bearing: number;
  /** Distance from the airport. */
  km: number;
  /** Batches spent on the ground after landing. */
  landedFor: number;
}

/** A number in [0, 1), like Math.random (tests pass a seeded one). */
export type Random = () => number;

const OTHER_AIRPORTS = ['MAD', 'LHR', 'CDG', 'FRA', 'AMS', 'FCO', 'LIS', 'MUC', 'ZRH', 'DUB'] as const;
const KM_PER_DEGREE = 111.2;
/** About a 3° glide path, as producer.py. */
const ARRIVAL_FEET_PER_KM = 170;
/** A departure climbs about twice as steeply as an arrival descends. */
const DEPARTURE_FEET_PER_KM = 330;
/** Arrivals appear this far out; departures are replaced once this far away (inside the map's bounds). */
const ARRIVAL_KM = { min: 20, max: 42 } as const;
const DEPARTURE_EXIT_KM = 45;
/** Batches a landed aircraft stays on the ground before a new flight takes its place, as producer.py. */
export const GROUND_BATCHES = 4;
/** One flight in three is a departure. */
const DEPARTURE_SHARE = 1 / 3;

const between = (random: Random, low: number, high: number) => low + random() * (high - low);
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** Ground speed: about 250 km/h over the threshold, faster further out (as approach control slows them down). */
export function speedKmh(flight: Pick<SimulatedFlight, 'km'>): number {
  return 250 + 5 * flight.km;
}

function newRegistration(random: Random, taken: ReadonlySet<string>): string {
  for (;;) {
    const letters = Array.from({ length: 3 }, () => String.fromCharCode(65 + Math.floor(random() * 26))).join('');
    const registration = `EC-${letters}`;
    if (!taken.has(registration)) return registration;
  }
}

/** A new arrival on its way in, or a departure just off the runway. */
export function newFlight(random: Random, taken: ReadonlySet<string> = new Set()): SimulatedFlight {
  const departure = random() < DEPARTURE_SHARE;
  return {
    registration: newRegistration(random, taken),
    kind: departure ? 'departure' : 'arrival',
    elsewhere: pick(random, OTHER_AIRPORTS),
    bearing: between(random, 0, 2 * Math.PI),
    km: departure ? between(random, 0.5, 3) : between(random, ARRIVAL_KM.min, ARRIVAL_KM.max),
    landedFor: 0,
  };
}

/** `size` new flights with distinct registrations. */
export function startFleet(size: number, random: Random): SimulatedFlight[] {
  return resizeFleet([], size, random);
}

/** The fleet with flights added or the last ones dropped, so it holds `size`. */
export function resizeFleet(fleet: readonly SimulatedFlight[], size: number, random: Random): SimulatedFlight[] {
  const kept = fleet.slice(0, size);
  const taken = new Set(kept.map((flight) => flight.registration));
  while (kept.length < size) {
    const flight = newFlight(random, taken);
    taken.add(flight.registration);
    kept.push(flight);
  }
  return kept;
}

function moved(flight: SimulatedFlight, seconds: number): SimulatedFlight {
  const km = (speedKmh(flight) * seconds) / 3600;
  if (flight.kind === 'departure') return { ...flight, km: flight.km + km };
  if (flight.km === 0) return { ...flight, landedFor: flight.landedFor + 1 };
  return { ...flight, km: Math.max(0, flight.km - km) };
}

const finished = (flight: SimulatedFlight) => (flight.kind === 'departure' ? flight.km > DEPARTURE_EXIT_KM : flight.landedFor >= GROUND_BATCHES);

/** The fleet `seconds` later: each flight moved on; those landed long enough, or gone, replaced by new ones. */
export function advanceFleet(fleet: readonly SimulatedFlight[], seconds: number, random: Random): SimulatedFlight[] {
  const next = fleet.map((flight) => moved(flight, seconds));
  const taken = new Set(next.map((flight) => flight.registration));
  return next.map((flight) => {
    if (!finished(flight)) return flight;
    const replacement = newFlight(random, taken);
    taken.add(replacement.registration);
    return replacement;
  });
}

const round5 = (value: number) => Math.round(value * 1e5) / 1e5;

/** Where the flight is, as the record producer.py would put on the stream for it. */
export function positionOf(flight: SimulatedFlight, airport: Airport = BCN): AircraftPosition {
  const north = flight.km * Math.cos(flight.bearing);
  const east = flight.km * Math.sin(flight.bearing);
  const arrival = flight.kind === 'arrival';
  return {
    registration: flight.registration,
    lat: round5(airport.lat + north / KM_PER_DEGREE),
    lon: round5(airport.lon + east / (KM_PER_DEGREE * Math.cos((airport.lat * Math.PI) / 180))),
    altitude: Math.round(flight.km * (arrival ? ARRIVAL_FEET_PER_KM : DEPARTURE_FEET_PER_KM)),
    origin: arrival ? flight.elsewhere : airport.code,
    destination: arrival ? airport.code : flight.elsewhere,
    status: arrival && flight.km === 0 ? 'landed' : 'flying',
  };
}

const encoder = new TextEncoder();

/** PutRecords entries for a batch: one JSON record per aircraft, keyed by its registration, as producer.py. */
export function kinesisRecordsOf(positions: readonly AircraftPosition[]): { Data: Uint8Array; PartitionKey: string }[] {
  return positions.map((position) => ({ Data: encoder.encode(JSON.stringify(position)), PartitionKey: position.registration }));
}
