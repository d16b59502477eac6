/* The blocking calls: data moves, timeouts end with -ETIME, refusals come back as -errno. */
#define _GNU_SOURCE
#include "check.h"
#include "jsock.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define A(p) ((jsock_addr_t) (intptr_t) (p))

static double seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void) {
    CHECK(jsock_init() == 0);
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);

    char out[64] = "sixty-four bytes, or fewer", in[64];
    CHECK(jsock_send(sv[0], A(out), 26, 0, -1) == 26);
    CHECK(jsock_recv(sv[1], A(in), sizeof in, 0, -1) == 26);
    CHECK(memcmp(in, out, 26) == 0);

    /* Non-blocking: nothing to read. */
    CHECK(jsock_recv(sv[1], A(in), sizeof in, MSG_DONTWAIT, -1) == -EAGAIN);
    CHECK(jsock_recv(sv[1], A(in), sizeof in, 0, 0) == -EAGAIN);

    /* Timeout mode on a non-blocking fd: -ETIME after about the timeout. */
    fcntl(sv[1], F_SETFL, O_NONBLOCK);
    double t0 = seconds();
    CHECK(jsock_recv(sv[1], A(in), sizeof in, 0, 50 * 1000000LL) == -ETIME);
    CHECK(seconds() - t0 >= 0.049);

    /* Ready data in timeout mode comes back without a wait. */
    CHECK(jsock_send(sv[0], A(out), 3, 0, -1) == 3);
    CHECK(jsock_recv(sv[1], A(in), sizeof in, 0, 50 * 1000000LL) == 3);
    CHECK(jsock_wait(sv[1], POLLIN, 0) == -ETIME);
    CHECK(jsock_wait(sv[0], POLLOUT, 0) & POLLOUT);

    /* connect to a path nobody listens on. */
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    snprintf(sun.sun_path, sizeof sun.sun_path, "/tmp/jsock-test-io-%d", getpid());
    CHECK(jsock_connect(c, A(&sun), sizeof sun, -1) == -ENOENT);

    /* accept with a timeout on a listening socket with no client. */
    int l = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    CHECK(bind(l, (struct sockaddr *) &sun, sizeof sun) == 0);
    CHECK(listen(l, 4) == 0);
    CHECK(jsock_accept(l, 0, 0, SOCK_CLOEXEC, 20 * 1000000LL) == -ETIME);
    CHECK(jsock_connect(c, A(&sun), sizeof sun, -1) == 0);
    int a = jsock_accept(l, 0, 0, SOCK_CLOEXEC, 1000 * 1000000LL);
    CHECK(a >= 0);
    CHECK(fcntl(a, F_GETFD) & FD_CLOEXEC);
    unlink(sun.sun_path);

    /* EPIPE, never SIGPIPE, once the peer is gone. */
    close(a);
    CHECK(jsock_send(c, A(out), 1, 0, -1) == -EPIPE);

    /* sendto/recvfrom over datagrams, with the sender's address. */
    int d[2];
    CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, d) == 0);
    CHECK(jsock_sendto(d[0], A(out), 10, 0, 0, 0, -1) == 10);
    struct sockaddr_storage from;
    socklen_t fromlen = sizeof from;
    CHECK(jsock_recvfrom(d[1], A(in), 4, MSG_TRUNC, A(&from), A(&fromlen), -1) == 10);
    CHECK(fromlen == 0); /* an unnamed sender has no address at all */
    CHECK(jsock_ioctl_int(d[1], 0x541B /* FIONREAD */, A(&fromlen)) == 0);
    CHECK(jsock_ioctl(-1, 0x541B, A(&fromlen)) == -EBADF);
    return DONE();
}
