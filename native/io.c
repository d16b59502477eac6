/*
 * The calls that may block, with CPython's timeout semantics (see jsock.h): tried first, and
 * poll(2) is entered only when the call would block. A call that may block lists its thread
 * (wake.c) so that close can interrupt it.
 */
#define _GNU_SOURCE
#include "jsock.h"
#include "drive.h"

#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>

#define PTR(a) ((void *) (intptr_t) (a))

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int jsock_wait_until(int fd, short events, int64_t deadline) {
    for (;;) {
        struct timespec ts, *tsp = NULL;
        if (deadline >= 0) {
            int64_t left = deadline - now_ns();
            if (left <= 0) return -ETIME;
            ts.tv_sec = left / 1000000000;
            ts.tv_nsec = left % 1000000000;
            tsp = &ts;
        }
        struct pollfd p = {.fd = fd, .events = events, .revents = 0};
        int n = ppoll(&p, 1, tsp, NULL);
        if (n > 0) return p.revents;
        if (n == 0) continue; /* the loop head decides whether the deadline has passed */
        if (errno != EINTR) return -errno;
    }
}

int64_t jsock_deadline_of(int64_t timeout_ns) {
    if (timeout_ns <= 0) return -1;
    int64_t now = now_ns();
    return timeout_ns > INT64_MAX - now ? -1 : now + timeout_ns; /* centuries: no end */
}

/*
 * A blocking call whose data is ready need not be findable by close: try it once without
 * blocking (MSG_DONTWAIT) and list the thread only when that would block. A close that comes
 * between the try and the listing has already put the dead socket under the fd, so the blocking
 * attempt returns at once. Only for calls where a non-blocking try means the same as a blocking
 * one that did not have to wait (op->quick_flag set by the caller: not MSG_WAITALL, not recvmmsg).
 */
static int64_t quick_attempt(struct io_op *op) {
    int flags = op->flags;
    op->flags |= op->quick_flag;
    int64_t r;
    do {
        r = op->attempt(op);
    } while (r == -EINTR);
    op->flags = flags;
    return r;
}

int64_t jsock_drive(struct io_op *op, short events, int64_t timeout_ns) {
    int64_t r;
    if (timeout_ns < 0 && op->quick_flag != 0) {
        r = quick_attempt(op);
        if (r != -EAGAIN) return r;
    }
    if (timeout_ns < 0) {
        /* Blocking socket: the call itself blocks, so the thread must be findable by close. */
        struct jsock_waiter w;
        jsock_waiter_enlist(&w, op->fd);
        do {
            r = op->attempt(op);
        } while (r == -EINTR);
        jsock_waiter_delist(&w);
        return r;
    }
    do {
        r = op->attempt(op);
    } while (r == -EINTR);
    if (r != -EAGAIN || timeout_ns == 0) return r;

    int64_t deadline = jsock_deadline_of(timeout_ns);
    struct jsock_waiter w;
    jsock_waiter_enlist(&w, op->fd);
    for (;;) {
        int ready = jsock_wait_until(op->fd, events, deadline);
        if (ready < 0) {
            r = ready;
            break;
        }
        do {
            r = op->attempt(op);
        } while (r == -EINTR);
        if (r != -EAGAIN) break; /* a false positive of poll (another reader won) waits again */
    }
    jsock_waiter_delist(&w);
    return r;
}

#define RESULT(call) ({ __typeof__(call) _r = (call); _r < 0 ? -(int64_t) errno : (int64_t) _r; })

static int64_t attempt_recv(struct io_op *op) {
    return RESULT(recv(op->fd, PTR(op->buf), (size_t) op->len, op->flags));
}

static int64_t attempt_send(struct io_op *op) {
    return RESULT(send(op->fd, PTR(op->buf), (size_t) op->len, op->flags | MSG_NOSIGNAL));
}

static int64_t attempt_recvfrom(struct io_op *op) {
    return RESULT(recvfrom(op->fd, PTR(op->buf), (size_t) op->len, op->flags, PTR(op->addr),
                           PTR(op->addrlen)));
}

static int64_t attempt_sendto(struct io_op *op) {
    return RESULT(sendto(op->fd, PTR(op->buf), (size_t) op->len, op->flags | MSG_NOSIGNAL,
                         PTR(op->addr), (socklen_t) op->addrlen));
}

static int64_t attempt_accept(struct io_op *op) {
    return RESULT(accept4(op->fd, PTR(op->addr), PTR(op->addrlen), op->flags));
}

/* MSG_DONTWAIT makes the call non-blocking whatever the socket's mode. */
int64_t jsock_effective_timeout(int flags, int64_t timeout_ns) {
    return (flags & MSG_DONTWAIT) ? 0 : timeout_ns;
}

/*
 * In timeout and non-blocking mode each attempt must not block even if someone made the fd
 * blocking behind our back (through fileno()), so the data calls add MSG_DONTWAIT themselves.
 */
int jsock_attempt_flags(int flags, int64_t timeout_ns) {
    return timeout_ns >= 0 ? flags | MSG_DONTWAIT : flags;
}

