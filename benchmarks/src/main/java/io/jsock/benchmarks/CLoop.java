package io.jsock.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The C loop (benchmarks/c/loops.c) that runs this class's or this method's loop in C, and that
 * {@link CBracket} measures before and after each measurement iteration of it, in the same fork,
 * on the same thread. Every benchmark class has one, on the class or on each method (a method's
 * wins). The transport and size are the result's own parameters {@code transport} and {@code size}
 * unless given here. The report gives each result as a ratio to its C loop, per round, unless the
 * class names a Java {@link Baseline}; then the C loop only carries the load of the moment, so
 * that results measured at different times can still be compared.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CLoop {
    /** How the report names the C results. */
    String METHOD = "c";

    /** The C case: {@code stream}, {@code pingpong}, {@code connect} or {@code dgram}. */
    String value();

    /** UNIX, TCP or UDP; empty: the result's parameter {@code transport}. */
    String transport() default "";

    /** Bytes per operation; 0: the result's parameter {@code size} (connect has none). */
    int size() default 0;

    /** The C cases, in the order of loops.h's JSOCK_BENCH_ codes. */
    enum Case {
        STREAM,
        PINGPONG,
        CONNECT,
        DGRAM;

        /** The case of a {@link CLoop#value()}. */
        public static Case of(String name) {
            for (Case c : values()) {
                if (c.name().equalsIgnoreCase(name)) return c;
            }
            throw new IllegalArgumentException("no C case " + name + " (stream, pingpong, connect, dgram)");
        }

        /** loops.h's transport code: 0 AF_UNIX, 1 IPv4 loopback (TCP for the stream cases, UDP for dgram). */
        public int transportCode(String transport) {
            String expected = this == DGRAM ? "UDP" : "TCP";
            if (transport.equals("UNIX")) return 0;
            if (transport.equals(expected)) return 1;
            throw new IllegalArgumentException("the C case " + name().toLowerCase(java.util.Locale.ROOT)
                    + " runs over UNIX or " + expected + ", not " + transport);
        }
    }
}
