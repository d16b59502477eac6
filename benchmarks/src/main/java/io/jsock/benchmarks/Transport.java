package io.jsock.benchmarks;

/** The two kinds of stream socket every case runs over. */
public enum Transport {
    /** AF_UNIX: a socketpair where the library can make one, else a listener on a path. */
    UNIX,
    /** TCP over 127.0.0.1, TCP_NODELAY on both ends. */
    TCP
}
