/*
 * The C baseline of jsock's benchmarks: the loops of StreamSendRecvBenchmark, PingPongBenchmark
 * and ConnectRateBenchmark written against libc alone, on the same kinds of socket (an AF_UNIX
 * stream socketpair or listener, TCP over 127.0.0.1 with TCP_NODELAY), blocking, close-on-exec.
 *
 *   jsock-baseline [--warmup-ms N] [--iterations N] [--time-ms N] [--sizes 64,1024,...]
 *                  [--transports unix,tcp] [case ...]          cases: stream pingpong connect
 *
 * After a warm-up it measures each case in iterations of about --time-ms and prints one line
 * per iteration:  <case> <transport> <size> <iteration> <ns per op> <ops>
 * (size 0 for connect). Any failure is fatal: a message on stderr and exit status 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define MAX_SIZES 16
/* Operations between two readings of the clock. */
#define BATCH 64

static void die(const char *fmt, ...) {
    int err = errno;
    va_list ap;
    va_start(ap, fmt);
    fputs("jsock-baseline: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (err) fprintf(stderr, ": %s", strerror(err));
    fputc('\n', stderr);
    exit(1);
}

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t) t.tv_sec * 1000000000 + t.tv_nsec;
}

/* ------------------------------------------------------------------ sockets */

enum transport { UNIX, TCP };
static const char *const transport_names[] = {"unix", "tcp"};

/* A listening socket and the address to connect to it. */
struct listener {
    int fd;
    int family;
    struct sockaddr_storage addr;
    socklen_t addrlen;
    char dir[80]; /* the temporary directory of a UNIX listener's path, else empty */
};

static void listen_on(struct listener *l, enum transport t) {
    memset(l, 0, sizeof *l);
    if (t == UNIX) {
        struct sockaddr_un *un = (struct sockaddr_un *) &l->addr;
        const char *tmp = getenv("TMPDIR");
        if (!tmp || !*tmp) tmp = "/tmp";
        /* sun_path holds 108 bytes: the directory must leave room for "/s". */
        if (snprintf(l->dir, sizeof l->dir, "%s/jsock-baseline-XXXXXX", tmp) >= (int) sizeof l->dir) {
            errno = 0;
            die("TMPDIR is too long for a UNIX socket path: %s", tmp);
        }
        if (!mkdtemp(l->dir)) die("mkdtemp %s", l->dir);
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
    l->fd = socket(l->family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (l->fd < 0) die("socket");
    if (bind(l->fd, (struct sockaddr *) &l->addr, l->addrlen) != 0) die("bind");
    if (listen(l->fd, 128) != 0) die("listen");
    /* Learn the port the kernel chose. */
    if (getsockname(l->fd, (struct sockaddr *) &l->addr, &l->addrlen) != 0) die("getsockname");
}

static void listener_close(struct listener *l) {
    close(l->fd);
    if (l->dir[0]) {
        char path[sizeof l->dir + 2];
        snprintf(path, sizeof path, "%s/s", l->dir);
        unlink(path);
        rmdir(l->dir);
    }
}

static void no_delay(int fd) {
    int one = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0) die("setsockopt TCP_NODELAY");
}

/* Two connected stream sockets: a socketpair for UNIX, a loopback connection for TCP. */
static void connected_pair(enum transport t, int fds[2]) {
    if (t == UNIX) {
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) die("socketpair");
        return;
    }
    struct listener l;
    listen_on(&l, TCP);
    fds[0] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fds[0] < 0) die("socket");
    if (connect(fds[0], (struct sockaddr *) &l.addr, l.addrlen) != 0) die("connect");
    fds[1] = accept4(l.fd, NULL, NULL, SOCK_CLOEXEC);
    if (fds[1] < 0) die("accept4");
    listener_close(&l);
    no_delay(fds[0]);
    no_delay(fds[1]);
}

