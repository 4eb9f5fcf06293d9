"""A vn.py-shaped RPC client (REQ + SUB, one pickle per frame) run against a jtrader server.

usage: vnpy_client.py REP_ADDRESS PUB_ADDRESS
Prints one line per check, 'OK <what> <detail>'; exits non-zero with 'FAIL <reason>' on the first failure.
"""
import pickle
import sys
import time

import zmq

from vnpy_standins import Direction, Exchange, Offset, OrderType, Product, Status, OrderRequest, SubscribeRequest

rep, pub = sys.argv[1], sys.argv[2]
ctx = zmq.Context()
req = ctx.socket(zmq.REQ)
req.connect(rep)
sub = ctx.socket(zmq.SUB)
sub.setsockopt_string(zmq.SUBSCRIBE, "")
sub.connect(pub)
poller = zmq.Poller()
poller.register(sub, zmq.POLLIN)


def fail(reason):
    print("FAIL " + reason, flush=True)
    sys.exit(1)


def call(name, *args):
    req.send(pickle.dumps([name, args, {}]))
    if not req.poll(10000):
        fail(f"no reply to {name} within 10 s")
    ok, result = pickle.loads(req.recv())
    return ok, result


def expect(name, *args):
    ok, result = call(name, *args)
    if not ok:
        fail(f"{name} answered an error: {result}")
    return result


def next_event(deadline):
    while time.time() < deadline:
        if poller.poll(200):
            topic, data = pickle.loads(sub.recv())
            if topic == "heartbeat":
                continue
            return data
    return None


# the subscription is in place once anything (a heartbeat) arrives
deadline = time.time() + 10
while time.time() < deadline and not poller.poll(200):
    pass
if time.time() >= deadline:
    fail("no heartbeat from the server within 10 s")
pickle.loads(sub.recv())

contracts = expect("get_all_contracts")
futures = [c for c in contracts if c.exchange is Exchange.SHFE and c.product is Product.FUTURES]
if not futures:
    fail(f"no SHFE futures among {len(contracts)} contracts")
contract = futures[0]
print(f"OK contracts {len(contracts)} {contract.vt_symbol} {contract.gateway_name}", flush=True)
accounts = expect("get_all_accounts")
print(f"OK accounts {len(accounts)} {accounts[0].vt_accountid} {accounts[0].available}", flush=True)

gateway = contract.gateway_name
if expect("subscribe", SubscribeRequest(symbol=contract.symbol, exchange=Exchange.SHFE), gateway) is not None:
    fail("subscribe returned something other than None")
tick = None
deadline = time.time() + 15
while tick is None:
    event = next_event(deadline)
    if event is None:
        fail("no tick event within 15 s")
    if event.type == "eTick." and event.data.vt_symbol == contract.vt_symbol:
        tick = event.data
print(f"OK tick {tick.vt_symbol} {tick.last_price} {tick.datetime.tzinfo}", flush=True)

vt_orderid = expect("send_order", OrderRequest(symbol=contract.symbol, exchange=Exchange.SHFE,
                    direction=Direction.LONG, type=OrderType.LIMIT, volume=1.0, price=float(tick.limit_up),
                    offset=Offset.OPEN), gateway)
if vt_orderid.count(".") != 1 or not vt_orderid.startswith(gateway + "."):
    fail(f"send_order returned {vt_orderid!r}")
print(f"OK send_order {vt_orderid}", flush=True)

statuses, specific_orders, trades = [], 0, []
deadline = time.time() + 15
while not (statuses and statuses[-1] is Status.ALLTRADED and trades):
    event = next_event(deadline)
    if event is None:
        fail(f"order {vt_orderid} not filled within 15 s: {statuses} {trades}")
    data = event.data
    if event.type == "eOrder." and data.vt_orderid == vt_orderid:
        statuses.append(data.status)
    elif event.type == "eOrder." + vt_orderid:
        specific_orders += 1
    elif event.type == "eTrade." and data.vt_orderid == vt_orderid:
        trades.append(data)
print(f"OK order_events {'>'.join(s.name for s in statuses)}", flush=True)
print(f"OK trade {trades[0].vt_tradeid} {trades[0].volume} {trades[0].direction.name}", flush=True)

print(f"OK unknown_gateway {expect('send_order', OrderRequest(symbol=contract.symbol, exchange=Exchange.SHFE, direction=Direction.LONG, type=OrderType.LIMIT, volume=1.0, price=1.0), 'NOSUCH')!r}", flush=True)
ok, text = call("no_such_function")
print(f"OK unknown_function {ok} {text.strip().splitlines()[-1]}", flush=True)
ok, text = call("send_order", "not an order")
print(f"OK bad_arguments {ok} {text.strip().splitlines()[-1]}", flush=True)
order = expect("get_order", vt_orderid)
print(f"OK get_order {order.vt_orderid} {order.status.name} {order.traded}", flush=True)
print("DONE", flush=True)
