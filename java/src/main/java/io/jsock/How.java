package io.jsock;

import io.jsock.internal.Consts;

/** What {@link Socket#shutdown(How)} shuts: SHUT_RD, SHUT_WR or SHUT_RDWR. */
public enum How {
    READ("SHUT_RD"),
    WRITE("SHUT_WR"),
    BOTH("SHUT_RDWR");

    private final int value;

    How(String cName) {
        this.value = Consts.get(cName);
    }

    public int value() {
        return value;
    }
}
