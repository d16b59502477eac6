package io.jsock.tools;

import io.jsock.Datagram;
import io.jsock.How;
import io.jsock.SockAddr;
import io.jsock.Socket;
import io.jsock.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moves bytes between stdin/stdout and a socket, both directions at once: each direction has
 * a thread, and a session (one connection, or one bound datagram socket) ends when the
 * directions its kind waits for have ended, or at once when one fails.
 *
 * <p>Stdin is read by one thread for the life of the process, so that with {@code --keep-open}
 * what one connection did not take goes to the next, and an end of input stays an end.
 */
final class Pump {
    /** What one read of stdin may take for a stream socket. */
    private static final int STREAM_CHUNK = 64 * 1024;
    /** The largest UDP payload over IPv4 (65535 less the IP and UDP headers): one stdin read, one datagram. */
    private static final int DATAGRAM_CHUNK = 65_535 - 20 - 8;
    private static final int RECEIVE_BUFFER = 64 * 1024;
    private static final byte[] END = new byte[0];

    private final InputStream in;
    private final OutputStream out;
    private final int chunkSize;
    /** Chunks of stdin, then {@link #END}; two in flight are enough to keep both sides busy. */
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(2);
    private volatile IOException inputFailure;
    private volatile boolean inputEnded;
    private Thread reader;

    /** A pump for a socket of {@code type}: a stream socket's stdin is read in chunks, a datagram socket's a datagram at a time. */
    Pump(InputStream in, OutputStream out, Type type) {
        this.in = in;
        this.out = out;
        this.chunkSize = type == Type.STREAM ? STREAM_CHUNK : DATAGRAM_CHUNK;
    }

    /**
     * A connected stream socket: stdin goes to the socket, whose write side is shut down at the
     * end of stdin, and the socket goes to stdout. Returns when both are done: stdin has ended
     * and the peer has closed its side, all it sent written. Waiting for both keeps every byte
     * for a peer that shuts down its side and then reads the answer.
     */
    void stream(Socket socket) throws IOException {
        stream(socket, null);
    }

    /** As {@link #stream(Socket)}, but also returns once, stdin ended, nothing has come for {@code wait} (null: no such end). */
    void stream(Socket socket, Duration wait) throws IOException {
        run(End.BOTH, wait, session -> {
            for (byte[] chunk; (chunk = nextChunk()) != END; ) socket.sendAll(chunk);
            socket.shutdown(How.WRITE);
        }, session -> {
            byte[] buffer = new byte[RECEIVE_BUFFER];
            for (int n; (n = socket.recvInto(buffer, 0, buffer.length)) > 0; ) session.write(buffer, n);
        });
    }

    /**
     * A connected datagram socket: each chunk of stdin is one datagram, and the datagrams that
     * come back go to stdout; after the end of stdin, returns once none has come for {@code wait}
     * (at once for zero), every reply that came until then written.
     */
    void datagramsTo(Socket socket, Duration wait) throws IOException {
        run(End.OUTGOING, wait, session -> {
            for (byte[] chunk; (chunk = nextChunk()) != END; ) socket.send(chunk);
        }, session -> {
            byte[] buffer = new byte[RECEIVE_BUFFER];
            while (true) session.write(buffer, socket.recvInto(buffer, 0, buffer.length));
        });
    }

    /**
     * A bound datagram socket: what arrives goes to stdout, and stdin goes to whoever sent last
     * (held until someone has). Datagrams have no end: this returns only on a failure.
     */
    void datagramsFrom(Socket socket) throws IOException {
        LastSender lastSender = new LastSender();
        run(End.NEVER, null, session -> {
            for (byte[] chunk; (chunk = nextChunk()) != END; ) socket.sendTo(chunk, lastSender.await());
        }, session -> {
            while (true) {
                Datagram d = socket.recvFrom(RECEIVE_BUFFER);
                byte[] data = d.data();
                session.write(data, data.length);
                if (d.address() != null) lastSender.set(d.address());
            }
        });
    }

    /** Who sent the last datagram, for the replies. */
    private static final class LastSender {
        private SockAddr address;

        synchronized void set(SockAddr a) {
            address = a;
            notifyAll();
        }

