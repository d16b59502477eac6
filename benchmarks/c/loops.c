/* The C loops of jsock's benchmarks: see loops.h. */
#define _GNU_SOURCE
#include "loops.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t) t.tv_sec * 1000000000 + t.tv_nsec;
}

/* ------------------------------------------------------------------ sockets */

/* A listening socket and the address to connect to it. */
struct listener {
    int fd;
    int family;
    struct sockaddr_storage addr;
    socklen_t addrlen;
    char dir[80]; /* the temporary directory of a UNIX listener's path, else empty */
};

static void listener_close(struct listener *l) {
    if (l->fd >= 0) close(l->fd);
    l->fd = -1;
    if (l->dir[0]) {
        char path[sizeof l->dir + 2];
        snprintf(path, sizeof path, "%s/s", l->dir);
        unlink(path);
        rmdir(l->dir);
        l->dir[0] = 0;
    }
}

static int listen_on(struct listener *l, int transport) {
    memset(l, 0, sizeof *l);
    l->fd = -1;
    if (transport == JSOCK_BENCH_UNIX) {
        struct sockaddr_un *un = (struct sockaddr_un *) &l->addr;
        const char *tmp = getenv("TMPDIR");
        if (!tmp || !*tmp) tmp = "/tmp";
        /* sun_path holds 108 bytes: the directory must leave room for "/s". */
        if (snprintf(l->dir, sizeof l->dir, "%s/jsock-bench-XXXXXX", tmp) >= (int) sizeof l->dir) {
            l->dir[0] = 0;
            return -ENAMETOOLONG;
        }
        if (!mkdtemp(l->dir)) {
            l->dir[0] = 0;
            return -errno;
        }
        un->sun_family = AF_UNIX;
        snprintf(un->sun_path, sizeof un->sun_path, "%s/s", l->dir);
        l->addrlen = sizeof *un;
        l->family = AF_UNIX;
    } else {
        struct sockaddr_in *in = (struct sockaddr_in *) &l->addr;
        in->sin_family = AF_INET;
        in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        in->sin_port = 0;
        l->addrlen = sizeof *in;
        l->family = AF_INET;
    }
    int r = 0;
    l->fd = socket(l->family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (l->fd < 0 || bind(l->fd, (struct sockaddr *) &l->addr, l->addrlen) != 0 || listen(l->fd, 128) != 0
        /* the port the kernel chose */
        || getsockname(l->fd, (struct sockaddr *) &l->addr, &l->addrlen) != 0) {
        r = -errno;
        listener_close(l);
    }
    return r;
}

static int no_delay(int fd) {
    int one = 1;
    return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0 ? -errno : 0;
}

static void close_pair(int fds[2]) {
    for (int i = 0; i < 2; i++) {
        if (fds[i] >= 0) close(fds[i]);
        fds[i] = -1;
    }
}

/* Two connected stream sockets: a socketpair for UNIX, a loopback connection for TCP. */
static int stream_pair(int transport, int fds[2]) {
    fds[0] = fds[1] = -1;
    if (transport == JSOCK_BENCH_UNIX) {
        return socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0 ? -errno : 0;
    }
    struct listener l;
    int r = listen_on(&l, transport);
    if (r < 0) return r;
    fds[0] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fds[0] < 0 || connect(fds[0], (struct sockaddr *) &l.addr, l.addrlen) != 0
        || (fds[1] = accept4(l.fd, NULL, NULL, SOCK_CLOEXEC)) < 0) {
        r = -errno;
    }
    listener_close(&l);
    if (r == 0 && (r = no_delay(fds[0])) == 0) r = no_delay(fds[1]);
    if (r < 0) close_pair(fds);
    return r;
}

/* Two connected datagram sockets: a socketpair for UNIX, two connected UDP sockets on 127.0.0.1. */
static int dgram_pair(int transport, int fds[2]) {
    fds[0] = fds[1] = -1;
    if (transport == JSOCK_BENCH_UNIX) {
        return socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, fds) != 0 ? -errno : 0;
    }
    struct sockaddr_in addr[2];
    for (int i = 0; i < 2; i++) {
        socklen_t len = sizeof addr[i];
        memset(&addr[i], 0, sizeof addr[i]);
        addr[i].sin_family = AF_INET;
        addr[i].sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if ((fds[i] = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0
            || bind(fds[i], (struct sockaddr *) &addr[i], sizeof addr[i]) != 0
            || getsockname(fds[i], (struct sockaddr *) &addr[i], &len) != 0) {
            int r = -errno;
            close_pair(fds);
            return r;
        }
    }
    for (int i = 0; i < 2; i++) {
        if (connect(fds[i], (struct sockaddr *) &addr[1 - i], sizeof addr[1 - i]) != 0) {
            int r = -errno;
            close_pair(fds);
            return r;
        }
    }
    return 0;
}

static int send_fully(int fd, const char *buf, size_t len) {
    size_t off = 0;
    while (off < len) {
        ssize_t n = send(fd, buf + off, len - off, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -errno;
        }
        off += (size_t) n;
    }
    return 0;
}

/* Receives exactly len bytes: 1, 0 at the end of the stream before any byte, or -errno. */
static int recv_fully(int fd, char *buf, size_t len) {
    size_t off = 0;
    while (off < len) {
        ssize_t n = recv(fd, buf + off, len - off, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -errno;
        }
        if (n == 0) return off == 0 ? 0 : -EPROTO; /* the stream ended inside a message */
        off += (size_t) n;
    }
    return 1;
}

/* ------------------------------------------------------------------ cases */

