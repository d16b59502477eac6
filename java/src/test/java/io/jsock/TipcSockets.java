package io.jsock;

import io.jsock.testing.KernelFeatures;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the TIPC tests share: the skip where the kernel has no TIPC, service types of their own
 * (so that tests never see each other's names), sockets with a timeout generous enough for an
 * emulated guest, all closed after each test, and a thread for the connect that blocks until
 * the peer accepts. {@code @RegisterExtension final TipcSockets tipc = new TipcSockets();}
 */
final class TipcSockets implements BeforeEachCallback, AfterEachCallback {
    /** A bound for waits that only a broken kernel or peer reaches: the guest is slow. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final List<Socket> open = new ArrayList<>();
    private final boolean everyTest;
    private ExecutorService threads;

    /** Every test of the class needs TIPC: each skips where the kernel lacks it. */
    TipcSockets() {
        this(true);
    }

    private TipcSockets(boolean everyTest) {
        this.everyTest = everyTest;
    }

    /** For a class with tests that run everywhere: those that need TIPC call {@link #assumeTipc()}. */
    static TipcSockets lazy() {
        return new TipcSockets(false);
    }

    /** Skips the test unless the kernel has TIPC. */
    void assumeTipc() {
        KernelFeatures.assumeSocket(Family.TIPC, Type.RDM, "TIPC");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (everyTest) assumeTipc();
    }

    /** A service type no other test uses: above TIPC_RESERVED_TYPES, random in this run. */
    static long serviceType() {
        return ThreadLocalRandom.current().nextLong(100_000, 0xFFFF_0000L);
    }

    /** An open TIPC socket of {@code type} with the generous timeout. */
    Socket open(Type type) throws IOException {
        Socket s = Socket.open(Family.TIPC, type);
        open.add(s);
        s.setTimeout(TIMEOUT);
        return s;
    }

    /** One bound to {@code address}. */
    Socket bound(Type type, SockAddr address) throws IOException {
        Socket s = open(type);
        s.bind(address);
        return s;
    }

    /** One the test opened itself, to be closed with the others. */
    Socket add(Socket s) throws IOException {
        open.add(s);
        s.setTimeout(TIMEOUT);
        return s;
    }

    /** Runs {@code call} on another thread (a connect, which returns only once the peer accepts). */
    <T> Future<T> inThread(Callable<T> call) {
        if (threads == null) threads = Executors.newCachedThreadPool();
        return threads.submit(call);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        for (Socket each : open) each.close();
        open.clear();
        if (threads != null) threads.shutdownNow();
        threads = null;
    }
}