        synchronized SockAddr await() throws InterruptedException {
            while (address == null) wait();
            return address;
        }
    }

    // ---- one session: two directions on their threads

    /**
     * Which directions must have ended for a session to be over, short of a failure (which ends
     * it at once) or, stdin ended, a wait for the peer running out.
     */
    private enum End { BOTH, OUTGOING, NEVER }

    /** One direction of a session: returns at its end, throws on a failure. */
    private interface Direction {
        void run(Session session) throws IOException, InterruptedException;
    }

    /** A session's end, and its writes to stdout, which stop at that end. */
    private final class Session {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        /** The directions whose end the session still waits for. */
        private final AtomicInteger remaining;
        /** Once stdin has ended, the session ends when nothing has come for this long; null: no such end. */
        private final Duration afterInput;
        /** When the socket last gave something to stdout (System.nanoTime). */
        private volatile long lastWrite = System.nanoTime();

        Session(int awaited, Duration afterInput) {
            this.remaining = new AtomicInteger(awaited);
            this.afterInput = afterInput;
        }

        void write(byte[] buffer, int n) throws IOException {
            synchronized (out) {
                if (done.isDone()) return;
                out.write(buffer, 0, n);
                out.flush();
                lastWrite = System.nanoTime();
            }
        }

        /** After the end of stdin: ends the session once nothing has come for {@link #afterInput}, as nc -w does. */
        void endWhenIdle() throws InterruptedException {
            long wait = afterInput.toNanos();
            long inputEnded = System.nanoTime();
            while (!done.isDone()) {
                long now = System.nanoTime();
                long last = lastWrite - inputEnded > 0 ? lastWrite : inputEnded;
                long left = last - now + wait;
                if (left <= 0) {
                    done.complete(null);
                    return;
                }
                try {
                    done.get(left, TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // over, or time to look again
                }
            }
        }

        Thread start(String name, Direction direction, boolean awaited, boolean outgoing) { // awaited: its end counts
            Thread t = new Thread(() -> {
                try {
                    direction.run(this);
                    if (awaited && remaining.decrementAndGet() == 0) done.complete(null);
                    if (outgoing && afterInput != null) endWhenIdle();
                } catch (IOException | RuntimeException e) {
                    done.completeExceptionally(e);
                } catch (InterruptedException e) {
                    // the session is over
                }
            }, name);
            t.setDaemon(true); // a thread blocked on stdin must not keep the process alive
            t.start();
            return t;
        }
    }

    private void run(End end, Duration afterInput, Direction outgoing, Direction incoming) throws IOException {
        Session session = new Session(end == End.BOTH ? 2 : 1, afterInput);
        boolean outgoingEnds = end == End.BOTH || (end == End.OUTGOING && afterInput == null);
        Thread sending = session.start("jsock stdin to socket", outgoing, outgoingEnds, true);
        session.start("jsock socket to stdout", incoming, end == End.BOTH, false);
        try {
            session.done.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException r) throw r;
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            // Stdout is left whole: a write in progress ends first, and none starts after this.
            synchronized (out) {
                out.flush();
            }
            sending.interrupt(); // it may be waiting for stdin; the caller closes the socket
        }
    }

    // ---- stdin

    /** The next chunk of stdin, or {@link #END} (again and again) once it has ended. */
    private byte[] nextChunk() throws IOException, InterruptedException {
        if (inputEnded) return END;
        startReader();
        byte[] chunk = chunks.take();
        if (chunk == END) {
            inputEnded = true;
            chunks.offer(END); // for a taker of an earlier session that is still waiting
            IOException failure = inputFailure;
            if (failure != null) throw failure;
        }
        return chunk;
    }

    private synchronized void startReader() {
        if (reader != null) return;
        reader = new Thread(() -> {
            byte[] buffer = new byte[chunkSize];
            try {
                try {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        if (n > 0) chunks.put(Arrays.copyOf(buffer, n));
                    }
                } catch (IOException e) {
                    inputFailure = new IOException("reading stdin: " + e.getMessage(), e);
                }
                chunks.put(END);
            } catch (InterruptedException e) {
                // nothing interrupts it: it lives as long as the process
            }
        }, "jsock stdin reader");
        reader.setDaemon(true);
        reader.start();
    }
}
