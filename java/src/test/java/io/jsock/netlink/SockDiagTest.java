package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Sockets;
import io.jsock.Type;
import io.jsock.testing.ChildProcess;
import io.jsock.testing.ProcFds;
import io.jsock.testing.ProcStatus;
import io.jsock.testing.Python;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sock_diag sees the sockets a test opens as the kernel's /proc does: inode, owner, state, addresses, queues. */
class SockDiagTest {

    /** The inode the kernel gives the socket behind an fd: /proc/self/fd/N links to "socket:[INODE]". */
    static long inodeOf(Socket s) throws IOException {
        String link = ProcFds.target(s.fileno());
        return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
    }

    private static InetSocketInfo byInode(List<InetSocketInfo> all, long inode) {
        return all.stream().filter(s -> s.inode() == inode).findFirst()
                .orElseThrow(() -> new AssertionError("no socket with inode " + inode + " in " + all));
    }

    @Test
    void tcpListenerAndConnectionOverIpv4() throws Exception {
        try (Socket server = Socket.open(Family.INET, Type.STREAM); SockDiag diag = SockDiag.open()) {
            server.bind(SockAddr.inet("127.0.0.1", 0));
            server.listen(7);
            int port = ((SockAddr.Inet) server.getSockName()).port();
            try (Socket client = Socket.open(Family.INET, Type.STREAM)) {
                client.connect(SockAddr.inet("127.0.0.1", port));
                try (Socket accepted = server.accept()) {
                    client.sendAll(new byte[100]);
                    List<InetSocketInfo> all = diag.tcp(Sockets.AF_INET, SockDiag.ALL_STATES);

                    InetSocketInfo l = byInode(all, inodeOf(server));
                    assertEquals(TCP_LISTEN, l.state());
                    assertEquals(InetAddress.getByName("127.0.0.1"), l.localAddress());
                    assertEquals(port, l.localPort());
                    assertEquals(7, l.sendQueue(), "a listener's send queue is its backlog");
                    assertEquals(ProcStatus.effectiveUid(), l.uid());
                    assertEquals(Sockets.IPPROTO_TCP, l.protocol());

                    InetSocketInfo c = byInode(all, inodeOf(client));
                    InetSocketInfo a = byInode(all, inodeOf(accepted));
                    assertEquals(TCP_ESTABLISHED, c.state());
                    assertEquals(TCP_ESTABLISHED, a.state());
                    assertEquals(port, c.remotePort());
                    assertEquals(c.localPort(), a.remotePort());
                    assertEquals(100, a.receiveQueue(), "bytes sent and not yet read");

                    List<InetSocketInfo> listening = diag.tcp(Sockets.AF_INET, SockDiag.states(TCP_LISTEN));
                    assertTrue(listening.stream().allMatch(s -> s.state() == TCP_LISTEN));
                    assertTrue(listening.stream().anyMatch(s -> s.localPort() == port));
                }
            }
        }
    }

    @Test
    void tcpOverIpv6() throws Exception {
        try (Socket server = Socket.open(Family.INET6, Type.STREAM); SockDiag diag = SockDiag.open()) {
            server.setSockOpt(Sockets.IPPROTO_IPV6, Sockets.IPV6_V6ONLY, 1);
            server.bind(SockAddr.inet6("::1", 0));
            server.listen();
            InetSocketInfo l = byInode(diag.tcp(Sockets.AF_UNSPEC, SockDiag.ALL_STATES), inodeOf(server));
            assertEquals(Sockets.AF_INET6, l.family());
            assertEquals(InetAddress.getByName("::1"), l.localAddress());
            assertEquals(Boolean.TRUE, l.v6Only());
        }
    }

    @Test
    void udpUnconnectedAndConnected() throws Exception {
        try (Socket a = Socket.open(Family.INET, Type.DGRAM); Socket b = Socket.open(Family.INET, Type.DGRAM);
             SockDiag diag = SockDiag.open()) {
            a.bind(SockAddr.inet("127.0.0.1", 0));
            b.bind(SockAddr.inet("127.0.0.1", 0));
            b.connect(a.getSockName());
            b.send(new byte[10]);
            List<InetSocketInfo> all = diag.udp(Sockets.AF_INET, SockDiag.ALL_STATES);
            InetSocketInfo ua = byInode(all, inodeOf(a));
            InetSocketInfo ub = byInode(all, inodeOf(b));
            assertEquals(TCP_CLOSE, ua.state());
            assertEquals(TCP_ESTABLISHED, ub.state());
            assertEquals(((SockAddr.Inet) a.getSockName()).port(), ub.remotePort());
            assertTrue(ua.receiveQueue() > 0, "the datagram waits in a's queue");
            assertEquals(Sockets.IPPROTO_UDP, ua.protocol());
        }
    }

