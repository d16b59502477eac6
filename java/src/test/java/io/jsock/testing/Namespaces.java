package io.jsock.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.SocketError;
import io.jsock.netlink.NetNamespace;
import java.io.IOException;

/** Network namespaces of the tests' own, where they may change links, addresses and routes. */
public final class Namespaces {
    private Namespaces() {}

    /** A new network namespace, or the test is skipped (with the reason) where none can be made. */
    public static NetNamespace privateNamespace() throws IOException {
        assumeTrue(ProcStatus.isRoot(), "skipped: making a network namespace needs root (CAP_SYS_ADMIN)");
        try {
            return NetNamespace.create();
        } catch (SocketError e) {
            assumeTrue(false, "skipped: this kernel or container refuses unshare(CLONE_NEWNET): " + e.getMessage());
            throw e;
        }
    }
}
