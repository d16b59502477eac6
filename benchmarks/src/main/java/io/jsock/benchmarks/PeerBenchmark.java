package io.jsock.benchmarks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A benchmark method that measures a peer (the JDK, jnr-unixsocket, junixsocket), not jsock: the
 * suite runs it once, on the reference JDK, where jsock's cases run once per backend. A method
 * with a parameter {@code peer} needs no annotation: its jsock values (JSOCK_...) run per
 * backend, its others once (see {@link Cases#usesJsock}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PeerBenchmark {}
