/*
 * Name, service and interface look-ups through the C library, so /etc/hosts, nsswitch.conf and
 * /etc/services answer as they do for every other program. Each result is flattened into one
 * caller-provided buffer as a record (see "netdb.c" in jsock.h); whatever the C library
 * allocates is freed before returning, on every path.
 */
#define _GNU_SOURCE
#include "jsock.h"
#include "text.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The *_r calls take a work buffer; it starts here and doubles on ERANGE up to the cap. */
#define WORK_START 1024
#define WORK_CAP (16 * 1024 * 1024)

/*
 * A record being written: fields go into the buffer while they fit, and need counts every
 * byte the whole record takes, so a caller with too small a buffer learns the size to retry with.
 */
struct record {
    char *out;
    int64_t cap;
    int64_t need;
};

static void put_raw(struct record *r, const void *p, size_t n) {
    if (r->need + (int64_t) n <= r->cap) memcpy(r->out + r->need, p, n);
    r->need += (int64_t) n;
}

static void put_int(struct record *r, int32_t v) {
    put_raw(r, &v, sizeof v);
}

/* A length-prefixed byte field. */
static void put_bytes(struct record *r, const void *p, size_t n) {
    put_int(r, (int32_t) n);
    put_raw(r, p, n);
}

/* A string field: its length and bytes without the NUL, or the length -1 for NULL. */
static void put_string(struct record *r, const char *s) {
    if (s == NULL) {
        put_int(r, -1);
        return;
    }
    put_bytes(r, s, strlen(s));
}

static struct record record_of(jsock_addr_t buf, int64_t buflen) {
    struct record r = {(char *) (intptr_t) buf, buflen < 0 ? 0 : buflen, 0};
    if (r.out == NULL) r.cap = 0;
    return r;
}

/* EAI_SYSTEM means "see errno": that is reported as -errno, like any failed call. */
static int64_t gai_failure(int code) {
    if (code == EAI_SYSTEM && errno != 0) return -errno;
    return JSOCK_EAI_BASE + code;
}

int64_t jsock_getaddrinfo(jsock_addr_t host, jsock_addr_t service, int family, int socktype,
                          int protocol, int flags, jsock_addr_t buf, int64_t buflen) {
    struct addrinfo hints, *list = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    hints.ai_flags = flags;
    errno = 0;
    int code = getaddrinfo((const char *) (intptr_t) host, (const char *) (intptr_t) service, &hints, &list);
    if (code != 0) return gai_failure(code);

    struct record r = record_of(buf, buflen);
    int32_t count = 0;
    for (struct addrinfo *ai = list; ai != NULL; ai = ai->ai_next) count++;
    put_int(&r, count);
    for (struct addrinfo *ai = list; ai != NULL; ai = ai->ai_next) {
        put_int(&r, ai->ai_family);
        put_int(&r, ai->ai_socktype);
        put_int(&r, ai->ai_protocol);
        put_string(&r, ai->ai_canonname);
        put_bytes(&r, ai->ai_addr, ai->ai_addr == NULL ? 0 : ai->ai_addrlen);
    }
    freeaddrinfo(list);
    return r.need;
}

int64_t jsock_getnameinfo(jsock_addr_t addr, int addrlen, int flags, jsock_addr_t buf, int64_t buflen) {
    if (addr == 0 || addrlen < 0) return -EINVAL;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    errno = 0;
    int code = getnameinfo((const struct sockaddr *) (intptr_t) addr, (socklen_t) addrlen,
                           host, sizeof host, serv, sizeof serv, flags);
    if (code != 0) return gai_failure(code);
    struct record r = record_of(buf, buflen);
    put_string(&r, host);
    put_string(&r, serv);
    return r.need;
}

static void put_hostent(struct record *r, const struct hostent *h) {
    put_string(r, h->h_name);
    put_int(r, h->h_addrtype);
    int32_t n = 0;
    if (h->h_aliases != NULL) {
        while (h->h_aliases[n] != NULL) n++;
    }
    put_int(r, n);
    for (int32_t i = 0; i < n; i++) put_string(r, h->h_aliases[i]);
    n = 0;
    while (h->h_addr_list[n] != NULL) n++;
    put_int(r, n);
    for (int32_t i = 0; i < n; i++) put_bytes(r, h->h_addr_list[i], (size_t) h->h_length);
}

/*
 * Runs one gethostby*_r call (which = 0: by name, 1: by address) with a work buffer that grows
 * while the call says ERANGE; a missing entry is its h_errno in the JSOCK_HERR band.
 */
