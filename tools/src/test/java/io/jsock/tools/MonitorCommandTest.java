package io.jsock.tools;

import static org.junit.jupiter.api.Assertions.*;

import io.jsock.netlink.NetNamespace;
import io.jsock.netlink.RtNetlink;
import io.jsock.testing.Namespaces;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code jsock monitor} prints a link the test creates, and its address, as they happen. */
class MonitorCommandTest {

    @Test
    void aNewLinkIsPrintedWithinASecond() throws Exception {
        try (NetNamespace ns = Namespaces.privateNamespace(); RtNetlink rt = ns.call(RtNetlink::open)) {
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
            CountDownLatch listening = new CountDownLatch(1);
            // the namespace's thread runs the monitor from now on: rt was opened there before
            Future<Integer> monitor = ns.submit(() -> MonitorCommand.run(new String[0], out, out, listening::countDown));
            assertTrue(listening.await(30, TimeUnit.SECONDS), "the monitor joined its groups");

            rt.addVeth("jw0", "jw1"); // the first event also loads the printing code: not timed
            awaitLine(captured, ": jw0@jw1: <", 30_000);

            long start = System.nanoTime();
            rt.addVeth("jmon0", "jmon1");
            awaitLine(captured, ": jmon0@jmon1: <", 1_000);
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("monitor: the new link printed " + ms + " ms after it was created");

            rt.addAddress(rt.link("jmon0").index(), java.net.InetAddress.getByName("10.14.0.1"), 24);
            awaitLine(captured, ": jmon0    inet 10.14.0.1/24 scope global jmon0", 30_000);
            rt.deleteLink("jmon0");
            awaitLine(captured, "Deleted ", 30_000);

            monitor.cancel(true);
            String text = captured.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("    link/ether "), text);
        }
    }

    private static void awaitLine(ByteArrayOutputStream captured, String text, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!captured.toString(StandardCharsets.UTF_8).contains(text)) {
            if (System.nanoTime() > deadline) {
                fail("no '" + text + "' within " + millis + " ms; the monitor printed:\n" + captured.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(5);
        }
    }
}
