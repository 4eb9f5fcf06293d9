"""Stand-ins for the vn.py classes that travel on the RPC wire, written for jtrader's interop tests.

Only the shapes matter: module and class names, field names and defaults, derived keys, enum values.
Importing this module registers vnpy.trader.object, vnpy.trader.constant and vnpy.event.engine in
sys.modules so that pickle can find the classes by name. Enums pickle BY VALUE (as vn.py does on most
CPython versions) whatever the interpreter's default.
"""
import sys
import types
from datetime import datetime
from enum import Enum


def _module(name):
    mod = types.ModuleType(name)
    sys.modules[name] = mod
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, mod)
    return mod


for _name in ("vnpy", "vnpy.trader", "vnpy.event"):
    if _name not in sys.modules:
        _module(_name)
constant = _module("vnpy.trader.constant")
obj = _module("vnpy.trader.object")
engine = _module("vnpy.event.engine")


class _ByValue:
    def __reduce_ex__(self, protocol):
        return self.__class__, (self._value_,)


def _enum(name, members):
    cls = Enum(name, members, module="vnpy.trader.constant", type=_ByValue)
    cls.__qualname__ = name
    setattr(constant, name, cls)
    return cls


Direction = _enum("Direction", [("LONG", "多"), ("SHORT", "空"), ("NET", "净")])
Offset = _enum("Offset", [("NONE", ""), ("OPEN", "开"), ("CLOSE", "平"), ("CLOSETODAY", "平今"),
                          ("CLOSEYESTERDAY", "平昨")])
Status = _enum("Status", [("SUBMITTING", "提交中"), ("NOTTRADED", "未成交"), ("PARTTRADED", "部分成交"),
                          ("ALLTRADED", "全部成交"), ("CANCELLED", "已撤销"), ("REJECTED", "拒单")])
Product = _enum("Product", [("EQUITY", "股票"), ("FUTURES", "期货"), ("OPTION", "期权"), ("INDEX", "指数"),
                            ("FOREX", "外汇"), ("SPOT", "现货"), ("ETF", "ETF"), ("BOND", "债券"),
                            ("WARRANT", "权证"), ("SPREAD", "价差"), ("FUND", "基金"), ("CFD", "CFD"),
                            ("SWAP", "互换")])
OrderType = _enum("OrderType", [("LIMIT", "限价"), ("MARKET", "市价"), ("STOP", "STOP"), ("FAK", "FAK"),
                                ("FOK", "FOK"), ("RFQ", "询价"), ("ETF", "ETF")])
OptionType = _enum("OptionType", [("CALL", "看涨期权"), ("PUT", "看跌期权")])
Exchange = _enum("Exchange", [(n, n) for n in (
    "CFFEX SHFE CZCE DCE INE GFEX SSE SZSE BSE SHHK SZHK SGE WXE CFETS XBOND SMART NYSE NASDAQ ARCA EDGEA "
    "ISLAND BATS IEX AMEX TSE NYMEX COMEX GLOBEX IDEALPRO CME ICE SEHK HKFE SGX CBOT CBOE CFE DME APEX LME "
    "BMD TOCOM EUNX KRX OTC IBKRATS LOCAL GLOBAL").split()] + [("EUREX", "EUX")])
Currency = _enum("Currency", [("USD", "USD"), ("HKD", "HKD"), ("CNY", "CNY"), ("CAD", "CAD")])
Interval = _enum("Interval", [("MINUTE", "1m"), ("HOUR", "1h"), ("DAILY", "d"), ("WEEKLY", "w"), ("TICK", "tick")])


def _data_class(name, fields, derive=None):
    """A plain class with keyword construction, defaults, and derived keys computed after the fields."""
    def __init__(self, **kwargs):
        for field, default in fields:
            if field not in kwargs and default is _REQUIRED:
                raise TypeError(f"{name}() missing required argument: '{field}'")
            setattr(self, field, kwargs.pop(field, default))
        if kwargs:
            raise TypeError(f"{name}() got unexpected arguments {sorted(kwargs)}")
        if derive:
            derive(self)

    def __repr__(self):
        return f"{name}({self.__dict__})"

    cls = type(name, (), {"__init__": __init__, "__repr__": __repr__, "__module__": "vnpy.trader.object"})
    cls.__qualname__ = name
    setattr(obj, name, cls)
    return cls


_REQUIRED = object()


