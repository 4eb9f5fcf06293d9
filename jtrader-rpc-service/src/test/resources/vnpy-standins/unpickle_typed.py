# Unpickles each file named on the command line with the stand-in vn.py classes and prints one typed-JSON
# line per file (the rules of vnpy-golden/cases.json), plus "$missing": fields of a dataclass that the
# pickled state did not set (a Java writer must send every field and derived key).
import dataclasses
import datetime
import enum
import json
import pickle
import sys
import tempfile

sys.path.insert(0, sys.argv[1])
import standins

standins.install(tempfile.mkdtemp(prefix="vnpy-standins-"))


def typed(v):
    if v is None or isinstance(v, (str, bool)):
        return v
    if isinstance(v, int):
        return {"$int": str(v)}
    if isinstance(v, float):
        return {"$float": repr(v)}
    if isinstance(v, list):
        return [typed(x) for x in v]
    if isinstance(v, tuple):
        return {"$tuple": [typed(x) for x in v]}
    if isinstance(v, dict):
        return {"$dict": {k: typed(x) for k, x in v.items()}}
    if isinstance(v, enum.Enum):
        return {"$enum": type(v).__module__ + "." + type(v).__name__, "name": v.name, "value": v.value}
    if isinstance(v, datetime.datetime):
        tz = None
        if v.tzinfo is not None:
            tz = "zoneinfo:" + getattr(v.tzinfo, "key", str(v.tzinfo))
        return {"$datetime": v.isoformat(), "tz": tz, "fold": v.fold}
    cls = type(v)
    out = {"$object": cls.__module__ + "." + cls.__name__, "state": {k: typed(x) for k, x in vars(v).items()}}
    if dataclasses.is_dataclass(v):
        wanted = [f.name for f in dataclasses.fields(v) if f.name != "extra"] + list(getattr(cls, "DERIVED", ()))
        out["$missing"] = [name for name in wanted if name not in vars(v)]
        out["$order"] = list(vars(v).keys()) == wanted
    return out


for path in sys.argv[2:]:
    with open(path, "rb") as f:
        value = pickle.load(f)
    print(json.dumps(typed(value), ensure_ascii=False))
