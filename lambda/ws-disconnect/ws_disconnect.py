"""Task 8.2's $disconnect function: forget a client whose connection has closed.

API Gateway calls it after the connection is gone, whichever side closed it,
so nothing it returns reaches anyone; it only tidies the connections table.
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
    dynamodb.delete_item(TableName=TABLE, Key={'connectionid': {'S': request['connectionId']}})
    logger.info('disconnected %s (%s %s)', request['connectionId'],
                request.get('disconnectStatusCode'), request.get('disconnectReason'))
    return {'statusCode': 200}
