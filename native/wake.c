/*
 * Waking threads blocked on a socket that another thread closes.
 *
 * Linux does not wake a thread blocked in recv/accept/poll when another thread closes the fd,
 * and closing the fd at once would let the number be reused by a new socket while the blocked
 * call still runs. So close is done in two steps, as the JDK's own sockets do:
 *   1. preclose: dup3 a dead socket onto the fd number. Calls that start from now on operate on
 *      the dead socket and return at once. Every thread already blocked on the fd (each lists
 *      itself here while it may block) gets a signal whose handler does nothing and was
 *      installed without SA_RESTART, so its system call returns EINTR and it sees the dead socket.
 *   2. the Java side closes the fd number once the last call that could use it has returned.
 * The list lock is held across the dup3 and the signals: a thread either listed itself before
 * (and is signalled) or starts its call after the dup3 (and meets the dead socket).
 */
#define _GNU_SOURCE
#include "jsock.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUCKETS 4096 /* lists are keyed by fd modulo this; collisions only cost a longer scan */

/* One cache line each: threads blocking on neighbouring fds must not bounce a shared line. */
struct bucket {
    atomic_flag lock;
    struct jsock_waiter *head;
} __attribute__((aligned(64)));

static struct bucket buckets[BUCKETS];
static int dead_fd = -1;
/* The JDK's NIO uses the same signal with the same do-nothing handler, so the two coexist. */
static int wake_signal;

static struct bucket *bucket_of(int fd) { return &buckets[(unsigned) fd % BUCKETS]; }

static void lock(struct bucket *b) {
    while (atomic_flag_test_and_set_explicit(&b->lock, memory_order_acquire)) {
        __builtin_ia32_pause();
    }
}

static void unlock(struct bucket *b) { atomic_flag_clear_explicit(&b->lock, memory_order_release); }

static void on_wake_signal(int sig) { (void) sig; }

int jsock_init(void) {
    static pthread_mutex_t once = PTHREAD_MUTEX_INITIALIZER;
    int result = 0;
    pthread_mutex_lock(&once);
    if (dead_fd < 0) {
        wake_signal = SIGRTMAX - 2;
        struct sigaction sa = {0};
        sa.sa_handler = on_wake_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = 0; /* no SA_RESTART: the blocked call must return EINTR */
        int pair[2];
        if (sigaction(wake_signal, &sa, NULL) != 0) {
            result = -errno;
        } else if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
            result = -errno;
        } else {
            /* One end closed, the other shut down: reads see EOF, writes EPIPE, polls are ready. */
            close(pair[1]);
            shutdown(pair[0], SHUT_RDWR);
            dead_fd = pair[0];
        }
    }
    pthread_mutex_unlock(&once);
    return result;
}

int jsock_wake_signal(void) { return wake_signal; }

void jsock_waiter_enlist(struct jsock_waiter *w, int fd) {
    struct bucket *b = bucket_of(fd);
    w->fd = fd;
    w->thread = pthread_self();
    lock(b);
    w->next = b->head;
    b->head = w;
    unlock(b);
}

void jsock_waiter_delist(struct jsock_waiter *w) {
    struct bucket *b = bucket_of(w->fd);
    lock(b);
    for (struct jsock_waiter **p = &b->head; *p != NULL; p = &(*p)->next) {
        if (*p == w) {
            *p = w->next;
            break;
        }
    }
    unlock(b);
}

int jsock_preclose(int fd) {
    if (dead_fd < 0) return -EINVAL;
    if (fd < 0) return -EBADF;
    struct bucket *b = bucket_of(fd);
    int result = 0;
    lock(b);
    while (dup3(dead_fd, fd, O_CLOEXEC) < 0) {
        if (errno != EINTR && errno != EBUSY) {
            result = -errno;
            break;
        }
    }
    for (struct jsock_waiter *w = b->head; w != NULL; w = w->next) {
        if (w->fd == fd) pthread_kill(w->thread, wake_signal);
    }
    unlock(b);
    return result;
}
