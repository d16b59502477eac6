/* A thread that unshares its network namespace leaves the rest of the process where it was. */
#define _GNU_SOURCE
#include "check.h"
#include "jsock.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static ino_t netns_of(const char *path) {
    struct stat st;
    CHECK(stat(path, &st) == 0);
    return st.st_ino;
}

static int unshared; /* 1 done, 0 not permitted (not root), -1 failed */
static ino_t thread_ns;

static void *in_new_namespace(void *arg) {
    (void) arg;
    int r = jsock_netns_unshare();
    if (r == -EPERM) return NULL;
    if (r != 0) {
        unshared = -1;
        return NULL;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/ns/net", jsock_gettid());
    thread_ns = netns_of(path);
    unshared = 1;
    return NULL;
}

int main(void) {
    ino_t before = netns_of("/proc/self/ns/net");
    pthread_t t;
    CHECK(pthread_create(&t, NULL, in_new_namespace, NULL) == 0);
    CHECK(pthread_join(t, NULL) == 0);
    CHECK(unshared >= 0);
    if (unshared == 0) {
        printf("skipped: unshare(CLONE_NEWNET) needs CAP_SYS_ADMIN\n");
        return 0;
    }
    CHECK(thread_ns != before);
    CHECK(netns_of("/proc/self/ns/net") == before);
    CHECK(jsock_netns_enter("/nonexistent/ns") == -ENOENT);
    CHECK(jsock_netns_enter("/proc/self/ns/net") == 0); /* joining one's own namespace is allowed */
    return DONE();
}
