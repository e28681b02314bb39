import json

class FakeDynamoDB:
    """Stands in for boto3.client('dynamodb'): it keeps items in a dict and,
    like the real client, refuses a call without TableName. Leave it as it is."""
    def __init__(self):
        self.items = {}
    def _need_table(self, kwargs):
        if 'TableName' not in kwargs:
            raise ValueError('Missing required parameter in input: "TableName"')
    def scan(self, **kwargs):
        self._need_table(kwargs)
        return {'Items': list(self.items.values()), 'Count': len(self.items)}
    def put_item(self, **kwargs):
        self._need_table(kwargs)
        self.items[kwargs['Item']['thingID']['S']] = kwargs['Item']
        return {}
    def delete_item(self, **kwargs):
        self._need_table(kwargs)
        self.items.pop(kwargs['Key']['thingID']['S'], None)
        return {}
    def update_item(self, **kwargs):
        self._need_table(kwargs)
        return {}

dynamodb = FakeDynamoDB()

def lambda_handler(event, context):
    operation = event['requestContext']['http']['method']
    try:
        if operation == 'GET':
            # Fix 1: without a query string API Gateway leaves the field out (or a
            # tool sends null); scan() then says TableName is missing, not KeyError.
            return respond(dynamodb.scan(**(event.get('queryStringParameters') or {})))
        elif operation == 'POST':
            return respond(dynamodb.put_item(**json.loads(event['body'])))
        elif operation == 'DELETE':
            return respond(dynamodb.delete_item(**json.loads(event['body'])))
        elif operation == 'PUT':
            return respond(dynamodb.update_item(**json.loads(event['body'])))
        elif operation == 'OPTIONS':
            return respond('')
        else:
            return respond(None, f'Unsupported method "{operation}"')
    except Exception as e:
        # Fix 2: return the error response; without return the caller gets None.
        return respond(None, f'{type(e).__name__}: {e}')

def respond(res, err=None):
    return {
        'statusCode': '200' if err is None else '400',
        'body': json.dumps(res) if err is None else err,
        'headers': {'Content-Type': 'application/json'},
    }

print(lambda_handler({'requestContext': {'http': {'method': 'GET'}}}, None))