def _vt_symbol(o):
    o.vt_symbol = f"{o.symbol}.{o.exchange.value}"


def _vt_order(o):
    _vt_symbol(o)
    o.vt_orderid = f"{o.gateway_name}.{o.orderid}"


def _vt_trade(o):
    _vt_order(o)
    o.vt_tradeid = f"{o.gateway_name}.{o.tradeid}"


def _vt_position(o):
    _vt_symbol(o)
    o.vt_positionid = f"{o.gateway_name}.{o.vt_symbol}.{o.direction.value}"


def _vt_account(o):
    if not hasattr(o, "available") or o.available is None:
        o.available = o.balance - o.frozen
    o.vt_accountid = f"{o.gateway_name}.{o.accountid}"


def _log_time(o):
    o.time = datetime.now()


R = _REQUIRED
TickData = _data_class("TickData", [("gateway_name", R), ("symbol", R), ("exchange", R), ("datetime", R),
    ("name", ""), ("volume", 0), ("turnover", 0), ("open_interest", 0), ("last_price", 0), ("last_volume", 0),
    ("limit_up", 0), ("limit_down", 0), ("open_price", 0), ("high_price", 0), ("low_price", 0), ("pre_close", 0)]
    + [(f"{side}_{kind}_{i}", 0) for kind in ("price", "volume") for side in ("bid", "ask") for i in range(1, 6)]
    + [("localtime", None)], _vt_symbol)
OrderData = _data_class("OrderData", [("gateway_name", R), ("symbol", R), ("exchange", R), ("orderid", R),
    ("type", OrderType.LIMIT), ("direction", None), ("offset", Offset.NONE), ("price", 0), ("volume", 0),
    ("traded", 0), ("status", Status.SUBMITTING), ("datetime", None), ("reference", "")], _vt_order)
TradeData = _data_class("TradeData", [("gateway_name", R), ("symbol", R), ("exchange", R), ("orderid", R),
    ("tradeid", R), ("direction", None), ("offset", Offset.NONE), ("price", 0), ("volume", 0),
    ("datetime", None)], _vt_trade)
PositionData = _data_class("PositionData", [("gateway_name", R), ("symbol", R), ("exchange", R),
    ("direction", R), ("volume", 0), ("frozen", 0), ("price", 0), ("pnl", 0), ("yd_volume", 0)], _vt_position)
AccountData = _data_class("AccountData", [("gateway_name", R), ("accountid", R), ("balance", 0), ("frozen", 0),
    ("available", None)], _vt_account)
LogData = _data_class("LogData", [("gateway_name", R), ("msg", R), ("level", 20)], _log_time)
ContractData = _data_class("ContractData", [("gateway_name", R), ("symbol", R), ("exchange", R), ("name", R),
    ("product", R), ("size", R), ("pricetick", R), ("min_volume", 1), ("max_volume", None),
    ("stop_supported", False), ("net_position", False), ("history_data", False), ("option_strike", None),
    ("option_underlying", None), ("option_type", None), ("option_listed", None), ("option_expiry", None),
    ("option_portfolio", None), ("option_index", None)], _vt_symbol)
BarData = _data_class("BarData", [("gateway_name", R), ("symbol", R), ("exchange", R), ("datetime", R),
    ("interval", None), ("volume", 0), ("turnover", 0), ("open_interest", 0), ("open_price", 0),
    ("high_price", 0), ("low_price", 0), ("close_price", 0)], _vt_symbol)
SubscribeRequest = _data_class("SubscribeRequest", [("symbol", R), ("exchange", R)], _vt_symbol)
OrderRequest = _data_class("OrderRequest", [("symbol", R), ("exchange", R), ("direction", R), ("type", R),
    ("volume", R), ("price", 0), ("offset", Offset.NONE), ("reference", "")], _vt_symbol)
CancelRequest = _data_class("CancelRequest", [("orderid", R), ("symbol", R), ("exchange", R)], _vt_symbol)
HistoryRequest = _data_class("HistoryRequest", [("symbol", R), ("exchange", R), ("start", R), ("end", None),
    ("interval", None)], _vt_symbol)


class Event:
    def __init__(self, type, data=None):
        self.type = type
        self.data = data

    def __repr__(self):
        return f"Event({self.type!r}, {self.data!r})"


Event.__module__ = "vnpy.event.engine"
engine.Event = Event
