package io.jsock;

import java.io.IOException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.internal.Consts;
import io.jsock.internal.Native;
import io.jsock.testing.ProcFds;
import java.io.InputStream;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * No path leaks an fd: thousands of cycles through each way a socket is made, used, fails and is
 * closed, with the set of open fds in /proc/self/fd the same before and after. Every socket a
 * cycle makes stays reachable until the count is taken, so the cleaner cannot have closed
 * anything: explicit close, and jsock's own error paths, must suffice.
 */
class FdLeakTest {
    /** Cycles per path; {@code -Djsock.leak.cycles} changes it. */
    static final int CYCLES = Integer.getInteger("jsock.leak.cycles", 2000);
    /** Fewer cycles for the paths that wait out a (1 ms) timeout each time. */
    static final int TIMED_CYCLES = Math.max(1, CYCLES / 4);
    private static final Duration SHORT = Duration.ofMillis(1);
    private static final AtomicInteger TOTAL = new AtomicInteger();

    @TempDir
    Path dir;

    interface Cycle {
        /** One cycle; whatever it makes goes into {@code keep}, which stays reachable to the end. */
        void run(List<Object> keep) throws Exception;
    }

    /** Runs a few cycles to load what the JVM loads lazily, then n cycles between two fd counts. */
    private static void cycles(String path, int n, Cycle cycle) throws Exception {
        List<Object> keep = new ArrayList<>();
        for (int i = 0; i < 3; i++) cycle.run(keep);
        Map<Integer, String> before = ProcFds.snapshot();
        for (int i = 0; i < n; i++) cycle.run(keep);
        Map<Integer, String> after = ProcFds.snapshot();
        ProcFds.assertSame(before, after, path + ", after " + n + " cycles");
        Reference.reachabilityFence(keep);
        TOTAL.addAndGet(n);
        System.out.printf("FdLeakTest: %-58s %5d cycles, %d fds open before and after%n", path, n, before.size());
    }

    @AfterAll
    static void total() {
        System.out.println("FdLeakTest: " + TOTAL.get() + " cycles in all, no fd gained or lost");
    }

    private static SockAddr loopback(Family f) {
        return f == Family.INET ? SockAddr.inet("127.0.0.1", 0) : SockAddr.inet6("::1", 0);
    }

    // ---------------------------------------------------------------- making and closing

    @Test
    void openAndClose() throws Exception {
        for (Family f : List.of(Family.UNIX, Family.INET, Family.INET6)) {
            for (Type t : List.of(Type.STREAM, Type.DGRAM)) {
                cycles("open " + f + " " + t + ", close", CYCLES, keep -> keep.add(closed(Socket.open(f, t))));
            }
        }
        cycles("open NETLINK ROUTE, close", CYCLES,
                keep -> keep.add(closed(Socket.open(Family.NETLINK, Type.RAW, Sockets.NETLINK_ROUTE))));
        cycles("open that the kernel refuses (INET SEQPACKET)", CYCLES,
                keep -> assertThrows(SocketError.class, () -> Socket.open(Family.INET, Type.SEQPACKET)));
    }

