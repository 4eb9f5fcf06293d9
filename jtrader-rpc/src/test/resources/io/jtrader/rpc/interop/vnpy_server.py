"""A vn.py-shaped RpcServer (REP + PUB, one pickle per frame, single-threaded like vn.py's).

usage: vnpy_server.py HEARTBEAT_INTERVAL_SECONDS
Binds free loopback ports and prints "READY rep=... pub=...". Replies alternate pickle protocols 4 and 5;
publishes ["heartbeat", time.time()] and ["", {"seq": n, "direction": Direction.LONG}] every interval.
Stops after 120 s or when its parent kills it.
"""
import os
import pickle
import sys
import time
import traceback

import zmq

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vnpy_shapes import Direction, Offset  # noqa: E402

interval = float(sys.argv[1])
context = zmq.Context()
rep = context.socket(zmq.REP)
rep.bind("tcp://127.0.0.1:*")
pub = context.socket(zmq.PUB)
pub.bind("tcp://127.0.0.1:*")
print("READY rep=%s pub=%s" % (rep.getsockopt_string(zmq.LAST_ENDPOINT), pub.getsockopt_string(zmq.LAST_ENDPOINT)),
      flush=True)


def fail():
    raise ValueError("bad price")


def slow(seconds):
    time.sleep(seconds)
    return "slow done"


functions = {
    "add": lambda a, b: a + b,
    "fail": fail,
    "slow": slow,
    "enum_back": lambda: [Direction.LONG, Offset.OPEN],
    "describe_enum": lambda member: "%s.%s" % (type(member).__name__, member.name),
}
sent = 0
seq = 0
next_beat = time.time()
stop_at = time.time() + 120
while time.time() < stop_at:
    if rep.poll(10):
        sent += 1
        protocol = 4 if sent % 2 else 5
        try:
            name, args, kwargs = pickle.loads(rep.recv())
            reply = [True, functions[name](*args, **kwargs)]
        except Exception:
            reply = [False, traceback.format_exc()]
        rep.send(pickle.dumps(reply, protocol=protocol))
    if time.time() >= next_beat:
        next_beat += interval
        seq += 1
        protocol = 4 if seq % 2 else 5
        pub.send(pickle.dumps(["heartbeat", time.time()], protocol=protocol))
        pub.send(pickle.dumps(["", {"seq": seq, "direction": Direction.LONG, "offset": Offset.OPEN}], protocol=protocol))
