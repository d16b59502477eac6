package io.jsock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.testing.Python;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three forms of {@code struct sockaddr_tipc}, without a TIPC kernel: every field round-trips,
 * the bytes are those a C program of this test writes through the header's own fields and those
 * Python's struct module packs, the tuples are CPython's, and bad values are refused before any
 * call. What a real kernel reports is checked by {@link TipcSocketTest} in the VM.
 */
class TipcAddressTest {
    private static final long U32 = 0xFFFF_FFFFL;
    private static final int[] SCOPES = {0, 1, 2, 3, -1, -2, -3};

    static List<SockAddr.Tipc> samples() {
        List<SockAddr.Tipc> all = new ArrayList<>();
        long[] values = {0, 1, 64, 18888, 0x7FFF_FFFFL, 0x8000_0000L, 0xDEAD_BEEFL, U32};
        for (int scope : SCOPES) {
            for (long v : values) {
                all.add(SockAddr.tipcNameSeq(v, 0, v, scope));
                all.add(SockAddr.tipcNameSeq(v, v, U32, scope));
                all.add(SockAddr.tipcName(v, U32 - v, v ^ 0x1001002L, scope));
                all.add(SockAddr.tipcId(v, U32 - v, scope));
            }
        }
        return all;
    }

    @Test
    void everyFormAndScopeRoundTrips() {
        for (SockAddr.Tipc a : samples()) {
            SockAddr back = SockAddrTest.roundTrip(a);
            assertEquals(Family.TIPC, back.family());
            assertEquals(a.addrType(), ((SockAddr.Tipc) back).addrType());
            assertEquals(a.scope(), ((SockAddr.Tipc) back).scope());
            assertEquals(Sockets.TIPC_ADDR_NAMESEQ == a.addrType() ? SockAddr.TipcNameSeq.class
                    : Sockets.TIPC_ADDR_NAME == a.addrType() ? SockAddr.TipcName.class : SockAddr.TipcId.class, back.getClass());
        }
        assertEquals(16, SockAddr.Tipc.LENGTH);
        assertEquals(16, SockAddrTest.encoded(SockAddr.tipcId(1, 2)).length);
    }

    @Test
    void defaultsAreCPythonsScopeForNamesAndTheKernelsForIds() {
        assertEquals(Sockets.TIPC_CLUSTER_SCOPE, SockAddr.tipcNameSeq(100, 1, 2).scope());
        assertEquals(Sockets.TIPC_CLUSTER_SCOPE, SockAddr.tipcName(100, 1).scope());
        assertEquals(0, SockAddr.tipcName(100, 1).domain());
        assertEquals(0x1001001L, SockAddr.tipcName(100, 1, 0x1001001L).domain());
        assertEquals(0, SockAddr.tipcId(5, 6).scope(), "the kernel reports every socket address with scope 0");
        assertEquals(Sockets.TIPC_ZONE_SCOPE, SockAddr.Tipc.ZONE_SCOPE);
        assertEquals(Sockets.TIPC_CLUSTER_SCOPE, SockAddr.Tipc.CLUSTER_SCOPE);
        assertEquals(Sockets.TIPC_NODE_SCOPE, SockAddr.Tipc.NODE_SCOPE);
    }

