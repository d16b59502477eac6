package io.jsock;

import static io.jsock.ErrnoAssertions.assertErrno;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.testing.GuestKernel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * AF_TIPC against a kernel that has it (the project's VM; skipped elsewhere): SOCK_RDM and
 * SOCK_DGRAM to a service address, to a service range (multicast) and to a socket address;
 * SOCK_SEQPACKET and SOCK_STREAM connections over a service address and over a socket address,
 * the connect made on another thread since it returns only once the peer accepts; the
 * addresses each side reports; and a returned message's TIPC_ERRINFO and TIPC_RETDATA.
 */
@GuestKernel(modules = {"tipc"})
class TipcSocketTest {
    private static final int ANCILLARY = 1024;

    @RegisterExtension
    final TipcSockets tipc = new TipcSockets();


    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- datagrams

    @ParameterizedTest
    @EnumSource(names = {"RDM", "DGRAM"})
    void toAServiceAddressAndBackToTheSendersId(Type type) throws Exception {
        long service = TipcSockets.serviceType();
        Socket server = tipc.bound(type, SockAddr.tipcNameSeq(service, 1, 1));
        Socket client = tipc.open(type);
        SockAddr.TipcId serverId = assertInstanceOf(SockAddr.TipcId.class, server.getSockName(),
                "getsockname reports the socket address, not the name bound");
        SockAddr.TipcId clientId = assertInstanceOf(SockAddr.TipcId.class, client.getSockName());
        assertEquals(0, serverId.scope());
        assertEquals(serverId.node(), clientId.node(), "one node");
        assertNotEquals(serverId.ref(), clientId.ref());

        byte[] ask = SocketFixtures.randomBytes(1000);
        assertEquals(ask.length, client.sendTo(ask, SockAddr.tipcName(service, 1)));
        Message m = server.recvMsg(70000, ANCILLARY, 0);
        assertArrayEquals(ask, m.data());
        assertEquals(clientId, m.address(), "recvfrom reports the sender's socket address");
        Ancillary dest = only(m, Sockets.TIPC_DESTNAME);
        assertEquals(SockAddr.tipcNameSeq(service, 1, 1, 0), dest.tipcDestName(), "the name it was sent to");

        byte[] answer = SocketFixtures.randomBytes(66000); // TIPC_MAX_USER_MSG_SIZE
        assertEquals(Sockets.TIPC_MAX_USER_MSG_SIZE, answer.length);
        server.sendTo(answer, m.address());
        Datagram back = client.recvFrom(70000);
        assertArrayEquals(answer, back.data());
        assertEquals(serverId, back.address());
    }

    @ParameterizedTest
    @EnumSource(names = {"RDM", "DGRAM"})
    void toAServiceRangeReachesEverySocketBoundInIt(Type type) throws Exception {
        long service = TipcSockets.serviceType();
        Socket a = tipc.bound(type, SockAddr.tipcNameSeq(service, 10, 10));
        Socket b = tipc.bound(type, SockAddr.tipcNameSeq(service, 20, 30, Sockets.TIPC_NODE_SCOPE));
        Socket outside = tipc.bound(type, SockAddr.tipcNameSeq(service, 101, 200));
        Socket client = tipc.open(type);
        byte[] data = ascii("to all of 0-100");
        client.sendTo(data, SockAddr.tipcNameSeq(service, 0, 100));
        for (Socket s : List.of(a, b)) {
            Message m = s.recvMsg(100, ANCILLARY, 0);
            assertArrayEquals(data, m.data());
            assertEquals(client.getSockName(), m.address());
            assertEquals(SockAddr.tipcNameSeq(service, 0, 100, 0), only(m, Sockets.TIPC_DESTNAME).tipcDestName());
        }
        outside.setBlocking(false);
        assertErrno("EAGAIN", () -> outside.recv(100));
    }

    @ParameterizedTest
    @EnumSource(names = {"RDM", "DGRAM"})
    void toASocketAddress(Type type) throws Exception {
        Socket server = tipc.open(type);
        Socket client = tipc.open(type);
        SockAddr.TipcId id = (SockAddr.TipcId) server.getSockName();
        client.sendTo(ascii("direct"), id);
        Message m = server.recvMsg(100, ANCILLARY, 0);
        assertEquals("direct", new String(m.data(), StandardCharsets.US_ASCII));
        assertEquals(client.getSockName(), m.address());
        assertTrue(m.ancillary().stream().noneMatch(x -> x.is(Sockets.SOL_TIPC, Sockets.TIPC_DESTNAME)),
                "a message to a socket address names no service: " + m);
        // The ID with node 0 is this node's, and the kernel takes it the same.
        client.sendTo(ascii("node 0"), SockAddr.tipcId(id.ref(), 0));
        assertEquals("node 0", new String(server.recv(100), StandardCharsets.US_ASCII));
    }

    @Test
    void aNameNoOneBoundIsUnreachable() throws Exception {
        Socket client = tipc.open(Type.RDM);
        assertErrno("EHOSTUNREACH", () -> client.sendTo(ascii("x"), SockAddr.tipcName(TipcSockets.serviceType(), 1)));
    }

    /**
     * A message to a socket that is gone comes back to a sender that is not TIPC_DEST_DROPPABLE:
     * no data, TIPC_ERRINFO with TIPC_ERR_NO_PORT and the length, TIPC_RETDATA with the bytes.
     */
    @Test
    void aReturnedMessageCarriesItsErrorAndItsData() throws Exception {
        Socket gone = tipc.open(Type.RDM);
        SockAddr.TipcId goneId = (SockAddr.TipcId) gone.getSockName();
        gone.close();
        Socket client = tipc.open(Type.RDM);
        client.set(SockOpt.TIPC_DEST_DROPPABLE, false);
        byte[] data = SocketFixtures.randomBytes(777);
        client.sendTo(data, goneId);
        Message m = client.recvMsg(1000, ANCILLARY + data.length, 0);
        assertEquals(0, m.nbytes(), "a returned message brings no data of its own: " + m);
        Ancillary.TipcErrInfo info = only(m, Sockets.TIPC_ERRINFO).tipcErrInfo();
        assertEquals(Sockets.TIPC_ERR_NO_PORT, info.error(), info.toString());
        assertEquals("TIPC_ERR_NO_PORT", info.errorName());
        assertEquals(data.length, info.returnedLength());
        assertArrayEquals(data, only(m, Sockets.TIPC_RETDATA).tipcRetData());
        System.out.println("TipcSocketTest: returned message " + m + " from " + m.address());
    }

    /** Bound to a name, a socket withdraws it by binding it again with the negative scope. */
    @Test
    void aNegativeScopeWithdraws() throws Exception {
        long service = TipcSockets.serviceType();
        Socket server = tipc.bound(Type.RDM, SockAddr.tipcNameSeq(service, 5, 5));
        Socket client = tipc.open(Type.RDM);
        client.sendTo(ascii("1"), SockAddr.tipcName(service, 5));
        assertEquals("1", new String(server.recv(10), StandardCharsets.US_ASCII));
        server.bind(SockAddr.tipcNameSeq(service, 5, 5, -Sockets.TIPC_CLUSTER_SCOPE));
        assertErrno("EHOSTUNREACH", () -> client.sendTo(ascii("2"), SockAddr.tipcName(service, 5)));
    }

    // ---------------------------------------------------------------- connections

    enum Target { NAME, ID }

    static List<Object[]> connections() {
        return List.of(new Object[] {Type.SEQPACKET, Target.NAME}, new Object[] {Type.SEQPACKET, Target.ID},
                new Object[] {Type.STREAM, Target.NAME}, new Object[] {Type.STREAM, Target.ID});
    }

    @ParameterizedTest(name = "{0} over a {1}")
    @org.junit.jupiter.params.provider.MethodSource("connections")
    void connectAndAccept(Type type, Target target) throws Exception {
        long service = TipcSockets.serviceType();
        Socket listener = tipc.bound(type, SockAddr.tipcName(service, 7));
        listener.listen();
        SockAddr to = target == Target.NAME ? SockAddr.tipcName(service, 7) : listener.getSockName();
        Socket client = tipc.open(type);
        Future<Void> connecting = tipc.inThread(() -> {
            client.connect(to);
            return null;
        });
        Socket conn = tipc.add(listener.accept());
        connecting.get(TipcSockets.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertInstanceOf(SockAddr.TipcId.class, conn.getPeerName());
        assertEquals(client.getSockName(), conn.getPeerName(), "accept's peer is the client's socket address");
        assertEquals(conn.getSockName(), client.getPeerName(), "the client is connected to the accepted socket");
        assertNotEquals(listener.getSockName(), conn.getSockName(), "accept makes a socket of its own");
        assertEquals(type, conn.type());

        byte[] up = SocketFixtures.randomBytes(type == Type.STREAM ? 300_000 : 60_000);
        byte[] down = SocketFixtures.randomBytes(type == Type.STREAM ? 200_000 : 50_000);
        Future<Void> sending = tipc.inThread(() -> {
            client.sendAll(up);
            return null;
        });
        assertArrayEquals(up, receive(conn, up.length, type));
        sending.get(TipcSockets.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Future<Void> answering = tipc.inThread(() -> {
            conn.sendAll(down);
            return null;
        });
        assertArrayEquals(down, receive(client, down.length, type));
        answering.get(TipcSockets.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        conn.shutdown(How.BOTH);
        assertEquals(0, client.recv(100).length, "the peer's shutdown is the end of the stream");
    }

    /**
     * TIPC ends a connection two ways: shutdown (any direction: TIPC has no half-close) tells the
     * peer TIPC_CONN_SHUTDOWN, which it reads as the end of the stream; a close without it tells
     * TIPC_ERR_NO_PORT, which the peer reads as ECONNRESET.
     */
    @ParameterizedTest
    @EnumSource(names = {"SEQPACKET", "STREAM"})
    void aCloseWithoutShutdownResetsThePeer(Type type) throws Exception {
        long service = TipcSockets.serviceType();
        Socket listener = tipc.bound(type, SockAddr.tipcName(service, 1));
        listener.listen();
        Socket client = tipc.open(type);
        Future<Void> connecting = tipc.inThread(() -> {
            client.connect(SockAddr.tipcName(service, 1));
            return null;
        });
        Socket conn = tipc.add(listener.accept());
        connecting.get(TipcSockets.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        conn.sendAll(ascii("last words"));
        conn.close();
        assertEquals("last words", new String(client.recv(100), StandardCharsets.US_ASCII), "what was sent still arrives");
        assertErrno("ECONNRESET", () -> client.recv(100));
    }

    /** SEQPACKET keeps each record whole; a stream is read until {@code n} bytes came. */
    private static byte[] receive(Socket s, int n, Type type) throws IOException {
        return type == Type.SEQPACKET ? s.recv(n + 1) : SocketFixtures.recvExactly(s, n);
    }

    @ParameterizedTest
    @EnumSource(names = {"SEQPACKET", "STREAM"})
    void connectingToANameNoOneBoundIsUnreachable(Type type) throws Exception {
        Socket client = tipc.open(type);
        ConnectError e = assertThrows(ConnectError.class, () -> client.connect(SockAddr.tipcName(TipcSockets.serviceType(), 1)));
        assertEquals("EHOSTUNREACH", e.errnoName(), e.getMessage());
    }

    @Test
    void socketsReportTheirFamilyTypeAndAddresses() throws Exception {
        for (Type type : List.of(Type.RDM, Type.DGRAM, Type.SEQPACKET, Type.STREAM)) {
            Socket s = tipc.open(type);
            assertEquals(Family.TIPC, s.family());
            assertEquals(type, s.type());
            assertEquals(Family.TIPC, s.get(SockOpt.SO_DOMAIN));
            assertEquals(type, s.get(SockOpt.SO_TYPE));
            SockAddr.TipcId id = assertInstanceOf(SockAddr.TipcId.class, s.getSockName());
            assertTrue(id.ref() != 0, "a TIPC socket has its reference from the start: " + id);
            Socket dup = tipc.add(Socket.fromFd(s.fileno()));
            assertEquals(Family.TIPC, dup.family());
            assertEquals(id, dup.getSockName());
        }
    }

    private static Ancillary only(Message m, int type) {
        List<Ancillary> found = m.ancillary().stream().filter(a -> a.is(Sockets.SOL_TIPC, type)).toList();
        assertEquals(1, found.size(), "one SOL_TIPC item " + type + " in " + m);
        return found.get(0);
    }
}
