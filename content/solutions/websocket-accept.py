import base64, hashlib

# Fixed by RFC 6455: the server appends it to the key, so only a real
# WebSocket server can produce the answer.
WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

def accept_value(key):
    digest = hashlib.sha1((key + WEBSOCKET_GUID).encode("ascii")).digest()
    return base64.b64encode(digest).decode("ascii")
