/* Network namespaces: moving the calling thread into a new or an existing one. */
#define _GNU_SOURCE
#include "jsock.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

/* unshare(CLONE_NEWNET) changes the namespace of the calling thread only, not the process. */
int jsock_netns_unshare(void) {
    return unshare(CLONE_NEWNET) == 0 ? 0 : -errno;
}

int jsock_netns_enter(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -errno;
    int r = setns(fd, CLONE_NEWNET) == 0 ? 0 : -errno;
    close(fd);
    return r;
}

int jsock_gettid(void) {
    return (int) syscall(SYS_gettid);
}
