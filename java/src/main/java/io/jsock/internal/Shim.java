package io.jsock.internal;

import jnr.ffi.annotations.IgnoreError;

/**
 * libjsock, the C shim (native/jsock.h): what libc cannot give cleanly through FFI. Every
 * function returns a value or {@code -errno}; addresses travel as {@code long}. Errno is never
 * read from the runtime, so every call ignores it and pays nothing for saving it.
 */
public interface Shim {
    @IgnoreError int jsock_const_count();
    @IgnoreError String jsock_const_name(int i);
    @IgnoreError long jsock_const_value(int i);
    @IgnoreError int jsock_layout_count();
    @IgnoreError String jsock_layout_name(int i);
    @IgnoreError long jsock_layout_value(int i);
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
    @IgnoreError int jsock_ioctl(int fd, long request, long arg);
    @IgnoreError int jsock_ioctl_int(int fd, long request, long value);

    @IgnoreError int jsock_netns_unshare();
    @IgnoreError int jsock_netns_enter(String path);
    @IgnoreError int jsock_gettid();
}