struct bench {
    int kase;
    int transport;
    size_t size;
    int fds[2];
    char *buf;
    struct listener listener;
    pthread_t echo;
    int echo_running;
    int echo_cpu;
    char *echo_buf;
};

int jsock_bench_pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (cpu >= 0) {
        if (cpu >= CPU_SETSIZE) return -EINVAL;
        CPU_SET(cpu, &set);
    } else {
        long n = sysconf(_SC_NPROCESSORS_CONF);
        for (long i = 0; i < n && i < CPU_SETSIZE; i++) CPU_SET(i, &set);
    }
    return sched_setaffinity(0, sizeof set, &set) != 0 ? -errno : 0; /* 0: the calling thread */
}

/* ping-pong's echo thread: returns every message until the stream ends. */
static void *echo(void *arg) {
    struct bench *b = arg;
    if (b->echo_cpu >= 0) jsock_bench_pin(b->echo_cpu);
    for (;;) {
        int r = recv_fully(b->fds[1], b->echo_buf, b->size);
        if (r <= 0 || send_fully(b->fds[1], b->echo_buf, b->size) < 0) break;
    }
    /* Whatever stopped it, the other end must not wait forever. */
    shutdown(b->fds[1], SHUT_RDWR);
    return NULL;
}

static int stream_op(struct bench *b) {
    int r = send_fully(b->fds[0], b->buf, b->size);
    if (r == 0) r = recv_fully(b->fds[1], b->buf, b->size);
    return r < 0 ? r : r == 0 ? -EPIPE : 0;
}

static int pingpong_op(struct bench *b) {
    int r = send_fully(b->fds[0], b->buf, b->size);
    if (r == 0) r = recv_fully(b->fds[0], b->buf, b->size);
    return r < 0 ? r : r == 0 ? -EPIPE : 0; /* end of stream: the echo thread stopped */
}

static int connect_op(struct bench *b) {
    struct listener *l = &b->listener;
    int r = 0;
    int client = socket(l->family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (client < 0) return -errno;
    if (connect(client, (struct sockaddr *) &l->addr, l->addrlen) != 0) {
        r = -errno;
    } else {
        int server = accept4(l->fd, NULL, NULL, SOCK_CLOEXEC);
        if (server < 0) {
            r = -errno;
        } else {
            close(server); /* first, so TCP's TIME_WAIT stays with the listener's side */
        }
    }
    close(client);
    return r;
}

static int dgram_op(struct bench *b) {
    for (;;) {
        ssize_t n = send(b->fds[0], b->buf, b->size, 0);
        if (n >= 0) break;
        if (errno != EINTR) return -errno;
    }
    for (;;) {
        ssize_t n = recv(b->fds[1], b->buf, b->size, 0);
        if (n >= 0) return n == (ssize_t) b->size ? 0 : -EMSGSIZE;
        if (errno != EINTR) return -errno;
    }
}

int64_t jsock_bench_open(int kase, int transport, int size, int echo_cpu) {
    if (kase < 0 || kase >= JSOCK_BENCH_CASES || (transport != JSOCK_BENCH_UNIX && transport != JSOCK_BENCH_INET)
        || size < 0 || (kase != JSOCK_BENCH_CONNECT && size == 0)) {
        return -EINVAL;
    }
    struct bench *b = calloc(1, sizeof *b);
    if (!b) return -ENOMEM;
    b->kase = kase;
    b->transport = transport;
    b->size = (size_t) size;
    b->fds[0] = b->fds[1] = -1;
    b->listener.fd = -1;
    b->echo_cpu = echo_cpu;
    int r = 0;
    b->buf = calloc(1, b->size ? b->size : 1);
    if (!b->buf) r = -ENOMEM;
    if (r == 0) {
        switch (kase) {
        case JSOCK_BENCH_STREAM: r = stream_pair(transport, b->fds); break;
        case JSOCK_BENCH_PINGPONG:
            r = stream_pair(transport, b->fds);
            if (r == 0 && !(b->echo_buf = calloc(1, b->size))) r = -ENOMEM;
            if (r == 0) {
                r = -pthread_create(&b->echo, NULL, echo, b);
                b->echo_running = r == 0;
            }
            break;
        case JSOCK_BENCH_CONNECT: r = listen_on(&b->listener, transport); break;
        case JSOCK_BENCH_DGRAM: r = dgram_pair(transport, b->fds); break;
        }
    }
    if (r < 0) {
        jsock_bench_close((int64_t) (intptr_t) b);
        return r;
    }
    return (int64_t) (intptr_t) b;
}

int64_t jsock_bench_run(int64_t handle, int64_t ops) {
    struct bench *b = (struct bench *) (intptr_t) handle;
    if (!b || ops < 0) return -EINVAL;
    int (*op)(struct bench *) = b->kase == JSOCK_BENCH_STREAM ? stream_op
                                : b->kase == JSOCK_BENCH_PINGPONG ? pingpong_op
                                : b->kase == JSOCK_BENCH_CONNECT ? connect_op
                                                                 : dgram_op;
    int64_t start = now_ns();
    for (int64_t i = 0; i < ops; i++) {
        int r = op(b);
        if (r < 0) return r;
    }
    return now_ns() - start;
}

int jsock_bench_close(int64_t handle) {
    struct bench *b = (struct bench *) (intptr_t) handle;
    if (!b) return -EINVAL;
    if (b->echo_running) {
        /* The echo thread sees the end of the stream and returns. */
        shutdown(b->fds[0], SHUT_RDWR);
        pthread_join(b->echo, NULL);
    }
    close_pair(b->fds);
    listener_close(&b->listener);
    free(b->echo_buf);
    free(b->buf);
    free(b);
    return 0;
}
