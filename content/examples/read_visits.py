"""Reads a page's visits, day by day, with one Query on the partition key.

The event names the page, {"page": "about"}, or, through the HTTP API, the query string
does (GET /visits?page=about); without one, it is "home". The key
condition names `page` through the alias #page: DynamoDB reserves many plain words in
expressions (`day` is one, `page` is not), and an alias works for any name.
"""

import os

import boto3

dynamodb = boto3.client('dynamodb', region_name=os.environ.get('AWS_REGION', 'us-east-1'))
TABLE = os.environ['TABLE_NAME']


def handler(event, context):
    event = event or {}
    page = (event.get('queryStringParameters') or {}).get('page') or event.get('page', 'home')
    answer = dynamodb.query(
        TableName=TABLE,
        KeyConditionExpression='#page = :page',
        ExpressionAttributeNames={'#page': 'page'},
        ExpressionAttributeValues={':page': {'S': page}},
    )
    days = {item['day']['S']: int(item['visits']['N']) for item in answer['Items']}
    return {'page': page, 'days': days, 'total': sum(days.values())}
