"""Task 8.2's $connect function: remember a client that has just connected.

API Gateway calls it while the client's WebSocket handshake waits. It stores
the connection id and the @connections endpoint where the client can be
reached, so a backend that is not handling this client's message (the stream
consumer) can send to it later. Answering with any statusCode other than 2xx,
or raising, refuses the connection.
"""

import logging
import os

import boto3

logger = logging.getLogger()
logger.setLevel(os.environ.get('LOG_LEVEL', 'INFO'))

dynamodb = boto3.client('dynamodb')
TABLE = os.environ['TABLE_NAME']


def lambda_handler(event, context):
    request = event['requestContext']
    # The stage's @connections endpoint, built from the event so the same code works for any API, stage and region.
    callback_url = f"https://{request['domainName']}/{request['stage']}"
    dynamodb.put_item(
        TableName=TABLE,
        Item={
            'connectionid': {'S': request['connectionId']},
            'callbackurl': {'S': callback_url},
        },
    )
    logger.info('connected %s', request['connectionId'])
    return {'statusCode': 200}