    /** The bytes of each form, against a C program that fills the header's struct field by field. */
    @Test
    void bytesAreTheHeadersStruct() {
        List<SockAddr.Tipc> cases = List.of(
                SockAddr.tipcNameSeq(18888, 1, 100, Sockets.TIPC_NODE_SCOPE),
                SockAddr.tipcNameSeq(U32, U32, U32, -3),
                SockAddr.tipcName(0x12345678L, 0x9ABCDEF0L, 0x1001002L, Sockets.TIPC_CLUSTER_SCOPE),
                SockAddr.tipcName(1, 1, 0, 0),
                SockAddr.tipcId(0xCAFEBABEL, 0x1001003L, 0),
                SockAddr.tipcId(U32, 0, -1));
        StringBuilder c = new StringBuilder(CProgram.SOCKET_HEADERS).append("\n#include <string.h>\n")
                .append("static void show(struct sockaddr_tipc *a) {\n")
                .append("    for (size_t i = 0; i < sizeof *a; i++) printf(\"%02x\", ((unsigned char *) a)[i]);\n")
                .append("    printf(\"\\n\");\n}\nint main(void) {\n    struct sockaddr_tipc a;\n");
        for (SockAddr.Tipc t : cases) {
            c.append("    memset(&a, 0, sizeof a); a.family = AF_TIPC; a.scope = ").append(t.scope()).append(";\n");
            if (t instanceof SockAddr.TipcNameSeq s) {
                c.append("    a.addrtype = TIPC_ADDR_NAMESEQ; a.addr.nameseq.type = ").append(s.type())
                        .append("u; a.addr.nameseq.lower = ").append(s.lower())
                        .append("u; a.addr.nameseq.upper = ").append(s.upper()).append("u;\n");
            } else if (t instanceof SockAddr.TipcName n) {
                c.append("    a.addrtype = TIPC_ADDR_NAME; a.addr.name.name.type = ").append(n.type())
                        .append("u; a.addr.name.name.instance = ").append(n.instance())
                        .append("u; a.addr.name.domain = ").append(n.domain()).append("u;\n");
            } else {
                SockAddr.TipcId i = (SockAddr.TipcId) t;
                c.append("    a.addrtype = TIPC_ADDR_ID; a.addr.id.ref = ").append(i.ref())
                        .append("u; a.addr.id.node = ").append(i.node()).append("u;\n");
            }
            c.append("    show(&a);\n");
        }
        c.append("    return 0;\n}\n");
        List<String> out = CProgram.run(c.toString());
        assertEquals(cases.size(), out.size(), out.toString());
        for (int i = 0; i < cases.size(); i++) {
            assertEquals(out.get(i), HexFormat.of().formatHex(SockAddrTest.encoded(cases.get(i))), cases.get(i).toString());
        }
    }

    /**
     * The same bytes from Python's struct module, which packs {@code family u16, addrtype u8,
     * scope i8, three u32} in native order, as the layout of linux/tipc.h reads.
     */
    @Test
    void bytesArePythonsStructPacking() throws Exception {
        List<SockAddr.Tipc> cases = samples();
        StringBuilder args = new StringBuilder();
        for (SockAddr.Tipc t : cases) {
            long[] v = fields(t);
            args.append(t.addrType()).append(' ').append(t.scope()).append(' ')
                    .append(v[0]).append(' ').append(v[1]).append(' ').append(v[2]).append('\n');
        }
        String out = Python.output("import socket, struct, sys\n"
                + "for line in sys.argv[1].split('\\n'):\n"
                + "    if not line: continue\n"
                + "    t, scope, a, b, c = (int(x) for x in line.split())\n"
                + "    print(struct.pack('=HBbIII', socket.AF_TIPC, t, scope, a, b, c).hex())\n", args.toString());
        String[] lines = out.split("\n");
        assertEquals(cases.size(), lines.length);
        for (int i = 0; i < cases.size(); i++) {
            assertEquals(lines[i], HexFormat.of().formatHex(SockAddrTest.encoded(cases.get(i))), cases.get(i).toString());
        }
    }

    /** The union's three words as the struct holds them: nameseq, name and domain, or ref, node and 0. */
    private static long[] fields(SockAddr.Tipc t) {
        if (t instanceof SockAddr.TipcNameSeq s) return new long[] {s.type(), s.lower(), s.upper()};
        if (t instanceof SockAddr.TipcName n) return new long[] {n.type(), n.instance(), n.domain()};
        SockAddr.TipcId i = (SockAddr.TipcId) t;
        return new long[] {i.ref(), i.node(), 0};
    }

