/*
 * libjsock: the native half of jsock.
 *
 * Mechanism only: every function returns a value or -errno, never sets errno for the caller,
 * applies no defaults and retries nothing but EINTR inside a caller's deadline. Policy (what a
 * timeout means, which exception an errno becomes) lives in Java.
 *
 * Addresses and buffers travel as integers (jsock_addr_t) so that JNR-FFI passes them as plain
 * primitives: no marshalling, no allocation on the hot path.
 */
#ifndef JSOCK_H
#define JSOCK_H

#include <stdint.h>

typedef int64_t jsock_addr_t;

/* The library exports its jsock_ functions and nothing else. */
#define JSOCK_API __attribute__((visibility("default")))

/* ---- consts.c: numbers and layouts read from the system headers at build time ---- */

/* Number of entries in the constant table (names from constants.list the headers define). */
JSOCK_API int jsock_const_count(void);
/* Name of entry i, or NULL when i is out of range. */
JSOCK_API const char *jsock_const_name(int i);
/* Value of entry i (0 when i is out of range). */
JSOCK_API int64_t jsock_const_value(int i);

/* Number of entries in the layout table: "struct.field" offsets and "sizeof(struct)" sizes. */
JSOCK_API int jsock_layout_count(void);
JSOCK_API const char *jsock_layout_name(int i);
JSOCK_API int64_t jsock_layout_value(int i);

/* A whole table as text, one "NAME VALUE\n" line per entry in table order, so that a binding reads
 * it in one call: JSOCK_TABLE_CONSTANTS or JSOCK_TABLE_LAYOUTS; NULL for another number or when
 * out of memory. Made on the first call, kept for the life of the process. */
#define JSOCK_TABLE_CONSTANTS 0
#define JSOCK_TABLE_LAYOUTS 1
JSOCK_API const char *jsock_table_text(int table);

/* Writes strerror(errnum) into buf (NUL-terminated, cut to buflen); returns its length. */
JSOCK_API int jsock_strerror(int errnum, jsock_addr_t buf, int buflen);

/* ---- wake.c: closing a socket that other threads are blocked on ---- */

/* Installs the wake-up signal handler and makes the dead socket. Returns 0 or -errno. */
JSOCK_API int jsock_init(void);
/* The signal used to interrupt threads blocked on a socket that is being closed. */
JSOCK_API int jsock_wake_signal(void);
/*
 * Replaces fd with a dead socket (so any call that starts from now on returns at once) and
 * interrupts every thread blocked in a jsock call on fd. The fd number stays allocated: the
 * caller closes it once no call can use it any more. Returns 0 or -errno.
 */
JSOCK_API int jsock_preclose(int fd);

/* ---- fd.c: fcntl, which is variadic in libc ---- */

/* fcntl(F_DUPFD_CLOEXEC): the lowest free fd at or above 0, close-on-exec. */
JSOCK_API int jsock_dup_cloexec(int fd);
JSOCK_API int jsock_set_status_flag(int fd, int flag, int on);
JSOCK_API int jsock_get_status_flags(int fd);
JSOCK_API int jsock_set_cloexec(int fd, int on);
/* 1 when FD_CLOEXEC is set, 0 when not, or -errno. */
JSOCK_API int jsock_get_cloexec(int fd);

/* ---- io.c: the calls that may block ---- */
/*
 * timeout_ns < 0: the socket is blocking and the call blocks until done;
 * timeout_ns == 0: the call never waits (EAGAIN comes back as -EAGAIN);
 * timeout_ns > 0: the call is tried first and poll(2) waits only when it would block,
 *                 at most timeout_ns in all; -ETIME when that deadline passes.
 * ETIME ("timer expired") is never returned by a socket call, so it names our own deadline.
 */
JSOCK_API int64_t jsock_recv(int fd, jsock_addr_t buf, int64_t len, int flags, int64_t timeout_ns);
JSOCK_API int64_t jsock_send(int fd, jsock_addr_t buf, int64_t len, int flags, int64_t timeout_ns);
/* addr/addrlen: a sockaddr buffer and a socklen_t in/out (may be 0 for "not wanted"). */
JSOCK_API int64_t jsock_recvfrom(int fd, jsock_addr_t buf, int64_t len, int flags,
                       jsock_addr_t addr, jsock_addr_t addrlen, int64_t timeout_ns);
