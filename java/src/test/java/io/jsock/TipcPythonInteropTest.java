package io.jsock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsock.testing.ChildProcess;
import io.jsock.testing.GuestKernel;
import io.jsock.testing.Python;
import java.util.HexFormat;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jsock against CPython's own TIPC support (python/tipc_peer.py), in both directions, in a kernel
 * with TIPC (skipped elsewhere): datagrams over SOCK_RDM and SOCK_DGRAM, connections over
 * SOCK_SEQPACKET and SOCK_STREAM, every byte compared, and every address each side reports
 * compared through CPython's tuples ({@link SockAddr.Tipc#toPythonTuple()} and
 * {@link SockAddr#tipcFromPython}).
 */
@GuestKernel(modules = {"tipc"})
class TipcPythonInteropTest {
    @RegisterExtension
    final TipcSockets tipc = new TipcSockets();


    private static String hex(byte[] b) {
        return b.length == 0 ? "-" : HexFormat.of().formatHex(b);
    }

    private static byte[] reversed(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i];
        return r;
    }

    private static String kind(Type t) {
        return t.name().toLowerCase(java.util.Locale.ROOT);
    }

    @ParameterizedTest
    @EnumSource(names = {"RDM", "DGRAM"})
    void jsockSendsToAServicePythonBound(Type type) throws Exception {
        long service = TipcSockets.serviceType();
        try (ChildProcess py = Python.start("tipc_peer.py", "rdm-echo", "" + service, "1", "1", kind(type), "1")) {
            SockAddr pyAddress = Python.parse(py.expect("ready")[0]);
            Socket s = tipc.open(type);
            byte[] data = SocketFixtures.randomBytes(1500);
            s.sendTo(data, SockAddr.tipcName(service, 1));
            String[] got = py.expect("message");
            assertEquals(hex(data), got[0]);
            assertEquals(Python.spec(s.getSockName()), got[1], "CPython's recvfrom reports jsock's socket address");
            Datagram reply = s.recvFrom(70000);
            assertArrayEquals(reversed(data), reply.data());
            assertEquals(pyAddress, reply.address(), "jsock's recvfrom reports CPython's getsockname");
            py.finish();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"RDM", "DGRAM"})
    void pythonSendsToAServiceJsockBound(Type type) throws Exception {
        long service = TipcSockets.serviceType();
        Socket s = tipc.bound(type, SockAddr.tipcNameSeq(service, 0, 9));
        byte[] data = SocketFixtures.randomBytes(1200);
        String dest = Python.spec(SockAddr.tipcName(service, 4));
        try (ChildProcess py = Python.start("tipc_peer.py", "rdm-ask", dest, kind(type), hex(data))) {
            SockAddr pySender = Python.parse(py.expect("sent")[0]);
            Datagram d = s.recvFrom(70000);
            assertArrayEquals(data, d.data());
            assertEquals(pySender, d.address(), "jsock's recvfrom reports CPython's getsockname");
            s.sendTo(reversed(data), d.address());
            String[] reply = py.expect("reply");
            assertEquals(hex(reversed(data)), reply[0]);
            assertEquals(Python.spec(s.getSockName()), reply[1], "CPython's recvfrom reports jsock's socket address");
            py.finish();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"SEQPACKET", "STREAM"})
    void pythonConnectsToJsock(Type type) throws Exception {
        long service = TipcSockets.serviceType();
        Socket listener = tipc.bound(type, SockAddr.tipcName(service, 3));
        listener.listen();
        byte[] up = SocketFixtures.randomBytes(40000);
        try (ChildProcess py = Python.start("tipc_peer.py", "conn-client", Python.spec(SockAddr.tipcName(service, 3)),
                kind(type), hex(up))) {
            Socket conn = tipc.add(listener.accept());
            String[] connected = py.expect("connected");
            assertEquals(Python.spec(conn.getPeerName()), connected[0], "accept's peer is CPython's getsockname");
            assertEquals(Python.spec(conn.getSockName()), connected[1], "CPython's getpeername is the accepted socket");
            byte[] got = type == Type.SEQPACKET ? conn.recv(70000) : SocketFixtures.recvExactly(conn, up.length);
            assertArrayEquals(up, got);
            conn.sendAll(reversed(up));
            conn.shutdown(How.BOTH); // the end of the stream for the peer; a close alone would reset it
            conn.close();
            assertEquals(hex(reversed(up)), py.expect("received")[0]);
            py.finish();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"SEQPACKET", "STREAM"})
    void jsockConnectsToPython(Type type) throws Exception {
        long service = TipcSockets.serviceType();
        byte[] up = SocketFixtures.randomBytes(40000);
        try (ChildProcess py = Python.start("tipc_peer.py", "conn-server", "" + service, "8", kind(type), hex(up))) {
            SockAddr pyListener = Python.parse(py.expect("ready")[0]);
            Socket s = tipc.open(type);
            Future<Void> connecting = tipc.inThread(() -> {
                s.connect(SockAddr.tipcName(service, 8));
                return null;
            });
            String[] accepted = py.expect("accepted");
            connecting.get(TipcSockets.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(Python.spec(s.getSockName()), accepted[0], "CPython's accept reports jsock's getsockname");
            assertEquals(Python.parse(accepted[1]), s.getPeerName(), "jsock's getpeername is CPython's accepted socket");
            assertEquals(((SockAddr.TipcId) pyListener).node(), ((SockAddr.TipcId) s.getPeerName()).node());
            s.sendAll(up);
            assertEquals("ok", py.expect("received")[0]);
            assertArrayEquals(reversed(up), SocketFixtures.recvToEnd(s));
            py.finish();
        }
    }
}
