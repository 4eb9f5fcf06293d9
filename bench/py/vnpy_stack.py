#!/usr/bin/env python3
"""The Python stack vn.py is built on, written the way vn.py's RpcServer/RpcClient use it (pyzmq REQ/REP and
PUB/SUB, one pickle per frame via send_pyobj/recv_pyobj), for jtrader's benchmark suite. Our own small code; no
vn.py code is copied or needed.

  server      --rep ADDR --pub ADDR           REP serving send_order like vn.py's RpcServer; PUB for bursts
  client      --rep ADDR --calls N --warmup W round trips of send_order(...) from a REQ socket
  subscriber  --pub ADDR --expect N           SUB counting publishes until N or 3 s of silence
Control lines on stdin/stdout (READY, GO n, SENT, ROUNDTRIP ..., RECEIVED ...) so the Java driver can run them.
"""
import pickle
import sys
import threading
import time

import zmq


def arg(name, default=None):
    argv = sys.argv
    for i in range(len(argv) - 1):
        if argv[i] == "--" + name:
            return argv[i + 1]
    return default


def send_order(symbol, direction, price, volume):
    return "SIM.1"


def server():
    ctx = zmq.Context()
    rep = ctx.socket(zmq.REP)
    rep.bind(arg("rep", "tcp://127.0.0.1:*"))
    pub = ctx.socket(zmq.PUB)
    pub.setsockopt(zmq.SNDHWM, 0)
    pub.bind(arg("pub", "tcp://127.0.0.1:*"))
    functions = {"send_order": send_order}
    with open(arg("tick"), "rb") as f:
        tick = pickle.loads(f.read())[1]   # the golden ["", Event("eTick.", TickData)]: publish its Event

    def serve():   # vn.py's RpcServer.run: poll with a timeout, recv_pyobj, call, send_pyobj
        while True:
            if not rep.poll(1000):
                continue
            name, args, kwargs = rep.recv_pyobj()
            try:
                rep.send_pyobj([True, functions[name](*args, **kwargs)])
            except Exception as e:   # vn.py sends the traceback text
                rep.send_pyobj([False, "%s: %s" % (type(e).__name__, e)])

    threading.Thread(target=serve, daemon=True).start()
    print("READY rep=%s pub=%s" % (rep.getsockopt_string(zmq.LAST_ENDPOINT),
                                   pub.getsockopt_string(zmq.LAST_ENDPOINT)), flush=True)
    for line in sys.stdin:
        parts = line.split()
        if len(parts) == 2 and parts[0] == "GO":
            n = int(parts[1])
            start = time.perf_counter()
            for _ in range(n):
                pub.send_pyobj(["", tick])   # vn.py's RpcServer.publish: send_pyobj([topic, data])
            print("SENT n=%d seconds=%f" % (n, time.perf_counter() - start), flush=True)


def percentile(sorted_values, q):
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, int(round(q / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def client():
    ctx = zmq.Context()
    req = ctx.socket(zmq.REQ)
    req.setsockopt(zmq.RCVTIMEO, 10000)
    req.connect(arg("rep"))
    calls, warmup = int(arg("calls", "20000")), int(arg("warmup", "20000"))
    request = ["send_order", ("rb2601.SHFE", "LONG", 3500.0, 1.0), {}]
    for _ in range(warmup):
        req.send_pyobj(request)
        req.recv_pyobj()
    samples = []
    start = time.perf_counter()
    for _ in range(calls):   # vn.py's RpcClient.__getattr__ -> send_pyobj, recv_pyobj
        t0 = time.perf_counter_ns()
        req.send_pyobj(request)
        ok, result = req.recv_pyobj()
        samples.append(time.perf_counter_ns() - t0)
        if not ok:
            raise SystemExit("remote error: %s" % result)
    seconds = time.perf_counter() - start
    samples.sort()
    print("ROUNDTRIP p50=%.1f p99=%.1f rate=%.0f" % (percentile(samples, 50) / 1e3, percentile(samples, 99) / 1e3,
                                                    calls / seconds), flush=True)


def subscriber():
    ctx = zmq.Context()
    sub = ctx.socket(zmq.SUB)
    sub.setsockopt(zmq.RCVHWM, 0)
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    sub.connect(arg("pub"))
    print("READY", flush=True)
    for line in sys.stdin:
        parts = line.split()
        if len(parts) != 2 or parts[0] != "EXPECT":
            continue
        n, received, first, last = int(parts[1]), 0, None, None
        while received < n:
            if not sub.poll(3000 if received else 30000):
                break
            topic, data = sub.recv_pyobj()   # vn.py's RpcClient.run: recv_pyobj, then callback(topic, data)
            last = time.perf_counter()
            if first is None:
                first = last
            received += 1
        print("RECEIVED n=%d seconds=%f" % (received, (last - first) if received > 1 else 0.0), flush=True)


if __name__ == "__main__":
    {"server": server, "client": client, "subscriber": subscriber}[sys.argv[1]]()
