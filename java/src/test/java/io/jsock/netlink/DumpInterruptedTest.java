package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;
import static org.junit.jupiter.api.Assertions.*;

import io.jsock.Sockets;
import io.jsock.testing.Namespaces;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A dump that a concurrent change interrupts is reported, and RtNetlink asks again. */
class DumpInterruptedTest {

    @Test
    void aChangeDuringADumpIsReported() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace();
             RtNetlink rt = ns.call(RtNetlink::open);
             RtNetlink changer = ns.call(RtNetlink::open)) {
            int lo = rt.link("lo").index();
            for (int i = 0; i < 600; i++) {
                rt.addAddress(lo, InetAddress.getByAddress(new byte[] {10, 20, (byte) (i >> 8), (byte) i}), 32);
            }
            AtomicBoolean stop = new AtomicBoolean();
            Future<?> churn = ns.submit(() -> {
                InetAddress a = InetAddress.getByName("10.30.0.1");
                while (!stop.get()) {
                    changer.addAddress(lo, a, 32);
                    changer.deleteAddress(lo, a, 32);
                }
                return null;
            });
            NetlinkDumpInterruptedException seen = null;
            try {
                for (int i = 0; i < 5000 && seen == null; i++) {
                    MessageBuilder dump = new MessageBuilder(RTM_GETADDR, NLM_F_DUMP, "RTM_GETADDR");
                    dump.reserve(Address.HEADER);
                    try {
                        rt.connection().execute(dump);
                    } catch (NetlinkDumpInterruptedException e) {
                        seen = e;
                    }
                }
            } finally {
                stop.set(true);
                churn.get();
            }
            assertNotNull(seen, "5000 dumps during constant change, none marked NLM_F_DUMP_INTR");
            assertFalse(seen.messages().isEmpty());
            assertTrue(seen.getMessage().contains("RTM_GETADDR"));
            // with the changes over, RtNetlink's own dump completes
            List<Address> all = rt.addresses(Sockets.AF_INET, lo);
            assertEquals(600, all.size());
        }
    }
}
