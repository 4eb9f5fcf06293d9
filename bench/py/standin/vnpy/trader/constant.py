"""Stand-in for vnpy.trader.constant: the enums the benchmark payloads use (our own code)."""
from enum import Enum


class Exchange(Enum):
    SHFE = "SHFE"
    CFFEX = "CFFEX"
    DCE = "DCE"
    CZCE = "CZCE"
    INE = "INE"
