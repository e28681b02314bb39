import base64, json

def read_request(event):
    method = event["requestContext"]["http"]["method"]
    # API Gateway leaves queryStringParameters out when there is no query
    # string, and some tools send it as null: "or {}" covers both.
    query = event.get("queryStringParameters") or {}
    body = event.get("body")  # absent on a request without a body
    if body is None:
        return method, query, None
    if event.get("isBase64Encoded"):
        body = base64.b64decode(body)  # bytes, which json.loads accepts
    return method, query, json.loads(body)
