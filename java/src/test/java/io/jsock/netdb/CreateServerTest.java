package io.jsock.netdb;

import static io.jsock.SocketFixtures.recvToEnd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.BindError;
import io.jsock.ConnectError;
import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Sockets;
import io.jsock.Type;
import io.jsock.testing.ChildProcess;
import io.jsock.testing.ProcFds;
import io.jsock.testing.Python;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** createServer's sockets, served to Python's clients (socket.create_connection) over loopback. */
class CreateServerTest {
    private static final Duration GENEROUS = Duration.ofSeconds(10);

    /** A python3 client: connects to host:port, sends its host, prints what it is sent back. */
    private static final String CLIENT = String.join("\n",
            "import socket, sys",
            "host, port = sys.argv[1], int(sys.argv[2])",
            "with socket.create_connection((host, port), timeout=10) as s:",
            "    s.sendall(host.encode())",
            "    s.shutdown(socket.SHUT_WR)",
            "    print(s.recv(64).decode())");

    @Test
    void aDualStackServerServesIpv4AndIpv6Clients() throws Exception {
        assumeTrue(Sockets.hasDualStackIpv6(), "this kernel cannot serve IPv4 on an IPv6 socket");
        try (Socket server = Sockets.createServer(SockAddr.inet6("::", 0), 8, false, true)) {
            assertEquals(0, server.getSockOpt(Sockets.IPPROTO_IPV6, Sockets.IPV6_V6ONLY));
            int port = ((SockAddr.Inet6) server.getSockName()).port();
            server.setTimeout(GENEROUS);
            serveOne(server, "127.0.0.1", port, "::ffff:127.0.0.1");
            serveOne(server, "::1", port, "::1");
        }
    }

    @Test
    void anIpv6ServerWithoutDualStackIsIpv6Only() throws Exception {
        try (Socket server = Sockets.createServer(SockAddr.inet6("::", 0))) {
            assertEquals(1, server.getSockOpt(Sockets.IPPROTO_IPV6, Sockets.IPV6_V6ONLY));
            int port = ((SockAddr.Inet6) server.getSockName()).port();
            server.setTimeout(GENEROUS);
            serveOne(server, "::1", port, "::1");
            try (Socket v4 = Socket.open(Family.INET, Type.STREAM)) {
                v4.setTimeout(GENEROUS);
                assertThrows(ConnectError.class, () -> v4.connect(SockAddr.inet("127.0.0.1", port)));
            }
        }
    }

    @Test
    void setsTheOptionsPythonSets() throws Exception {
        try (Socket server = Sockets.createServer(SockAddr.inet("127.0.0.1", 0), 3, true, false)) {
            assertEquals(1, server.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_ACCEPTCONN));
            assertTrue(server.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR) != 0);
            assertTrue(server.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_REUSEPORT) != 0);
            int port = ((SockAddr.Inet) server.getSockName()).port();
            // With SO_REUSEPORT on both, a second server may share the port.
            try (Socket second = Sockets.createServer(SockAddr.inet("127.0.0.1", port), 3, true, false)) {
                assertEquals(server.getSockName(), second.getSockName());
            }
        }
        try (Socket server = Sockets.createServer(SockAddr.inet("127.0.0.1", 0))) {
            assertEquals(0, server.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_REUSEPORT));
        }
    }

    @Test
    void refusesWhatPythonRefuses() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sockets.createServer(SockAddr.inet("127.0.0.1", 0), 1, false, true));
        assertTrue(e.getMessage().contains("dualstack_ipv6 requires AF_INET6 family"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Sockets.createServer(null));
    }

    @Test
    void aPortInUseIsABindErrorAndLeaksNothing() throws Exception {
        try (Socket server = Sockets.createServer(SockAddr.inet("127.0.0.1", 0))) {
            SockAddr taken = server.getSockName();
            assertThrows(BindError.class, () -> Sockets.createServer(taken)); // warm up
            Map<Integer, String> before = ProcFds.snapshot();
            BindError e = assertThrows(BindError.class, () -> Sockets.createServer(taken));
            assertEquals("EADDRINUSE", e.errnoName());
            assertEquals(taken, e.address());
            ProcFds.assertSame(before, ProcFds.snapshot(), "the socket that could not bind is closed");
        }
    }

    /** Has Python connect from {@code clientHost}, and checks what the server sees and says. */
    private static void serveOne(Socket server, String clientHost, int port, String expectedPeer) throws Exception {
        try (ChildProcess client = Python.startCode(CLIENT, clientHost, Integer.toString(port))) {
            try (Socket conn = server.accept()) {
                assertEquals(expectedPeer, ((SockAddr.Inet6) conn.getPeerName()).host());
                conn.setTimeout(GENEROUS);
                assertArrayEquals(clientHost.getBytes(StandardCharsets.US_ASCII), recvToEnd(conn));
                conn.sendAll(("served " + expectedPeer).getBytes(StandardCharsets.US_ASCII));
            }
            int exit = client.waitFor();
            String out = new String(client.stdout(), StandardCharsets.UTF_8).trim();
            assertEquals(0, exit, out + "\n" + String.join("\n", client.stderr()));
            assertEquals("served " + expectedPeer, out);
            assertEquals(List.of(), client.stderr(), "the Python client's stderr");
        }
    }
}
