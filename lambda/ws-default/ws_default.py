"""Task 8.2's $default function: answer a client's `hello!` with the map's `init`.

Every message that matches no other route lands here. The answer goes back
through the @connections API (post_to_connection), not through the return
value: a WebSocket route passes its integration's answer on only when it has
a route response, and this one has none.
"""

import json
import logging
import os

import boto3

logger = logging.getLogger()
logger.setLevel(os.environ.get('LOG_LEVEL', 'INFO'))

# Barcelona-El Prat (BCN): the map's centre and the box it shows.
INIT = {
    'type': 'init',
    'airport': 'BCN',
    'center': {'lat': 41.2974, 'lon': 2.0833},
    'bounds': {'south': 40.85, 'west': 1.45, 'north': 41.75, 'east': 2.75},
}
UNKNOWN = {'type': 'error', 'message': 'send hello! to start'}

management_clients = {}  # one @connections client per endpoint, kept while the function is warm


def connections_at(url):
    if url not in management_clients:
        management_clients[url] = boto3.client('apigatewaymanagementapi', endpoint_url=url)
    return management_clients[url]


def lambda_handler(event, context):
    request = event['requestContext']
    connections = connections_at(f"https://{request['domainName']}/{request['stage']}")
    reply = INIT if (event.get('body') or '').strip() == 'hello!' else UNKNOWN
    try:
        connections.post_to_connection(ConnectionId=request['connectionId'], Data=json.dumps(reply).encode())
    except connections.exceptions.GoneException:
        # The client left before the answer was ready; $disconnect tidies up.
        logger.info('%s is gone', request['connectionId'])
    return {'statusCode': 200}
