package io.jsock.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says that the C baseline (benchmarks/c/baseline.c) runs this class's loop as its case
 * {@link #value()}. The suite runs that case for every transport and size the class ran with and
 * files its results under the method name {@link #METHOD}, with the parameters {@code transport}
 * and (for a sized case) {@code size}; the report then gives every result as a ratio to the C
 * result with the same transport and size.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CBaseline {
    /** The method name of the C results in the report. */
    String METHOD = "c";

    /** The case name the C program knows the loop by. */
    String value();
}
