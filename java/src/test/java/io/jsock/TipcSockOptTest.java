package io.jsock;

import static io.jsock.ErrnoAssertions.assertErrno;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jsock.testing.GuestKernel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SOL_TIPC option of {@link SockOpt} against a kernel with TIPC (the project's VM; skipped
 * elsewhere): read, set to what is not the default, read again; the read-only ones against what
 * is known to be true; the actions and TIPC_GROUP_JOIN by their effect. The value shapes, which
 * need no kernel, are checked everywhere.
 */
class TipcSockOptTest {
    @RegisterExtension
    final TipcSockets tipc = TipcSockets.lazy();

    private interface Check {
        void run(TipcSockets tipc) throws Exception;
    }

    private static final Map<SockOpt<?>, Check> CASES = new LinkedHashMap<>();

    static {
        CASES.put(SockOpt.TIPC_IMPORTANCE, t -> {
            Socket s = t.open(Type.RDM);
            assertEquals(Sockets.TIPC_LOW_IMPORTANCE, s.get(SockOpt.TIPC_IMPORTANCE));
            s.set(SockOpt.TIPC_IMPORTANCE, Sockets.TIPC_CRITICAL_IMPORTANCE);
            assertEquals(Sockets.TIPC_CRITICAL_IMPORTANCE, s.get(SockOpt.TIPC_IMPORTANCE));
            assertErrno("EINVAL", () -> s.set(SockOpt.TIPC_IMPORTANCE, Sockets.TIPC_CRITICAL_IMPORTANCE + 1));
        });
        CASES.put(SockOpt.TIPC_SRC_DROPPABLE, t -> {
            assertTrue(t.open(Type.DGRAM).get(SockOpt.TIPC_SRC_DROPPABLE), "SOCK_DGRAM's default");
            flips(t.open(Type.RDM), SockOpt.TIPC_SRC_DROPPABLE, false);
        });
        CASES.put(SockOpt.TIPC_DEST_DROPPABLE, t -> {
            assertTrue(t.open(Type.DGRAM).get(SockOpt.TIPC_DEST_DROPPABLE), "SOCK_DGRAM's default");
            assertFalse(t.open(Type.SEQPACKET).get(SockOpt.TIPC_DEST_DROPPABLE), "a connection's default");
            flips(t.open(Type.RDM), SockOpt.TIPC_DEST_DROPPABLE, true);
        });
        CASES.put(SockOpt.TIPC_CONN_TIMEOUT, t -> {
            Socket s = t.open(Type.SEQPACKET);
            assertEquals(8000, s.get(SockOpt.TIPC_CONN_TIMEOUT));
            s.set(SockOpt.TIPC_CONN_TIMEOUT, 2500);
            assertEquals(2500, s.get(SockOpt.TIPC_CONN_TIMEOUT));
        });
        CASES.put(SockOpt.TIPC_NODE_RECVQ_DEPTH, t -> readOnly(t.open(Type.RDM), SockOpt.TIPC_NODE_RECVQ_DEPTH, 0));
        CASES.put(SockOpt.TIPC_SOCK_RECVQ_DEPTH, t -> {
            Socket rx = queued(t, 3);
            readOnly(rx, SockOpt.TIPC_SOCK_RECVQ_DEPTH, 3);
        });
        CASES.put(SockOpt.TIPC_SOCK_RECVQ_USED, t -> {
            Socket rx = t.open(Type.RDM);
            assertEquals(0, rx.get(SockOpt.TIPC_SOCK_RECVQ_USED));
            Socket full = queued(t, 2);
            int used = full.get(SockOpt.TIPC_SOCK_RECVQ_USED);
            assertTrue(used >= 2 * 1000, "two messages of 1000 bytes take " + used + " bytes");
            assertThrows(UnsupportedOperationException.class, () -> full.set(SockOpt.TIPC_SOCK_RECVQ_USED, 1));
        });
        CASES.put(SockOpt.TIPC_MCAST_BROADCAST, t -> multicastAfter(t, SockOpt.TIPC_MCAST_BROADCAST));
        CASES.put(SockOpt.TIPC_MCAST_REPLICAST, t -> multicastAfter(t, SockOpt.TIPC_MCAST_REPLICAST));
        CASES.put(SockOpt.TIPC_GROUP_JOIN, t -> {
            Socket s = t.open(Type.RDM);
            long group = TipcSockets.serviceType();
            assertEquals(0, s.getSockOpt(Sockets.SOL_TIPC, Sockets.TIPC_GROUP_JOIN), "in no group");
            s.set(SockOpt.TIPC_GROUP_JOIN, TipcGroupReq.of(group, 3));
            assertEquals((int) group, s.getSockOpt(Sockets.SOL_TIPC, Sockets.TIPC_GROUP_JOIN), "the raw form reports the group");
            assertErrno("EACCES", () -> s.set(SockOpt.TIPC_GROUP_JOIN, TipcGroupReq.of(group, 4))); // in one already
            assertThrows(UnsupportedOperationException.class, () -> s.get(SockOpt.TIPC_GROUP_JOIN));
            Socket reserved = t.open(Type.RDM);
            assertErrno("EACCES", () -> reserved.set(SockOpt.TIPC_GROUP_JOIN, TipcGroupReq.of(Sockets.TIPC_RESERVED_TYPES - 1, 1)));
        });
        CASES.put(SockOpt.TIPC_GROUP_LEAVE, t -> {
            Socket s = t.open(Type.RDM);
            long group = TipcSockets.serviceType();
            s.set(SockOpt.TIPC_GROUP_JOIN, TipcGroupReq.of(group, 3).withFlags(TipcGroupReq.MEMBER_EVENTS));
            s.set(SockOpt.TIPC_GROUP_LEAVE, true);
            assertEquals(0, s.getSockOpt(Sockets.SOL_TIPC, Sockets.TIPC_GROUP_JOIN), "left the group");
            s.set(SockOpt.TIPC_GROUP_JOIN, TipcGroupReq.of(group, 4)); // and may join again
            assertThrows(IllegalArgumentException.class, () -> s.set(SockOpt.TIPC_GROUP_LEAVE, false));
            assertThrows(UnsupportedOperationException.class, () -> s.get(SockOpt.TIPC_GROUP_LEAVE));
        });
        CASES.put(SockOpt.TIPC_NODELAY, t -> {
            Socket s = t.open(Type.STREAM);
            s.set(SockOpt.TIPC_NODELAY, true);
            s.set(SockOpt.TIPC_NODELAY, false);
            assertThrows(UnsupportedOperationException.class, () -> s.get(SockOpt.TIPC_NODELAY));
            assertErrno("EINVAL", () -> s.getSockOpt(Sockets.SOL_TIPC, Sockets.TIPC_NODELAY)); // the kernel does not report it
        });
    }

