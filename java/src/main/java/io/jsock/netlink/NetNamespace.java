package io.jsock.netlink;

import io.jsock.internal.Errors;
import io.jsock.internal.Native;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace held by a thread of its own. Linux gives a network namespace to each
 * thread, and a socket lives in the namespace of the thread that opened it, for all its life;
 * so what runs through {@link #call} opens its sockets (and netlink connections) there, and
 * they may then be used from any thread. The rest of the process stays where it was.
 *
 * <pre>{@code
 * try (NetNamespace ns = NetNamespace.create();
 *      RtNetlink rt = ns.call(RtNetlink::open)) {
 *     rt.addDummy("dummy0");   // in the new namespace, not on the host
 * }
 * }</pre>
 */
public final class NetNamespace implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final ExecutorService thread;
    private final Path path;

    private NetNamespace(ExecutorService thread, int tid) {
        this.thread = thread;
        this.path = Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "task", Integer.toString(tid), "ns", "net");
    }

    /** What runs in the namespace: it may throw IOException, which {@link #call} passes on. */
    @FunctionalInterface
    public interface Task<T> {
        T run() throws IOException;
    }

    /**
     * A new, empty network namespace (only a loopback link, down): unshare(CLONE_NEWNET) on a
     * new thread. Needs CAP_SYS_ADMIN; without it, an EPERM SocketError.
     */
    public static NetNamespace create() throws IOException {
        return start(() -> Native.SHIM.jsock_netns_unshare(), "unshare(CLONE_NEWNET)");
    }

    /**
     * The namespace of a file such as {@code /var/run/netns/NAME} (what {@code ip netns add}
     * makes) or {@code /proc/PID/ns/net}: setns(2) on a new thread.
     */
    public static NetNamespace enter(Path file) throws IOException {
        String name = Objects.requireNonNull(file, "file").toString();
        return start(() -> Native.SHIM.jsock_netns_enter(name), "setns(" + name + ")");
    }

    private static NetNamespace start(Callable<Integer> move, String call) throws IOException {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jsock-netns-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            int tid = thread.submit(() -> {
                int r = move.call();
                if (r < 0) throw new UncheckedIOException(Errors.ofResult(r, call, null));
                return Native.SHIM.jsock_gettid();
            }).get();
            return new NetNamespace(thread, tid);
        } catch (ExecutionException e) {
            thread.shutdownNow();
            if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
            throw new IllegalStateException(call + " failed", e.getCause());
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(call + " interrupted");
        }
    }

    /**
     * The file of this namespace while it is open ({@code /proc/PID/task/TID/ns/net}): what
     * {@code nsenter --net=FILE} and {@link #enter} take.
     */
    public Path path() {
        return path;
    }

    /** Runs {@code task} on the namespace's thread and returns its result; its exceptions pass through. */
    public <T> T call(Task<T> task) throws IOException {
        Objects.requireNonNull(task, "task");
        Future<T> f = submit(task::run);
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the namespace's thread");
        }
    }

    /**
     * Starts {@code task} on the namespace's thread. Tasks run one after another, so a task that
     * runs until it is cancelled (a monitor) holds the thread: run what must open sockets first.
     */
    public <T> Future<T> submit(Callable<T> task) {
        return thread.submit(task);
    }

    /**
     * Ends the thread (interrupting a running task). The namespace itself lives on while a
     * socket opened in it is open, and is freed by the kernel after the last one closes.
     */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "NetNamespace[" + path + "]";
    }
}
