"""Task 8.2's stream consumer: send every batch of aircraft to every connected client.

Lambda reads the Kinesis stream for it (an event source mapping, batch size
100) and passes a batch of records whose data is base64-encoded JSON, one
aircraft each. The whole batch goes to each connection in the table as one
message. A connection that answers GoneException was closed without a clean
$disconnect and is removed.

Only GoneException is caught around the send: if the function raised, Lambda
would retry the whole batch, by default until its records expire, and every
client that did receive it would receive it again.
"""

import base64
import json
import logging
import os

import boto3

logger = logging.getLogger()
logger.setLevel(os.environ.get('LOG_LEVEL', 'INFO'))

dynamodb = boto3.client('dynamodb')
TABLE = os.environ['TABLE_NAME']
management_clients = {}  # one @connections client per callback URL, kept while the function is warm


def connections_at(url):
    if url not in management_clients:
        management_clients[url] = boto3.client('apigatewaymanagementapi', endpoint_url=url)
    return management_clients[url]


def aircraft_in(records):
    """The aircraft the records carry, in stream order; a record that is not JSON is skipped, not retried forever."""
    aircraft = []
    for record in records:
        try:
            aircraft.append(json.loads(base64.b64decode(record['kinesis']['data'])))
        except ValueError:
            logger.warning('skipping record %s: not JSON', record['kinesis']['sequenceNumber'])
    return aircraft


def lambda_handler(event, context):
    aircraft = aircraft_in(event['Records'])
    message = json.dumps({'type': 'positions', 'aircraft': aircraft}).encode()
    sent = gone = 0
    # One scan call returns at most 1 MB of items; the paginator fetches the rest.
    for page in dynamodb.get_paginator('scan').paginate(TableName=TABLE):
        for item in page['Items']:
            connection_id = item['connectionid']['S']
            connections = connections_at(item['callbackurl']['S'])
            try:
                connections.post_to_connection(ConnectionId=connection_id, Data=message)
                sent += 1
            except connections.exceptions.GoneException:
                dynamodb.delete_item(TableName=TABLE, Key={'connectionid': {'S': connection_id}})
                gone += 1
    logger.info('%d positions sent to %d connections; %d gone', len(aircraft), sent, gone)