    @Test
    void unixSocketsWithNamesPeersAndQueues(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("diag.sock");
        try (Socket listener = Socket.open(Family.UNIX, Type.STREAM); Socket abs = Socket.open(Family.UNIX, Type.DGRAM);
             SockDiag diag = SockDiag.open()) {
            listener.bind(SockAddr.unix(path.toString()));
            listener.listen(3);
            abs.bind(SockAddr.unixAbstract("jsock-diag-" + ProcessHandle.current().pid()));
            Socket[] pair = Socket.pair();
            try {
                pair[0].sendAll(new byte[5]);
                List<UnixSocketInfo> all = diag.unix(SockDiag.ALL_STATES);
                UnixSocketInfo l = find(all, inodeOf(listener));
                assertEquals(TCP_LISTEN, l.state());
                assertEquals(SockAddr.unix(path.toString()), l.address());
                assertEquals(3, l.sendQueue());
                assertEquals(Sockets.SOCK_STREAM, l.type());
                assertNotNull(l.vfsInode());
                assertEquals(Files.getAttribute(path, "unix:ino"), l.vfsInode());

                UnixSocketInfo a = find(all, inodeOf(abs));
                assertTrue(a.address().isAbstract());
                assertEquals(Sockets.SOCK_DGRAM, a.type());

                UnixSocketInfo p0 = find(all, inodeOf(pair[0]));
                UnixSocketInfo p1 = find(all, inodeOf(pair[1]));
                assertEquals(p1.inode(), p0.peerInode());
                assertEquals(p0.inode(), p1.peerInode());
                assertNull(p0.address());
                assertEquals(5, p1.receiveQueue());
                if (UDIAG_SHOW_UID != 0) assertEquals(ProcStatus.effectiveUid(), p0.uid());
            } finally {
                pair[0].close();
                pair[1].close();
            }
        }
    }

    @Test
    void anAbstractNameThatFillsSunPathIsListedWhole() throws Exception {
        byte[] name = ("jsock-diag-full-" + ProcessHandle.current().pid() + "-").getBytes(StandardCharsets.US_ASCII);
        name = Arrays.copyOf(name, SockAddr.Unix.MAX_NAME); // 107 bytes after the leading NUL: all 108 of sun_path
        Arrays.fill(name, name.length - 40, name.length, (byte) 'z');
        try (Socket s = Socket.open(Family.UNIX, Type.DGRAM); SockDiag diag = SockDiag.open()) {
            s.bind(SockAddr.unixAbstract(name));
            UnixSocketInfo info = find(diag.unix(SockDiag.ALL_STATES), inodeOf(s));
            assertEquals(SockAddr.unixAbstract(name), info.address());
        }
    }

    /** Whether SockAddr decodes a sun_path of all 108 bytes without a NUL (the core's fix of SockAddr.decode). */
    private static boolean sockAddrHoldsAFullSunPath() {
        int offset = io.jsock.internal.Consts.offsetOf("sockaddr_un", "sun_path");
        int size = io.jsock.internal.Consts.layout("sizeof(sockaddr_un)");
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        b.putShort(SockAddr.OFFSET_FAMILY, (short) Sockets.AF_UNIX);
        for (int i = offset; i < size; i++) b.put(i, (byte) 'x');
        try {
            SockAddr.decode(b, 0, size);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A path of 108 bytes, sun_path full and no NUL, which the kernel accepts (the kernel sends it
     * back as 109 bytes, with a NUL). CPython refuses such a path, so the peer binds it with
     * bind(2) through ctypes, relative to a short directory it changes into.
     */
    @Test
    void aPathThatFillsSunPathDoesNotFailTheDump(@TempDir Path dir) throws Exception {
        Python.assumeAvailable();
        String name = "p".repeat(108);
        try (ChildProcess peer = Python.startCode("import ctypes, os, socket, struct, sys\n"
                + "os.chdir(sys.argv[1])\n"
                + "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
                + "addr = struct.pack('=H', socket.AF_UNIX) + sys.argv[2].encode()\n"
                + "libc = ctypes.CDLL(None, use_errno=True)\n"
                + "if libc.bind(s.fileno(), addr, len(addr)) != 0: sys.exit('bind: ' + os.strerror(ctypes.get_errno()))\n"
                + "s.listen()\n"
                + "print('bound', os.fstat(s.fileno()).st_ino, flush=True)\n"
                + "sys.stdin.read()\n"
                + "os.unlink(sys.argv[2])\n", dir.toString(), name);
             SockDiag diag = SockDiag.open()) {
            long inode = Long.parseLong(peer.expect("bound")[0]);
            UnixSocketInfo info = find(diag.unix(SockDiag.ALL_STATES), inode); // the whole dump decodes
            byte[] raw = info.attributes().bytes(UNIX_DIAG_NAME);
            assertEquals(name, new String(raw, 0, 108, StandardCharsets.US_ASCII), "UNIX_DIAG_NAME holds the whole path");
            assertEquals(TCP_LISTEN, info.state());
            peer.closeStdin();
            peer.finish();
            assumeTrue(sockAddrHoldsAFullSunPath(), "the rest needs the core fix: SockAddr.decode of a 108-byte sun_path "
                    + "without a NUL; until then the socket is listed with a null address");
            assertNotNull(info.address());
            assertFalse(info.address().isAbstract());
            assertEquals(name, info.address().path());
        }
    }

    private static UnixSocketInfo find(List<UnixSocketInfo> all, long inode) {
        return all.stream().filter(s -> s.inode() == inode).findFirst()
                .orElseThrow(() -> new AssertionError("no unix socket with inode " + inode));
    }
}
