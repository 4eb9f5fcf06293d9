"""A vn.py-shaped RPC server (REP + PUB, one pickle per frame, enums by value) for jtrader's RpcGateway tests.

usage: vnpy_server.py HEARTBEAT_SECONDS
Binds REP and PUB on free 127.0.0.1 ports and prints 'READY <rep> <pub>'. Publishes
['heartbeat', time.time()] every HEARTBEAT_SECONDS, and ['', Event] like vn.py's RpcEngine: every gateway
callback as the general event plus the specific one (with the server's ids), contracts and logs once.
"""
import pickle
import sys
import time
import traceback
from datetime import datetime
from zoneinfo import ZoneInfo

import zmq

from vnpy_standins import (AccountData, ContractData, Direction, Event, Exchange, LogData, Offset, OrderData,
                           OrderType, PositionData, Product, Status, TickData, TradeData)

interval = float(sys.argv[1])
CHINA_TZ = ZoneInfo("Asia/Shanghai")
ctx = zmq.Context()
rep = ctx.socket(zmq.REP)
pub = ctx.socket(zmq.PUB)
rep_port = rep.bind_to_random_port("tcp://127.0.0.1")
pub_port = pub.bind_to_random_port("tcp://127.0.0.1")

contracts = [ContractData(gateway_name="CTP", symbol="rb2601", exchange=Exchange.SHFE, name="螺纹钢2601",
                          product=Product.FUTURES, size=10, pricetick=1.0)]
account = AccountData(gateway_name="CTP", accountid="089121", balance=1000000.0, frozen=14412.0,
                      available=985588.0)   # the broker's own figure, not balance - frozen (W17)
position = PositionData(gateway_name="CTP", symbol="rb2601", exchange=Exchange.SHFE, direction=Direction.LONG,
                        volume=2, yd_volume=2, price=3500.0)
orders, trades = {}, []
calls = []
next_id = [0]


def publish(type_, data):
    pub.send(pickle.dumps(["", Event(type_, data)]))


def on_gateway(general, key, data):
    publish(general, data)
    publish(general + key, data)


def now():
    return datetime.now(CHINA_TZ)


def subscribe(req, gateway_name):
    calls.append(("subscribe", req.vt_symbol, gateway_name))
    for i in range(3):
        tick = TickData(gateway_name="CTP", symbol=req.symbol, exchange=req.exchange, datetime=now(),
                        last_price=3500 + i, limit_up=3800, limit_down=3200, bid_price_1=3499, ask_price_1=3501,
                        bid_volume_1=10, ask_volume_1=12)
        on_gateway("eTick.", tick.vt_symbol, tick)
    # a contract listed after connect (W11): the client must route its orders to gateway CTP2
    late = ContractData(gateway_name="CTP2", symbol="cu2601", exchange=Exchange.SHFE, name="沪铜2601",
                        product=Product.FUTURES, size=5, pricetick=10.0)
    publish("eContract.", late)
    publish("eLog", LogData(gateway_name="CTP", msg="行情订阅成功 " + req.vt_symbol))


def send_order(req, gateway_name):
    calls.append(("send_order", req.vt_symbol, gateway_name))
    if gateway_name not in ("CTP", "CTP2"):
        publish("eLog", LogData(gateway_name="MainEngine", msg=f"找不到底层接口：{gateway_name}"))
        return ""
    next_id[0] += 1
    orderid = f"1_-{next_id[0]}"
    order = OrderData(gateway_name=gateway_name, symbol=req.symbol, exchange=req.exchange, orderid=orderid,
                      type=req.type, direction=req.direction, offset=req.offset, price=req.price,
                      volume=req.volume, status=Status.NOTTRADED, datetime=now())
    on_gateway("eOrder.", order.vt_orderid, order)
    filled = OrderData(gateway_name=gateway_name, symbol=req.symbol, exchange=req.exchange, orderid=orderid,
                       type=req.type, direction=req.direction, offset=req.offset, price=req.price,
                       volume=req.volume, traded=req.volume, status=Status.ALLTRADED, datetime=now())
    orders[filled.vt_orderid] = filled
    on_gateway("eOrder.", filled.vt_orderid, filled)
    trade = TradeData(gateway_name=gateway_name, symbol=req.symbol, exchange=req.exchange, orderid=orderid,
                      tradeid=f"T{next_id[0]}", direction=req.direction, offset=req.offset, price=req.price,
                      volume=req.volume, datetime=now())
    trades.append(trade)
    on_gateway("eTrade.", trade.vt_symbol, trade)
    on_gateway("eAccount.", account.vt_accountid, account)
    return filled.vt_orderid


def cancel_order(req, gateway_name):
    calls.append(("cancel_order", req.orderid, gateway_name))


def query_history(req, gateway_name):
    return []


def get_calls():
    return [list(c) for c in calls]


functions = {
    "subscribe": subscribe, "send_order": send_order, "cancel_order": cancel_order,
    "query_history": query_history, "get_calls": get_calls,
    "get_all_contracts": lambda: contracts, "get_all_accounts": lambda: [account],
    "get_all_positions": lambda: [position], "get_all_orders": lambda: list(orders.values()),
    "get_all_trades": lambda: trades, "get_all_ticks": lambda: [], "get_all_active_orders": lambda: [],
}

print(f"READY tcp://127.0.0.1:{rep_port} tcp://127.0.0.1:{pub_port}", flush=True)
last_heartbeat = time.time()
while True:
    if rep.poll(100):
        name, args, kwargs = pickle.loads(rep.recv())
        try:
            rep.send(pickle.dumps([True, functions[name](*args, **kwargs)]))
        except Exception:
            rep.send(pickle.dumps([False, traceback.format_exc()]))
    if time.time() - last_heartbeat >= interval:
        last_heartbeat = time.time()
        pub.send(pickle.dumps(["heartbeat", last_heartbeat]))
