package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jsock.Sockets;
import io.jsock.testing.Namespaces;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every request ends, on whatever the kernel sends: an ACK, an error, a reply complete in itself,
 * a multipart reply up to NLMSG_DONE, or nothing (then the wait is bounded). Whether a request is
 * a dump is the kernel's decision (by message type: only a GET with NLM_F_ROOT or NLM_F_MATCH in
 * rtnetlink and sock_diag, both bits in generic netlink), not something the flag bits alone say:
 * NLM_F_ROOT|NLM_F_MATCH (NLM_F_DUMP) are NLM_F_REPLACE|NLM_F_EXCL on a NEW request.
 *
 * <p>Each test has a timeout of its own thread, so that a request that would wait for ever fails
 * the test instead of hanging the suite.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NetlinkRequestsEndTest {

    private static InetAddress ip(String text) {
        return RtNetlinkTest.ip(text);
    }

    /** RTM_NEWADDR for {@code address} (a /24 or a /64) on loopback, with these flags. */
    private static MessageBuilder newAddress(int loIndex, InetAddress address, int flags) {
        MessageBuilder m = new MessageBuilder(RTM_NEWADDR, flags, "RTM_NEWADDR");
        int h = m.reserve(Address.HEADER);
        m.set(Address.FAMILY, h, RtNetlink.familyOf(address));
        m.set(Address.PREFIXLEN, h, address.getAddress().length == 4 ? 24 : 64);
        m.set(Address.INDEX, h, loIndex);
        m.attrAddress(IFA_LOCAL, address);
        m.attrAddress(IFA_ADDRESS, address);
        return m;
    }

    @Test
    void newAddressWithCreateExclReplaceIsAcknowledged() throws Exception {
        int flags = NLM_F_CREATE | NLM_F_EXCL | NLM_F_REPLACE; // 0x700: holds the bits of NLM_F_DUMP
        assertEquals(NLM_F_DUMP, flags & NLM_F_DUMP, "the case this test is about");
        try (NetNamespace ns = Namespaces.privateNamespace(); RtNetlink rt = ns.call(RtNetlink::open)) {
            int lo = rt.link("lo").index();
            NetlinkConnection c = rt.connection();
            assertEquals(List.of(), c.execute(newAddress(lo, ip("10.77.0.1"), flags)), "an ACK and no reply");
            assertTrue(rt.addresses(Sockets.AF_INET, lo).stream().anyMatch(a -> a.local().equals(ip("10.77.0.1"))));

            NetlinkException again = assertThrows(NetlinkException.class, () -> c.execute(newAddress(lo, ip("10.77.0.1"), flags)));
            assertEquals("EEXIST", again.errnoName(), "NLM_F_EXCL: the address is there");

            // the connection still pairs requests and answers after both
            assertEquals("lo", rt.link(lo).name());
        }
    }

    @Test
    void newIpv6AddressWithExclReplaceIsAcknowledged() throws Exception {
        int flags = NLM_F_EXCL | NLM_F_REPLACE; // exactly the value of NLM_F_DUMP; IPv6 adds without NLM_F_CREATE
        assertEquals(NLM_F_DUMP, flags);
        try (NetNamespace ns = Namespaces.privateNamespace(); RtNetlink rt = ns.call(RtNetlink::open)) {
            int lo = rt.link("lo").index();
            assertEquals(List.of(), rt.connection().execute(newAddress(lo, ip("fd00:78::1"), flags)));
            assertTrue(rt.addresses(Sockets.AF_INET6, lo).stream().anyMatch(a -> ip("fd00:78::1").equals(a.localOrAddress())));
        }
    }

    @Test
    void noopWithTheDumpFlagsIsAcknowledged() throws Exception {
        try (NetlinkConnection c = NetlinkConnection.open(NETLINK_ROUTE)) {
            assertEquals(List.of(), c.execute(new MessageBuilder(NLMSG_NOOP, NLM_F_DUMP, "NLMSG_NOOP")));
            assertEquals(List.of(), c.execute(new MessageBuilder(NLMSG_NOOP, 0, "NLMSG_NOOP")));
            assertEquals("lo", RtNetlink.over(c).link("lo").name(), "and the next request is answered");
        }
    }

    @Test
    void aGetWithOnlyRootOrMatchIsADumpThatEndsWithDone() throws Exception {
        // rtnetlink dumps a GET when either bit is set: the kernel sends NLMSG_DONE and no ACK
        try (RtNetlink rt = RtNetlink.open()) {
            int links = rt.links().size();
            for (int bit : new int[] {NLM_F_ROOT, NLM_F_MATCH}) {
                MessageBuilder m = new MessageBuilder(RTM_GETLINK, bit, "RTM_GETLINK");
                m.reserve(Link.HEADER);
                List<NetlinkMessage> replies = rt.connection().execute(m);
                assertEquals(links, replies.size(), "every link, flag 0x" + Integer.toHexString(bit));
                assertTrue(replies.stream().allMatch(r -> r.type() == RTM_NEWLINK), "NLMSG_DONE is not among them");
            }
        }
    }

    @Test
    void aSockDiagRequestWithOnlyMatchIsADump() throws Exception {
        try (SockDiag diag = SockDiag.open()) {
            MessageBuilder m = new MessageBuilder(SOCK_DIAG_BY_FAMILY, NLM_F_MATCH, "SOCK_DIAG_BY_FAMILY");
            int h = m.reserve(io.jsock.internal.Consts.sizeOf("unix_diag_req"));
            m.set(Field.of("unix_diag_req", "sdiag_family"), h, Sockets.AF_UNIX);
            m.set(Field.of("unix_diag_req", "udiag_states"), h, -1);
            List<NetlinkMessage> replies = diag.connection().execute(m);
            assertTrue(replies.stream().allMatch(r -> r.type() == SOCK_DIAG_BY_FAMILY));
        }
    }

    @Test
    void aGenlRequestWithOnlyRootIsNotADumpAndIsRefused() throws Exception {
        // generic netlink dumps only with both bits: this is a CTRL_CMD_GETFAMILY without a name
        try (GenericNetlink genl = GenericNetlink.open()) {
            MessageBuilder m = new MessageBuilder(GENL_ID_CTRL, NLM_F_ROOT, "CTRL_CMD_GETFAMILY");
            int h = m.reserve(GenlMessage.HEADER);
            m.set(GenlMessage.CMD, h, CTRL_CMD_GETFAMILY);
            m.set(GenlMessage.VERSION, h, 1);
            NetlinkException e = assertThrows(NetlinkException.class, () -> genl.connection().execute(m));
            assertEquals("EINVAL", e.errnoName());
        }
    }

    @Test
    void aConnectionStartsWithABoundedTimeout() throws Exception {
        try (NetlinkConnection c = NetlinkConnection.open(NETLINK_ROUTE)) {
            Duration t = c.socket().getTimeout();
            assertNotNull(t, "a netlink connection never waits without end unless its caller asks");
            assertTrue(t.compareTo(Duration.ZERO) > 0);
        }
    }

    @Test
    void aRequestTheKernelNeverAnswersTimesOut() throws Exception {
        // NETLINK_FIB_LOOKUP answers no ACK and ignores a message too short for a fib_result_nl
        try (NetlinkConnection c = NetlinkConnection.open(NETLINK_FIB_LOOKUP)) {
            c.socket().setTimeout(null); // the caller's "block": execute still waits a bounded time
            c.socket().setTimeout(Duration.ofMillis(300));
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> c.execute(new MessageBuilder(NLMSG_MIN_TYPE, 0, "fib lookup")));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
            assertEquals(Duration.ofMillis(300), c.socket().getTimeout(), "the caller's timeout is left as it was");
        }
    }

    @Test
    void aSingleReplyWithoutAnAckEndsTheRequest() throws Exception {
        // NETLINK_FIB_LOOKUP sends its answer (the request's own message, filled in) and never an ACK
        try (NetlinkConnection c = NetlinkConnection.open(NETLINK_FIB_LOOKUP)) {
            // zeros, more than a struct fib_result_nl (20 bytes): a lookup of 0.0.0.0
            MessageBuilder m = new MessageBuilder(NLMSG_MIN_TYPE, 0, "fib lookup");
            m.reserve(64);
            List<NetlinkMessage> replies = c.execute(m);
            assertEquals(1, replies.size());
            assertEquals(64, replies.get(0).payload().remaining(), "the request, answered in place");
        }
    }
}
