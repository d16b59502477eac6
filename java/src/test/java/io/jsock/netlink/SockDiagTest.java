package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Sockets;
import io.jsock.Type;
import io.jsock.testing.ProcFds;
import io.jsock.testing.ProcStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static UnixSocketInfo find(List<UnixSocketInfo> all, long inode) {
        return all.stream().filter(s -> s.inode() == inode).findFirst()
                .orElseThrow(() -> new AssertionError("no unix socket with inode " + inode));
    }
}
