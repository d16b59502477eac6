"""The truncation cases of CPython's test_socket (SCMRightsTest's CmsgTrunc*, FDPass*, and
RecvmsgTests' recvmsg with a buffer shorter than the message), run here by CPython itself so
the test can hold jsock to what CPython reports on this very kernel.

Arguments: cases as kind,nfds,msglen,bufsize,ancbufsize. For each it prints one line:
  case <flags> <len(msg)> <items> [<level> <type> <len(data)>]... <fds-ok>
First it prints CMSG_LEN and CMSG_SPACE of 0..32, for the test to compare with its own."""
import array
import os
import socket
import sys
import tempfile

KINDS = {"stream": socket.SOCK_STREAM, "dgram": socket.SOCK_DGRAM, "seqpacket": socket.SOCK_SEQPACKET}
MSG = b"Message for recvmsg, long enough"


def new_fds(n):
    """n fds of new files holding their index as ASCII, as SCMRightsTest.newFDs."""
    fds = []
    for i in range(n):
        fd, path = tempfile.mkstemp()
        os.unlink(path)
        os.write(fd, str(i).encode())
        fds.append(fd)
    return fds


def run(kind, nfds, msglen, bufsize, ancbufsize):
    a, b = socket.socketpair(socket.AF_UNIX, KINDS[kind])
    sent = new_fds(nfds)
    anc = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", sent))] if nfds else []
    assert a.sendmsg([MSG[:msglen]], anc) == msglen
    for fd in sent:
        os.close(fd)
    msg, ancdata, flags, addr = b.recvmsg(bufsize, ancbufsize)
    words = [flags, len(msg), len(ancdata)]
    ok = msg == MSG[:len(msg)]
    for level, type_, data in ancdata:
        words += [level, type_, len(data)]
        if level == socket.SOL_SOCKET and type_ == socket.SCM_RIGHTS:
            fds = array.array("i")
            fds.frombytes(data[:len(data) - len(data) % fds.itemsize])
            for n, fd in enumerate(fds):
                ok = ok and os.pread(fd, 100, 0) == str(n).encode()
                os.close(fd)
    a.close()
    b.close()
    return words + [int(ok)]


if __name__ == "__main__":
    print("cmsg_len", *(socket.CMSG_LEN(i) for i in range(33)))
    print("cmsg_space", *(socket.CMSG_SPACE(i) for i in range(33)))
    for case in sys.argv[1:]:
        kind, *numbers = case.split(",")
        print("case", *run(kind, *map(int, numbers)), flush=True)