static void send_fully(int fd, const char *buf, size_t len) {
    size_t off = 0;
    while (off < len) {
        ssize_t n = send(fd, buf + off, len - off, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("send");
        }
        off += (size_t) n;
    }
}

/* Receives exactly len bytes; returns 0 at end of stream, 1 otherwise. */
static int recv_fully(int fd, char *buf, size_t len) {
    size_t off = 0;
    while (off < len) {
        ssize_t n = recv(fd, buf + off, len - off, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("recv");
        }
        if (n == 0) {
            if (off == 0) return 0;
            errno = 0;
            die("recv: end of stream inside a message");
        }
        off += (size_t) n;
    }
    return 1;
}

/* ------------------------------------------------------------------ cases */

struct ctx {
    enum transport transport;
    size_t size;
    int fds[2];
    char *buf;
    struct listener listener;
    pthread_t echo;
    char *echo_buf;
};

/* stream: one thread sends size bytes into one end and receives them from the other. */
static void stream_setup(struct ctx *c) {
    connected_pair(c->transport, c->fds);
}

static void stream_op(struct ctx *c) {
    send_fully(c->fds[0], c->buf, c->size);
    recv_fully(c->fds[1], c->buf, c->size);
}

static void stream_teardown(struct ctx *c) {
    close(c->fds[0]);
    close(c->fds[1]);
}

/* pingpong: size bytes to an echo thread and back. */
static void *echo(void *arg) {
    struct ctx *c = arg;
    while (recv_fully(c->fds[1], c->echo_buf, c->size)) send_fully(c->fds[1], c->echo_buf, c->size);
    return NULL;
}

static void pingpong_setup(struct ctx *c) {
    connected_pair(c->transport, c->fds);
    c->echo_buf = calloc(1, c->size);
    if (!c->echo_buf) die("calloc");
    errno = pthread_create(&c->echo, NULL, echo, c);
    if (errno) die("pthread_create");
}

static void pingpong_op(struct ctx *c) {
    send_fully(c->fds[0], c->buf, c->size);
    if (!recv_fully(c->fds[0], c->buf, c->size)) {
        errno = 0;
        die("pingpong: the echo thread closed the connection");
    }
}

static void pingpong_teardown(struct ctx *c) {
    close(c->fds[0]); /* the echo thread sees the end of the stream and returns */
    pthread_join(c->echo, NULL);
    close(c->fds[1]);
    free(c->echo_buf);
}

/* connect: a new connection to a listener, accepted, then both ends closed (server first). */
static void connect_setup(struct ctx *c) {
    listen_on(&c->listener, c->transport);
}

