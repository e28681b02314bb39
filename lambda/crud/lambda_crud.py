"""Task 8.1's CRUD function: one handler behind every route of the HTTP API.

API Gateway (payload format 2.0) passes the HTTP method in
event['requestContext']['http']['method']. The JSON body, or for GET the query
string, is handed straight to the DynamoDB call as keyword arguments -- that
is the lab's point about **kwargs, and also its price: the caller chooses the
table and every other parameter of the call.

Unlike the lab's listing, every branch returns a response (its `except`
branch forgot to), a missing query string or body is an empty set of
arguments rather than a crash, and the region and log level come from the
environment instead of being written into the code.
"""

import base64
import json
import logging
import os

import boto3

logger = logging.getLogger()
logger.setLevel(os.environ.get('LOG_LEVEL', 'INFO'))

dynamodb = boto3.client('dynamodb', region_name=os.environ.get('AWS_REGION', 'us-east-1'))

CORS_HEADERS = {
    'Content-Type': 'application/json',
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST, DELETE, PUT, OPTIONS',
}

# Which DynamoDB call each method makes with the request body's arguments.
BODY_OPERATIONS = {
    'POST': dynamodb.put_item,
    'DELETE': dynamodb.delete_item,
    'PUT': dynamodb.update_item,
}


def lambda_handler(event, context):
    method = event['requestContext']['http']['method']
    logger.info('operation %s', method)
    try:
        if method == 'OPTIONS':
            return respond('')
        if method == 'GET':
            # Without a query string, API Gateway leaves queryStringParameters out.
            return respond(dynamodb.scan(**(event.get('queryStringParameters') or {})))
        if method in BODY_OPERATIONS:
            return respond(BODY_OPERATIONS[method](**request_arguments(event)))
        return respond(None, f'Unsupported method "{method}"')
    except Exception as error:
        logger.exception('%s failed', method)
        return respond(None, f'{type(error).__name__}: {error}')


def request_arguments(event):
    """The JSON object in the request body (API Gateway may send it base64-encoded)."""
    body = event.get('body') or '{}'
    if event.get('isBase64Encoded'):
        body = base64.b64decode(body).decode('utf-8')
    arguments = json.loads(body)
    if not isinstance(arguments, dict):
        raise ValueError('the request body must be a JSON object of DynamoDB parameters')
    return arguments


def respond(result, error=None):
    response = {
        'statusCode': 200 if error is None else 400,
        'body': json.dumps(result) if error is None else json.dumps({'error': error}),
        'headers': CORS_HEADERS,
    }
    logger.info('response status %s', response['statusCode'])
    return response
