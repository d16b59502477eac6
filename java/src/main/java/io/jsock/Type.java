package io.jsock;

import io.jsock.internal.Consts;

/** Socket types, with their values from the system headers. */
public enum Type {
    STREAM("SOCK_STREAM"),
    DGRAM("SOCK_DGRAM"),
    SEQPACKET("SOCK_SEQPACKET"),
    RAW("SOCK_RAW"),
    RDM("SOCK_RDM");

    private final String cName;
    private final int value;

    Type(String cName) {
        this.cName = cName;
        this.value = Consts.get(cName);
    }

    /** The SOCK_ value. */
    public int value() {
        return value;
    }

    public String cName() {
        return cName;
    }

    /** The type of a SOCK_ value (creation flags such as SOCK_NONBLOCK ignored), or null. */
    public static Type of(int value) {
        int bare = value & ~(Sockets.SOCK_NONBLOCK | Sockets.SOCK_CLOEXEC);
        for (Type t : values()) {
            if (t.value == bare) return t;
        }
        return null;
    }
}
