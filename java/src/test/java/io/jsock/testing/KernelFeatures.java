package io.jsock.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.Family;
import io.jsock.Socket;
import io.jsock.SocketError;
import io.jsock.Type;
import java.io.IOException;

/** Whether the running kernel has a feature, asked of the kernel itself; the skip says why. */
public final class KernelFeatures {
    private KernelFeatures() {}

    /** Skips the test unless the kernel opens a socket of {@code family} and {@code type}. */
    public static void assumeSocket(Family family, Type type, String what) {
        String refusal = refusal(family, type);
        assumeTrue(refusal == null, () -> "skipped: this kernel has no " + what + " (" + refusal
                + "); the test runs in the project's VM (vm/run)");
    }

    /** Null when a socket of {@code family} and {@code type} opens, else the kernel's refusal. */
    public static String refusal(Family family, Type type) {
        try (Socket s = Socket.open(family, type)) {
            return null;
        } catch (SocketError e) {
            return e.getMessage();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
