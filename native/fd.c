/* The fd-level calls that are variadic in libc (fcntl), so FFI cannot bind them safely. */
#define _GNU_SOURCE
#include "jsock.h"

#include <errno.h>
#include <fcntl.h>

int jsock_dup_cloexec(int fd) {
    int r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    return r < 0 ? -errno : r;
}

/* Sets or clears one bit of the flags fcntl reads with get_cmd and writes with set_cmd; no write when it is so already. */
static int change_flag(int fd, int get_cmd, int set_cmd, int flag, int on) {
    int flags = fcntl(fd, get_cmd);
    if (flags < 0) return -errno;
    int wanted = on ? flags | flag : flags & ~flag;
    if (wanted != flags && fcntl(fd, set_cmd, wanted) < 0) return -errno;
    return 0;
}

/* Sets or clears one bit of the file status flags (O_NONBLOCK, ...). */
int jsock_set_status_flag(int fd, int flag, int on) {
    return change_flag(fd, F_GETFL, F_SETFL, flag, on);
}

int jsock_get_status_flags(int fd) {
    int flags = fcntl(fd, F_GETFL);
    return flags < 0 ? -errno : flags;
}

/* Sets or clears FD_CLOEXEC. */
int jsock_set_cloexec(int fd, int on) {
    return change_flag(fd, F_GETFD, F_SETFD, FD_CLOEXEC, on);
}

int jsock_get_cloexec(int fd) {
    int flags = fcntl(fd, F_GETFD);
    return flags < 0 ? -errno : (flags & FD_CLOEXEC) != 0;
}
