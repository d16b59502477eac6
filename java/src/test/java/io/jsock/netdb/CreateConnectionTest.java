package io.jsock.netdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.AddrInfo;
import io.jsock.ConnectError;
import io.jsock.Family;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.SocketTimeout;
import io.jsock.Sockets;
import io.jsock.Type;
import io.jsock.testing.ProcFds;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** createConnection against real listeners on loopback: fallback, every error kept, timeout, source address. */
class CreateConnectionTest {
    private static final Duration GENEROUS = Duration.ofSeconds(10);

    /** What getaddrinfo gives for "no host" on this machine: the loopback addresses, in order. */
    private static List<SockAddr> loopbackOrder(int port) throws IOException {
        return Sockets.getAddrInfo(null, port, null, Type.STREAM, 0, 0).stream().map(AddrInfo::address).toList();
    }

    @Test
    void fallsBackFromARefusedAddressToOneThatListens() throws Exception {
        try (Socket listener = Sockets.createServer(SockAddr.inet("127.0.0.1", 0))) {
            int port = ((SockAddr.Inet) listener.getSockName()).port();
            List<SockAddr> order = loopbackOrder(port);
            assumeTrue(order.equals(List.of(SockAddr.inet6("::1", port), SockAddr.inet("127.0.0.1", port))),
                    "getaddrinfo(None) does not give ::1 then 127.0.0.1 here: " + order);
            // Nothing listens on [::1] at this port (Linux will not even bind it while 127.0.0.1
            // holds the port), so the first try is refused and the second connects.
            try (Socket client = Sockets.createConnection(null, port, GENEROUS)) {
                assertEquals(SockAddr.inet("127.0.0.1", port), client.getPeerName());
                listener.setTimeout(GENEROUS);
                try (Socket served = listener.accept()) {
                    client.sendAll("over IPv4".getBytes());
                    assertArrayEquals("over IPv4".getBytes(), served.recv(64));
                }
            }
        }
    }

    @Test
    void keepsEveryErrorWhenNoAddressConnects() throws Exception {
        // A bound socket that does not listen holds the port: every try is refused.
        try (Socket holder = Socket.open(Family.INET, Type.STREAM)) {
            holder.bind(SockAddr.inet("127.0.0.1", 0));
            int port = ((SockAddr.Inet) holder.getSockName()).port();
            List<SockAddr> order = loopbackOrder(port);
            assumeTrue(order.size() == 2, "getaddrinfo(None) does not give both loopback addresses here: " + order);
            assertThrows(ConnectError.class, () -> Sockets.createConnection(null, port, GENEROUS));
            Map<Integer, String> fdsBefore = ProcFds.snapshot();
            ConnectError last = assertThrows(ConnectError.class, () -> Sockets.createConnection(null, port, GENEROUS));
            assertEquals("ECONNREFUSED", last.errnoName());
            assertEquals(order.get(1), last.address());
            assertEquals(1, last.getSuppressed().length);
            ConnectError first = assertInstanceOf(ConnectError.class, last.getSuppressed()[0]);
            assertEquals("ECONNREFUSED", first.errnoName());
            assertEquals(order.get(0), first.address());
            ProcFds.assertSame(fdsBefore, ProcFds.snapshot(), "every failed socket is closed");
        }
    }

    @Test
    void honoursItsTimeout() throws Exception {
        try (Socket listener = Sockets.createServer(SockAddr.inet("127.0.0.1", 0), 0, false, false)) {
            int port = ((SockAddr.Inet) listener.getSockName()).port();
            // Nobody accepts: once the backlog is full the kernel drops further SYNs, so a connect
            // can only wait. Fill it until a connect times out.
            List<Socket> queued = new ArrayList<>();
            try {
                boolean full = false;
                for (int i = 0; i < 64 && !full; i++) {
                    Socket c = Socket.open(Family.INET, Type.STREAM);
                    queued.add(c);
                    c.setTimeout(Duration.ofMillis(200));
                    try {
                        c.connect(SockAddr.inet("127.0.0.1", port));
                    } catch (SocketTimeoutException e) {
                        full = true;
                    }
                }
                assumeTrue(full, "the backlog of a listener never filled up");
                Duration timeout = Duration.ofMillis(300);
                SocketTimeout e = assertThrows(SocketTimeout.class,
                        () -> Sockets.createConnection("127.0.0.1", port, timeout));
                assertEquals("connect", e.call());
                assertEquals(SockAddr.inet("127.0.0.1", port), e.address());
            } finally {
                for (Socket each : queued) each.close();
            }
        }
    }

    @Test
    void theConnectedSocketKeepsTheTimeoutItWasGiven() throws Exception {
        try (Socket listener = Sockets.createServer(SockAddr.inet("127.0.0.1", 0))) {
            int port = ((SockAddr.Inet) listener.getSockName()).port();
            try (Socket client = Sockets.createConnection("127.0.0.1", port, Duration.ofSeconds(7))) {
                assertEquals(Duration.ofSeconds(7), client.getTimeout());
            }
            try (Socket client = Sockets.createConnection("127.0.0.1", port, null)) {
                assertEquals(null, client.getTimeout());
            }
            Duration before = Sockets.getDefaultTimeout();
            Sockets.setDefaultTimeout(Duration.ofSeconds(3));
            try (Socket client = Sockets.createConnection("127.0.0.1", port)) {
                assertEquals(Duration.ofSeconds(3), client.getTimeout());
            } finally {
                Sockets.setDefaultTimeout(before);
            }
            assertThrows(IllegalArgumentException.class,
                    () -> Sockets.createConnection("127.0.0.1", port, Duration.ofSeconds(-1)));
        }
    }

    @Test
    void bindsTheSourceAddress() throws Exception {
        try (Socket listener = Sockets.createServer(SockAddr.inet("127.0.0.1", 0))) {
            int port = ((SockAddr.Inet) listener.getSockName()).port();
            listener.setTimeout(GENEROUS);
            // All of 127.0.0.0/8 is loopback on Linux: 127.0.0.2 needs no configuration.
            try (Socket client = Sockets.createConnection("127.0.0.1", port, GENEROUS, SockAddr.inet("127.0.0.2", 0));
                    Socket served = listener.accept()) {
                SockAddr.Inet local = (SockAddr.Inet) client.getSockName();
                assertEquals("127.0.0.2", local.host());
                assertEquals(local, served.getPeerName());
            }
        }
    }

    @Test
    void aSourceAddressLimitsTheTriesToItsFamily() throws Exception {
        try (Socket listener = Sockets.createServer(SockAddr.inet("127.0.0.1", 0))) {
            int port = ((SockAddr.Inet) listener.getSockName()).port();
            List<SockAddr> order = loopbackOrder(port);
            assumeTrue(order.contains(SockAddr.inet6("::1", port)), "no ::1 among " + order);
            // Only ::1 is tried (and refused): the IPv4 listener is never reached.
            ConnectException e = assertThrows(ConnectException.class,
                    () -> Sockets.createConnection(null, port, GENEROUS, SockAddr.inet6("::1", 0)));
            assertEquals(0, e.getSuppressed().length);
            try (Socket client = Sockets.createConnection(null, port, GENEROUS, SockAddr.inet("127.0.0.1", 0))) {
                assertTrue(client.getPeerName() instanceof SockAddr.Inet);
            }
        }
    }
}
