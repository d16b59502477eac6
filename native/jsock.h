/*
 * libjsock: the native half of jsock.
 *
 * Mechanism only: every function returns a value or -errno, never sets errno for the caller,
 * applies no defaults and retries nothing but EINTR inside a caller's deadline. Policy (what a
 * timeout means, which exception an errno becomes) lives in Java.
 *
 * Addresses and buffers travel as integers (jsock_addr_t) so that JNR-FFI passes them as plain
 * primitives: no marshalling, no allocation on the hot path.
 */
#ifndef JSOCK_H
#define JSOCK_H

#include <stdint.h>

typedef int64_t jsock_addr_t;

/* The library exports its jsock_ functions and nothing else. */
#define JSOCK_API __attribute__((visibility("default")))

/* ---- consts.c: numbers and layouts read from the system headers at build time ---- */

/* Number of entries in the constant table (names from constants.list the headers define). */
JSOCK_API int jsock_const_count(void);
/* Name of entry i, or NULL when i is out of range. */
JSOCK_API const char *jsock_const_name(int i);
/* Value of entry i (0 when i is out of range). */
JSOCK_API int64_t jsock_const_value(int i);

/* Number of entries in the layout table: "struct.field" offsets and "sizeof(struct)" sizes. */
JSOCK_API int jsock_layout_count(void);
JSOCK_API const char *jsock_layout_name(int i);
JSOCK_API int64_t jsock_layout_value(int i);

/* Writes strerror(errnum) into buf (NUL-terminated, cut to buflen); returns its length. */
JSOCK_API int jsock_strerror(int errnum, jsock_addr_t buf, int buflen);

/* ---- wake.c: closing a socket that other threads are blocked on ---- */

/* Installs the wake-up signal handler and makes the dead socket. Returns 0 or -errno. */
JSOCK_API int jsock_init(void);
/* The signal used to interrupt threads blocked on a socket that is being closed. */
JSOCK_API int jsock_wake_signal(void);
/*
 * Replaces fd with a dead socket (so any call that starts from now on returns at once) and
 * interrupts every thread blocked in a jsock call on fd. The fd number stays allocated: the
 * caller closes it once no call can use it any more. Returns 0 or -errno.
 */
JSOCK_API int jsock_preclose(int fd);

/* ---- fd.c: fcntl, which is variadic in libc ---- */

/* fcntl(F_DUPFD_CLOEXEC): the lowest free fd at or above 0, close-on-exec. */
JSOCK_API int jsock_dup_cloexec(int fd);
JSOCK_API int jsock_set_status_flag(int fd, int flag, int on);
JSOCK_API int jsock_get_status_flags(int fd);
JSOCK_API int jsock_set_cloexec(int fd, int on);
/* 1 when FD_CLOEXEC is set, 0 when not, or -errno. */
JSOCK_API int jsock_get_cloexec(int fd);

/* ---- io.c: the calls that may block ---- */
/*
 * timeout_ns < 0: the socket is blocking and the call blocks until done;
 * timeout_ns == 0: the call never waits (EAGAIN comes back as -EAGAIN);
 * timeout_ns > 0: the call is tried first and poll(2) waits only when it would block,
 *                 at most timeout_ns in all; -ETIME when that deadline passes.
 * ETIME ("timer expired") is never returned by a socket call, so it names our own deadline.
 */
JSOCK_API int64_t jsock_recv(int fd, jsock_addr_t buf, int64_t len, int flags, int64_t timeout_ns);
JSOCK_API int64_t jsock_send(int fd, jsock_addr_t buf, int64_t len, int flags, int64_t timeout_ns);
/* addr/addrlen: a sockaddr buffer and a socklen_t in/out (may be 0 for "not wanted"). */
JSOCK_API int64_t jsock_recvfrom(int fd, jsock_addr_t buf, int64_t len, int flags,
                       jsock_addr_t addr, jsock_addr_t addrlen, int64_t timeout_ns);
JSOCK_API int64_t jsock_sendto(int fd, jsock_addr_t buf, int64_t len, int flags,
                     jsock_addr_t addr, int addrlen, int64_t timeout_ns);
/* accept4(2) with flags (SOCK_CLOEXEC, SOCK_NONBLOCK); returns the new fd. */
JSOCK_API int jsock_accept(int fd, jsock_addr_t addr, jsock_addr_t addrlen, int flags, int64_t timeout_ns);
/*
 * connect(2) with CPython's semantics: an interrupted or in-progress connect is waited for
 * (within timeout_ns) and its outcome read from SO_ERROR. With timeout_ns == 0, -EINPROGRESS.
 */
JSOCK_API int jsock_connect(int fd, jsock_addr_t addr, int addrlen, int64_t timeout_ns);
/*
 * Waits until fd has any of events (POLLIN, POLLOUT, ...). Returns the revents, -ETIME, or
 * -errno. timeout_ns < 0 waits without end.
 */
JSOCK_API int jsock_wait(int fd, int events, int64_t timeout_ns);
/* ioctl(fd, request, arg) where arg points at the caller's buffer. */
JSOCK_API int jsock_ioctl(int fd, int64_t request, jsock_addr_t arg);
/* ioctl(fd, request, &value) for the int-valued requests (FIONREAD, FIONBIO, ...). */
JSOCK_API int jsock_ioctl_int(int fd, int64_t request, jsock_addr_t value);

/* ---- ns.c: network namespaces, for the calling thread only ---- */

/* unshare(CLONE_NEWNET): the calling thread moves to a new, empty network namespace. 0 or -errno. */
JSOCK_API int jsock_netns_unshare(void);
/* setns(open(path), CLONE_NEWNET): the calling thread joins the namespace at path. 0 or -errno. */
JSOCK_API int jsock_netns_enter(const char *path);
/* The calling thread's kernel id (what /proc/<pid>/task/<tid> names). */
JSOCK_API int jsock_gettid(void);

/* ---- internal to the shim: a thread that may block on fd, listed so close can wake it ---- */
#include <pthread.h>
struct jsock_waiter {
    int fd;
    pthread_t thread;
    struct jsock_waiter *next;
};
void jsock_waiter_enlist(struct jsock_waiter *w, int fd);
void jsock_waiter_delist(struct jsock_waiter *w);

#endif
