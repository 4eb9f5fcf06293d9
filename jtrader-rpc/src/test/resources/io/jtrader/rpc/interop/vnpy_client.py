"""A vn.py-shaped RpcClient (REQ + SUB, one pickle per frame) calling a jtrader RpcServer.

usage: vnpy_client.py REP_ENDPOINT PUB_ENDPOINT
Prints one JSON object per line; exits 0 when every step got an answer.
"""
import json
import os
import pickle
import sys
import time

import zmq

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vnpy_shapes import Direction, Offset  # noqa: E402

rep_endpoint, pub_endpoint = sys.argv[1], sys.argv[2]
context = zmq.Context()
sub = context.socket(zmq.SUB)
sub.setsockopt_string(zmq.SUBSCRIBE, "")
sub.connect(pub_endpoint)
req = context.socket(zmq.REQ)
req.connect(rep_endpoint)


def as_json(value):
    if isinstance(value, (Direction, Offset)):
        return "%s.%s" % (type(value).__name__, value.name)
    raise TypeError("cannot report %r" % (value,))


def out(**fields):
    print(json.dumps(fields, ensure_ascii=False, default=as_json), flush=True)


def call(name, args, kwargs=None, protocol=pickle.DEFAULT_PROTOCOL):
    req.send(pickle.dumps([name, args, kwargs or {}], protocol=protocol))
    if not req.poll(10000):
        sys.exit("no reply to %s within 10 s" % name)
    return pickle.loads(req.recv())


def receive(timeout_s):
    if not sub.poll(int(timeout_s * 1000)):
        sys.exit("nothing published within %s s" % timeout_s)
    return pickle.loads(sub.recv())


deadline = time.time() + 10
while True:
    topic, data = receive(max(0.0, deadline - time.time()))
    if topic == "heartbeat":
        out(kind="heartbeat", type=type(data).__name__, age=time.time() - data)
        break

for protocol in (4, 5):
    ok, result = call("add", (2, 3), protocol=protocol)
    out(kind="reply", name="add", protocol=protocol, ok=ok, result=result)
ok, result = call("add", (2,), {"b": 40})
out(kind="reply", name="add_kwargs", ok=ok, result=result)
for name in ("fail", "no_such_function"):
    ok, text = call(name, ())
    out(kind="reply", name=name, ok=ok, last=text.strip().splitlines()[-1])
ok, text = call("add", (1, 2, 3))
out(kind="reply", name="add_too_many", ok=ok, last=text.strip().splitlines()[-1])
ok, result = call("describe_enum", (Direction.SHORT,))
out(kind="reply", name="describe_enum_direction", ok=ok, result=result)
ok, result = call("describe_enum", (Offset.CLOSE,))
out(kind="reply", name="describe_enum_offset", ok=ok, result=result)
ok, result = call("enum_back", ())
out(kind="reply", name="enum_back", ok=ok, is_direction=isinstance(result, Direction),
    member=getattr(result, "name", repr(result)))
req.send(b"\x80\x04garbage")
ok, text = pickle.loads(req.recv()) if req.poll(10000) else sys.exit("no reply to garbage")
out(kind="reply", name="garbage", ok=ok, last=text.strip().splitlines()[-1])

out(kind="subscribed")
published = 0
while published < 3:
    topic, data = receive(10)
    if topic == "heartbeat":
        continue
    out(kind="publish", topic=topic, data=data)
    published += 1
out(kind="done")
