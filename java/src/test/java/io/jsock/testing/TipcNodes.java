package io.jsock.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.Family;
import io.jsock.Type;
import io.jsock.netlink.NetNamespace;
import io.jsock.netlink.TipcNetlink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two TIPC nodes on one kernel: two named network namespaces ({@code ip netns}) joined by a veth
 * pair {@code va}/{@code vb}, each with its own node identity, set before an Ethernet bearer is
 * enabled on its end (the kernel refuses a new identity once a bearer is up). Skips where the
 * kernel has no TIPC or no namespaces can be made.
 */
public final class TipcNodes implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();

    public final String nameA;
    public final String nameB;
    public final NetNamespace a;
    public final NetNamespace b;
    public final String identityA;
    public final String identityB;

    private TipcNodes(String nameA, String nameB, NetNamespace a, NetNamespace b, String identityA, String identityB) {
        this.nameA = nameA;
        this.nameB = nameB;
        this.a = a;
        this.b = b;
        this.identityA = identityA;
        this.identityB = identityB;
    }

    /** Both nodes, their link up within {@code linkTimeout}. */
    public static TipcNodes start(Duration linkTimeout) throws Exception {
        KernelFeatures.assumeSocket(Family.TIPC, Type.RDM, "TIPC");
        assumeTrue(ProcStatus.isRoot(), "skipped: making network namespaces needs root");
        int n = COUNT.incrementAndGet();
        String tag = ProcessHandle.current().pid() + "-" + n;
        String nameA = "jsock-tipc-a-" + tag;
        String nameB = "jsock-tipc-b-" + tag;
        run("ip", "netns", "add", nameA);
        NetNamespace a = null;
        NetNamespace b = null;
        try {
            run("ip", "netns", "add", nameB);
            run("ip", "-n", nameA, "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", nameB);
            run("ip", "-n", nameA, "link", "set", "va", "up");
            run("ip", "-n", nameB, "link", "set", "vb", "up");
            a = NetNamespace.enter(Path.of("/run/netns", nameA));
            b = NetNamespace.enter(Path.of("/run/netns", nameB));
            String idA = "node-a" + n;
            String idB = "node-b" + n;
            a.call(() -> {
                try (TipcNetlink t = TipcNetlink.open()) {
                    t.setNodeIdentity(idA);
                    t.enableEthernetBearer("va");
                }
                return null;
            });
            b.call(() -> {
                try (TipcNetlink t = TipcNetlink.open()) {
                    t.setNodeIdentity(idB);
                    t.enableEthernetBearer("vb");
                }
                return null;
            });
            TipcNodes nodes = new TipcNodes(nameA, nameB, a, b, idA, idB);
            nodes.awaitLink(linkTimeout);
            return nodes;
        } catch (Exception | Error e) {
            if (a != null) a.close();
            if (b != null) b.close();
            Programs.run("ip", "netns", "del", nameB);
            Programs.run("ip", "netns", "del", nameA);
            throw e;
        }
    }

    /** Polls node A's links until a unicast one is up. */
    private void awaitLink(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TipcNetlink.Link> links = List.of();
        while (System.nanoTime() < deadline) {
            links = a.call(() -> {
                try (TipcNetlink t = TipcNetlink.open()) {
                    return t.links();
                }
            });
            for (TipcNetlink.Link l : links) {
                if (!l.broadcast() && l.up()) return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no TIPC link up between the namespaces within " + timeout + ": " + links);
    }

    /** The TIPCv2 answer of {@code query} inside {@code ns}. */
    public static <T> T in(NetNamespace ns, Query<T> query) throws IOException {
        return ns.call(() -> {
            try (TipcNetlink t = TipcNetlink.open()) {
                return query.ask(t);
            }
        });
    }

    public interface Query<T> {
        T ask(TipcNetlink tipc) throws IOException;
    }

    /** Polls until node {@code ns}'s name table has a publication of {@code type}. */
    public static void awaitPublication(NetNamespace ns, long type, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (TipcNetlink.Publication p : in(ns, TipcNetlink::nameTable)) {
                if (Integer.toUnsignedLong(p.type()) == type) return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no publication of type " + type + " reached the name table within " + timeout);
    }

    private static void run(String... command) throws IOException {
        Programs.Result r = Programs.run(command);
        if (r.exit() != 0) throw new IOException(String.join(" ", command) + ": exit " + r.exit() + ": " + r.err());
    }

    @Override
    public void close() throws IOException {
        a.close();
        b.close();
        Programs.run("ip", "netns", "del", nameB);
        Programs.run("ip", "netns", "del", nameA);
    }
}
