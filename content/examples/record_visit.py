"""Records one visit: adds 1 to the count of (page, today's date) in the table.

The event names the page, {"page": "about"}; without one, the visit is to "home".
ADD creates the item and its counter the first time, so no read comes first and two
visits at once both count.
"""

import datetime
import os

import boto3

dynamodb = boto3.client('dynamodb', region_name=os.environ.get('AWS_REGION', 'us-east-1'))
TABLE = os.environ['TABLE_NAME']


def handler(event, context):
    page = (event or {}).get('page', 'home')
    day = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    answer = dynamodb.update_item(
        TableName=TABLE,
        Key={'page': {'S': page}, 'day': {'S': day}},
        UpdateExpression='ADD visits :one',
        ExpressionAttributeValues={':one': {'N': '1'}},
        ReturnValues='UPDATED_NEW',
    )
    return {'page': page, 'day': day, 'visits': int(answer['Attributes']['visits']['N'])}
