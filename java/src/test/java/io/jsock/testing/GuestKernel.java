package io.jsock.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that needs a kernel feature this host may lack (TIPC, vsock loopback, CAN, ALG, dummy
 * links). It is tagged {@value #TAG}: the project's VM (vm/) runs the tagged tests in a guest whose
 * kernel has the feature, after loading {@link #modules()}. Everywhere the test runs it checks for
 * its feature itself ({@link KernelFeatures}) and skips with the reason where the kernel lacks it, so
 * on the host it runs where it can and skips where it cannot.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag(GuestKernel.TAG)
public @interface GuestKernel {
    /** The JUnit tag the guest's run selects. */
    String TAG = "guest";

    /** The kernel modules the guest loads before the test runs, by modprobe name ("tipc", "vcan", ...). */
    String[] modules();
}
