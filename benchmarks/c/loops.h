/*
 * The C loops of jsock's benchmarks, libc only: the same loops as the JMH cases, on the same kinds
 * of socket (an AF_UNIX stream socketpair or listener, TCP over 127.0.0.1 with TCP_NODELAY, an
 * AF_UNIX datagram pair or connected UDP over 127.0.0.1), blocking, close-on-exec.
 *
 * Built twice from loops.c: into libjsock-bench.so, which the JMH suite calls between its
 * measurement iterations (so that C and Java are measured in the same process, close in time),
 * and into the stand-alone jsock-baseline (baseline.c) for C-only runs. Every function returns a
 * value or -errno; nothing here exits or prints.
 */
#ifndef JSOCK_BENCH_LOOPS_H
#define JSOCK_BENCH_LOOPS_H

#include <stdint.h>

#define JSOCK_BENCH_API __attribute__((visibility("default")))

/* Cases (the Java side names them in io.jsock.benchmarks.CLoop). */
#define JSOCK_BENCH_STREAM 0   /* one thread sends size bytes into one end, receives them from the other */
#define JSOCK_BENCH_PINGPONG 1 /* size bytes to an echo thread and back */
#define JSOCK_BENCH_CONNECT 2  /* connect to a listener, accept, close both (the accepted end first) */
#define JSOCK_BENCH_DGRAM 3    /* one datagram of size bytes sent and received, one thread */
#define JSOCK_BENCH_CASES 4

/* Transports: AF_UNIX, or IPv4 loopback (TCP for the stream cases, UDP for dgram). */
#define JSOCK_BENCH_UNIX 0
#define JSOCK_BENCH_INET 1

/*
 * Opens a case: its sockets and, for ping-pong, its echo thread, pinned to CPU echo_cpu when that
 * is >= 0. size is ignored by connect. Returns a handle (> 0) or -errno.
 */
JSOCK_BENCH_API int64_t jsock_bench_open(int kase, int transport, int size, int echo_cpu);

/* Runs ops operations of an open case; returns the nanoseconds they took (CLOCK_MONOTONIC) or -errno. */
JSOCK_BENCH_API int64_t jsock_bench_run(int64_t handle, int64_t ops);

/* Closes a case (stops ping-pong's echo thread); 0 or -errno. */
JSOCK_BENCH_API int jsock_bench_close(int64_t handle);

/* Pins the calling thread to one CPU, or lets it run on every CPU when cpu < 0; 0 or -errno. */
JSOCK_BENCH_API int jsock_bench_pin(int cpu);

#endif