JSOCK_API int64_t jsock_sendto(int fd, jsock_addr_t buf, int64_t len, int flags,
                     jsock_addr_t addr, int addrlen, int64_t timeout_ns);
/* accept4(2) with flags (SOCK_CLOEXEC, SOCK_NONBLOCK); returns the new fd. */
JSOCK_API int jsock_accept(int fd, jsock_addr_t addr, jsock_addr_t addrlen, int flags, int64_t timeout_ns);
/*
 * connect(2) with CPython's semantics: an interrupted or in-progress connect is waited for
 * (within timeout_ns) and its outcome read from SO_ERROR. With timeout_ns == 0, -EINPROGRESS.
 */
JSOCK_API int jsock_connect(int fd, jsock_addr_t addr, int addrlen, int64_t timeout_ns);
/*
 * Waits until fd has any of events (POLLIN, POLLOUT, ...). Returns the revents, -ETIME, or
 * -errno. timeout_ns < 0 waits without end.
 */
JSOCK_API int jsock_wait(int fd, int events, int64_t timeout_ns);
/* ioctl(fd, request, arg) where arg points at the caller's buffer. */
JSOCK_API int jsock_ioctl(int fd, int64_t request, jsock_addr_t arg);
/* ioctl(fd, request, &value) for the int-valued requests (FIONREAD, FIONBIO, ...). */
JSOCK_API int jsock_ioctl_int(int fd, int64_t request, jsock_addr_t value);

/* ---- msg.c: sendmsg/recvmsg, their batches, ancillary data, sendfile ---- */

/* msg points at a struct msghdr laid out by the caller. Timeouts as above. */
JSOCK_API int64_t jsock_sendmsg(int fd, jsock_addr_t msg, int flags, int64_t timeout_ns);
/* recvmsg with MSG_CMSG_CLOEXEC always added: received fds never leak into exec'd programs. */
JSOCK_API int64_t jsock_recvmsg(int fd, jsock_addr_t msg, int flags, int64_t timeout_ns);
/* msgvec points at vlen struct mmsghdr; returns how many messages went (or came). */
JSOCK_API int jsock_sendmmsg(int fd, jsock_addr_t msgvec, int vlen, int flags, int64_t timeout_ns);
JSOCK_API int jsock_recvmmsg(int fd, jsock_addr_t msgvec, int vlen, int flags, int64_t timeout_ns);
/* sendfile(2); offset points at an off_t (updated) or is 0 for the file's own position. */
JSOCK_API int64_t jsock_sendfile(int out_fd, int in_fd, jsock_addr_t offset, int64_t count, int64_t timeout_ns);
/* CMSG_LEN and CMSG_SPACE of a data length, and CMSG_DATA's offset from its header. */
JSOCK_API int64_t jsock_cmsg_len(int64_t datalen);
JSOCK_API int64_t jsock_cmsg_space(int64_t datalen);
JSOCK_API int64_t jsock_cmsg_data_offset(void);
/*
 * Appends a cmsg at offset at of a control buffer of cap bytes and copies len bytes of data into
 * it (data 0: the caller writes them at CMSG_DATA afterwards). Returns the next offset or -ENOSPC.
 */
JSOCK_API int64_t jsock_cmsg_put(jsock_addr_t control, int64_t cap, int64_t at, int level, int type,
                                 jsock_addr_t data, int64_t len);
/* Lists cmsgs as int64 records (level, type, data offset, data length); returns their number. */
JSOCK_API int jsock_cmsg_parse(jsock_addr_t control, int64_t controllen, jsock_addr_t out, int max);
/* Closes the fds that SCM_RIGHTS cmsgs in a control buffer carry (each then reads -1); returns how many. */
JSOCK_API int jsock_cmsg_close_fds(jsock_addr_t control, int64_t controllen);
/* ---- netdb.c: name, service and interface look-ups through the C library ---- */
/*
 * A look-up writes its result into buf as one record of fields, each in native byte order:
 *   int     4 bytes;
 *   bytes   an int length n, then n bytes;
 *   string  an int length n, then n bytes without the NUL; the length -1 stands for NULL.
 * It returns the size of the whole record. When that is more than buflen, the fields that did
 * not fit were not written: the caller calls again with a buffer of that size.
 * Other results: -errno, or a resolver code in one of the bands below, which lie far from
 * -errno (-1 to -4095) and from each other.
 */
