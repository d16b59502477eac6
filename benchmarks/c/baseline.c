/*
 * The C loops of jsock's benchmarks (loops.c) as a program of their own, for C-only runs; the
 * suite measures the same loops in its JMH forks, through libjsock-bench.so.
 *
 *   jsock-baseline [--warmup-ms N] [--iterations N] [--time-ms N] [--sizes 64,1024,...]
 *                  [--transports unix,inet] [--pin off|split|same] [case ...]
 *   cases: stream pingpong connect dgram   (inet: TCP for the stream cases, UDP for dgram)
 *
 * After a warm-up it measures each case in iterations of about --time-ms and prints one line
 * per iteration:  <case> <transport> <size> <iteration> <ns per op> <ops>
 * (size 0 for connect). --pin places ping-pong's two threads: split on CPUs 0 and 1, same both on
 * CPU 0, off (the default) where the scheduler likes. Any failure is fatal: a message on stderr
 * and exit status 1.
 */
#define _GNU_SOURCE
#include "loops.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SIZES 16
/* Operations between two readings of the clock. */
#define BATCH 64

static const char *const case_names[JSOCK_BENCH_CASES] = {"stream", "pingpong", "connect", "dgram"};
static const char *const transport_names[] = {"unix", "inet"};

static void die(int err, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("jsock-baseline: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (err) fprintf(stderr, ": %s", strerror(err));
    fputc('\n', stderr);
    exit(1);
}

struct options {
    int64_t warmup_ms;
    int iterations;
    int64_t time_ms;
    int sizes[MAX_SIZES];
    int nsizes;
    int transports[2];
    int run_case[JSOCK_BENCH_CASES];
    int main_cpu, echo_cpu; /* -1: not pinned */
};

/* Runs batches until ms milliseconds have passed; returns the ops done and their time. */
static int64_t run_for(int64_t h, int64_t ms, int64_t *elapsed) {
    int64_t ops = 0;
    *elapsed = 0;
    do {
        int64_t ns = jsock_bench_run(h, BATCH);
        if (ns < 0) die((int) -ns, "%s", "run");
        *elapsed += ns;
        ops += BATCH;
    } while (*elapsed < ms * 1000000);
    return ops;
}

static void measure(int kase, int t, int size, const struct options *o) {
    int pinned = kase == JSOCK_BENCH_PINGPONG && o->main_cpu >= 0;
    if (pinned) {
        int r = jsock_bench_pin(o->main_cpu);
        if (r < 0) die(-r, "pin to CPU %d", o->main_cpu);
    }
    int64_t h = jsock_bench_open(kase, t, size, kase == JSOCK_BENCH_PINGPONG ? o->echo_cpu : -1);
    if (h < 0) die((int) -h, "%s %s", case_names[kase], transport_names[t]);
    int64_t elapsed;
    if (o->warmup_ms > 0) run_for(h, o->warmup_ms, &elapsed);
    for (int i = 1; i <= o->iterations; i++) {
        int64_t ops = run_for(h, o->time_ms, &elapsed);
        printf("%s %s %d %d %.3f %lld\n", case_names[kase], transport_names[t], size, i,
               (double) elapsed / (double) ops, (long long) ops);
        fflush(stdout);
    }
    jsock_bench_close(h);
    if (pinned) jsock_bench_pin(-1);
}

static int64_t number(const char *option, const char *text) {
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || *end || v < 0 || v > 1 << 30) die(0, "%s: not a count: %s", option, text);
    return v;
}

static void parse(int argc, char **argv, struct options *o) {
    *o = (struct options) {.warmup_ms = 3000, .iterations = 5, .time_ms = 1000, .sizes = {64, 1024, 16384},
                           .nsizes = 3, .transports = {1, 1}, .main_cpu = -1, .echo_cpu = -1};
    int any_case = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int takes_value = !strcmp(a, "--warmup-ms") || !strcmp(a, "--iterations") || !strcmp(a, "--time-ms")
                          || !strcmp(a, "--sizes") || !strcmp(a, "--transports") || !strcmp(a, "--pin");
        if (takes_value && !v) die(0, "%s needs a value", a);
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
                if (o->nsizes == MAX_SIZES || number(a, s) == 0) die(0, "--sizes: at most %d sizes, each at least 1", MAX_SIZES);
                o->sizes[o->nsizes++] = (int) number(a, s);
            }
            free(list);
        } else if (!strcmp(a, "--transports")) {
            /* tcp and udp are accepted for inet, as the suite's reports name them */
            o->transports[JSOCK_BENCH_UNIX] = strstr(v, "unix") != NULL;
            o->transports[JSOCK_BENCH_INET] = strstr(v, "inet") || strstr(v, "tcp") || strstr(v, "udp");
        } else if (!strcmp(a, "--pin")) {
            if (!strcmp(v, "off")) {
                o->main_cpu = o->echo_cpu = -1;
            } else if (!strcmp(v, "split")) {
                o->main_cpu = 0;
                o->echo_cpu = 1;
            } else if (!strcmp(v, "same")) {
                o->main_cpu = o->echo_cpu = 0;
            } else {
                die(0, "--pin: off, split or same, not %s", v);
            }
        } else {
            int k = 0;
            while (k < JSOCK_BENCH_CASES && strcmp(a, case_names[k])) k++;
            if (k == JSOCK_BENCH_CASES) die(0, "unknown case or option: %s", a);
            o->run_case[k] = any_case = 1;
            continue;
        }
        i++;
    }
    if (!any_case)
        for (int k = 0; k < JSOCK_BENCH_CASES; k++) o->run_case[k] = 1;
}

int main(int argc, char **argv) {
    struct options o;
    parse(argc, argv, &o);
    for (int k = 0; k < JSOCK_BENCH_CASES; k++) {
        if (!o.run_case[k]) continue;
        for (int t = JSOCK_BENCH_UNIX; t <= JSOCK_BENCH_INET; t++) {
            if (!o.transports[t]) continue;
            if (k == JSOCK_BENCH_CONNECT) {
                measure(k, t, 0, &o);
            } else if (k == JSOCK_BENCH_DGRAM) {
                measure(k, t, 64, &o); /* the datagram cases send 64 bytes */
            } else {
                for (int s = 0; s < o.nsizes; s++) measure(k, t, o.sizes[s], &o);
            }
        }
    }
    return 0;
}
