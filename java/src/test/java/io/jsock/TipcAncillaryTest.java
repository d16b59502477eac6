package io.jsock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The SOL_TIPC ancillary items as the kernel writes them (tipc_sk_anc_data_recv): TIPC_ERRINFO
 * two u32 (the error code and the returned data's length), TIPC_RETDATA the bytes, TIPC_DESTNAME
 * a struct tipc_service_range. Received for real by {@link TipcSocketTest} in the VM.
 */
class TipcAncillaryTest {
    private static ByteBuffer ints(int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.nativeOrder());
        for (int i = 0; i < v.length; i++) b.putInt(4 * i, v[i]);
        return b;
    }

    @Test
    void errInfo() {
        Ancillary a = new Ancillary(Sockets.SOL_TIPC, Sockets.TIPC_ERRINFO, ints(Sockets.TIPC_ERR_NO_NAME, 1234).array());
        Ancillary.TipcErrInfo info = a.tipcErrInfo();
        assertEquals(Sockets.TIPC_ERR_NO_NAME, info.error());
        assertEquals(1234, info.returnedLength());
        assertEquals("TIPC_ERR_NO_NAME", info.errorName());
        assertEquals("TipcErrInfo[TIPC_ERR_NO_NAME, 1234 bytes returned]", info.toString());
        assertEquals("TIPC_CONN_SHUTDOWN", new Ancillary.TipcErrInfo(Sockets.TIPC_CONN_SHUTDOWN, 0).errorName());
        assertEquals("99", new Ancillary.TipcErrInfo(99, 0).errorName());
        Ancillary shortOne = new Ancillary(Sockets.SOL_TIPC, Sockets.TIPC_ERRINFO, new byte[4]);
        IllegalStateException e = assertThrows(IllegalStateException.class, shortOne::tipcErrInfo);
        assertTrue(e.getMessage().contains("holds 4 bytes, 8 needed"), e.getMessage());
    }

    @Test
    void retData() {
        byte[] data = {1, 2, 3, 0, (byte) 0xff};
        assertArrayEquals(data, new Ancillary(Sockets.SOL_TIPC, Sockets.TIPC_RETDATA, data).tipcRetData());
        assertArrayEquals(new byte[0], new Ancillary(Sockets.SOL_TIPC, Sockets.TIPC_RETDATA, new byte[0]).tipcRetData());
    }

    @Test
    void destName() {
        assertEquals(12, io.jsock.internal.Consts.sizeOf("tipc_service_range"));
        Ancillary a = new Ancillary(Sockets.SOL_TIPC, Sockets.TIPC_DESTNAME, ints(18888, 0, -1).array());
        assertEquals(SockAddr.tipcNameSeq(18888, 0, 0xFFFF_FFFFL, 0), a.tipcDestName());
    }

    @Test
    void eachReaderRefusesAnotherItem() {
        Ancillary ttl = Ancillary.ttl(5);
        assertThrows(IllegalStateException.class, ttl::tipcErrInfo);
        assertThrows(IllegalStateException.class, ttl::tipcRetData);
        assertThrows(IllegalStateException.class, ttl::tipcDestName);
        Ancillary dest = new Ancillary(Sockets.SOL_TIPC, Sockets.TIPC_DESTNAME, new byte[12]);
        IllegalStateException e = assertThrows(IllegalStateException.class, dest::tipcErrInfo);
        assertTrue(e.getMessage().contains("is not TIPC_ERRINFO"), e.getMessage());
    }
}
