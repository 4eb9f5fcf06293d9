"""Shared by the interop scripts: a tiny enum module standing in for vnpy.trader.constant (our own classes)."""
import enum
import sys
import types

MODULE = "vnpy_jtrader_test"
module = types.ModuleType(MODULE)
sys.modules[MODULE] = module


class Direction(enum.Enum):
    """Pickled the way this CPython pickles enums (by name on 3.11.0-3.11.4, by value otherwise)."""
    LONG = "多"
    SHORT = "空"


class Offset(enum.Enum):
    """Always pickled by value, as vn.py senders on CPython 3.8-3.10 and 3.12+ do."""
    OPEN = "开"
    CLOSE = "平"

    def __reduce_ex__(self, protocol):
        return self.__class__, (self._value_,)


for cls in (Direction, Offset):
    cls.__module__ = MODULE
    setattr(module, cls.__name__, cls)
