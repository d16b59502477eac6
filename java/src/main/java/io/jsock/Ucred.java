package io.jsock;

import io.jsock.internal.Consts;
import java.nio.ByteBuffer;

/**
 * A process's credentials as the kernel passes them in {@code struct ucred}: the peer of an
 * AF_UNIX socket ({@link SockOpt#SO_PEERCRED}) and the SCM_CREDENTIALS ancillary message.
 * The ids are the kernel's: uid and gid are unsigned 32-bit values held in an int.
 */
public record Ucred(int pid, int uid, int gid) {
    static final int SIZE = Consts.sizeOf("ucred");
    private static final int PID = Consts.offsetOf("ucred", "pid");
    private static final int UID = Consts.offsetOf("ucred", "uid");
    private static final int GID = Consts.offsetOf("ucred", "gid");

    /** The struct at {@code offset} of {@code in} (native byte order, absolute positions). */
    static Ucred decode(ByteBuffer in, int offset) {
        return new Ucred(in.getInt(offset + PID), in.getInt(offset + UID), in.getInt(offset + GID));
    }

    /** Writes the struct at {@code offset} of {@code out}. */
    void encode(ByteBuffer out, int offset) {
        out.putInt(offset + PID, pid).putInt(offset + UID, uid).putInt(offset + GID, gid);
    }

    @Override
    public String toString() {
        return "Ucred[pid=" + pid + ", uid=" + Integer.toUnsignedString(uid) + ", gid=" + Integer.toUnsignedString(gid) + "]";
    }
}
