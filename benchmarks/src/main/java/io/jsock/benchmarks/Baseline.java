package io.jsock.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The result each result of a benchmark class is reported against, for a class without a C
 * counterpart ({@link CBaseline}). The report divides a result's time per operation by its
 * baseline's: the result of {@link #method()} in the same class whose parameters equal this
 * result's on every parameter both have, once {@link #params()} are put in place. A class with
 * neither annotation is reported against the fastest result with the same parameters.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Baseline {
    /** A benchmark method of the class. */
    String method();

    /** Parameters of the baseline that differ from the result's, each {@code name=value}. */
    String[] params() default {};

    /** How the report names the baseline. */
    String label();
}
