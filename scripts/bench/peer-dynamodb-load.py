# DynamoDB load for the peers area, made with boto3 as a student's script makes it:
# THREADS threads, each with its own signed client, alternate PutItem and GetItem on
# keys of their own for SECONDS; a short unmeasured warm-up first (connections, boto3's
# first-call loading). Reads its settings as JSON on stdin, prints one JSON line:
# operations done, seconds, ops/s, latency p50/p99 (ms), errors and the first one.
import json
import sys
import threading
import time

import boto3
from botocore.config import Config

settings = json.load(sys.stdin)
threads = settings["threads"]
table = settings["table"]
# One attempt: a failed call counts once as an error, never as a slow success.
config = Config(retries={"total_max_attempts": 1}, max_pool_connections=2)
session = boto3.session.Session()
# Made here, one per thread: creating clients is not thread-safe in boto3.
clients = [
    session.client(
        "dynamodb",
        endpoint_url=settings["endpoint"],
        region_name=settings["region"],
        aws_access_key_id=settings["accessKeyId"],
        aws_secret_access_key=settings["secretAccessKey"],
        aws_session_token=settings.get("sessionToken"),
        config=config,
    )
    for _ in range(threads)
]
window = {}


def open_window():
    window["started"] = time.perf_counter()
    window["ends"] = window["started"] + settings["seconds"]


# Every thread warmed up before the window opens; the action runs before any is released.
start_line = threading.Barrier(threads + 1, action=open_window)
latencies = [[] for _ in range(threads)]
errors = []


def call(client, thread, i):
    key = {"thingID": {"S": f"{settings['prefix']}-{thread}-{i // 2}"}}
    if i % 2 == 0:
        client.put_item(TableName=table, Item={**key, "n": {"N": str(i)}})
    else:
        client.get_item(TableName=table, Key=key)


def worker(thread):
    client = clients[thread]
    for i in range(settings["warmupCalls"]):
        call(client, thread, -2 - i)
    start_line.wait()
    mine = latencies[thread]
    i = 0
    while time.perf_counter() < window["ends"]:
        started = time.perf_counter()
        try:
            call(client, thread, i)
            mine.append((time.perf_counter() - started) * 1000)
        except Exception as error:  # counted and reported: a loaded machine may time a call out
            errors.append(str(error))
        i += 1


workers = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
for w in workers:
    w.start()
start_line.wait()
for w in workers:
    w.join()
seconds = time.perf_counter() - window["started"]
done = sorted(x for mine in latencies for x in mine)


def percentile(p):
    return done[min(len(done) - 1, max(0, -(-p * len(done) // 100) - 1))] if done else None


print(
    json.dumps(
        {
            "ops": len(done),
            "seconds": seconds,
            "opsPerSecond": len(done) / seconds,
            "p50": percentile(50),
            "p99": percentile(99),
            "errors": len(errors),
            "firstError": errors[0] if errors else None,
        }
    )
)