    private static void flips(Socket s, SockOpt<Boolean> o, boolean before) throws Exception {
        assertEquals(before, o.get(s), o + "'s default");
        o.set(s, !before);
        assertEquals(!before, o.get(s), o.cName());
    }

    private static void readOnly(Socket s, SockOpt<Integer> o, int truth) throws Exception {
        assertEquals(truth, o.get(s), o.cName());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> o.set(s, truth));
        assertTrue(e.getMessage().contains(o.cName() + " is read-only"), e.getMessage());
    }

    /** A socket with {@code n} messages of 1000 bytes waiting. */
    private static Socket queued(TipcSockets t, int n) throws Exception {
        Socket rx = t.open(Type.RDM);
        Socket tx = t.open(Type.RDM);
        for (int i = 0; i < n; i++) tx.sendTo(new byte[1000], rx.getSockName());
        for (int i = 0; i < 100 && rx.get(SockOpt.TIPC_SOCK_RECVQ_DEPTH) < n; i++) Thread.sleep(50); // delivery is asynchronous
        return rx;
    }

    /** After the action, a multicast still reaches the range; false is refused before any call. */
    private static void multicastAfter(TipcSockets t, SockOpt<Boolean> action) throws Exception {
        long service = TipcSockets.serviceType();
        Socket rx = t.bound(Type.RDM, SockAddr.tipcNameSeq(service, 1, 1));
        Socket tx = t.open(Type.RDM);
        tx.set(action, true);
        tx.sendTo("m".getBytes(StandardCharsets.US_ASCII), SockAddr.tipcNameSeq(service, 0, 10));
        assertEquals("m", new String(rx.recv(10), StandardCharsets.US_ASCII));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tx.set(action, false));
        assertTrue(e.getMessage().contains("is an action without a value"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> tx.get(action));
        assertErrno("EINVAL", () -> tx.setSockOpt(Sockets.SOL_TIPC, action.name(), 1)); // it takes no value at all
    }

    static List<SockOpt<?>> tipcOptions() {
        return SockOpt.all().stream().filter(o -> o.level() == Sockets.SOL_TIPC).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tipcOptions")
    @GuestKernel(modules = {"tipc"})
    void getSetGet(SockOpt<?> option) throws Exception {
        tipc.assumeTipc();
        Check c = CASES.get(option);
        if (c == null) fail("no case for " + option);
        c.run(tipc);
    }

    /** Runs everywhere: each SOL_TIPC option has its case here, and SockOptTest leaves them to this class. */
    @Test
    void everyTipcOptionHasACase() {
        assertEquals(tipcOptions(), List.copyOf(CASES.keySet()));
        assertEquals(12, CASES.size());
        for (SockOpt<?> o : tipcOptions()) {
            assertEquals(Sockets.SOL_TIPC, o.level());
            assertFalse(SockOptTest.options().contains(o), o + " in SockOptTest too");
        }
        assertEquals(SockOpt.Access.WRITE_ONLY, SockOpt.TIPC_GROUP_JOIN.access());
        assertEquals(SockOpt.Access.READ_ONLY, SockOpt.TIPC_SOCK_RECVQ_DEPTH.access());
        assertEquals(SockOpt.Access.READ_WRITE, SockOpt.TIPC_IMPORTANCE.access());
    }

    /** Runs everywhere: struct tipc_group_req, against a C program that fills it through the header's fields. */
    @Test
    void groupRequestIsTheHeadersStruct() {
        TipcGroupReq r = new TipcGroupReq(0xDEADBEEFL, 0x12345678L, Sockets.TIPC_NODE_SCOPE,
                TipcGroupReq.LOOPBACK | TipcGroupReq.MEMBER_EVENTS);
        ByteBuffer b = ByteBuffer.allocate(TipcGroupReq.SIZE).order(ByteOrder.nativeOrder());
        r.encode(b, 0);
        List<String> c = CProgram.run(CProgram.SOCKET_HEADERS + "\nint main(void) {\n"
                + "    struct tipc_group_req g = {0};\n"
                + "    g.type = 0xDEADBEEFu; g.instance = 0x12345678u; g.scope = TIPC_NODE_SCOPE;\n"
                + "    g.flags = TIPC_GROUP_LOOPBACK | TIPC_GROUP_MEMBER_EVTS;\n"
                + "    for (size_t i = 0; i < sizeof g; i++) printf(\"%02x\", ((unsigned char *) &g)[i]);\n"
                + "    printf(\"\\n%zu\\n\", sizeof g);\n    return 0;\n}\n");
        assertEquals(c.get(0), java.util.HexFormat.of().formatHex(b.array()));
        assertEquals(Integer.parseInt(c.get(1)), TipcGroupReq.SIZE);
        assertEquals(16, TipcGroupReq.SIZE);
        assertEquals(TipcGroupReq.of(5000, 1), new TipcGroupReq(5000, 1, Sockets.TIPC_CLUSTER_SCOPE, 0));
        assertEquals(TipcGroupReq.MEMBER_EVENTS, TipcGroupReq.of(5000, 1).withFlags(TipcGroupReq.MEMBER_EVENTS).flags());
        assertThrows(IllegalArgumentException.class, () -> TipcGroupReq.of(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> TipcGroupReq.of(1, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> TipcGroupReq.of(1, 1).withScope(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TipcGroupReq.of(1, 1).withFlags(8));
        assertTrue(e.getMessage().contains("only TIPC_GROUP_LOOPBACK and TIPC_GROUP_MEMBER_EVTS"), e.getMessage());
    }
}
