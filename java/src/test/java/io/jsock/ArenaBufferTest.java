package io.jsock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Java 22+: a direct ByteBuffer over a MemorySegment whose Arena was closed has freed memory
 * behind it. Every call that takes a caller's direct buffer refuses it with
 * IllegalStateException, as the JDK's own channels do, and touches nothing; on the old code
 * recvInto wrote into the freed memory. The FFM API is reached by reflection so that this
 * compiles for Java 17; on 17-21 the test is skipped (no arena can free a buffer's memory there).
 */
class ArenaBufferTest {
    @RegisterExtension
    final OpenSockets open = new OpenSockets();

    private Method ofShared;
    private Method allocate;
    private Method asByteBuffer;
    private Method close;

    @BeforeEach
    void ffm() throws ReflectiveOperationException {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM API's arenas are Java 22+; this is "
                + Runtime.version().feature());
        Class<?> arena = Class.forName("java.lang.foreign.Arena");
        ofShared = arena.getMethod("ofShared");
        allocate = Class.forName("java.lang.foreign.SegmentAllocator").getMethod("allocate", long.class);
        asByteBuffer = Class.forName("java.lang.foreign.MemorySegment").getMethod("asByteBuffer");
        close = arena.getMethod("close");
    }

    /** A direct buffer of {@code size} bytes from a shared arena, and the arena. */
    private Object[] arenaBuffer(int size) throws ReflectiveOperationException {
        Object arena = ofShared.invoke(null);
        ByteBuffer b = (ByteBuffer) asByteBuffer.invoke(allocate.invoke(arena, (long) size));
        return new Object[] {arena, b};
    }

    @Test
    void aBufferOfAClosedArenaIsRefusedByEveryCall() throws Exception {
        Socket[] p = open.unixPair(Type.DGRAM);
        Object[] ab = arenaBuffer(64);
        ByteBuffer freed = (ByteBuffer) ab[1];
        close.invoke(ab[0]);
        p[0].send("kept".getBytes());
        assertThrows(IllegalStateException.class, () -> p[1].recvInto(freed));
        assertThrows(IllegalStateException.class, () -> p[1].recvFromInto(freed));
        assertThrows(IllegalStateException.class, () -> p[1].recvMsgInto(new ByteBuffer[] {freed}, 0, 0));
        assertThrows(IllegalStateException.class, () -> p[1].recvMsgInto(new ByteBuffer[] {freed}, new MsgHdr(1, 0), 0));
        assertThrows(IllegalStateException.class, () -> p[0].send(freed));
        assertThrows(IllegalStateException.class, () -> p[0].sendAll(freed));
        assertThrows(IllegalStateException.class, () -> p[0].sendMsg(new ByteBuffer[] {freed}, List.of(), 0, null));
        Socket udp = open.udp(Family.INET, "127.0.0.1");
        assertThrows(IllegalStateException.class, () -> udp.sendTo(freed, udp.getSockName()));
        assertEquals("kept", new String(p[1].recv(64)), "the datagram waits for a live buffer");
    }

    @Test
    void aBufferOfAnOpenArenaWorks() throws ReflectiveOperationException, IOException {
        Socket[] p = open.unixPair(Type.STREAM);
        Object[] ab = arenaBuffer(16);
        Object[] ib = arenaBuffer(16);
        ByteBuffer live = (ByteBuffer) ab[1];
        try {
            live.put("arena".getBytes()).flip();
            p[0].sendAll(live);
            ByteBuffer in = (ByteBuffer) ib[1];
            assertEquals(5, p[1].recvInto(in));
            byte[] got = new byte[5];
            in.flip().get(got);
            assertArrayEquals("arena".getBytes(), got);
        } finally {
            close.invoke(ab[0]);
            close.invoke(ib[0]);
        }
    }
}