/* The quick try of a receive: MSG_WAITALL must wait for the whole length, so it has none. */
int jsock_quick_receive(int flags) { return (flags & MSG_WAITALL) ? 0 : MSG_DONTWAIT; }

int64_t jsock_recv(int fd, jsock_addr_t buf, int64_t len, int flags, int64_t timeout_ns) {
    int64_t t = jsock_effective_timeout(flags, timeout_ns);
    struct io_op op = {.attempt = attempt_recv, .fd = fd, .buf = buf, .len = len,
                       .flags = jsock_attempt_flags(flags, t), .quick_flag = jsock_quick_receive(flags)};
    return jsock_drive(&op, POLLIN, t);
}

/*
 * A blocking send may go through in part when tried without blocking: the rest is then sent
 * blocking, as the one blocking send would have done it (a datagram goes whole or not at all).
 */
static int64_t send_rest(struct io_op *op, short events, int64_t timeout_ns, int64_t first) {
    if (first <= 0 || first >= op->len || timeout_ns >= 0) return first;
    op->buf += (jsock_addr_t) first;
    op->len -= first;
    op->quick_flag = 0;
    int64_t rest = jsock_drive(op, events, timeout_ns);
    return rest < 0 ? first : first + rest; /* the error comes again with the next call */
}

int64_t jsock_send(int fd, jsock_addr_t buf, int64_t len, int flags, int64_t timeout_ns) {
    int64_t t = jsock_effective_timeout(flags, timeout_ns);
    struct io_op op = {.attempt = attempt_send, .fd = fd, .buf = buf, .len = len,
                       .flags = jsock_attempt_flags(flags, t), .quick_flag = MSG_DONTWAIT};
    return send_rest(&op, POLLOUT, t, jsock_drive(&op, POLLOUT, t));
}

int64_t jsock_recvfrom(int fd, jsock_addr_t buf, int64_t len, int flags, jsock_addr_t addr,
                       jsock_addr_t addrlen, int64_t timeout_ns) {
    int64_t t = jsock_effective_timeout(flags, timeout_ns);
    struct io_op op = {.attempt = attempt_recvfrom, .fd = fd, .buf = buf, .len = len,
                       .flags = jsock_attempt_flags(flags, t), .addr = addr, .addrlen = addrlen,
                       .quick_flag = jsock_quick_receive(flags)};
    return jsock_drive(&op, POLLIN, t);
}

int64_t jsock_sendto(int fd, jsock_addr_t buf, int64_t len, int flags, jsock_addr_t addr,
                     int addrlen, int64_t timeout_ns) {
    int64_t t = jsock_effective_timeout(flags, timeout_ns);
    struct io_op op = {.attempt = attempt_sendto, .fd = fd, .buf = buf, .len = len,
                       .flags = jsock_attempt_flags(flags, t), .addr = addr, .addrlen = addrlen,
                       .quick_flag = MSG_DONTWAIT};
    return send_rest(&op, POLLOUT, t, jsock_drive(&op, POLLOUT, t));
}

int jsock_accept(int fd, jsock_addr_t addr, jsock_addr_t addrlen, int flags, int64_t timeout_ns) {
    struct io_op op = {.attempt = attempt_accept, .fd = fd, .flags = flags, .addr = addr,
                       .addrlen = addrlen};
    return (int) jsock_drive(&op, POLLIN, timeout_ns);
}

static int connect_outcome(int fd) {
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) return -errno;
    return -err;
}

int jsock_connect(int fd, jsock_addr_t addr, int addrlen, int64_t timeout_ns) {
    struct jsock_waiter w;
    jsock_waiter_enlist(&w, fd);
    int64_t deadline = jsock_deadline_of(timeout_ns);
    int r = connect(fd, PTR(addr), (socklen_t) addrlen) == 0 ? 0 : -errno;
    /*
     * As CPython: a connect interrupted by a signal goes on in the kernel, so wait for it;
     * in timeout mode EINPROGRESS is waited for within the deadline.
     */
    if (r == -EINTR || (r == -EINPROGRESS && timeout_ns != 0)) {
        int ready = jsock_wait_until(fd, POLLOUT, deadline);
        r = ready < 0 ? ready : connect_outcome(fd);
    }
    jsock_waiter_delist(&w);
    return r;
}

int jsock_wait(int fd, int events, int64_t timeout_ns) {
    if (timeout_ns == 0) {
        struct pollfd p = {.fd = fd, .events = (short) events, .revents = 0};
        int n;
        do {
            n = poll(&p, 1, 0);
        } while (n < 0 && errno == EINTR);
        return n < 0 ? -errno : (n == 0 ? -ETIME : p.revents);
    }
    struct jsock_waiter w;
    jsock_waiter_enlist(&w, fd);
    int r = jsock_wait_until(fd, (short) events, jsock_deadline_of(timeout_ns));
    jsock_waiter_delist(&w);
    return r;
}

int jsock_ioctl(int fd, int64_t request, jsock_addr_t arg) {
    return ioctl(fd, (unsigned long) request, PTR(arg)) < 0 ? -errno : 0;
}

int jsock_ioctl_int(int fd, int64_t request, jsock_addr_t value) {
    return ioctl(fd, (unsigned long) request, (int *) PTR(value)) < 0 ? -errno : 0;
}