    /** What the kernel writes is decoded from a sockaddr_tipc filled in as the kernel fills it. */
    @Test
    void decodesWhatTheKernelWrites() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        // getsockname: family, TIPC_SOCKET_ADDR (= TIPC_ADDR_ID), scope 0, ref, node.
        b.putShort(0, (short) Sockets.AF_TIPC).put(2, (byte) Sockets.TIPC_SOCKET_ADDR).put(3, (byte) 0);
        b.putInt(4, 0xC0FFEE01).putInt(8, 0x1001001);
        assertEquals(SockAddr.tipcId(0xC0FFEE01L, 0x1001001L), SockAddr.decode(b, 0, 16));
        // A group message's sender: the socket address, then the member's service address (32 bytes).
        b.putShort(16, (short) Sockets.AF_TIPC).put(18, (byte) Sockets.TIPC_SERVICE_ADDR).put(19, (byte) 0);
        b.putInt(20, 4711).putInt(24, 17).putInt(28, 0);
        assertEquals(SockAddr.tipcId(0xC0FFEE01L, 0x1001001L), SockAddr.decode(b, 0, 32));
        assertEquals(SockAddr.tipcName(4711, 17, 0, 0), SockAddr.decode(b, 16, 16));
        // A service range, as a bind address read back.
        b.put(2, (byte) Sockets.TIPC_SERVICE_RANGE).put(3, (byte) Sockets.TIPC_NODE_SCOPE).putInt(12, 0x2002002);
        assertEquals(SockAddr.tipcNameSeq(0xC0FFEE01L, 0x1001001L, 0x2002002L, Sockets.TIPC_NODE_SCOPE), SockAddr.decode(b, 0, 16));
        // An address type the header does not name: kept raw, never refused.
        b.put(2, (byte) 9);
        SockAddr other = SockAddr.decode(b, 0, 16);
        SockAddr.Other raw = assertInstanceOf(SockAddr.Other.class, other);
        assertEquals(Family.TIPC, raw.family());
        assertEquals(14, raw.data().length);
        assertEquals(9, raw.data()[0]);
        // Too short for a sockaddr_tipc.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SockAddr.decode(b, 0, 15));
        assertTrue(e.getMessage().contains("sockaddr_tipc of 15 bytes"), e.getMessage());
    }

    /** CPython's makesockaddr, read in Modules/socketmodule.c: the tuples its recvfrom and getsockname give. */
    @Test
    void tuplesAreCPythons() {
        assertArrayEquals(new long[] {1, 18888, 0, 100, 2}, SockAddr.tipcNameSeq(18888, 0, 100).toPythonTuple());
        assertArrayEquals(new long[] {2, 18888, 7, 7, 3}, SockAddr.tipcName(18888, 7, 0x1001001L, 3).toPythonTuple(),
                "CPython repeats the instance where the domain would be");
        assertArrayEquals(new long[] {3, 0x1001001L, 0xCAFEL, 0, 0}, SockAddr.tipcId(0xCAFE, 0x1001001L).toPythonTuple(),
                "node before ref, then 0");
        assertArrayEquals(new long[] {3, 0, U32, 0, U32}, SockAddr.tipcId(U32, 0, -1).toPythonTuple(),
                "a negative scope as CPython's unsigned int");
        assertEquals(Sockets.TIPC_ADDR_NAMESEQ, 1);
        assertEquals(Sockets.TIPC_ADDR_NAME, 2);
        assertEquals(Sockets.TIPC_ADDR_ID, 3);
    }

    /** CPython's getsockaddrarg: the tuples its bind, connect and sendto take. */
    @Test
    void tuplesAreReadAsCPythonReadsThem() {
        assertEquals(SockAddr.tipcNameSeq(18888, 0, 100, Sockets.TIPC_CLUSTER_SCOPE), SockAddr.tipcFromPython(1, 18888, 0, 100));
        assertEquals(SockAddr.tipcNameSeq(18888, 0, 100, Sockets.TIPC_NODE_SCOPE), SockAddr.tipcFromPython(1, 18888, 0, 100, 3));
        assertEquals(SockAddr.tipcName(18888, 5, 0, Sockets.TIPC_CLUSTER_SCOPE), SockAddr.tipcFromPython(2, 18888, 5, 99),
                "CPython ignores v3 of a name: the domain stays 0");
        assertEquals(SockAddr.tipcId(0xCAFE, 0x1001001L, 0), SockAddr.tipcFromPython(3, 0x1001001L, 0xCAFE, 0, 0));
        assertEquals(SockAddr.tipcId(1, 2, -1), SockAddr.tipcFromPython(3, 2, 1, 0, U32));
        for (SockAddr.Tipc a : samples()) {
            SockAddr.Tipc back = SockAddr.tipcFromPython(a.toPythonTuple());
            if (a instanceof SockAddr.TipcName n) {
                assertEquals(SockAddr.tipcName(n.type(), n.instance(), 0, n.scope()), back, "CPython loses the domain");
            } else {
                assertEquals(a, back);
            }
        }
    }

    @Test
    void badValuesAreRefusedWithTheReason() {
        assertRefused("TIPC service type must be 0-4294967295 (unsigned 32-bit), not -1", () -> SockAddr.tipcNameSeq(-1, 0, 0));
        assertRefused("TIPC upper instance must be 0-4294967295", () -> SockAddr.tipcNameSeq(1, 0, U32 + 1));
        assertRefused("TIPC service range 5-4: lower above upper", () -> SockAddr.tipcNameSeq(1, 5, 4));
        assertRefused("TIPC instance must be 0-4294967295", () -> SockAddr.tipcName(1, 1L << 32));
        assertRefused("TIPC lookup domain must be 0-4294967295", () -> SockAddr.tipcName(1, 1, -5));
        assertRefused("TIPC socket reference must be 0-4294967295", () -> SockAddr.tipcId(-2, 0));
        assertRefused("TIPC node must be 0-4294967295", () -> SockAddr.tipcId(0, U32 + 1));
        for (int scope : new int[] {4, -4, 127, -128, Integer.MAX_VALUE}) {
            assertRefused("TIPC scope must be TIPC_ZONE_SCOPE (1), TIPC_CLUSTER_SCOPE (2), TIPC_NODE_SCOPE (3), 0 or the"
                    + " negative of one (bind then withdraws), not " + scope, () -> SockAddr.tipcName(1, 1, 0, scope));
        }
        assertRefused("AF_TIPC address must be a tuple (addr_type, v1, v2, v3[, scope]), not 3 elements",
                () -> SockAddr.tipcFromPython(1, 2, 3));
        assertRefused("AF_TIPC address must be a tuple", () -> SockAddr.tipcFromPython(1, 2, 3, 4, 5, 6));
        assertRefused("AF_TIPC tuple element 2 must be 0-4294967295, not -1", () -> SockAddr.tipcFromPython(1, 2, -1, 4));
        assertRefused("AF_TIPC tuple element 4 must be 0-4294967295, not 4294967296",
                () -> SockAddr.tipcFromPython(1, 2, 3, 4, U32 + 1));
        assertRefused("AF_TIPC address type 4 is not TIPC_ADDR_NAMESEQ (1), TIPC_ADDR_NAME (2) or TIPC_ADDR_ID (3)",
                () -> SockAddr.tipcFromPython(4, 0, 0, 0));
        assertRefused("TIPC scope must be", () -> SockAddr.tipcFromPython(1, 0, 0, 0, 7));
    }

    private static void assertRefused(String message, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(message), "message: " + e.getMessage());
    }

    @Test
    void toStringReadsAsTheTipcToolWrites() {
        assertEquals("tipc:{18888,0,100}@cluster", SockAddr.tipcNameSeq(18888, 0, 100).toString());
        assertEquals("tipc:{18888,1}@node", SockAddr.tipcName(18888, 1, 0, 3).toString());
        assertEquals("tipc:{18888,1},domain=0x1001001@cluster", SockAddr.tipcName(18888, 1, 0x1001001L).toString());
        assertEquals("tipc:<1001002:3390337004>", SockAddr.tipcId(3390337004L, 0x1001002L).toString());
        assertEquals("tipc:{1,2}@zone", SockAddr.tipcName(1, 2, 0, 1).toString());
        assertEquals("tipc:{1,2,3}@withdraw-node", SockAddr.tipcNameSeq(1, 2, 3, -3).toString());
    }

    @Test
    void equalityIsByEveryField() {
        assertEquals(SockAddr.tipcName(1, 2, 3, 2), SockAddr.tipcName(1, 2, 3, 2));
        assertNotEquals(SockAddr.tipcName(1, 2, 3, 2), SockAddr.tipcName(1, 2, 3, 3));
        assertNotEquals(SockAddr.tipcName(1, 2, 0, 2), SockAddr.tipcName(1, 2, 1, 2));
        assertNotEquals(SockAddr.tipcNameSeq(1, 2, 2), SockAddr.tipcName(1, 2));
        assertNotEquals(SockAddr.tipcId(1, 2), SockAddr.tipcId(2, 1));
    }
}
