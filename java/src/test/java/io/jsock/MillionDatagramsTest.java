package io.jsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000,000 datagrams of 64 bytes through sendMmsg / recvMmsg, a sender thread and a receiver
 * thread, batches of 64, over UDP loopback and over AF_UNIX datagrams. Each datagram carries its
 * sequence number and a pattern made from it, so every one that arrives is checked and counted.
 * AF_UNIX loses nothing (a full queue blocks the sender). UDP may drop datagrams when the
 * receiver falls behind: the loss is counted and printed, never hidden, and what did arrive must
 * be whole and unduplicated.
 */
class MillionDatagramsTest {
    private static final int TOTAL = 1_000_000;
    private static final int BATCH = 64;
    private static final int SIZE = 64;

    record Counts(long sent, long received, long inOrder, long batches, SockAddr firstSender, long millis) {
        long lost() {
            return sent - received;
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void unixDatagramsLoseNothing() throws Exception {
        Socket[] p = Socket.pair(Family.UNIX, Type.DGRAM);
        try {
            Counts c = run(p[0], null, p[1]);
            report("AF_UNIX datagrams", c);
            assertEquals(TOTAL, c.sent());
            assertEquals(TOTAL, c.received(), "AF_UNIX datagrams are never dropped");
            assertEquals(TOTAL, c.inOrder(), "and never reordered");
        } finally {
            p[0].close();
            p[1].close();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void udpLoopbackCountsItsLoss() throws Exception {
        try (Socket tx = Socket.open(Family.INET, Type.DGRAM); Socket rx = Socket.open(Family.INET, Type.DGRAM)) {
            rx.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_RCVBUF, 4 << 20);
            rx.bind(SockAddr.inet("127.0.0.1", 0));
            tx.bind(SockAddr.inet("127.0.0.1", 0));
            Counts c = run(tx, rx.getSockName(), rx);
            report("UDP loopback", c);
            assertEquals(TOTAL, c.sent());
            assertTrue(c.received() > 0, "some datagrams arrived");
            assertEquals(tx.getSockName(), c.firstSender(), "recvmmsg reports each sender");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void udpLossIsCountedNotHidden() throws Exception {
        // The smallest receive buffer and no one reading while 10,240 datagrams go: the kernel
        // must drop most of them, and the count must say so.
        int total = 160 * BATCH;
        try (Socket tx = Socket.open(Family.INET, Type.DGRAM); Socket rx = Socket.open(Family.INET, Type.DGRAM)) {
            rx.setSockOpt(Sockets.SOL_SOCKET, Sockets.SO_RCVBUF, 1);
            rx.bind(SockAddr.inet("127.0.0.1", 0));
            tx.bind(SockAddr.inet("127.0.0.1", 0));
            long start = System.nanoTime();
            long sent = send(tx, rx.getSockName(), total);
            Received r = receive(rx, new AtomicBoolean(true), total);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Counts c = new Counts(sent, r.received(), r.inOrder(), r.calls(), r.firstSender(), millis);
            report("UDP loopback, nobody reading", c);
            assertEquals(total, c.sent());
            assertTrue(c.received() > 0 && c.lost() > 0, "some arrived, the rest is counted as lost");
        }
    }

    private static void report(String what, Counts c) {
        System.out.printf("%s: sent %,d, received %,d, lost %,d (%.3f%%), in order %,d, %,d receive calls, %d ms%n",
                what, c.sent(), c.received(), c.lost(), 100.0 * c.lost() / c.sent(), c.inOrder(), c.batches(), c.millis());
    }

    /** Sends TOTAL datagrams from tx (to {@code to}, or its peer) in one thread, receives them on rx in another. */
    private static Counts run(Socket tx, SockAddr to, Socket rx) throws Exception {
        AtomicBoolean senderDone = new AtomicBoolean();
        long start = System.nanoTime();
        CompletableFuture<Received> receiver = CompletableFuture.supplyAsync(() -> {
            try {
                return receive(rx, senderDone, TOTAL);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long sent;
        try {
            sent = send(tx, to, TOTAL);
        } finally {
            senderDone.set(true);
        }
        Received r = receiver.get(100, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new Counts(sent, r.received(), r.inOrder(), r.calls(), r.firstSender(), millis);
    }

    record Received(long received, long inOrder, long calls, SockAddr firstSender) {}

    private static long send(Socket tx, SockAddr to, int total) throws IOException {
        MessageBatch out = new MessageBatch(BATCH, SIZE);
        for (int i = 0; i < BATCH; i++) out.setAddress(i, to);
        long sent = 0;
        for (long base = 0; base < total; base += BATCH) {
            for (int i = 0; i < BATCH; i++) fillDatagram(out.buffer(i), base + i);
            for (int done = 0; done < BATCH; ) done += tx.sendMmsg(out, done, BATCH - done, 0);
            sent += BATCH;
        }
        return sent;
    }

    /** Counts what arrives until all has, or the sender is done and a second passes in silence. */
    private static Received receive(Socket rx, AtomicBoolean senderDone, int total) throws IOException {
        rx.setTimeout(Duration.ofSeconds(1));
        MessageBatch in = new MessageBatch(BATCH, SIZE);
        BitSet seen = new BitSet(total);
        long received = 0;
        long inOrder = 0;
        long calls = 0;
        long next = 0;
        SockAddr firstSender = null;
        while (received < total) {
            int n;
            try {
                n = rx.recvMmsg(in, BATCH, Sockets.MSG_WAITFORONE);
            } catch (SocketTimeout idle) {
                if (senderDone.get()) break; // a second of silence after the last send: the rest is lost
                continue;
            }
            calls++;
            if (calls == 1) firstSender = in.address(0);
            for (int i = 0; i < n; i++) {
                long seq = checkDatagram(in, i, total);
                if (seen.get((int) seq)) throw new AssertionError("datagram " + seq + " came twice");
                seen.set((int) seq);
                if (seq == next) inOrder++;
                next = seq + 1;
                received++;
            }
        }
        return new Received(received, inOrder, calls, firstSender);
    }

    private static void fillDatagram(ByteBuffer b, long seq) {
        b.clear();
        b.putLong(0, seq);
        for (int k = 8; k < SIZE; k++) b.put(k, (byte) (seq * 31 + k));
    }

    private static long checkDatagram(MessageBatch in, int i, int total) {
        ByteBuffer b = in.buffer(i);
        if (in.length(i) != SIZE || in.flags(i) != 0 || b.limit() != SIZE) {
            throw new AssertionError("datagram of " + in.length(i) + " bytes, flags " + in.flags(i));
        }
        long seq = b.getLong(0);
        if (seq < 0 || seq >= total) throw new AssertionError("no such datagram: " + seq);
        for (int k = 8; k < SIZE; k++) {
            if (b.get(k) != (byte) (seq * 31 + k)) throw new AssertionError("datagram " + seq + " damaged at byte " + k);
        }
        return seq;
    }
}
