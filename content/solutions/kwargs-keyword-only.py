def websocket_url(host, *, port=443, secure=True, path="/"):
    # Everything after the lone * can only be passed by name, so
    # websocket_url("localhost", 8765) raises TypeError instead of guessing.
    scheme = "wss" if secure else "ws"
    return f"{scheme}://{host}:{port}{path}"
