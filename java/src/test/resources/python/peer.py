"""
A CPython peer for jsock's interop tests. It uses nothing but CPython's own socket module and
reports each event on stdout, one line each, so the Java side waits for lines, never sleeps.

Addresses travel as specs:
  unix,<hex of the path>  abstract,<hex of the name>  unnamed
  inet,<host>,<port>      inet6,<host>,<port>,<flowinfo>,<scope id>

Commands:
  stream-server BIND UP_FILE DOWN_FILE
      listens, accepts one connection, reads until EOF and compares with UP_FILE,
      then sends DOWN_FILE and closes.
  stream-client CONNECT BIND|none UP_FILE DOWN_FILE
      connects, sends UP_FILE, shuts down writing, reads until EOF and compares with DOWN_FILE.
  dgram-receiver BIND COUNT
      receives COUNT datagrams and prints each with its sender.
  dgram-sender BIND|none DEST HEX...
      sends one datagram per HEX argument ("-" is the empty datagram) to DEST.
  flowinfo-receiver IPV6_FLOWINFO
      binds a UDP socket to ::1, turns on IPV6_FLOWINFO (the number given), receives one
      datagram with recvmsg and prints the flow information the kernel delivered with it.
"""
import os
import socket
import struct
import sys


def say(*words):
    print(*words, flush=True)


def parse(spec):
    kind, _, rest = spec.partition(",")
    if kind == "unix":
        return socket.AF_UNIX, bytes.fromhex(rest)
    if kind == "abstract":
        return socket.AF_UNIX, b"\0" + bytes.fromhex(rest)
    if kind == "unnamed":
        return socket.AF_UNIX, b""
    if kind == "inet":
        host, port = rest.split(",")
        return socket.AF_INET, (host, int(port))
    if kind == "inet6":
        host, port, flowinfo, scope_id = rest.split(",")
        return socket.AF_INET6, (host, int(port), int(flowinfo), int(scope_id))
    raise ValueError("not an address spec: " + spec)


def show(family, address):
    if family == socket.AF_UNIX:
        if not address:
            return "unnamed"  # None from recvfrom, '' from getsockname
        if isinstance(address, bytes) and address[0] == 0:
            return "abstract," + address[1:].hex()
        return "unix," + os.fsencode(address).hex()
    if family == socket.AF_INET:
        return "inet,%s,%d" % address
    host, port, flowinfo, scope_id = address
    return "inet6,%s,%d,%d,%d" % (host.partition("%")[0], port, flowinfo, scope_id)


def load(path):
    with open(path, "rb") as f:
        return f.read()


def read_all(conn):
    chunks = []
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def compare(got, want):
    if got == want:
        return "ok"
    first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    return "mismatch:%d-bytes-expected,first-difference-at-%d" % (len(want), first)


def stream_server(bind, up_file, down_file):
    family, address = parse(bind)
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind(address)
        s.listen(1)
        say("ready", show(family, s.getsockname()))
        conn, peer = s.accept()
        with conn:
            say("peer", show(family, peer))
            got = read_all(conn)
            say("received", len(got), compare(got, load(up_file)))
            conn.sendall(load(down_file))


def stream_client(target, bind, up_file, down_file):
    family, address = parse(target)
    with socket.socket(family, socket.SOCK_STREAM) as s:
        if bind != "none":
            s.bind(parse(bind)[1])
        s.connect(address)
        say("connected", show(family, s.getsockname()))
        s.sendall(load(up_file))
        s.shutdown(socket.SHUT_WR)
        got = read_all(s)
        say("received", len(got), compare(got, load(down_file)))


def dgram_receiver(bind, count):
    family, address = parse(bind)
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        s.bind(address)
        say("ready", show(family, s.getsockname()))
        for _ in range(int(count)):
            data, sender = s.recvfrom(65536)
            say("datagram", data.hex() or "-", show(family, sender))


def dgram_sender(bind, target, *payloads):
    family, address = parse(target)
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        if bind != "none":
            s.bind(parse(bind)[1])
        say("ready", show(family, s.getsockname()))
        for p in payloads:
            s.sendto(b"" if p == "-" else bytes.fromhex(p), address)
        say("sent", len(payloads))


def flowinfo_receiver(ipv6_flowinfo):
    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as s:
        s.bind(("::1", 0))
        s.setsockopt(socket.IPPROTO_IPV6, int(ipv6_flowinfo), 1)
        say("ready", show(socket.AF_INET6, s.getsockname()))
        data, ancillary, _, sender = s.recvmsg(65536, 1024)
        flows = [struct.unpack("!I", d[:4])[0] for level, kind, d in ancillary
                 if level == socket.IPPROTO_IPV6 and kind == int(ipv6_flowinfo)]
        say("datagram", data.hex() or "-", show(socket.AF_INET6, sender),
            "flowinfo", ",".join("%d" % f for f in flows) or "none")


COMMANDS = {
    "stream-server": stream_server,
    "stream-client": stream_client,
    "dgram-receiver": dgram_receiver,
    "dgram-sender": dgram_sender,
    "flowinfo-receiver": flowinfo_receiver,
}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])
