package io.jsock.internal;

import jnr.ffi.annotations.SaveError;

/**
 * The socket calls of libc that never block, bound directly. Each returns -1 and leaves errno
 * in the runtime's last error ({@link Native#errno()}); callers turn that into an exception
 * through {@link Errors}. Addresses and buffers are {@code long}.
 */
public interface LibC {
    @SaveError int socket(int domain, int type, int protocol);
    @SaveError int socketpair(int domain, int type, int protocol, long sv);
    @SaveError int bind(int fd, long addr, int addrlen);
    @SaveError int listen(int fd, int backlog);
    @SaveError int getsockname(int fd, long addr, long addrlen);
    @SaveError int getpeername(int fd, long addr, long addrlen);
    @SaveError int getsockopt(int fd, int level, int name, long value, long len);
    @SaveError int setsockopt(int fd, int level, int name, long value, int len);
    @SaveError int shutdown(int fd, int how);
    @SaveError int close(int fd);
    @SaveError int getpid();

    /* Text forms of addresses, exactly as every other program on the machine reads them. */
    @SaveError int inet_pton(int af, String src, long dst);
    @SaveError int inet_aton(String cp, long inp);
    @SaveError long inet_ntop(int af, long src, long dst, int size);
    @SaveError int if_nametoindex(String name);
    @SaveError long if_indextoname(int index, long name);
}
