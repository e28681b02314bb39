def send(item):
    """Pretend to post one message to one browser."""

def lambda_handler(event, context):
    sent = 0
    for item in event["items"]:
        # Ask before every send: the clock runs on while the handler works,
        # and stopping early beats being cut off by the timeout mid-way.
        if context.get_remaining_time_in_millis() < 500:
            break
        send(item)
        sent += 1
    return {"sent": sent}
