package io.jsock.internal;

import jnr.ffi.annotations.IgnoreError;

/**
 * libjsock, the C shim (native/jsock.h): what libc cannot give cleanly through FFI. Every
 * function returns a value or {@code -errno}; addresses travel as {@code long}. Errno is never
 * read from the runtime, so every call ignores it and pays nothing for saving it.
 */
public interface Shim {
    /** {@code JSOCK_TABLE_CONSTANTS} and {@code JSOCK_TABLE_LAYOUTS} of jsock.h (its C test checks them). */
    int TABLE_CONSTANTS = 0;
    int TABLE_LAYOUTS = 1;

    @IgnoreError String jsock_table_text(int table);
    @IgnoreError int jsock_strerror(int errnum, long buf, int buflen);

    @IgnoreError int jsock_init();
    @IgnoreError int jsock_wake_signal();
    @IgnoreError int jsock_preclose(int fd);

    @IgnoreError int jsock_dup_cloexec(int fd);
    @IgnoreError int jsock_set_status_flag(int fd, int flag, int on);
    @IgnoreError int jsock_get_status_flags(int fd);
    @IgnoreError int jsock_set_cloexec(int fd, int on);
    @IgnoreError int jsock_get_cloexec(int fd);

    @IgnoreError long jsock_recv(int fd, long buf, long len, int flags, long timeoutNs);
    @IgnoreError long jsock_send(int fd, long buf, long len, int flags, long timeoutNs);
    @IgnoreError long jsock_recvfrom(int fd, long buf, long len, int flags, long addr, long addrlen, long timeoutNs);
    @IgnoreError long jsock_sendto(int fd, long buf, long len, int flags, long addr, int addrlen, long timeoutNs);
    @IgnoreError int jsock_accept(int fd, long addr, long addrlen, int flags, long timeoutNs);
    @IgnoreError int jsock_connect(int fd, long addr, int addrlen, long timeoutNs);
    @IgnoreError int jsock_wait(int fd, int events, long timeoutNs);
    @IgnoreError long jsock_sendmsg(int fd, long msg, int flags, long timeoutNs);
    @IgnoreError long jsock_recvmsg(int fd, long msg, int flags, long timeoutNs);
    @IgnoreError int jsock_sendmmsg(int fd, long msgvec, int vlen, int flags, long timeoutNs);
    @IgnoreError int jsock_recvmmsg(int fd, long msgvec, int vlen, int flags, long timeoutNs);
    @IgnoreError long jsock_sendfile(int outFd, int inFd, long offset, long count, long timeoutNs);
    @IgnoreError long jsock_cmsg_len(long datalen);
    @IgnoreError long jsock_cmsg_space(long datalen);
    @IgnoreError long jsock_cmsg_data_offset();
    @IgnoreError long jsock_cmsg_put(long control, long cap, long at, int level, int type, long data, long len);
    @IgnoreError int jsock_cmsg_parse(long control, long controllen, long out, int max);
    @IgnoreError int jsock_cmsg_close_fds(long control, long controllen);
    @IgnoreError int jsock_ioctl(int fd, long request, long arg);
    @IgnoreError int jsock_ioctl_int(int fd, long request, long value);

    /* netdb.c: look-ups flattened into one record (see jsock.h); strings are C strings at an address, 0 for NULL. */
    @IgnoreError long jsock_getaddrinfo(long host, long service, int family, int socktype, int protocol, int flags,
            long buf, long buflen);
    @IgnoreError long jsock_getnameinfo(long addr, int addrlen, int flags, long buf, long buflen);
    @IgnoreError long jsock_gethostbyname(long name, long buf, long buflen);
    @IgnoreError long jsock_gethostbyaddr(long addr, int len, int family, long buf, long buflen);
    @IgnoreError int jsock_getprotobyname(long name);
    @IgnoreError int jsock_getservbyname(long name, long proto);
    @IgnoreError long jsock_getservbyport(int port, long proto, long buf, long buflen);
    @IgnoreError int jsock_gethostname(long buf, int buflen);
    @IgnoreError long jsock_if_nameindex(long buf, long buflen);
    @IgnoreError int jsock_gai_strerror(int code, long buf, int buflen);
    @IgnoreError int jsock_hstrerror(int code, long buf, int buflen);

    @IgnoreError int jsock_netns_unshare();
    @IgnoreError int jsock_netns_enter(String path);
    @IgnoreError int jsock_gettid();
}