    @Test
    void pairDupDetachFromFd() throws Exception {
        cycles("socketpair, close both", CYCLES, keep -> {
            Socket[] p = Socket.pair();
            keep.add(p);
            p[0].close();
            p[1].close();
        });
        cycles("socketpair the kernel refuses (INET)", CYCLES,
                keep -> assertThrows(SocketError.class, () -> Socket.pair(Family.INET, Type.STREAM)));
        cycles("dup, close both", CYCLES, keep -> {
            Socket s = Socket.open(Family.INET6, Type.STREAM);
            Socket d = s.dup();
            keep.add(s);
            keep.add(d);
            assertNotEquals(s.fileno(), d.fileno());
            s.close();
            d.close();
        });
        cycles("detach, then close the fd by hand", CYCLES, keep -> {
            Socket s = Socket.open(Family.UNIX, Type.DGRAM);
            keep.add(s);
            int fd = s.detach();
            assertEquals(-1, s.fileno());
            s.close(); // closes nothing: the fd is no longer the socket's
            assertEquals(0, Native.LIBC.close(fd), "the detached fd was still open, and only ours to close");
        });
        cycles("fromFd of a socket, close both", CYCLES, keep -> {
            Socket s = Socket.open(Family.INET, Type.DGRAM);
            Socket t = Socket.fromFd(s.fileno());
            keep.add(s);
            keep.add(t);
            assertEquals(Type.DGRAM, t.type());
            t.close();
            s.close();
        });
        try (FileChannel file = FileChannel.open(dir.resolve("not-a-socket"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            int fd = fdOf(dir.resolve("not-a-socket"));
            cycles("fromFd of a file, which is no socket", CYCLES, keep -> {
                SocketError e = assertThrows(SocketError.class, () -> Socket.fromFd(fd));
                assertEquals("ENOTSOCK", e.errnoName());
            });
            assertTrue(file.isOpen());
        }
    }

    /** The fd this process has open on {@code file}, found in /proc/self/fd. */
    private static int fdOf(Path file) {
        String target = file.toAbsolutePath().toString();
        return ProcFds.on(target).stream().findFirst().orElseThrow(() -> new AssertionError("no fd on " + target));
    }

    @Test
    void closedTwiceAndUsedAfterClose() throws Exception {
        cycles("close twice", CYCLES, keep -> {
            Socket s = Socket.open(Family.INET, Type.STREAM);
            keep.add(s);
            s.close();
            s.close();
            assertTrue(s.isClosed());
        });
        cycles("every call after close throws SocketClosedException", CYCLES / 4, keep -> {
            Socket s = Socket.open(Family.UNIX, Type.DGRAM);
            keep.add(s);
            s.close();
            List<Executable> calls = List.of(
                    () -> s.bind(SockAddr.unixUnnamed()), () -> s.listen(), s::accept,
                    () -> s.connect(SockAddr.unixAbstract("nowhere")), () -> s.connectEx(SockAddr.unixAbstract("nowhere")),
                    () -> s.recv(1), () -> s.recvInto(ByteBuffer.allocateDirect(1)), () -> s.recvFrom(1),
                    () -> s.send(new byte[1]), () -> s.sendAll(ByteBuffer.allocate(1)),
                    () -> s.sendTo(new byte[1], SockAddr.unixAbstract("nowhere")),
                    s::getSockName, s::getPeerName, () -> s.shutdown(How.BOTH), s::dup,
                    () -> s.setTimeout(null), () -> s.getSockOpt(Sockets.SOL_SOCKET, Sockets.SO_TYPE),
                    () -> s.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_SNDBUF, 4096),
                    () -> s.ioctl(Sockets.FIONREAD, 0), () -> s.makeFile("rb"));
            for (Executable c : calls) assertThrows(SocketClosedException.class, c);
            assertEquals(-1, s.fileno());
        });
        cycles("makefile: the file keeps the fd until it is closed too", CYCLES, keep -> {
            Socket[] p = Socket.pair();
            keep.add(p);
            SocketFile f = p[0].makeFile("rwb");
            keep.add(f);
            p[0].close();
            p[1].sendAll(new byte[] {1});
            InputStream in = f.inputStream();
            assertEquals(1, in.read());
            f.close();
            p[1].close();
        });
    }

    // ---------------------------------------------------------------- connecting

    @Test
    void connectSucceeds() throws Exception {
        for (Family f : List.of(Family.INET, Family.INET6, Family.UNIX)) {
            try (Socket listener = Socket.open(f, Type.STREAM)) {
                listener.bind(f == Family.UNIX ? SockAddr.unix(dir.resolve("listener").toString()) : loopback(f));
                listener.listen();
                SockAddr to = listener.getSockName();
                cycles("connect " + f + ", accept, a byte each way, close", CYCLES / 2, keep -> {
                    Socket c = Socket.open(f, Type.STREAM);
                    keep.add(c);
                    c.connect(to);
                    Socket a = listener.accept();
                    keep.add(a);
                    c.send(new byte[] {7});
                    assertArrayEquals(new byte[] {7}, a.recv(1));
                    a.close();
                    c.close();
                });
            }
        }
    }

    @Test
    void connectRefused() throws Exception {
        for (Family f : List.of(Family.INET, Family.INET6)) {
            // A port that is bound but not listening: refused, and no one else can take it meanwhile.
            try (Socket holder = Socket.open(f, Type.STREAM)) {
                holder.bind(loopback(f));
                SockAddr to = holder.getSockName();
                cycles("connect " + f + " refused (no listener on the port)", CYCLES, keep -> {
                    Socket c = Socket.open(f, Type.STREAM);
                    keep.add(c);
                    ConnectError e = assertThrows(ConnectError.class, () -> c.connect(to));
                    assertEquals("ECONNREFUSED", e.errnoName());
                    c.close();
                });
                cycles("connect_ex " + f + " refused", CYCLES, keep -> {
                    Socket c = Socket.open(f, Type.STREAM);
                    keep.add(c);
                    assertEquals(Consts.get("ECONNREFUSED"), c.connectEx(to));
                    c.close();
                });
            }
        }
        SockAddr notListening = SockAddr.unix(dir.resolve("bound-not-listening").toString());
        try (Socket holder = Socket.open(Family.UNIX, Type.STREAM)) {
            holder.bind(notListening);
            cycles("connect UNIX refused (a path with no listener)", CYCLES, keep -> {
                Socket c = Socket.open(Family.UNIX, Type.STREAM);
                keep.add(c);
                ConnectError e = assertThrows(ConnectError.class, () -> c.connect(notListening));
                assertEquals("ECONNREFUSED", e.errnoName());
                c.close();
            });
        }
        SockAddr nothing = SockAddr.unix(dir.resolve("no-such-socket").toString());
        cycles("connect UNIX to a path that does not exist", CYCLES, keep -> {
            Socket c = Socket.open(Family.UNIX, Type.STREAM);
            keep.add(c);
            SocketError e = assertThrows(SocketError.class, () -> c.connect(nothing));
            assertEquals("ENOENT", e.errnoName());
            c.close();
        });
    }

    @Test
    void connectThatCannotComplete() throws Exception {
        for (Family f : List.of(Family.INET, Family.INET6, Family.UNIX)) {
            // A listener with backlog 0 and one connection queued: further connects wait (TCP drops the SYNs).
            try (Socket full = Socket.open(f, Type.STREAM); Socket queued = Socket.open(f, Type.STREAM)) {
                full.bind(f == Family.UNIX ? SockAddr.unixUnnamed() : loopback(f));
                full.listen(0);
                SockAddr to = full.getSockName();
                queued.connect(to);
                if (f != Family.UNIX) {
                    cycles("connect " + f + " timed out (a full listener)", TIMED_CYCLES, keep -> {
                        Socket c = Socket.open(f, Type.STREAM);
                        keep.add(c);
                        c.setTimeout(SHORT);
                        assertThrows(SocketTimeout.class, () -> c.connect(to));
                        c.close();
                    });
                }
                // In progress (TCP) or refused at once for want of room (AF_UNIX: EAGAIN), as CPython.
                cycles("connect " + f + " non-blocking to a full listener", CYCLES, keep -> {
                    Socket c = Socket.open(f, Type.STREAM);
                    keep.add(c);
                    c.setBlocking(false);
                    assertThrows(WouldBlock.class, () -> c.connect(to));
                    c.close();
                });
                cycles("connect_ex " + f + " in timeout mode to a full listener", TIMED_CYCLES, keep -> {
                    Socket c = Socket.open(f, Type.STREAM);
                    keep.add(c);
                    c.setTimeout(SHORT);
                    assertEquals(Sockets.EAGAIN, c.connectEx(to), "connect_ex's timeout, as CPython's: EAGAIN");
                    c.close();
                });
            }
        }
    }

    @Test
    void badAddressesRefusedInJava() throws Exception {
        cycles("connect, bind, sendto with an address of another family", CYCLES, keep -> {
            Socket s = Socket.open(Family.INET, Type.DGRAM);
            keep.add(s);
            SockAddr v6 = SockAddr.inet6("::1", 9);
            assertThrows(IllegalArgumentException.class, () -> s.connect(v6));
            assertThrows(IllegalArgumentException.class, () -> s.bind(v6));
            assertThrows(IllegalArgumentException.class, () -> s.sendTo(new byte[1], v6));
            assertThrows(IllegalArgumentException.class, () -> s.recv(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> s.send(new byte[1], 1, 1));
            s.close();
        });
        try (Socket user = Socket.open(Family.INET, Type.STREAM)) {
            user.bind(SockAddr.inet("127.0.0.1", 0));
            SockAddr taken = user.getSockName();
            cycles("bind to an address in use", CYCLES, keep -> {
                Socket s = Socket.open(Family.INET, Type.STREAM);
                keep.add(s);
                BindError e = assertThrows(BindError.class, () -> s.bind(taken));
                assertEquals("EADDRINUSE", e.errnoName());
                s.close();
            });
        }
    }

    // ---------------------------------------------------------------- waiting in vain

    @Test
    void acceptAndRecvTimingOut() throws Exception {
        for (Family f : List.of(Family.INET, Family.UNIX)) {
            cycles("accept " + f + " timed out", TIMED_CYCLES, keep -> {
                Socket l = Socket.open(f, Type.STREAM);
                keep.add(l);
                l.bind(f == Family.UNIX ? SockAddr.unixUnnamed() : loopback(f));
                l.listen();
                l.setTimeout(SHORT);
                assertThrows(SocketTimeout.class, l::accept);
                l.setBlocking(false);
                assertThrows(WouldBlock.class, l::accept);
                l.close();
            });
        }
        cycles("recv and recvfrom timed out", TIMED_CYCLES, keep -> {
            Socket[] p = Socket.pair(Family.UNIX, Type.DGRAM);
            keep.add(p);
            p[0].setTimeout(SHORT);
            assertThrows(SocketTimeout.class, () -> p[0].recv(8));
            assertThrows(SocketTimeout.class, () -> p[0].recvFrom(8));
            p[0].close();
            p[1].close();
        });
    }

    private static Socket closed(Socket s) throws IOException {
        s.close();
        return s;
    }
}
