"""The Python side of SocketsParityTest.

Reads a JSON list of calls from stdin, each {"fn": name, "args": [...]}, makes each call on
Python's socket module and prints a JSON list of outcomes, one per call, in order:
{"ok": result} or {"error": exception class, "message": str(e), "errno": ..., "strerror": ...}.
Bytes travel as {"bytes": hex}, tuples as {"tuple": [...]}; results' tuples become lists and
enum members their int values. The call "constants" gives every int constant of the module.
"""
import json
import re
import socket
import sys


def decode(v):
    if isinstance(v, dict) and "bytes" in v:
        return bytes.fromhex(v["bytes"])
    if isinstance(v, dict) and "tuple" in v:
        return tuple(decode(x) for x in v["tuple"])
    if isinstance(v, list):
        return [decode(x) for x in v]
    return v


def encode(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, (bytes, bytearray)):
        return {"bytes": bytes(v).hex()}
    if isinstance(v, (list, tuple)):
        return [encode(x) for x in v]
    return v


def constants():
    names = (n for n in dir(socket) if re.match(r"^[A-Z][A-Za-z0-9_]*$", n))
    return {n: int(getattr(socket, n)) for n in names
            if isinstance(getattr(socket, n), int) and not isinstance(getattr(socket, n), bool)}


def run(call):
    fn = call["fn"]
    try:
        if fn == "constants":
            return {"ok": constants()}
        target = getattr(socket, fn)
        result = target(*decode(call.get("args", []))) if callable(target) else target
        return {"ok": encode(result)}
    except Exception as e:  # every failure is an outcome to compare
        out = {"error": type(e).__name__, "message": str(e)}
        if isinstance(e, OSError):
            out["errno"] = e.errno
            out["strerror"] = e.strerror
        return out


json.dump([run(c) for c in json.load(sys.stdin)], sys.stdout)
