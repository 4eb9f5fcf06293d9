# Minimal stand-ins for vn.py's wire classes, written for jtrader's interop tests (not vn.py's code):
# same module and class names, field names, defaults and derived attributes as PROTOCOL.md section 5.
import os
import sys
import textwrap

MODULES = {
    "vnpy/__init__.py": "",
    "vnpy/event/__init__.py": "from .engine import Event\n",
    "vnpy/event/engine.py": textwrap.dedent('''
        class Event:
            def __init__(self, type, data=None):
                self.type = type
                self.data = data
    '''),
    "vnpy/trader/__init__.py": "",
    "vnpy/trader/constant.py": textwrap.dedent('''
        from enum import Enum

        class Direction(Enum):
            LONG = "多"; SHORT = "空"; NET = "净"

        class Offset(Enum):
            NONE = ""; OPEN = "开"; CLOSE = "平"; CLOSETODAY = "平今"; CLOSEYESTERDAY = "平昨"

        class Status(Enum):
            SUBMITTING = "提交中"; NOTTRADED = "未成交"; PARTTRADED = "部分成交"
            ALLTRADED = "全部成交"; CANCELLED = "已撤销"; REJECTED = "拒单"

        class Product(Enum):
            EQUITY = "股票"; FUTURES = "期货"; OPTION = "期权"; INDEX = "指数"; FOREX = "外汇"; SPOT = "现货"
            ETF = "ETF"; BOND = "债券"; WARRANT = "权证"; SPREAD = "价差"; FUND = "基金"; CFD = "CFD"; SWAP = "互换"

        class OrderType(Enum):
            LIMIT = "限价"; MARKET = "市价"; STOP = "STOP"; FAK = "FAK"; FOK = "FOK"; RFQ = "询价"; ETF = "ETF"

        class OptionType(Enum):
            CALL = "看涨期权"; PUT = "看跌期权"

        class Exchange(Enum):
            CFFEX = "CFFEX"; SHFE = "SHFE"; CZCE = "CZCE"; DCE = "DCE"; INE = "INE"; GFEX = "GFEX"
            SSE = "SSE"; SZSE = "SZSE"

        class Currency(Enum):
            USD = "USD"; HKD = "HKD"; CNY = "CNY"; CAD = "CAD"

        class Interval(Enum):
            MINUTE = "1m"; HOUR = "1h"; DAILY = "d"; WEEKLY = "w"; TICK = "tick"
    '''),
    "vnpy/trader/object.py": textwrap.dedent('''
        from dataclasses import dataclass, field
        from datetime import datetime
        from .constant import Direction, Offset, Status, OrderType, Exchange, Product, OptionType, Interval

        @dataclass
        class BaseData:
            gateway_name: str
            extra: dict = field(default=None, init=False)

        @dataclass
        class TickData(BaseData):
            symbol: str
            exchange: Exchange
            datetime: datetime
            name: str = ""
            volume: float = 0
            turnover: float = 0
            open_interest: float = 0
            last_price: float = 0
            last_volume: float = 0
            limit_up: float = 0
            limit_down: float = 0
            open_price: float = 0
            high_price: float = 0
            low_price: float = 0
            pre_close: float = 0
            bid_price_1: float = 0
            bid_price_2: float = 0
            bid_price_3: float = 0
            bid_price_4: float = 0
            bid_price_5: float = 0
            ask_price_1: float = 0
            ask_price_2: float = 0
            ask_price_3: float = 0
            ask_price_4: float = 0
            ask_price_5: float = 0
            bid_volume_1: float = 0
            bid_volume_2: float = 0
            bid_volume_3: float = 0
            bid_volume_4: float = 0
            bid_volume_5: float = 0
            ask_volume_1: float = 0
            ask_volume_2: float = 0
            ask_volume_3: float = 0
            ask_volume_4: float = 0
            ask_volume_5: float = 0
            localtime: datetime = None
            DERIVED = ("vt_symbol",)

        @dataclass
        class BarData(BaseData):
            symbol: str
            exchange: Exchange
            datetime: datetime
            interval: Interval = None
            volume: float = 0
            turnover: float = 0
            open_interest: float = 0
            open_price: float = 0
            high_price: float = 0
            low_price: float = 0
            close_price: float = 0
            DERIVED = ("vt_symbol",)

        @dataclass
        class OrderData(BaseData):
            symbol: str
            exchange: Exchange
            orderid: str
            type: OrderType = OrderType.LIMIT
            direction: Direction = None
            offset: Offset = Offset.NONE
            price: float = 0
            volume: float = 0
            traded: float = 0
            status: Status = Status.SUBMITTING
            datetime: datetime = None
            reference: str = ""
            DERIVED = ("vt_symbol", "vt_orderid")

        @dataclass
        class TradeData(BaseData):
            symbol: str
            exchange: Exchange
            orderid: str
            tradeid: str
            direction: Direction = None
            offset: Offset = Offset.NONE
            price: float = 0
            volume: float = 0
            datetime: datetime = None
            DERIVED = ("vt_symbol", "vt_orderid", "vt_tradeid")

        @dataclass
        class PositionData(BaseData):
            symbol: str
            exchange: Exchange
            direction: Direction
            volume: float = 0
            frozen: float = 0
            price: float = 0
            pnl: float = 0
            yd_volume: float = 0
            DERIVED = ("vt_symbol", "vt_positionid")

        @dataclass
        class AccountData(BaseData):
            accountid: str
            balance: float = 0
            frozen: float = 0
            DERIVED = ("available", "vt_accountid")

        @dataclass
        class LogData(BaseData):
            msg: str
            level: int = 20
            DERIVED = ("time",)

        @dataclass
        class ContractData(BaseData):
            symbol: str
            exchange: Exchange
            name: str
            product: Product
            size: float
            pricetick: float
            min_volume: float = 1
            max_volume: float = None
            stop_supported: bool = False
            net_position: bool = False
            history_data: bool = False
            option_strike: float = None
            option_underlying: str = None
            option_type: OptionType = None
            option_listed: datetime = None
            option_expiry: datetime = None
            option_portfolio: str = None
            option_index: str = None
            DERIVED = ("vt_symbol",)

        @dataclass
        class QuoteData(BaseData):
            symbol: str
            exchange: Exchange
            quoteid: str
            bid_price: float = 0.0
            bid_volume: int = 0
            ask_price: float = 0.0
            ask_volume: int = 0
            bid_offset: Offset = Offset.NONE
            ask_offset: Offset = Offset.NONE
            status: Status = Status.SUBMITTING
            datetime: datetime = None
            reference: str = ""
            DERIVED = ("vt_symbol", "vt_quoteid")

        @dataclass
        class SubscribeRequest:
            symbol: str
            exchange: Exchange
            DERIVED = ("vt_symbol",)

        @dataclass
        class OrderRequest:
            symbol: str
            exchange: Exchange
            direction: Direction
            type: OrderType
            volume: float
            price: float = 0
            offset: Offset = Offset.NONE
            reference: str = ""
            DERIVED = ("vt_symbol",)

        @dataclass
        class CancelRequest:
            orderid: str
            symbol: str
            exchange: Exchange
            DERIVED = ("vt_symbol",)

        @dataclass
        class HistoryRequest:
            symbol: str
            exchange: Exchange
            start: datetime
            end: datetime = None
            interval: Interval = None
            DERIVED = ("vt_symbol",)

        @dataclass
        class QuoteRequest:
            symbol: str
            exchange: Exchange
            bid_price: float
            bid_volume: int
            ask_price: float
            ask_volume: int
            bid_offset: Offset = Offset.NONE
            ask_offset: Offset = Offset.NONE
            reference: str = ""
            DERIVED = ("vt_symbol",)
    '''),
}


def install(root):
    for path, text in MODULES.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
    sys.path.insert(0, root)
