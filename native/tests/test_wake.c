/* preclose wakes threads blocked on the fd and keeps the fd number allocated. */
#define _GNU_SOURCE
#include "check.h"
#include "jsock.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
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

static int closer_fd;

static void *close_soon(void *arg) {
    (void) arg;
    struct timespec pause = {0, 50 * 1000000};
    nanosleep(&pause, NULL);
    jsock_preclose(closer_fd);
    return NULL;
}

/*
 * The thread that forks is the child's only thread, under a new kernel id: blocked in the child,
 * it is still found and woken (the id recorded for it before the fork is not used).
 */
static int woken_after_fork(void) {
    int pair[2];
    char buf[1];
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == 0);
    CHECK(jsock_recv(pair[0], (jsock_addr_t) (intptr_t) buf, 1, 0, 1000000) == -ETIME); /* lists this thread */
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        alarm(10); /* a thread that is never woken ends the child with SIGALRM */
        pthread_t t;
        closer_fd = pair[0];
        if (pthread_create(&t, NULL, close_soon, NULL) != 0) _exit(2);
        int64_t r = jsock_recv(pair[0], (jsock_addr_t) (intptr_t) buf, 1, 0, -1);
        pthread_join(t, NULL);
        _exit(r == 0 ? 0 : 3);
    }
    int status;
    CHECK(waitpid(child, &status, 0) == child);
    close(pair[0]);
    close(pair[1]);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/*
 * A blocking call that starts after the close (its thread listed, the wake signal already
 * handled before it entered the kernel) meets the dead socket and must not block there. An
 * AF_UNIX connect is the call that could: the dead socket is unconnected in the kernel's eyes and
 * would wait on a listener's full backlog for good, were the dead socket not non-blocking.
 */
static int connect_on_the_dead_socket_returns(void) {
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path + 1, sizeof a.sun_path - 1, "jsock-test-wake-%d", (int) getpid());
    socklen_t len = (socklen_t) (offsetof(struct sockaddr_un, sun_path) + 1 + strlen(a.sun_path + 1));
    CHECK(bind(l, (struct sockaddr *) &a, len) == 0);
    CHECK(listen(l, 0) == 0);
    int filler[4];
    int filled = 0;
    for (; filled < 4; filled++) { /* fill the backlog: then a blocking connect would wait */
        filler[filled] = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
        if (connect(filler[filled], (struct sockaddr *) &a, len) != 0) break;
    }
    int fd = socket(AF_UNIX, SOCK_STREAM, 0); /* blocking */
    CHECK(jsock_preclose(fd) == 0);           /* no thread listed: the call comes after */
    alarm(10);                                /* a regression blocks: end the test instead */
    int r = jsock_connect(fd, (jsock_addr_t) (intptr_t) &a, (int) len, -1);
    alarm(0);
    CHECK(r <= 0);                      /* it returned: a refusal, or a pointless connect of the dead socket */
    CHECK(fcntl(fd, F_GETFD) >= 0);     /* and the number is still ours */
    close(fd);
    for (int i = 0; i <= filled && i < 4; i++) close(filler[i]);
    close(l);
    return 1;
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

    CHECK(woken_after_fork());
    CHECK(connect_on_the_dead_socket_returns());

    CHECK(jsock_preclose(-1) == -EBADF);
    return DONE();
}