static int64_t host_lookup(int which, const char *name, const void *addr, socklen_t len, int type,
                           jsock_addr_t buf, int64_t buflen) {
    size_t size = WORK_START;
    for (;;) {
        char *work = malloc(size);
        if (work == NULL) return -ENOMEM;
        struct hostent entry, *found = NULL;
        int herr = 0;
        int rc = which == 0 ? gethostbyname_r(name, &entry, work, size, &found, &herr)
                            : gethostbyaddr_r(addr, len, type, &entry, work, size, &found, &herr);
        if (rc == ERANGE && found == NULL && size < WORK_CAP) {
            free(work);
            size *= 2;
            continue;
        }
        int64_t result;
        if (found == NULL) {
            result = rc == ERANGE ? -ERANGE : JSOCK_HERR_BASE + herr;
        } else {
            struct record r = record_of(buf, buflen);
            put_hostent(&r, found);
            result = r.need;
        }
        free(work);
        return result;
    }
}

int64_t jsock_gethostbyname(jsock_addr_t name, jsock_addr_t buf, int64_t buflen) {
    if (name == 0) return -EINVAL;
    return host_lookup(0, (const char *) (intptr_t) name, NULL, 0, 0, buf, buflen);
}

int64_t jsock_gethostbyaddr(jsock_addr_t addr, int len, int family, jsock_addr_t buf, int64_t buflen) {
    if (addr == 0 || len < 0) return -EINVAL;
    return host_lookup(1, NULL, (const void *) (intptr_t) addr, (socklen_t) len, family, buf, buflen);
}

int jsock_getprotobyname(jsock_addr_t name) {
    if (name == 0) return -EINVAL;
    for (size_t size = WORK_START;; size *= 2) {
        char *work = malloc(size);
        if (work == NULL) return -ENOMEM;
        struct protoent entry, *found = NULL;
        int rc = getprotobyname_r((const char *) (intptr_t) name, &entry, work, size, &found);
        int result = found != NULL ? found->p_proto : rc == 0 ? -ENOENT : -rc;
        free(work);
        if (!(rc == ERANGE && size < WORK_CAP)) return result;
    }
}

/*
 * getservbyname_r or getservbyport_r (port given in host byte order). The port comes back as
 * the result; with a buffer, the service's name is written to it as a string field.
 */
static int64_t serv_lookup(const char *name, int port, const char *proto, jsock_addr_t buf, int64_t buflen) {
    for (size_t size = WORK_START;; size *= 2) {
        char *work = malloc(size);
        if (work == NULL) return -ENOMEM;
        struct servent entry, *found = NULL;
        int rc = name != NULL ? getservbyname_r(name, proto, &entry, work, size, &found)
                              : getservbyport_r(htons((uint16_t) port), proto, &entry, work, size, &found);
        int64_t result;
        if (found == NULL) {
            result = rc == 0 ? -ENOENT : -rc;
        } else if (name != NULL) {
            result = ntohs((uint16_t) found->s_port);
        } else {
            struct record r = record_of(buf, buflen);
            put_string(&r, found->s_name);
            result = r.need;
        }
        free(work);
        if (!(rc == ERANGE && size < WORK_CAP)) return result;
    }
}

int jsock_getservbyname(jsock_addr_t name, jsock_addr_t proto) {
    if (name == 0) return -EINVAL;
    return (int) serv_lookup((const char *) (intptr_t) name, 0, (const char *) (intptr_t) proto, 0, 0);
}

int64_t jsock_getservbyport(int port, jsock_addr_t proto, jsock_addr_t buf, int64_t buflen) {
    if (port < 0 || port > 0xFFFF) return -EINVAL;
    return serv_lookup(NULL, port, (const char *) (intptr_t) proto, buf, buflen);
}

int jsock_gethostname(jsock_addr_t buf, int buflen) {
    char *out = (char *) (intptr_t) buf;
    if (out == NULL || buflen <= 0) return -EINVAL;
    if (gethostname(out, (size_t) buflen) != 0) return -errno;
    out[buflen - 1] = '\0';
    return (int) strlen(out);
}

int64_t jsock_if_nameindex(jsock_addr_t buf, int64_t buflen) {
    struct if_nameindex *list = if_nameindex();
    if (list == NULL) return -errno;
    struct record r = record_of(buf, buflen);
    int32_t n = 0;
    while (list[n].if_index != 0 || list[n].if_name != NULL) n++;
    put_int(&r, n);
    for (int32_t i = 0; i < n; i++) {
        put_int(&r, (int32_t) list[i].if_index);
        put_string(&r, list[i].if_name);
    }
    if_freenameindex(list);
    return r.need;
}

int jsock_gai_strerror(int code, jsock_addr_t buf, int buflen) {
    return jsock_copy_text(gai_strerror(code), buf, buflen);
}

int jsock_hstrerror(int code, jsock_addr_t buf, int buflen) {
    return jsock_copy_text(hstrerror(code), buf, buflen);
}

