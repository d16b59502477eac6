package io.jsock.internal;

import java.nio.ByteBuffer;

/**
 * struct msghdr, struct iovec, struct mmsghdr and the cmsg header as the headers lay them out,
 * written into native memory by the message calls of the socket.
 */
public final class MsgLayout {
    public static final int MSGHDR_SIZE = Consts.sizeOf("msghdr");
    private static final int NAME = Consts.offsetOf("msghdr", "msg_name");
    private static final int NAMELEN = Consts.offsetOf("msghdr", "msg_namelen");
    private static final int IOV = Consts.offsetOf("msghdr", "msg_iov");
    private static final int IOVLEN = Consts.offsetOf("msghdr", "msg_iovlen");
    private static final int CONTROL = Consts.offsetOf("msghdr", "msg_control");
    private static final int CONTROLLEN = Consts.offsetOf("msghdr", "msg_controllen");
    private static final int FLAGS = Consts.offsetOf("msghdr", "msg_flags");

    public static final int IOVEC_SIZE = Consts.sizeOf("iovec");
    private static final int IOV_BASE = Consts.offsetOf("iovec", "iov_base");
    private static final int IOV_LEN = Consts.offsetOf("iovec", "iov_len");

    public static final int MMSGHDR_SIZE = Consts.sizeOf("mmsghdr");
    private static final int MMSG_HDR = Consts.offsetOf("mmsghdr", "msg_hdr");
    private static final int MMSG_LEN = Consts.offsetOf("mmsghdr", "msg_len");

    /** Where a cmsg's data starts, counted from its header (CMSG_DATA - cmsg). */
    public static final int CMSG_DATA_OFFSET = (int) Native.SHIM.jsock_cmsg_data_offset();

    private MsgLayout() {}

    /** Writes a whole msghdr at {@code at}; msg_flags starts at 0. */
    public static void writeMsghdr(ByteBuffer b, int at, long name, int namelen, long iov, int iovlen,
                                   long control, long controllen) {
        b.putLong(at + NAME, name);
        b.putInt(at + NAMELEN, namelen);
        b.putLong(at + IOV, iov);
        b.putLong(at + IOVLEN, iovlen);
        b.putLong(at + CONTROL, control);
        b.putLong(at + CONTROLLEN, controllen);
        b.putInt(at + FLAGS, 0);
    }

    public static void writeIovec(ByteBuffer b, int at, long base, long len) {
        b.putLong(at + IOV_BASE, base);
        b.putLong(at + IOV_LEN, len);
    }

    public static void setIovecLength(ByteBuffer b, int at, long len) {
        b.putLong(at + IOV_LEN, len);
    }

    public static void setNameLength(ByteBuffer b, int msghdr, int namelen) {
        b.putInt(msghdr + NAMELEN, namelen);
    }

    public static void setControlLength(ByteBuffer b, int msghdr, long controllen) {
        b.putLong(msghdr + CONTROLLEN, controllen);
    }

    public static int nameLength(ByteBuffer b, int msghdr) {
        return b.getInt(msghdr + NAMELEN);
    }

    public static long controlLength(ByteBuffer b, int msghdr) {
        return b.getLong(msghdr + CONTROLLEN);
    }

    public static int flags(ByteBuffer b, int msghdr) {
        return b.getInt(msghdr + FLAGS);
    }

    /** The msghdr inside the mmsghdr at {@code at}. */
    public static int mmsgHeader(int at) {
        return at + MMSG_HDR;
    }

    /** msg_len of the mmsghdr at {@code at}: the bytes that message carried. */
    public static int mmsgLength(ByteBuffer b, int at) {
        return b.getInt(at + MMSG_LEN);
    }
}
