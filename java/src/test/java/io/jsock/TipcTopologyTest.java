package io.jsock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.testing.GuestKernel;
import io.jsock.tipc.Subscription;
import io.jsock.tipc.TopologyClient;
import io.jsock.tipc.TopologyEvent;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TIPC topology service: struct tipc_subscr and struct tipc_event against the headers
 * (everywhere), and a real server's events (in a kernel with TIPC; skipped elsewhere):
 * PUBLISHED on bind, WITHDRAWN on close and on a withdrawing bind, TIPC_SUB_SERVICE's first-up
 * and last-down of each instance range, SUBSCR_TIMEOUT, cancel, and the server's hang-up on a subscription it refuses.
 */
class TipcTopologyTest {
    /** Long enough for an event to have come if one were coming, in an emulated guest. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    @RegisterExtension
    final TipcSockets tipc = TipcSockets.lazy();

    // ---------------------------------------------------------------- the structs, everywhere

    @Test
    void subscriptionIsTheHeadersStruct() {
        Subscription s = new Subscription(0xDEADBEEFL, 7, 0xFFFFFFFEL, 123456, Subscription.PORTS,
                new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) 0xff});
        List<String> c = CProgram.run(CProgram.SOCKET_HEADERS + "\n#include <string.h>\nint main(void) {\n"
                + "    struct tipc_subscr s;\n    memset(&s, 0, sizeof s);\n"
                + "    s.seq.type = 0xDEADBEEFu; s.seq.lower = 7; s.seq.upper = 0xFFFFFFFEu;\n"
                + "    s.timeout = 123456; s.filter = TIPC_SUB_PORTS;\n"
                + "    memcpy(s.usr_handle, \"\\1\\2\\3\\4\\5\\6\\7\\377\", 8);\n"
                + "    for (size_t i = 0; i < sizeof s; i++) printf(\"%02x\", ((unsigned char *) &s)[i]);\n"
                + "    printf(\"\\n%zu %zu\\n\", sizeof s, sizeof(struct tipc_event));\n    return 0;\n}\n");
        assertEquals(c.get(0), HexFormat.of().formatHex(s.toBytes()));
        assertEquals(c.get(1), Subscription.SIZE + " " + TopologyEvent.SIZE);
        assertEquals(28, Subscription.SIZE);
        assertEquals(48, TopologyEvent.SIZE);
        assertEquals(8, Subscription.HANDLE_LENGTH);
        assertEquals(s, Subscription.decode(ByteBuffer.wrap(s.toBytes()).order(ByteOrder.nativeOrder()), 0));
        assertEquals(0xFFFF_FFFFL, Subscription.FOREVER, "TIPC_WAIT_FOREVER, ~0");
    }

    /** An event a C program writes as the server does, decoded. */
    @Test
    void eventIsTheHeadersStruct() {
        List<String> c = CProgram.run(CProgram.SOCKET_HEADERS + "\n#include <string.h>\nint main(void) {\n"
                + "    struct tipc_event e;\n    memset(&e, 0, sizeof e);\n"
                + "    e.event = TIPC_WITHDRAWN; e.found_lower = 10; e.found_upper = 0xFFFFFFFFu;\n"
                + "    e.port.ref = 0xC0FFEE00u; e.port.node = 0x1001002u;\n"
                + "    e.s.seq.type = 18888; e.s.seq.lower = 0; e.s.seq.upper = 0xFFFFFFFFu;\n"
                + "    e.s.timeout = TIPC_WAIT_FOREVER; e.s.filter = TIPC_SUB_SERVICE;\n"
                + "    memcpy(e.s.usr_handle, \"handle!\", 8);\n"
                + "    for (size_t i = 0; i < sizeof e; i++) printf(\"%02x\", ((unsigned char *) &e)[i]);\n"
                + "    printf(\"\\n\");\n    return 0;\n}\n");
        byte[] raw = HexFormat.of().parseHex(c.get(0));
        TopologyEvent e = TopologyEvent.decode(ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder()), 0);
        assertEquals(TopologyEvent.Kind.WITHDRAWN, e.kind());
        assertEquals(10, e.foundLower());
        assertEquals(0xFFFF_FFFFL, e.foundUpper());
        assertEquals(SockAddr.tipcId(0xC0FFEE00L, 0x1001002L), e.port());
        Subscription s = e.subscription();
        assertEquals(SockAddr.tipcNameSeq(18888, 0, 0xFFFF_FFFFL), s.range());
        assertTrue(s.forever());
        assertEquals(Subscription.SERVICE, s.filter());
        assertArrayEquals("handle!\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), s.handle());
        ByteBuffer again = ByteBuffer.allocate(TopologyEvent.SIZE).order(ByteOrder.nativeOrder());
        e.encode(again, 0);
        assertArrayEquals(raw, again.array());
        raw[0] = 9; // an event number the header does not name
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> TopologyEvent.decode(ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder()), 0));
        assertTrue(x.getMessage().contains("TIPC topology event"), x.getMessage());
        assertEquals(Sockets.TIPC_PUBLISHED, TopologyEvent.Kind.PUBLISHED.value());
        assertEquals(Sockets.TIPC_SUBSCR_TIMEOUT, TopologyEvent.Kind.SUBSCR_TIMEOUT.value());
    }

    @Test
    void subscriptionsAreCheckedBeforeTheyAreSent() {
        SockAddr.TipcNameSeq r = SockAddr.tipcNameSeq(18888, 1, 2);
        assertEquals(Subscription.FOREVER, Subscription.ports(r, null).timeoutMillis());
        assertEquals(1500, Subscription.service(r, Duration.ofMillis(1500)).timeoutMillis());
        assertEquals(Subscription.SERVICE, Subscription.service(r, null).filter());
        assertEquals(0x0102030405060708L, Subscription.ports(r, null).withHandle(0x0102030405060708L).handleAsLong());
        assertThrows(IllegalArgumentException.class, () -> Subscription.ports(r, Duration.ofMillis(-1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Subscription.ports(r, Duration.ofMillis(0xFFFF_FFFFL)));
        assertTrue(e.getMessage().contains("null subscribes forever"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Subscription.ports(r, Duration.ofDays(365 * 1000)));
        e = assertThrows(IllegalArgumentException.class, () -> new Subscription(1, 5, 4, 0, Subscription.PORTS, new byte[8]));
        assertTrue(e.getMessage().contains("lower above upper"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Subscription(1, 1, 1, 0, 0, new byte[8]));
        assertTrue(e.getMessage().contains("TIPC_SUB_PORTS or TIPC_SUB_SERVICE"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Subscription(1, 1, 1, 0, Subscription.PORTS | 0x100, new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> new Subscription(1, 1, 1, 0, Subscription.PORTS, new byte[7]));
        assertThrows(IllegalArgumentException.class, () -> new Subscription(-1, 1, 1, 0, Subscription.PORTS, new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> new Subscription(1, 1, 1, 1L << 32, Subscription.PORTS, new byte[8]));
        assertEquals("Subscription[{18888,1,2} ports forever handle=0000000000000000]", Subscription.ports(r, null).toString());
    }

    // ---------------------------------------------------------------- a real server

    private TopologyClient client() throws Exception {
        tipc.assumeTipc();
        TopologyClient top = TopologyClient.open();
        tipc.add(top.socket());
        return top;
    }

    private static TopologyEvent next(TopologyClient top) throws Exception {
        TopologyEvent e = top.receive(TipcSockets.TIMEOUT);
        if (e == null) throw new AssertionError("no topology event in " + TipcSockets.TIMEOUT);
        return e;
    }

    @Test
    @GuestKernel(modules = {"tipc"})
    void publishedOnBindWithdrawnOnClose() throws Exception {
        TopologyClient top = client();
        long service = TipcSockets.serviceType();
        Subscription sub = top.subscribePorts(SockAddr.tipcNameSeq(service, 0, 100));
        assertNotEquals(0, sub.handleAsLong(), "the client gives the subscription a handle of its own");
        Socket a = tipc.bound(Type.RDM, SockAddr.tipcNameSeq(service, 5, 7));
        TopologyEvent up = next(top);
        assertEquals(TopologyEvent.Kind.PUBLISHED, up.kind());
        assertEquals(5, up.foundLower());
        assertEquals(7, up.foundUpper());
        assertEquals(a.getSockName(), up.port(), "the publisher's socket address");
        assertEquals(sub, up.subscription(), "the event carries the subscription, handle and all");
        a.close();
        TopologyEvent down = next(top);
        assertEquals(TopologyEvent.Kind.WITHDRAWN, down.kind());
        assertEquals(up.port(), down.port());
        assertEquals(5, down.foundLower());
        assertEquals(sub, down.subscription());
        System.out.println("TipcTopologyTest: " + up + " then " + down);
    }

    @Test
    @GuestKernel(modules = {"tipc"})
    void aPublicationThatExistsIsReportedAtOnceAndABindWithTheNegativeScopeWithdrawsIt() throws Exception {
        tipc.assumeTipc();
        long service = TipcSockets.serviceType();
        Socket a = tipc.bound(Type.SEQPACKET, SockAddr.tipcNameSeq(service, 40, 40, Sockets.TIPC_NODE_SCOPE));
        TopologyClient top = client();
        Subscription sub = top.subscribe(Subscription.ports(SockAddr.tipcNameSeq(service, 0, 100), null).withHandle(42));
        assertEquals(42, sub.handleAsLong(), "a handle of the caller's is kept");
        TopologyEvent up = next(top);
        assertEquals(TopologyEvent.Kind.PUBLISHED, up.kind());
        assertEquals(40, up.foundLower());
        assertEquals(sub, up.subscription());
        a.bind(SockAddr.tipcNameSeq(service, 40, 40, -Sockets.TIPC_NODE_SCOPE));
        TopologyEvent down = next(top);
        assertEquals(TopologyEvent.Kind.WITHDRAWN, down.kind());
        assertEquals(a.getSockName(), down.port());
    }

    @Test
    @GuestKernel(modules = {"tipc"})
    void serviceSubscriptionsReportTheFirstUpAndTheLastDown() throws Exception {
        TopologyClient top = client();
        long service = TipcSockets.serviceType();
        Subscription sub = top.subscribe(Subscription.service(SockAddr.tipcNameSeq(service, 0, 10), null));
        Socket a = tipc.bound(Type.RDM, SockAddr.tipcNameSeq(service, 1, 1));
        TopologyEvent up = next(top);
        assertEquals(TopologyEvent.Kind.PUBLISHED, up.kind());
        assertEquals(a.getSockName(), up.port());
        Socket b = tipc.bound(Type.RDM, SockAddr.tipcNameSeq(service, 1, 1));
        assertNull(top.receive(QUIET), "a second socket binding the same instances is no event for TIPC_SUB_SERVICE");
        a.close();
        assertNull(top.receive(QUIET), "nor is the first going while the second stays");
        Socket c = tipc.bound(Type.RDM, SockAddr.tipcNameSeq(service, 2, 3));
        TopologyEvent other = next(top);
        assertEquals(TopologyEvent.Kind.PUBLISHED, other.kind(), "other instances are a service of their own");
        assertEquals(2, other.foundLower());
        assertEquals(3, other.foundUpper());
        c.close();
        assertEquals(TopologyEvent.Kind.WITHDRAWN, next(top).kind());
        SockAddr last = b.getSockName();
        b.close();
        TopologyEvent down = next(top);
        assertEquals(TopologyEvent.Kind.WITHDRAWN, down.kind());
        assertEquals(1, down.foundLower());
        assertEquals(last, down.port(), "the last one to go");
        assertEquals(sub, down.subscription());
    }

    @Test
    @GuestKernel(modules = {"tipc"})
    void aSubscriptionTimesOut() throws Exception {
        TopologyClient top = client();
        long service = TipcSockets.serviceType();
        Subscription sub = top.subscribe(Subscription.ports(SockAddr.tipcNameSeq(service, 0, 10), Duration.ofMillis(300)));
        TopologyEvent e = next(top);
        assertEquals(TopologyEvent.Kind.SUBSCR_TIMEOUT, e.kind());
        assertEquals(sub, e.subscription());
        assertEquals(300, e.subscription().timeoutMillis());
        System.out.println("TipcTopologyTest: " + e);
        tipc.bound(Type.RDM, SockAddr.tipcNameSeq(service, 1, 1));
        assertNull(top.receive(QUIET), "no event after the timeout");
    }

    @Test
    @GuestKernel(modules = {"tipc"})
    void cancelEndsOneSubscriptionAlone() throws Exception {
        TopologyClient top = client();
        long service = TipcSockets.serviceType();
        // A publication outside both ranges, whose subscription below reports it at once.
        tipc.bound(Type.RDM, SockAddr.tipcNameSeq(service, 100, 100));
        Subscription low = top.subscribePorts(SockAddr.tipcNameSeq(service, 0, 10));
        Subscription high = top.subscribePorts(SockAddr.tipcNameSeq(service, 5, 20));
        assertNotEquals(low, high);
        top.cancel(low);
        // The server reads the cancel later, in order: the event of a subscription sent after it
        // shows it has been read (else the bind below may still be reported to the cancelled one).
        Subscription marker = top.subscribePorts(SockAddr.tipcNameSeq(service, 100, 100));
        assertEquals(marker, next(top).subscription(), "the existing publication is reported to the new subscription");
        Socket a = tipc.bound(Type.RDM, SockAddr.tipcNameSeq(service, 7, 7));
        TopologyEvent e = next(top);
        assertEquals(high, e.subscription(), "the cancelled subscription reports nothing");
        assertEquals(a.getSockName(), e.port());
        assertNull(top.receive(QUIET), "one event only");
    }

    /** The client speaks network order; the server answers a subscription in this host's order in that order. */
    @Test
    @GuestKernel(modules = {"tipc"})
    void theServerAnswersEachSubscriptionInItsOwnByteOrder() throws Exception {
        TopologyClient top = client();
        long service = TipcSockets.serviceType();
        Subscription sub = Subscription.ports(SockAddr.tipcNameSeq(service, 0, 10), null).withHandle(7);
        top.socket().send(sub.toBytes(ByteOrder.nativeOrder()));
        Socket a = tipc.bound(Type.RDM, SockAddr.tipcNameSeq(service, 3, 3));
        byte[] raw = top.socket().recv(100);
        assertEquals(TopologyEvent.SIZE, raw.length);
        TopologyEvent e = TopologyEvent.decode(ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder()), 0);
        assertEquals(TopologyEvent.Kind.PUBLISHED, e.kind());
        assertEquals(a.getSockName(), e.port());
        assertEquals(sub, e.subscription());
        Subscription net = top.subscribePorts(SockAddr.tipcNameSeq(service, 3, 3));
        byte[] again = top.socket().recv(100);
        TopologyEvent n = TopologyEvent.decode(ByteBuffer.wrap(again).order(ByteOrder.BIG_ENDIAN), 0);
        assertEquals(net, n.subscription(), "TopologyClient's own subscriptions are answered in network order");
        assertEquals(3, n.foundLower());
    }

    @Test
    @GuestKernel(modules = {"tipc"})
    void theServerHangsUpOnASubscriptionItRefuses() throws Exception {
        TopologyClient top = client();
        // lower above upper, which Subscription refuses to make: the bytes by hand.
        ByteBuffer b = ByteBuffer.wrap(Subscription.ports(SockAddr.tipcNameSeq(70000, 1, 1), null).toBytes())
                .order(ByteOrder.nativeOrder());
        b.putInt(io.jsock.internal.Consts.offsetOf("tipc_subscr", "seq")
                + io.jsock.internal.Consts.offsetOf("tipc_service_range", "lower"), 9);
        top.socket().send(b.array());
        assertThrows(EOFException.class, () -> top.receive(TipcSockets.TIMEOUT));
    }
}
