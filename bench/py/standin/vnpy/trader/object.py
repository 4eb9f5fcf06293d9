"""Stand-in for vnpy.trader.object: plain classes whose pickled __dict__ state is restored as is (our own code)."""


class TickData:
    pass


class OrderRequest:
    pass
