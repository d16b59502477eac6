package io.jsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/** Assertions on the errno a call fails with. */
final class ErrnoAssertions {
    private ErrnoAssertions() {}

    /** The call fails with a {@link SocketError} of this errno name; returns it for more checks. */
    static SocketError assertErrno(String name, Executable call) {
        SocketError e = assertThrows(SocketError.class, call);
        assertEquals(name, e.errnoName(), e.getMessage());
        return e;
    }
}
