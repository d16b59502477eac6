"""
A CPython peer for jsock's TIPC interop tests (run in a kernel with TIPC). It uses nothing but
CPython's socket module and reports each event on stdout, one line each.

Addresses travel as CPython's own tuples: tipc,<addr_type>,<v1>,<v2>,<v3>,<scope>.
Data travels as hex ("-" for none).

Commands:
  rdm-echo TYPE LOWER UPPER KIND COUNT
      binds a socket of KIND (rdm or dgram) to the service range, prints "ready <its sockname>",
      then COUNT times: receives a message, prints "message <hex> <sender>", sends the bytes
      reversed back to the sender.
  rdm-ask DEST KIND HEX
      sends HEX from an unbound socket of KIND to DEST, prints "sent <its sockname>", receives the
      reply and prints "reply <hex> <sender>".
  conn-server TYPE INSTANCE KIND HEX
      binds a listening socket of KIND (stream or seqpacket) to {TYPE, INSTANCE}, prints
      "ready <sockname>", accepts one connection, prints "accepted <peer> <conn sockname>",
      receives as many bytes as HEX holds (one record for seqpacket), prints "received ok" or
      "received mismatch", sends the bytes reversed, shuts the connection down and closes.
      (TIPC's shutdown ends both directions, so neither side half-closes; a close without a
      shutdown resets the peer, which reads ECONNRESET rather than the end of the stream.)
  conn-client DEST KIND HEX
      connects a socket of KIND to DEST, prints "connected <sockname> <peername>", sends HEX,
      receives until the server shuts the connection down and prints "received <hex>".
"""
import socket
import sys

KINDS = {"rdm": socket.SOCK_RDM, "dgram": socket.SOCK_DGRAM,
         "stream": socket.SOCK_STREAM, "seqpacket": socket.SOCK_SEQPACKET}


def say(*words):
    print(*words, flush=True)


def show(address):
    return "tipc," + ",".join("%d" % v for v in address)


def parse(spec):
    kind, _, rest = spec.partition(",")
    if kind != "tipc":
        raise ValueError("not a TIPC address spec: " + spec)
    return tuple(int(v) for v in rest.split(","))


def hexof(data):
    return data.hex() or "-"


def unhex(text):
    return b"" if text == "-" else bytes.fromhex(text)


def read_all(conn):
    chunks = []
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def rdm_echo(type_, lower, upper, kind, count):
    with socket.socket(socket.AF_TIPC, KINDS[kind]) as s:
        s.bind((socket.TIPC_ADDR_NAMESEQ, int(type_), int(lower), int(upper)))
        say("ready", show(s.getsockname()))
        for _ in range(int(count)):
            data, sender = s.recvfrom(70000)
            say("message", hexof(data), show(sender))
            s.sendto(data[::-1], sender)


def rdm_ask(dest, kind, payload):
    with socket.socket(socket.AF_TIPC, KINDS[kind]) as s:
        s.sendto(unhex(payload), parse(dest))
        say("sent", show(s.getsockname()))
        data, sender = s.recvfrom(70000)
        say("reply", hexof(data), show(sender))


def conn_server(type_, instance, kind, payload):
    want = unhex(payload)
    with socket.socket(socket.AF_TIPC, KINDS[kind]) as s:
        s.bind((socket.TIPC_ADDR_NAME, int(type_), int(instance), 0))
        s.listen(1)
        say("ready", show(s.getsockname()))
        conn, peer = s.accept()
        with conn:
            say("accepted", show(peer), show(conn.getsockname()))
            if kind == "seqpacket":
                got = conn.recv(70000)
            else:
                got = b""
                while len(got) < len(want):
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    got += chunk
            say("received", "ok" if got == want else "mismatch:%d-of-%d-bytes" % (len(got), len(want)))
            conn.sendall(got[::-1])
            conn.shutdown(socket.SHUT_RDWR)  # the end of the stream; a close alone resets the peer


def conn_client(dest, kind, payload):
    with socket.socket(socket.AF_TIPC, KINDS[kind]) as s:
        s.connect(parse(dest))
        say("connected", show(s.getsockname()), show(s.getpeername()))
        s.sendall(unhex(payload))
        say("received", hexof(read_all(s)))


COMMANDS = {"rdm-echo": rdm_echo, "rdm-ask": rdm_ask, "conn-server": conn_server, "conn-client": conn_client}

if __name__ == "__main__":
    COMMANDS[sys.argv[1]](*sys.argv[2:])
