/* preclose wakes threads blocked on the fd and keeps the fd number allocated. */
#define _GNU_SOURCE
#include "check.h"
#include "jsock.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int fds[2];
static volatile int64_t result = 12345;

static void *blocked_recv(void *arg) {
    (void) arg;
    char buf[16];
    result = jsock_recv(fds[0], (jsock_addr_t) (intptr_t) buf, sizeof buf, 0, -1);
    return NULL;
}

static void *blocked_accept(void *arg) {
    result = jsock_accept(*(int *) arg, 0, 0, SOCK_CLOEXEC, -1);
    return NULL;
}

static void *blocked_timeout_recv(void *arg) {
    (void) arg;
    char buf[16];
    result = jsock_recv(fds[0], (jsock_addr_t) (intptr_t) buf, sizeof buf, 0, 60 * 1000000000LL);
    return NULL;
}

static void run(void *(*body)(void *), void *arg, int fd) {
    pthread_t t;
    result = 12345;
    CHECK(pthread_create(&t, NULL, body, arg) == 0);
    struct timespec pause = {0, 50 * 1000000};
    nanosleep(&pause, NULL); /* let it block */
    CHECK(result == 12345);
    CHECK(jsock_preclose(fd) == 0);
    CHECK(pthread_join(t, NULL) == 0);
    CHECK(result != 12345);
    CHECK(fcntl(fd, F_GETFD) >= 0); /* the number is still ours */
    CHECK(close(fd) == 0);
}

int main(void) {
    CHECK(jsock_init() == 0);
    CHECK(jsock_init() == 0); /* twice is fine */

    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    run(blocked_recv, NULL, fds[0]);
    CHECK(result == 0); /* EOF from the dead socket */

    int l = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(listen(l, 1) == 0);
    run(blocked_accept, &l, l);
    CHECK(result < 0);

    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds) == 0);
    run(blocked_timeout_recv, NULL, fds[0]);
    CHECK(result == 0);

    CHECK(jsock_preclose(-1) == -EBADF);
    return DONE();
}
