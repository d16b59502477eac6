/*
 * sendmsg/recvmsg and their batched forms, ancillary data (the CMSG_ macros), and sendfile.
 * The Java side lays out struct msghdr / mmsghdr / iovec in native memory with the offsets of
 * the layout table and passes one address, so every call takes a handful of primitives.
 */
#define _GNU_SOURCE
#include "jsock.h"
#include "drive.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

#define PTR(a) ((void *) (intptr_t) (a))

static int64_t attempt_sendmsg(struct io_op *op) {
    ssize_t r = sendmsg(op->fd, PTR(op->buf), op->flags | MSG_NOSIGNAL);
    return r < 0 ? -errno : r;
}

static int64_t attempt_recvmsg(struct io_op *op) {
    /* Received fds are close-on-exec from the first instant, as CPython's recv_fds. */
    ssize_t r = recvmsg(op->fd, PTR(op->buf), op->flags | MSG_CMSG_CLOEXEC);
    return r < 0 ? -errno : r;
}

static int64_t attempt_sendmmsg(struct io_op *op) {
    int r = sendmmsg(op->fd, PTR(op->buf), (unsigned) op->len, op->flags | MSG_NOSIGNAL);
    return r < 0 ? -errno : r;
}

static int64_t attempt_recvmmsg(struct io_op *op) {
    int r = recvmmsg(op->fd, PTR(op->buf), (unsigned) op->len, op->flags | MSG_CMSG_CLOEXEC, NULL);
    return r < 0 ? -errno : r;
}

int64_t jsock_sendmsg(int fd, jsock_addr_t msg, int flags, int64_t timeout_ns) {
    int64_t t = jsock_effective_timeout(flags, timeout_ns);
    struct io_op op = {.attempt = attempt_sendmsg, .fd = fd, .buf = msg,
                       .flags = jsock_attempt_flags(flags, t)};
    return jsock_drive(&op, POLLOUT, t);
}

/* The kernel echoes MSG_CMSG_CLOEXEC in msg_flags; report it only if the caller asked for it. */
static void hide_cloexec(struct msghdr *m, int flags) {
    if (!(flags & MSG_CMSG_CLOEXEC)) m->msg_flags &= ~MSG_CMSG_CLOEXEC;
}

int64_t jsock_recvmsg(int fd, jsock_addr_t msg, int flags, int64_t timeout_ns) {
    int64_t t = jsock_effective_timeout(flags, timeout_ns);
    struct io_op op = {.attempt = attempt_recvmsg, .fd = fd, .buf = msg,
                       .flags = jsock_attempt_flags(flags, t), .quick_flag = jsock_quick_receive(flags)};
    int64_t r = jsock_drive(&op, POLLIN, t);
    if (r >= 0) hide_cloexec(PTR(msg), flags);
    return r;
}

int jsock_sendmmsg(int fd, jsock_addr_t msgvec, int vlen, int flags, int64_t timeout_ns) {
    int64_t t = jsock_effective_timeout(flags, timeout_ns);
    struct io_op op = {.attempt = attempt_sendmmsg, .fd = fd, .buf = msgvec, .len = vlen,
                       .flags = jsock_attempt_flags(flags, t)};
    return (int) jsock_drive(&op, POLLOUT, t);
}

int jsock_recvmmsg(int fd, jsock_addr_t msgvec, int vlen, int flags, int64_t timeout_ns) {
    int64_t t = jsock_effective_timeout(flags, timeout_ns);
    struct io_op op = {.attempt = attempt_recvmmsg, .fd = fd, .buf = msgvec, .len = vlen,
                       .flags = jsock_attempt_flags(flags, t)};
    int r = (int) jsock_drive(&op, POLLIN, t);
    struct mmsghdr *v = PTR(msgvec);
    for (int i = 0; i < r; i++) hide_cloexec(&v[i].msg_hdr, flags);
    return r;
}

/* sendfile(2) has no flags: in timeout mode the socket is O_NONBLOCK, which is what it obeys. */
static int64_t attempt_sendfile(struct io_op *op) {
    ssize_t r = sendfile(op->fd, op->in_fd, PTR(op->addr), (size_t) op->len);
    return r < 0 ? -errno : r;
}

