"""Task 8.2's producer: put a batch of simulated aircraft around Barcelona airport on the stream every few seconds.

Each batch is one record per aircraft (partition key: its registration):
registration, position, altitude in feet, origin, destination, and whether
it is flying or landed. Aircraft descend as they approach; a landed one stays
on the ground for a few batches, then a new arrival takes its place.

    python3 producer.py                                   # to AWS, every 3 s until Ctrl+C
    python3 producer.py --endpoint-url http://127.0.0.1:4510 --batches 5 --interval 1
"""

import argparse
import json
import math
import os
import random
import string
import time

import boto3

BCN = (41.2974, 2.0833)  # latitude, longitude
ORIGINS = ['MAD', 'LHR', 'CDG', 'FRA', 'AMS', 'FCO', 'LIS', 'MUC', 'ZRH', 'DUB']
KM_PER_DEGREE = 111.2
FEET_PER_KM = 170  # about a 3-degree approach
GROUND_BATCHES = 4


def new_flight():
    return {
        'registration': 'EC-' + ''.join(random.choices(string.ascii_uppercase, k=3)),
        'origin': random.choice(ORIGINS),
        'destination': 'BCN',
        'bearing': random.uniform(0, 2 * math.pi),  # direction from the airport
        'km': random.uniform(25, 60),
        'landed_for': 0,
    }


def position(flight):
    north = flight['km'] * math.cos(flight['bearing'])
    east = flight['km'] * math.sin(flight['bearing'])
    return {
        'registration': flight['registration'],
        'lat': round(BCN[0] + north / KM_PER_DEGREE, 5),
        'lon': round(BCN[1] + east / (KM_PER_DEGREE * math.cos(math.radians(BCN[0]))), 5),
        'altitude': round(flight['km'] * FEET_PER_KM),
        'origin': flight['origin'],
        'destination': flight['destination'],
        'status': 'landed' if flight['km'] == 0 else 'flying',
    }


def advance(flights):
    """Moves every aircraft closer; replaces those that have been on the ground long enough."""
    for flight in flights:
        flight['km'] = max(0.0, flight['km'] - random.uniform(1.0, 2.5))
        flight['landed_for'] += flight['km'] == 0
    return [flight if flight['landed_for'] < GROUND_BATCHES else new_flight() for flight in flights]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--stream', default='ccbda-flights')
    parser.add_argument('--aircraft', type=int, default=12)
    parser.add_argument('--interval', type=float, default=3.0, help='seconds between batches')
    parser.add_argument('--batches', type=int, default=0, help='stop after this many (0: run until Ctrl+C)')
    # Older boto3 (Debian's 1.26) does not read AWS_ENDPOINT_URL itself.
    parser.add_argument('--endpoint-url', default=os.environ.get('AWS_ENDPOINT_URL'))
    args = parser.parse_args()

    kinesis = boto3.client('kinesis', endpoint_url=args.endpoint_url)
    flights = [new_flight() for _ in range(args.aircraft)]
    sent = 0
    while args.batches == 0 or sent < args.batches:
        records = [{'Data': json.dumps(position(f)).encode(), 'PartitionKey': f['registration']} for f in flights]
        result = kinesis.put_records(StreamName=args.stream, Records=records)
        # put_records reports failed records instead of raising; a real producer would retry them.
        print(f"put {len(records)} positions, {result['FailedRecordCount']} failed", flush=True)
        sent += 1
        flights = advance(flights)
        if args.batches == 0 or sent < args.batches:
            time.sleep(args.interval)


if __name__ == '__main__':
    main()
