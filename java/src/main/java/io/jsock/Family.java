package io.jsock;

import io.jsock.internal.Consts;

/** Address families, with their values from the system headers. */
public enum Family {
    UNIX("AF_UNIX"),
    INET("AF_INET"),
    INET6("AF_INET6"),
    NETLINK("AF_NETLINK"),
    TIPC("AF_TIPC"),
    PACKET("AF_PACKET"),
    VSOCK("AF_VSOCK");

    private final String cName;
    private final int value;

    Family(String cName) {
        this.cName = cName;
        this.value = Consts.get(cName);
    }

    /** The AF_ value. */
    public int value() {
        return value;
    }

    /** The C name, such as {@code AF_INET6}. */
    public String cName() {
        return cName;
    }

    /** The family of an AF_ value, or null for a family jsock does not name. */
    public static Family of(int value) {
        for (Family f : values()) {
            if (f.value == value) return f;
        }
        return null;
    }
}
