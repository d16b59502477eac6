/*
 * Internal to the shim: the one loop that gives every call that may block CPython's timeout
 * semantics (see jsock.h). A call is described by an io_op whose attempt() makes one try.
 */
#ifndef JSOCK_DRIVE_H
#define JSOCK_DRIVE_H

#include "jsock.h"

struct io_op {
    int64_t (*attempt)(struct io_op *op); /* one try: the result or -errno */
    int fd;
    jsock_addr_t buf;
    int64_t len;
    int flags;
    jsock_addr_t addr;
    jsock_addr_t addrlen; /* recvfrom/accept: a pointer; sendto: the value */
    int in_fd;            /* sendfile: the file read from */
    int quick_flag;       /* blocking mode: the flag (MSG_DONTWAIT) of a first try that needs no
                             listing for close, 0 for none; see jsock_drive */
};

/* The quick_flag of a receive with these flags: MSG_DONTWAIT, or 0 for MSG_WAITALL. */
int jsock_quick_receive(int flags);

/* Runs op under timeout_ns (<0 blocking, 0 never waits, >0 deadline), waiting for events. */
int64_t jsock_drive(struct io_op *op, short events, int64_t timeout_ns);
/* MSG_DONTWAIT makes a call non-blocking whatever the socket's mode. */
int64_t jsock_effective_timeout(int flags, int64_t timeout_ns);
/* The flags of one attempt: MSG_DONTWAIT added unless the socket is blocking. */
int jsock_attempt_flags(int flags, int64_t timeout_ns);
/* A monotonic deadline timeout_ns from now, or -1 for none. */
int64_t jsock_deadline_of(int64_t timeout_ns);
/* Waits for events on fd until deadline (-1: no end): revents, -ETIME or -errno. */
int jsock_wait_until(int fd, short events, int64_t deadline);

#endif
