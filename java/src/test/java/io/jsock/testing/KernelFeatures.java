package io.jsock.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsock.Family;
import io.jsock.Socket;
import io.jsock.SocketError;
import io.jsock.Type;
import java.io.IOException;

/**
 * Whether the running kernel has a feature, asked of the kernel itself; the skip says why. In the
 * project's VM guest (vm/run sets {@code -Djsock.test.guest=true}) a missing feature is a failure,
 * not a skip: there the kernel was booted with the modules the test named, so their absence is a
 * fault of the harness or of the test's list of modules.
 */
public final class KernelFeatures {
    private KernelFeatures() {}

    /** True in the VM guest of vm/run, where the tests' kernel features must be there. */
    public static boolean inGuest() {
        return Boolean.getBoolean("jsock.test.guest");
    }

    /** Skips the test unless the kernel opens a socket of {@code family} and {@code type} (fails in the guest). */
    public static void assumeSocket(Family family, Type type, String what) {
        String refusal = refusal(family, type);
        assume(refusal == null, what, refusal);
    }

    /**
     * Skips the test unless {@code present} (fails in the guest): the kernel lacks {@code what}, as
     * {@code refusal} (the kernel's or a tool's answer) says.
     */
    public static void assume(boolean present, String what, String refusal) {
        if (inGuest()) assertTrue(present, () -> "the guest's kernel has no " + what + " (" + refusal
                + "): is its module in the test's @GuestKernel(modules)?");
        assumeTrue(present, () -> "skipped: this kernel has no " + what + " (" + refusal
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
