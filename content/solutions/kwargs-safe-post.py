import json

TABLE = "ccbda-lambda-first"
calls = []

def put_item(*, TableName, Item, **rest):
    calls.append({"TableName": TableName, "Item": Item, **rest})
    return {}

BAD_REQUEST = {"statusCode": 400, "body": "bad request"}

def safe_post(event):
    try:
        # A missing body is None, which json.loads refuses with TypeError;
        # text that is not JSON raises ValueError (JSONDecodeError).
        body = json.loads(event.get("body"))
    except (TypeError, ValueError):
        return BAD_REQUEST
    if not isinstance(body, dict) or set(body) != {"thingID"}:
        return BAD_REQUEST
    thing_id = body["thingID"]
    if not isinstance(thing_id, str) or not 1 <= len(thing_id) <= 100:
        return BAD_REQUEST
    # No ** here: the server names the table and builds the item, so the
    # caller decides one checked string and nothing else.
    put_item(TableName=TABLE, Item={"thingID": {"S": thing_id}})
    return {"statusCode": 201, "body": "created"}