int64_t jsock_sendfile(int out_fd, int in_fd, jsock_addr_t offset, int64_t count, int64_t timeout_ns) {
    struct io_op op = {.attempt = attempt_sendfile, .fd = out_fd, .in_fd = in_fd, .len = count,
                       .addr = offset};
    return jsock_drive(&op, POLLOUT, timeout_ns);
}

/* ---- ancillary data: the CMSG_ macros, which no FFI can call ---- */

int64_t jsock_cmsg_len(int64_t datalen) { return (int64_t) CMSG_LEN((size_t) datalen); }

int64_t jsock_cmsg_space(int64_t datalen) { return (int64_t) CMSG_SPACE((size_t) datalen); }

/* The offset of a cmsg's data from its header. */
int64_t jsock_cmsg_data_offset(void) { return (int64_t) CMSG_LEN(0); }

int64_t jsock_cmsg_put(jsock_addr_t control, int64_t cap, int64_t at, int level, int type,
                       jsock_addr_t data, int64_t len) {
    if (at < 0 || len < 0) return -EINVAL;
    size_t space = CMSG_SPACE((size_t) len);
    if ((uint64_t) at + space > (uint64_t) cap) return -ENOSPC;
    struct cmsghdr *c = (struct cmsghdr *) ((char *) PTR(control) + at);
    memset(c, 0, space); /* padding must be zero: the kernel reads whole CMSG_SPACE units */
    c->cmsg_len = CMSG_LEN((size_t) len);
    c->cmsg_level = level;
    c->cmsg_type = type;
    if (len > 0 && data != 0) memcpy(CMSG_DATA(c), PTR(data), (size_t) len);
    return at + (int64_t) space;
}

/*
 * Lists the cmsgs of a received control buffer as records of four int64: level, type, offset of
 * the data in the buffer, length of the data. A cmsg cut short by MSG_CTRUNC reports only the
 * bytes that are really in the buffer, as CPython's recvmsg does. Returns the number of cmsgs
 * (which may exceed max: then only max were written).
 */
int jsock_cmsg_parse(jsock_addr_t control, int64_t controllen, jsock_addr_t out, int max) {
    struct msghdr m = {0};
    m.msg_control = PTR(control);
    m.msg_controllen = (size_t) controllen;
    int64_t *rec = PTR(out);
    int n = 0;
    char *base = PTR(control);
    char *end = base + controllen;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c != NULL; c = CMSG_NXTHDR(&m, c)) {
        if (c->cmsg_len < CMSG_LEN(0)) break;
        char *data = (char *) CMSG_DATA(c);
        int64_t avail = end - data;
        int64_t len = (int64_t) (c->cmsg_len - CMSG_LEN(0));
        if (len > avail) len = avail < 0 ? 0 : avail;
        if (n < max) {
            rec[4 * n] = c->cmsg_level;
            rec[4 * n + 1] = c->cmsg_type;
            rec[4 * n + 2] = data - base;
            rec[4 * n + 3] = len;
        }
        n++;
    }
    return n;
}

/*
 * Closes every fd that SCM_RIGHTS cmsgs of a control buffer carry and overwrites each with -1, so
 * that no one can use a number that may already belong to something else; returns how many.
 */
int jsock_cmsg_close_fds(jsock_addr_t control, int64_t controllen) {
    struct msghdr m = {0};
    m.msg_control = PTR(control);
    m.msg_controllen = (size_t) controllen;
    char *end = (char *) PTR(control) + controllen;
    int closed = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c != NULL; c = CMSG_NXTHDR(&m, c)) {
        if (c->cmsg_len < CMSG_LEN(0)) break;
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
        int *fds = (int *) CMSG_DATA(c);
        int64_t bytes = (int64_t) (c->cmsg_len - CMSG_LEN(0));
        if ((char *) fds + bytes > end) bytes = end - (char *) fds;
        for (int64_t i = 0; i < bytes / (int64_t) sizeof(int); i++) {
            int fd;
            memcpy(&fd, &fds[i], sizeof fd); /* CMSG_DATA need not be int-aligned */
            if (fd < 0) continue;
            close(fd);
            fd = -1;
            memcpy(&fds[i], &fd, sizeof fd);
            closed++;
        }
    }
    return closed;
}
