"""Stand-in for vnpy.event.engine: only what unpickling a published Event needs (our own code)."""


class Event:
    def __init__(self, type="", data=None):
        self.type = type
        self.data = data
