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
#include <sys/syscall.h>
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

/* A spinning thread tells the CPU so (x86 pause, Arm yield); elsewhere it just spins. */
static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
    __asm__ __volatile__("yield" ::: "memory");
#endif
}

static void lock(struct bucket *b) {
    while (atomic_flag_test_and_set_explicit(&b->lock, memory_order_acquire)) {
        cpu_relax();
    }
}

static void unlock(struct bucket *b) { atomic_flag_clear_explicit(&b->lock, memory_order_release); }

static void on_wake_signal(int sig) { (void) sig; }

/*
 * The kernel id of the calling thread, which tgkill(2) targets. Signalled through tgkill rather
 * than pthread_kill, which is GLIBC_2.34 (moved from libpthread) and would keep the shim off
 * every system older than that; gettid and tgkill have libc wrappers only since 2.30, so both go
 * through syscall(2). gettid costs a system call, and the blocking calls enlist on every call,
 * so each thread asks once; a forked child's thread has a new id and asks again.
 */
static __thread pid_t cached_tid;

static pid_t current_tid(void) {
    pid_t tid = cached_tid;
    if (tid == 0) cached_tid = tid = (pid_t) syscall(SYS_gettid);
    return tid;
}

static void forget_tid(void) { cached_tid = 0; }

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
        int err;
        if (sigaction(wake_signal, &sa, NULL) != 0) {
            result = -errno;
        } else if ((err = pthread_atfork(NULL, NULL, forget_tid)) != 0) {
            result = -err;
        } else if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
            result = -errno;
        } else {
            /*
             * One end closed, the other shut down: reads see EOF, writes EPIPE, polls are ready.
             * And non-blocking, for a call that starts on it after the wake signal went out: an
             * AF_UNIX connect would otherwise wait there on a listener's full backlog for good.
             */
            close(pair[1]);
            shutdown(pair[0], SHUT_RDWR);
            int flags = fcntl(pair[0], F_GETFL);
            if (flags < 0 || fcntl(pair[0], F_SETFL, flags | O_NONBLOCK) < 0) {
                result = -errno;
                close(pair[0]);
            } else {
                dead_fd = pair[0];
            }
        }
    }
    pthread_mutex_unlock(&once);
    return result;
}

int jsock_wake_signal(void) { return wake_signal; }

void jsock_waiter_enlist(struct jsock_waiter *w, int fd) {
    struct bucket *b = bucket_of(fd);
    w->fd = fd;
    w->tid = current_tid();
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
    pid_t pid = getpid();
    lock(b);
    while (dup3(dead_fd, fd, O_CLOEXEC) < 0) {
        if (errno != EINTR && errno != EBUSY) {
            result = -errno;
            break;
        }
    }
    for (struct jsock_waiter *w = b->head; w != NULL; w = w->next) {
        /* A listed thread is inside its call (it delists under this lock before returning), so
         * its id is not yet free for reuse; tgkill also checks that it is a thread of ours. */
        if (w->fd == fd) syscall(SYS_tgkill, pid, w->tid, wake_signal);
    }
    unlock(b);
    return result;
}