static void connect_op(struct ctx *c) {
    struct listener *l = &c->listener;
    int client = socket(l->family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (client < 0) die("socket");
    if (connect(client, (struct sockaddr *) &l->addr, l->addrlen) != 0) die("connect");
    int server = accept4(l->fd, NULL, NULL, SOCK_CLOEXEC);
    if (server < 0) die("accept4");
    close(server);
    close(client);
}

static void connect_teardown(struct ctx *c) {
    listener_close(&c->listener);
}

struct bench_case {
    const char *name;
    int sized; /* whether the case runs once per payload size */
    void (*setup)(struct ctx *);
    void (*op)(struct ctx *);
    void (*teardown)(struct ctx *);
};

static const struct bench_case cases[] = {
    {"stream", 1, stream_setup, stream_op, stream_teardown},
    {"pingpong", 1, pingpong_setup, pingpong_op, pingpong_teardown},
    {"connect", 0, connect_setup, connect_op, connect_teardown},
};
#define NCASES (sizeof cases / sizeof cases[0])

/* ------------------------------------------------------------------ measurement */

struct options {
    int64_t warmup_ms;
    int iterations;
    int64_t time_ms;
    size_t sizes[MAX_SIZES];
    int nsizes;
    int transports[2];
    int run_case[NCASES];
};

/* Runs ops in batches until ms milliseconds have passed; returns the ops done and the time. */
static int64_t run_for(const struct bench_case *bc, struct ctx *c, int64_t ms, int64_t *elapsed) {
    int64_t start = now_ns(), t, ops = 0;
    do {
        for (int i = 0; i < BATCH; i++) bc->op(c);
        ops += BATCH;
        t = now_ns();
    } while (t - start < ms * 1000000);
    *elapsed = t - start;
    return ops;
}

static void measure(const struct bench_case *bc, enum transport t, size_t size, const struct options *o) {
    struct ctx c;
    memset(&c, 0, sizeof c);
    c.transport = t;
    c.size = size;
    c.buf = calloc(1, size ? size : 1);
    if (!c.buf) die("calloc");
    bc->setup(&c);
    int64_t elapsed;
    if (o->warmup_ms > 0) run_for(bc, &c, o->warmup_ms, &elapsed);
    for (int i = 1; i <= o->iterations; i++) {
        int64_t ops = run_for(bc, &c, o->time_ms, &elapsed);
        printf("%s %s %zu %d %.3f %lld\n", bc->name, transport_names[t], size, i,
               (double) elapsed / (double) ops, (long long) ops);
        fflush(stdout);
    }
    bc->teardown(&c);
    free(c.buf);
}

static int64_t number(const char *option, const char *text) {
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || *end || v < 0) {
        errno = 0;
        die("%s: not a count: %s", option, text);
    }
    return v;
}

static void parse(int argc, char **argv, struct options *o) {
    *o = (struct options) {.warmup_ms = 3000, .iterations = 5, .time_ms = 1000,
                           .sizes = {64, 1024, 16384}, .nsizes = 3, .transports = {1, 1}};
    int any_case = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int takes_value = !strcmp(a, "--warmup-ms") || !strcmp(a, "--iterations") || !strcmp(a, "--time-ms")
                          || !strcmp(a, "--sizes") || !strcmp(a, "--transports");
        if (takes_value && !v) {
            errno = 0;
            die("%s needs a value", a);
        }
        if (!strcmp(a, "--warmup-ms")) {
            o->warmup_ms = number(a, v);
        } else if (!strcmp(a, "--iterations")) {
            o->iterations = (int) number(a, v);
        } else if (!strcmp(a, "--time-ms")) {
            o->time_ms = number(a, v);
        } else if (!strcmp(a, "--sizes")) {
            char *list = strdup(v), *save = NULL;
            o->nsizes = 0;
            for (char *s = strtok_r(list, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
                if (o->nsizes == MAX_SIZES || number(a, s) == 0) {
                    errno = 0;
                    die("--sizes: at most %d sizes, each at least 1", MAX_SIZES);
                }
                o->sizes[o->nsizes++] = (size_t) number(a, s);
            }
            free(list);
        } else if (!strcmp(a, "--transports")) {
            o->transports[UNIX] = strstr(v, "unix") != NULL;
            o->transports[TCP] = strstr(v, "tcp") != NULL;
        } else {
            size_t k = 0;
            while (k < NCASES && strcmp(a, cases[k].name)) k++;
            if (k == NCASES) {
                errno = 0;
                die("unknown case or option: %s", a);
            }
            o->run_case[k] = any_case = 1;
            continue;
        }
        i++;
    }
    if (!any_case)
        for (size_t k = 0; k < NCASES; k++) o->run_case[k] = 1;
}

int main(int argc, char **argv) {
    struct options o;
    parse(argc, argv, &o);
    for (size_t k = 0; k < NCASES; k++) {
        if (!o.run_case[k]) continue;
        for (int t = UNIX; t <= TCP; t++) {
            if (!o.transports[t]) continue;
            if (!cases[k].sized) {
                measure(&cases[k], (enum transport) t, 0, &o);
                continue;
            }
            for (int s = 0; s < o.nsizes; s++) measure(&cases[k], (enum transport) t, o.sizes[s], &o);
        }
    }
    return 0;
}
