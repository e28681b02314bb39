import base64
import json

def decode_records(event):
    # Kinesis hands each record's data to Lambda base64-encoded; decoding
    # gives the JSON bytes the producer wrote, and json.loads accepts bytes.
    return [json.loads(base64.b64decode(record['kinesis']['data'])) for record in event['Records']]