/* JSOCK_EAI_BASE + code: getaddrinfo/getnameinfo failed with EAI_ code (EAI_SYSTEM is -errno). */
#define JSOCK_EAI_BASE (-0x100000)
/* JSOCK_HERR_BASE + code: gethostby*_r failed with h_errno code (HOST_NOT_FOUND, ...). */
#define JSOCK_HERR_BASE (-0x200000)
/* Each band holds the codes within JSOCK_BAND_HALF of its base. */
#define JSOCK_BAND_HALF 0x10000

/*
 * getaddrinfo(host, service, hints): host and service are NUL-terminated strings or 0 for NULL.
 * Record: int count, then per result: int family, int socktype, int protocol,
 * string canonname, bytes sockaddr.
 */
JSOCK_API int64_t jsock_getaddrinfo(jsock_addr_t host, jsock_addr_t service, int family, int socktype,
                                    int protocol, int flags, jsock_addr_t buf, int64_t buflen);
/* getnameinfo(addr, addrlen, flags). Record: string host, string service. */
JSOCK_API int64_t jsock_getnameinfo(jsock_addr_t addr, int addrlen, int flags, jsock_addr_t buf, int64_t buflen);
/*
 * gethostbyname_r(name) and gethostbyaddr_r(addr, len, family). Record: string name,
 * int addrtype, int alias count, string per alias, int address count, bytes per address.
 */
JSOCK_API int64_t jsock_gethostbyname(jsock_addr_t name, jsock_addr_t buf, int64_t buflen);
JSOCK_API int64_t jsock_gethostbyaddr(jsock_addr_t addr, int len, int family, jsock_addr_t buf, int64_t buflen);
/* getprotobyname_r(name): the protocol number, or -ENOENT when there is no such protocol. */
JSOCK_API int jsock_getprotobyname(jsock_addr_t name);
/* getservbyname_r(name, proto or 0): the port (host byte order), or -ENOENT when not found. */
JSOCK_API int jsock_getservbyname(jsock_addr_t name, jsock_addr_t proto);
/* getservbyport_r(port in host byte order, proto or 0). Record: string name; -ENOENT when not found. */
JSOCK_API int64_t jsock_getservbyport(int port, jsock_addr_t proto, jsock_addr_t buf, int64_t buflen);
/* gethostname into buf (NUL-terminated, cut to buflen); returns its length or -errno. */
JSOCK_API int jsock_gethostname(jsock_addr_t buf, int buflen);
/* if_nameindex(). Record: int count, then per interface: int index, string name. */
JSOCK_API int64_t jsock_if_nameindex(jsock_addr_t buf, int64_t buflen);
/* gai_strerror(code) and hstrerror(code) into buf (NUL-terminated, cut to buflen); the length. */
JSOCK_API int jsock_gai_strerror(int code, jsock_addr_t buf, int buflen);
JSOCK_API int jsock_hstrerror(int code, jsock_addr_t buf, int buflen);

/* ---- ns.c: network namespaces, for the calling thread only ---- */

/* unshare(CLONE_NEWNET): the calling thread moves to a new, empty network namespace. 0 or -errno. */
JSOCK_API int jsock_netns_unshare(void);
/* setns(open(path), CLONE_NEWNET): the calling thread joins the namespace at path. 0 or -errno. */
JSOCK_API int jsock_netns_enter(const char *path);
/* The calling thread's kernel id (what /proc/<pid>/task/<tid> names). */
JSOCK_API int jsock_gettid(void);

/* ---- internal to the shim: a thread that may block on fd, listed so close can wake it ---- */
#include <sys/types.h>
struct jsock_waiter {
    int fd;
    pid_t tid; /* the kernel's thread id, for tgkill */
    struct jsock_waiter *next;
};
void jsock_waiter_enlist(struct jsock_waiter *w, int fd);
void jsock_waiter_delist(struct jsock_waiter *w);

#endif
