package io.jsock;

import static io.jsock.SocketFixtures.connected;
import static io.jsock.SocketFixtures.recvExactly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsock.SocketFixtures.Kind;
import io.jsock.SocketFixtures.Pair;
import io.jsock.internal.Consts;
import io.jsock.testing.ChildProcess;
import io.jsock.testing.ProcFds;
import io.jsock.testing.Python;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * makeFile as Python's makefile: its modes and buffering, streams that honour the socket's
 * timeout, and a socket that stays open until its files are closed (_io_refs).
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MakeFileTest {
    private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void modesAreTakenAsCPythonTakesThem() throws Exception {
        List<String> modes = List.of("r", "w", "rw", "wr", "b", "", "rb", "wb", "rwb", "bwr", "rr", "x", "rt", "a", "r+");
        String python = Python.output("import io, socket, sys\n"
                + "a, b = socket.socketpair()\n"
                + "for m in sys.argv[1:]:\n"
                + "    try:\n"
                + "        f = a.makefile(m)\n"
                + "        print(m, f.readable(), f.writable(), not isinstance(f, io.TextIOBase), end='; ')\n"
                + "    except ValueError:\n"
                + "        print(m, 'ValueError', end='; ')", modes.toArray(String[]::new));
        StringBuilder jsock = new StringBuilder();
        Socket[] p = Socket.pair();
        try (Socket a = p[0]; Socket b = p[1]) {
            for (String m : modes) {
                jsock.append(m).append(' ');
                try (SocketFile f = a.makeFile(m)) {
                    assertEquals(m, f.mode());
                    assertEquals(a, f.socket());
                    boolean binary = has(() -> f.inputStream()) || has(() -> f.outputStream());
                    boolean readable = binary ? has(() -> f.inputStream()) : has(() -> f.reader());
                    boolean writable = binary ? has(() -> f.outputStream()) : has(() -> f.writer());
                    jsock.append(py(readable)).append(' ').append(py(writable)).append(' ').append(py(binary));
                } catch (IllegalArgumentException e) {
                    jsock.append("ValueError");
                }
                jsock.append("; ");
            }
        }
        assertEquals(python, jsock.toString().trim());
    }

    @Test
    void theDefaultBufferIsPythonsAndUnbufferedIsBinaryOnly() throws Exception {
        assertEquals(Integer.toString(SocketFile.DEFAULT_BUFFER_SIZE), Python.output("import io\nprint(io.DEFAULT_BUFFER_SIZE)"));
        assertEquals("ValueError", Python.output("import socket\ntry:\n    socket.socket().makefile('r', 0)\n"
                + "except ValueError:\n    print('ValueError')"));
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            assertThrows(IllegalArgumentException.class, () -> p.a().makeFile("r", 0));
            assertThrows(IllegalArgumentException.class, () -> p.a().makeFile("w", 0));
            assertThrows(NullPointerException.class, () -> p.a().makeFile(null));
            // Any negative buffering is the default, as in CPython.
            p.b().sendAll(new byte[100]);
            try (SocketFile f = p.a().makeFile("rb", -5)) {
                assertEquals(0, f.inputStream().read());
                assertEquals(0, p.a().ioctl(Sockets.FIONREAD, 0), "the buffer took what there was");
            }
        }
    }

    @Test
    void bufferedReadsTakeWhatIsThereAndUnbufferedOnesTakeWhatIsAsked() throws IOException {
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            p.b().sendAll(new byte[100]);
            awaitQueued(p.a(), 100);
            try (SocketFile unbuffered = p.a().makeFile("rb", 0)) {
                assertEquals(0, unbuffered.inputStream().read());
                assertEquals(99, p.a().ioctl(Sockets.FIONREAD, 0));
                assertEquals(99, unbuffered.inputStream().available(), "available() is FIONREAD");
            }
            try (SocketFile buffered = p.a().makeFile("rb", 16)) {
                assertEquals(0, buffered.inputStream().read());
                assertEquals(99 - 16, p.a().ioctl(Sockets.FIONREAD, 0), "one buffer's worth was read");
            }
        }
    }

    @Test
    void bufferedWritesWaitForFlushAndUnbufferedOnesDoNot() throws IOException {
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            try (SocketFile unbuffered = p.a().makeFile("wb", 0)) {
                unbuffered.outputStream().write(HELLO);
                assertArrayEquals(HELLO, recvExactly(p.b(), HELLO.length));
            }
            try (SocketFile buffered = p.a().makeFile("wb")) {
                buffered.outputStream().write(HELLO);
                assertThrows(WouldBlock.class, () -> p.b().recv(64, Sockets.MSG_DONTWAIT), "held in the buffer");
                buffered.flush();
                assertArrayEquals(HELLO, recvExactly(p.b(), HELLO.length));
                buffered.outputStream().write(HELLO);
            }
            assertArrayEquals(HELLO, recvExactly(p.b(), HELLO.length), "close flushes");
            try (SocketFile text = p.a().makeFile("w")) {
                text.writer().write("héllo\n");
                assertThrows(WouldBlock.class, () -> p.b().recv(64, Sockets.MSG_DONTWAIT));
            }
            assertArrayEquals("héllo\n".getBytes(StandardCharsets.UTF_8), recvExactly(p.b(), 7), "UTF-8, flushed on close");
        }
    }

    /** Text over a real TCP connection with CPython's own makefile at the other end. */
    @Test
    void textModeTalksToCPythonsMakefile() throws Exception {
        try (Socket l = SocketFixtures.listening(Kind.INET_STREAM)) {
            int port = ((SockAddr.Inet) l.getSockName()).port();
            Python.assumeAvailable();
            try (ChildProcess python = Python.startCode("import socket, sys\n"
                    + "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\n"
                    + "f = s.makefile('rw', encoding='utf-8', newline='\\n')\n"
                    + "f.write('line one\\nnaïve ☃ line two\\n')\nf.flush()\n"
                    + "reply = f.readline()\n"
                    + "sys.stdout.write(reply)\n", Integer.toString(port))) {
                l.setTimeout(Duration.ofSeconds(20));
                try (Socket a = l.accept(); SocketFile f = a.makeFile("rw")) {
                    a.setTimeout(Duration.ofSeconds(20));
                    BufferedReader in = f.reader();
                    assertEquals("line one", in.readLine());
                    assertEquals("naïve ☃ line two", in.readLine());
                    Writer out = f.writer();
                    out.write("réponse ✓\n");
                    f.flush();
                }
                assertEquals(0, python.waitFor(), String.join("\n", python.stderr()));
                String reply = new String(python.stdout(), StandardCharsets.UTF_8);
                assertEquals("réponse ✓\n", reply);
            }
        }
    }

    /** Python's _io_refs: close() takes effect when the last file made from the socket closes. */
    @Test
    void theSocketStaysOpenUntilItsFilesAreClosedAsInCPython() throws Exception {
        String python = Python.output("import socket\n"
                + "a, b = socket.socketpair()\n"
                + "f = a.makefile('rb')\ng = a.makefile('wb')\n"
                + "a.close()\n"
                + "b.sendall(b'x')\n"
                + "print(a.fileno() != -1, f.read(1), end=' ')\n"
                + "f.close()\nprint(a.fileno() != -1, end=' ')\n"
                + "g.close()\nprint(a.fileno())");
        assertEquals("True b'x' True -1", python);
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            Socket a = p.a();
            int fd = a.fileno();
            String socket = ProcFds.target(fd);
            SocketFile f = a.makeFile("rb");
            SocketFile g = a.makeFile("wb");
            a.close();
            assertNotEquals(-1, a.fileno());
            assertFalse(a.isClosed());
            p.b().sendAll(new byte[] {'x'});
            assertEquals('x', f.inputStream().read());
            f.close();
            assertNotEquals(-1, a.fileno());
            g.outputStream().write('y');
            g.close(); // flushes, then the socket closes
            assertArrayEquals(new byte[] {'y'}, recvExactly(p.b(), 1));
            assertEquals(-1, a.fileno());
            assertTrue(a.isClosed());
            assertFalse(ProcFds.isOpen(fd) && ProcFds.target(fd).equals(socket), "the fd went back to the kernel");
            assertThrows(SocketClosedException.class, () -> a.makeFile("r"));
            assertThrows(IOException.class, () -> f.inputStream().read(), "the file is closed");
        }
    }

    /**
     * CPython's _io_refs again: when the socket was closed while a file held it, the file's close
     * is the socket's real close, and it reports close(2)'s failure (EBADF for an fd closed
     * behind the socket's back) as the socket's own close() would have.
     */
    @Test
    void theLastFileToCloseReportsAFailedCloseAsCPython() throws Exception {
        assertEquals("EBADF -1", Python.output("import errno, os, socket\n"
                + "a, b = socket.socketpair()\nf = a.makefile('rb')\na.close()\nos.close(a.fileno())\n"
                + "try:\n    f.close()\nexcept OSError as e:\n    print(errno.errorcode[e.errno], end=' ')\n"
                + "print(a.fileno())"));
        for (String holder : List.of("rb", "wb", "rb0", "inputStream", "outputStream", "channel")) {
            try (Pair p = connected(Kind.UNIX_STREAM)) {
                Socket a = p.a();
                java.io.Closeable file = switch (holder) {
                    case "inputStream" -> a.inputStream();
                    case "outputStream" -> a.outputStream();
                    case "channel" -> a.channel();
                    case "rb0" -> a.makeFile("rb", 0);
                    default -> a.makeFile(holder);
                };
                a.close(); // held: nothing closes yet
                assertFalse(a.isClosed());
                Sockets.close(a.fileno());
                SocketError e = assertThrows(SocketError.class, file::close, holder);
                assertEquals("EBADF", e.errnoName());
                assertEquals("close", e.call());
                assertTrue(a.isClosed(), holder);
                assertEquals(-1, a.fileno());
                file.close(); // a second close has nothing left to do
            }
        }
    }

    @Test
    void streamsAndChannelsHoldTheSocketOpenToo() throws IOException {
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            InputStream in = p.a().inputStream();
            OutputStream out = p.a().outputStream();
            ByteChannel ch = p.a().channel();
            p.a().close();
            out.write(HELLO);
            assertArrayEquals(HELLO, recvExactly(p.b(), HELLO.length));
            out.close();
            in.close();
            assertFalse(p.a().isClosed(), "the channel still holds it");
            assertTrue(ch.isOpen());
            ch.close();
            assertTrue(p.a().isClosed());
            assertFalse(ch.isOpen());
            assertThrows(ClosedChannelException.class, () -> ch.read(ByteBuffer.allocate(4)));
        }
    }

    @Test
    void closingAFileLeavesAnOpenSocketOpen() throws IOException {
        try (Pair p = connected(Kind.INET_STREAM)) {
            p.a().makeFile("rwb").close();
            p.a().inputStream().close();
            p.a().outputStream().close();
            assertFalse(p.a().isClosed());
            p.a().sendAll(HELLO);
            assertArrayEquals(HELLO, recvExactly(p.b(), HELLO.length));
        }
    }

    @Test
    void streamsHonourTheSocketsTimeout() throws IOException {
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            p.a().setTimeout(Duration.ofMillis(200));
            try (SocketFile f = p.a().makeFile("rb")) {
                long start = System.nanoTime();
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> f.inputStream().read());
                assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150));
                assertTrue(e instanceof SocketTimeout);
            }
            try (SocketFile f = p.a().makeFile("r")) {
                assertThrows(SocketTimeoutException.class, () -> f.reader().readLine());
            }
            try (OutputStream out = p.a().outputStream()) {
                SocketTimeout e = assertThrows(SocketTimeout.class, () -> {
                    for (int i = 0; i < 10_000; i++) out.write(new byte[65536]);
                });
                assertEquals("sendall", e.call());
            }
            p.a().setBlocking(false);
            try (InputStream in = p.a().inputStream()) {
                assertThrows(WouldBlock.class, in::read);
            }
        }
    }

    @Test
    void theInputStreamEndsAtEndOfStream() throws IOException {
        try (Pair p = connected(Kind.INET_STREAM); InputStream in = p.a().inputStream()) {
            p.b().sendAll(HELLO);
            p.b().close();
            assertArrayEquals(HELLO, in.readAllBytes());
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(new byte[4], 1, 3));
            assertEquals(0, in.read(new byte[4], 1, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> in.read(new byte[4], 2, 3));
        }
    }

    @Test
    void theChannelReadsAndWrites() throws IOException {
        try (Pair p = connected(Kind.UNIX_STREAM); ByteChannel a = p.a().channel(); ByteChannel b = p.b().channel()) {
            ByteBuffer src = ByteBuffer.allocateDirect(16).put(HELLO).flip();
            assertEquals(HELLO.length, a.write(src));
            assertFalse(src.hasRemaining());
            ByteBuffer dst = ByteBuffer.allocate(HELLO.length);
            while (dst.hasRemaining()) b.read(dst);
            assertArrayEquals(HELLO, dst.array());
            assertEquals(0, b.read(ByteBuffer.allocate(0)));
            p.a().shutdown(How.WRITE);
            assertEquals(-1, b.read(ByteBuffer.allocate(4)));
        }
    }

    /** A peer gone: the OutputStream fails with EPIPE (SIGPIPE would have killed the JVM). */
    @Test
    void writingToAClosedPeerThroughTheStreamIsEPIPE() throws IOException {
        try (Pair p = connected(Kind.UNIX_STREAM); SocketFile f = p.a().makeFile("wb", 0)) {
            p.b().close();
            SocketError e = assertThrows(SocketError.class, () -> f.outputStream().write(HELLO));
            assertEquals(Consts.get("EPIPE"), e.errno());
            assertEquals("sendall", e.call());
        }
    }

    @Test
    void filesAndStreamsOfAClosedOrDetachedSocketAreRefused() throws IOException {
        Socket s = Socket.open(Family.UNIX, Type.STREAM);
        s.close();
        assertThrows(SocketClosedException.class, () -> s.makeFile("r"));
        assertThrows(SocketClosedException.class, s::inputStream);
        assertThrows(SocketClosedException.class, s::outputStream);
        assertThrows(SocketClosedException.class, s::channel);
        Socket d = Socket.open(Family.UNIX, Type.STREAM);
        int fd = d.detach();
        try {
            assertThrows(SocketClosedException.class, () -> d.makeFile("rb"));
            assertThrows(SocketClosedException.class, d::inputStream);
        } finally {
            io.jsock.internal.Native.LIBC.close(fd);
        }
    }

    // ---- a stream that timed out (CPython's SocketIO._timeout_occurred)

    /**
     * After a timeout, bytes may have been lost inside a buffer above the raw stream, so CPython's
     * SocketIO refuses every further read with "cannot read from timed out object" (an OSError
     * that is not a timeout), and leaves the socket's bytes where they are; a new file reads again.
     */
    @Test
    void aStreamThatTimedOutRefusesFurtherReadsAsCPython() throws Exception {
        String python = Python.output("import socket\n"
                + "for buf in (-1, 0):\n"
                + "    a, b = socket.socketpair()\n    a.settimeout(0.1)\n    f = a.makefile('rb', buf)\n"
                + "    try:\n        f.read(1)\n    except socket.timeout:\n        print('timeout', end=' ')\n"
                + "    b.sendall(b'xyz')\n"
                + "    try:\n        f.read(1)\n"
                + "    except OSError as e:\n        print(isinstance(e, socket.timeout), e, end=' ')\n"
                + "    g = a.makefile('rb', buf)\n    print(g.read(1), end='; ')");
        assertEquals("timeout False cannot read from timed out object b'x'; timeout False cannot read from timed out object b'x';",
                python);
        for (int buffering : new int[] {-1, 0}) {
            try (Pair p = connected(Kind.UNIX_STREAM)) {
                p.a().setTimeout(Duration.ofMillis(100));
                try (SocketFile f = p.a().makeFile("rb", buffering)) {
                    InputStream in = f.inputStream();
                    assertThrows(SocketTimeout.class, in::read);
                    p.b().sendAll("xyz".getBytes(StandardCharsets.US_ASCII));
                    awaitQueued(p.a(), 3);
                    for (Executable read : List.<Executable>of(in::read, () -> in.read(new byte[8]),
                            () -> in.read(new byte[8], 2, 3), in::readAllBytes, f::readLine)) {
                        IOException e = assertThrows(IOException.class, read, "buffering " + buffering);
                        assertFalse(e instanceof SocketTimeoutException, "not a timeout again: " + e);
                        assertEquals("cannot read from timed out object", e.getMessage());
                    }
                    assertEquals(3, p.a().ioctl(Sockets.FIONREAD, 0), "the refused reads took nothing");
                }
                try (SocketFile g = p.a().makeFile("rb", buffering)) {
                    assertEquals('x', g.inputStream().read(), "a new file reads again");
                }
            }
        }
    }

    @Test
    void theSocketsOwnStreamAndATextFileRefuseToo() throws IOException {
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            p.a().setTimeout(Duration.ofMillis(100));
            try (InputStream in = p.a().inputStream()) {
                assertThrows(SocketTimeout.class, in::read);
                p.b().sendAll(HELLO);
                awaitQueued(p.a(), HELLO.length);
                IOException e = assertThrows(IOException.class, in::read);
                assertEquals("cannot read from timed out object", e.getMessage());
            }
            try (SocketFile text = p.a().makeFile("r")) {
                BufferedReader reader = text.reader();
                assertEquals("hello", reader.readLine(), "a new stream reads what waited");
                assertThrows(SocketTimeoutException.class, reader::readLine);
                p.b().sendAll(HELLO);
                awaitQueued(p.a(), HELLO.length);
                IOException e = assertThrows(IOException.class, reader::readLine);
                assertFalse(e instanceof SocketTimeoutException);
                assertEquals("cannot read from timed out object", e.getMessage());
            }
        }
    }

    // ---- readline, closed, name, fileno, readable, writable

    @Test
    void readLineKeepsTheLineEndAndIsEmptyAtEndOfStreamAsCPython() throws Exception {
        byte[] sent = "one\ntwo\r\nthree\rfour\n\nlast".getBytes(StandardCharsets.US_ASCII);
        int[] sizes = {-1, 2, 2, 0, -1, 100, 1, -1, -1, -1, 3};
        StringBuilder args = new StringBuilder();
        for (int n : sizes) args.append(n).append(' ');
        String python = Python.output("import socket, sys\n"
                + "for buf in (-1, 0, 3):\n"
                + "    a, b = socket.socketpair()\n    b.sendall(bytes.fromhex(sys.argv[1]))\n    b.close()\n"
                + "    f = a.makefile('rb', buf)\n"
                + "    print(' '.join(f.readline(int(n)).hex() or '-' for n in sys.argv[2].split()), end='; ')",
                java.util.HexFormat.of().formatHex(sent), args.toString().trim());
        StringBuilder jsock = new StringBuilder();
        for (int buffering : new int[] {-1, 0, 3}) {
            try (Pair p = connected(Kind.UNIX_STREAM)) {
                p.b().sendAll(sent);
                p.b().close();
                try (SocketFile f = p.a().makeFile("rb", buffering)) {
                    StringBuilder lines = new StringBuilder();
                    for (int i = 0; i < sizes.length; i++) {
                        int n = sizes[i];
                        byte[] line = n == -1 && i % 2 == 0 ? f.readLine() : f.readLine(n); // both forms of "no bound"
                        lines.append(line.length == 0 ? "-" : java.util.HexFormat.of().formatHex(line)).append(' ');
                    }
                    jsock.append(lines.toString().trim()).append("; ");
                    assertArrayEquals(new byte[0], f.readLine(), "still empty at the end");
                    assertArrayEquals(new byte[0], f.readLine(5));
                }
            }
        }
        assertEquals(python, jsock.toString().trim());
        // "one\n", "tw", "o\r", "", "\n", "three\rfour\n": the \n kept, a lone \r no line end.
        assertTrue(python.startsWith("6f6e650a 7477 6f0d - 0a 74687265650d666f75720a 0a 6c617374 - - -;"), python);
    }

    @Test
    void readLineOfAClosedOrTextFileIsRefused() throws IOException {
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            SocketFile f = p.a().makeFile("rb");
            f.close();
            IOException e = assertThrows(IOException.class, f::readLine);
            assertEquals("I/O operation on closed file.", e.getMessage());
            try (SocketFile text = p.a().makeFile("r"); SocketFile out = p.a().makeFile("wb")) {
                assertThrows(IllegalStateException.class, text::readLine);
                assertThrows(IllegalStateException.class, out::readLine);
            }
        }
    }

    /**
     * CPython's file of a socket: name and fileno() are the socket's fd, readable() and writable()
     * say the mode; once the file is closed, name is -1 (the socket itself still open), fileno()
     * fails with "I/O operation on closed file." and the mode's own direction is refused.
     */
    @Test
    void closedNameFilenoReadableAndWritableAsCPython() throws Exception {
        List<String> modes = List.of("rb", "rb0", "wb", "wb0", "r", "w");
        String python = Python.output("import socket, sys\n"
                + "a, b = socket.socketpair()\n"
                + "def refused(call):\n"
                + "    try:\n        call()\n        return 'ok'\n"
                + "    except ValueError as e:\n        return 'refused'\n"
                + "for m in sys.argv[1:]:\n"
                + "    f = a.makefile(m[:-1], 0) if m.endswith('0') else a.makefile(m)\n"
                + "    own = f.readable if 'r' in m else f.writable\n"
                + "    print(m, f.name == a.fileno(), f.closed, f.readable(), f.writable(), f.fileno() == a.fileno(), end=' / ')\n"
                + "    f.close()\n"
                + "    try:\n        f.fileno()\n    except ValueError as e:\n        err = str(e)\n"
                + "    print(f.name, f.closed, err, refused(own), a.fileno() != -1, end='; ')",
                modes.toArray(String[]::new));
        StringBuilder jsock = new StringBuilder();
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            Socket a = p.a();
            for (String m : modes) {
                SocketFile f = m.endsWith("0") ? a.makeFile(m.substring(0, m.length() - 1), 0) : a.makeFile(m);
                Executable own = m.contains("r") ? f::readable : f::writable;
                jsock.append(m).append(' ').append(py(f.name() == a.fileno())).append(' ').append(py(f.isClosed()))
                        .append(' ').append(py(f.readable())).append(' ').append(py(f.writable())).append(' ')
                        .append(py(f.fileno() == a.fileno())).append(" / ");
                f.close();
                IOException e = assertThrows(IOException.class, f::fileno);
                jsock.append(f.name()).append(' ').append(py(f.isClosed())).append(' ').append(e.getMessage()).append(' ')
                        .append(refused(own)).append(' ').append(py(a.fileno() != -1)).append("; ");
                f.close(); // a second close is a no-op
            }
            assertFalse(a.isClosed());
        }
        assertEquals(python, jsock.toString().trim());
    }

    @Test
    void readableAndWritableOfAReadWriteFileAndAfterClose() throws IOException {
        try (Pair p = connected(Kind.UNIX_STREAM)) {
            SocketFile f = p.a().makeFile("rwb");
            assertTrue(f.readable());
            assertTrue(f.writable());
            assertEquals(p.a().fileno(), f.name());
            f.close();
            assertTrue(f.isClosed());
            for (Executable call : List.<Executable>of(f::readable, f::writable, f::fileno)) {
                IOException e = assertThrows(IOException.class, call);
                assertTrue(e.getMessage().startsWith("I/O operation on closed"), e.getMessage());
            }
        }
    }

    // ---- helpers

    private interface Probe {
        Object get();
    }

    private static boolean has(Probe p) {
        try {
            p.get();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static String refused(Executable call) {
        try {
            call.execute();
            return "ok";
        } catch (IOException e) {
            return "refused";
        } catch (Throwable t) {
            throw new AssertionError("neither a result nor an IOException: " + t, t);
        }
    }

    private static String py(boolean b) {
        return b ? "True" : "False";
    }

    private static void awaitQueued(Socket s, int n) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.ioctl(Sockets.FIONREAD, 0) < n) {
            if (System.nanoTime() > end) throw new AssertionError("the data did not arrive");
            Thread.onSpinWait();
        }
    }
}
