package io.jsock;

/**
 * A process's credentials, {@code struct ucred}: what SO_PEERCRED reports of a peer and what an
 * SCM_CREDENTIALS message carries. uid and gid are unsigned 32-bit values.
 */
public record Ucred(int pid, int uid, int gid) {
    @Override
    public String toString() {
        return "Ucred[pid=" + pid + ", uid=" + Integer.toUnsignedString(uid) + ", gid=" + Integer.toUnsignedString(gid) + "]";
    }
}
