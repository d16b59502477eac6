package io.jsock;

import static io.jsock.netlink.NetlinkConstants.ARPHRD_ETHER;
import static org.junit.jupiter.api.Assertions.*;

import io.jsock.netlink.Link;
import io.jsock.netlink.NetNamespace;
import io.jsock.netlink.RtNetlink;
import io.jsock.testing.GuestKernel;
import io.jsock.testing.Iproute2;
import io.jsock.testing.KernelFeatures;
import io.jsock.testing.Namespaces;
import io.jsock.testing.Programs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The VM harness end to end: the families and the link driver this host's kernel lacks are there in
 * the guest, whose kernel loaded the modules named here. On the host each test skips with the reason
 * where the kernel lacks its feature; in the guest a missing feature fails.
 */
@GuestKernel(modules = {"tipc", "vsock_loopback", "dummy"})
class GuestKernelSmokeTest {

    @Test
    void aTipcRdmSocketOpensWithItsOptionsAndAnAddress() throws Exception {
        KernelFeatures.assumeSocket(Family.TIPC, Type.RDM, "AF_TIPC");
        try (Socket s = Socket.open(Family.TIPC, Type.RDM)) {
            assertEquals(Family.TIPC, s.family());
            assertEquals(Family.TIPC, s.get(SockOpt.SO_DOMAIN));
            assertEquals(Type.RDM, s.get(SockOpt.SO_TYPE));
            s.set(SockOpt.SO_RCVBUF, 65536);
            assertTrue(s.get(SockOpt.SO_RCVBUF) >= 65536, "the kernel doubles what it is given");
            // A TIPC socket has its socket address (port id and node) from the start.
            assertEquals(Family.TIPC, s.getSockName().family());
        }
    }

    @Test
    void vsockStreamAndSeqpacketSocketsOpen() throws Exception {
        KernelFeatures.assumeSocket(Family.VSOCK, Type.STREAM, "AF_VSOCK");
        for (Type type : List.of(Type.STREAM, Type.SEQPACKET)) {
            try (Socket s = Socket.open(Family.VSOCK, type)) {
                assertEquals(Family.VSOCK, s.get(SockOpt.SO_DOMAIN));
                assertEquals(type, s.get(SockOpt.SO_TYPE));
            }
        }
    }

    @Test
    void aDummyLinkThatIpAddsIsInJsocksLinkDump() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace()) {
            Programs.Result add = Iproute2.ip(ns, "link", "add", "d0", "type", "dummy");
            KernelFeatures.assume(add.exit() == 0, "dummy links", "ip link add: " + add.err().strip());
            List<Link> links = ns.call(() -> {
                try (RtNetlink rt = RtNetlink.open()) {
                    return rt.links();
                }
            });
            Link d0 = links.stream().filter(l -> "d0".equals(l.name())).findFirst()
                    .orElseThrow(() -> new AssertionError("no d0 in " + links));
            assertEquals("dummy", d0.kind());
            assertEquals(ARPHRD_ETHER, d0.type());
            assertEquals(2, links.size(), "lo and d0 alone in a fresh namespace: " + links);
        }
    }
}
