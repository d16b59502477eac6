"""CPython's side of the fd-passing and credentials tests: socket.send_fds / recv_fds,
SO_PEERCRED and SCM_CREDENTIALS, on a UNIX socket whose path the test gives.

Each mode prints lines of words on stdout for the test to check."""
import os
import socket
import struct
import sys
import tempfile

UCRED = "3i"  # struct ucred: pid_t, uid_t, gid_t


def connect(kind, path):
    s = socket.socket(socket.AF_UNIX, kind)
    s.connect(path)
    return s


def say(*words):
    print(*words, flush=True)


def send_fds(path):
    """Passes two files, a pipe's read end and a socket to the test, then talks over the socket."""
    sock = connect(socket.SOCK_STREAM, path)
    files = []
    for content in (b"first file\n", b"second file\n"):
        f = tempfile.TemporaryFile()
        f.write(content)
        f.flush()
        files.append(f)
    r, w = os.pipe()
    os.write(w, b"through a pipe")
    os.close(w)
    mine, theirs = socket.socketpair()
    fds = [files[0].fileno(), files[1].fileno(), r, theirs.fileno()]
    assert socket.send_fds(sock, [b"four fds"], fds) == len(b"four fds")
    # The kernel holds the passed files now: closing ours must not affect the test's copies.
    for f in files:
        f.close()
    os.close(r)
    theirs.close()
    say("sent", *fds)
    got = mine.recv(100)
    mine.sendall(b"pong:" + got)
    say("socket", got.decode())
    sock.recv(1)  # the test closes when done


def recv_fds(path):
    """Receives fds from the test and reads what is behind them."""
    sock = connect(socket.SOCK_STREAM, path)
    msg, fds, flags, addr = socket.recv_fds(sock, 1024, 16)
    say("message", msg.decode(), len(fds), flags)
    for fd in fds[:-1]:
        data = os.pread(fd, 1024, 0)
        say("file", data.hex())
        os.close(fd)
    s = socket.socket(fileno=fds[-1])
    s.sendall(b"hello through a passed socket")
    s.close()
    sock.recv(1)


def creds(path):
    """Reports its own and its peer's credentials and trades SCM_CREDENTIALS with the test."""
    sock = connect(socket.SOCK_SEQPACKET, path)
    say("self", os.getpid(), os.getuid(), os.getgid())
    peer = struct.unpack(UCRED, sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize(UCRED)))
    say("peercred", *peer)
    # Our credentials stated explicitly, as a process may (the kernel checks them).
    mine = struct.pack(UCRED, os.getpid(), os.getuid(), os.getgid())
    sock.sendmsg([b"explicit"], [(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, mine)])
    # And the test's, attached by its sendmsg, read with SO_PASSCRED.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
    sock.send(b"ready")
    msg, anc, flags, addr = sock.recvmsg(100, socket.CMSG_SPACE(struct.calcsize(UCRED)))
    for level, kind, data in anc:
        if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
            say("scm_credentials", msg.decode(), *struct.unpack(UCRED, data))
    sock.recv(1)


if __name__ == "__main__":
    {"send-fds": send_fds, "recv-fds": recv_fds, "creds": creds}[sys.argv[1]](sys.argv[2])
