package io.jsock.netlink;

import static io.jsock.netlink.NetlinkConstants.*;

import io.jsock.SockAddr;
import io.jsock.Sockets;
import io.jsock.internal.Consts;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An AF_UNIX socket as sock_diag describes it ({@code unix_diag_msg} and its attributes);
 * every attribute stays in {@link #attributes()}. What the kernel did not send is null.
 *
 * @param type SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET
 * @param state TCP_LISTEN, TCP_ESTABLISHED or TCP_CLOSE (unconnected)
 * @param address the bound name (a path or an abstract name), or null when unbound (or when
 *     {@link SockAddr} cannot hold the name: its bytes are then UNIX_DIAG_NAME in the attributes)
 * @param peerInode the inode of the connected peer, or null
 * @param receiveQueue bytes (or, for a listener, connections) waiting; null unless asked for
 * @param sendQueue bytes not yet read by the peer; for a listener, the backlog
 */
public record UnixSocketInfo(int type, int state, long inode, long cookie, SockAddr.Unix address, Long peerInode,
                             Integer receiveQueue, Integer sendQueue, Integer uid, Long vfsInode, Integer vfsDevice,
                             NetlinkAttributes attributes) {
    static final Field FAMILY = Field.of("unix_diag_msg", "udiag_family");
    static final Field TYPE = Field.of("unix_diag_msg", "udiag_type");
    static final Field STATE = Field.of("unix_diag_msg", "udiag_state");
    static final Field INO = Field.of("unix_diag_msg", "udiag_ino");
    static final Field COOKIE = Field.of("unix_diag_msg", "udiag_cookie");
    private static final Field RQUEUE = Field.of("unix_diag_rqlen", "udiag_rqueue");
    private static final Field WQUEUE = Field.of("unix_diag_rqlen", "udiag_wqueue");
    private static final Field VFS_INO = Field.of("unix_diag_vfs", "udiag_vfs_ino");
    private static final Field VFS_DEV = Field.of("unix_diag_vfs", "udiag_vfs_dev");
    static final int HEADER = Consts.sizeOf("unix_diag_msg");
    private static final int SUN_PATH_OFFSET = Consts.offsetOf("sockaddr_un", "sun_path");

    /**
     * The socket a SOCK_DIAG_BY_FAMILY reply for AF_UNIX describes.
     *
     * @throws NetlinkParseException if the message is too short, an attribute has the wrong size or the name is longer than sun_path
     */
    public static UnixSocketInfo decode(NetlinkMessage m) {
        ByteBuffer p = m.payload();
        if (p.limit() < HEADER) throw new NetlinkParseException("unix_diag_msg of " + p.limit() + " bytes, not " + HEADER);
        NetlinkAttributes a = NetlinkAttributes.parse(p, HEADER, p.limit() - HEADER);
        Integer rq = null;
        Integer wq = null;
        NetlinkAttribute rqlen = a.get(UNIX_DIAG_RQLEN);
        if (rqlen != null) {
            ByteBuffer v = rqlen.value();
            rq = RQUEUE.getInt(v, 0);
            wq = WQUEUE.getInt(v, 0);
        }
        Long vfsIno = null;
        Integer vfsDev = null;
        NetlinkAttribute vfs = a.get(UNIX_DIAG_VFS);
        if (vfs != null) {
            ByteBuffer v = vfs.value();
            vfsIno = VFS_INO.get(v, 0);
            vfsDev = VFS_DEV.getInt(v, 0);
        }
        Integer peer = a.u32(UNIX_DIAG_PEER);
        return new UnixSocketInfo(TYPE.getInt(p, 0), STATE.getInt(p, 0), INO.get(p, 0), COOKIE.get(p, 0),
                name(a.bytes(UNIX_DIAG_NAME)), peer == null ? null : Integer.toUnsignedLong(peer), rq, wq,
                a.u32(UNIX_DIAG_UID), vfsIno, vfsDev, a);
    }

    /** sun_path's size: what the kernel keeps of a bound name, the leading NUL of an abstract one included. */
    private static final int SUN_PATH = Consts.layout("sizeof(sockaddr_un)") - SUN_PATH_OFFSET;

    /**
     * UNIX_DIAG_NAME is sun_path as bound, for all of its 108 bytes: a leading NUL marks an
     * abstract name (up to 107 bytes after it); a path fills up to all 108 bytes, and the kernel
     * adds a NUL after it (so a full path comes as 109 bytes). The address itself is decoded by
     * {@link SockAddr#decode}, the one decoder of sockaddr_un; a name it cannot hold is not a
     * malformed message, so the socket is listed with a null address (its bytes stay in the
     * attributes) rather than failing the whole dump.
     */
    private static SockAddr.Unix name(byte[] raw) {
        if (raw == null || raw.length == 0) return null;
        int n;
        if (raw[0] == 0) {
            n = raw.length;
        } else {
            n = 0;
            while (n < raw.length && raw[n] != 0) n++;
        }
        if (n > SUN_PATH) {
            throw new NetlinkParseException("UNIX_DIAG_NAME of " + n + " bytes: sun_path holds " + SUN_PATH);
        }
        ByteBuffer sockaddr = ByteBuffer.allocate(SUN_PATH_OFFSET + n).order(ByteOrder.nativeOrder());
        sockaddr.putShort(SockAddr.OFFSET_FAMILY, (short) Sockets.AF_UNIX);
        sockaddr.put(SUN_PATH_OFFSET, raw, 0, n);
        try {
            return SockAddr.decode(sockaddr, 0, sockaddr.limit()) instanceof SockAddr.Unix u ? u : null;
        } catch (IllegalArgumentException cannotHold) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "UnixSocketInfo[" + (address == null ? "*" : address) + ", inode " + inode + ", state " + state + "]";
    }
}
