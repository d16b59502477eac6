/*
 * The look-ups answer as the C library does, flattened into the documented records; a short
 * buffer learns the size it needs; failures come back in their bands. Only loopback names,
 * numeric hosts and local databases are asked, never the network.
 */
#define _GNU_SOURCE
#include "check.h"
#include "jsock.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define A(p) ((jsock_addr_t) (intptr_t) (p))

/* A reader over a record, as the Java side reads it. */
struct reader {
    const char *p;
    const char *end;
};

static int32_t get_int(struct reader *r) {
    CHECK(r->p + 4 <= r->end);
    int32_t v;
    memcpy(&v, r->p, 4);
    r->p += 4;
    return v;
}

/* Copies a string field into out (NUL-terminated); returns its length, -1 for NULL. */
static int32_t get_string(struct reader *r, char *out, size_t cap) {
    int32_t n = get_int(r);
    if (n < 0) return n;
    CHECK(r->p + n <= r->end && (size_t) n < cap);
    memcpy(out, r->p, (size_t) n);
    out[n] = '\0';
    r->p += n;
    return n;
}

static const char *get_bytes(struct reader *r, int32_t *n) {
    *n = get_int(r);
    CHECK(*n >= 0 && r->p + *n <= r->end);
    const char *at = r->p;
    r->p += *n;
    return at;
}

static void test_getaddrinfo(void) {
    char buf[4096], text[256];
    int64_t n = jsock_getaddrinfo(A("127.0.0.1"), A("80"), AF_INET, SOCK_STREAM, 0, AI_NUMERICHOST,
                                  A(buf), sizeof buf);
    CHECK(n > 0 && n <= (int64_t) sizeof buf);
    struct reader r = {buf, buf + n};
    CHECK(get_int(&r) == 1);
    CHECK(get_int(&r) == AF_INET);
    CHECK(get_int(&r) == SOCK_STREAM);
    CHECK(get_int(&r) == IPPROTO_TCP);
    CHECK(get_string(&r, text, sizeof text) == -1); /* no AI_CANONNAME, no canonical name */
    /* A record's fields lie at any offset: each sockaddr is copied out before it is read. */
    int32_t len;
    const char *field = get_bytes(&r, &len);
    CHECK(len == sizeof(struct sockaddr_in));
    struct sockaddr_in sin;
    memcpy(&sin, field, sizeof sin);
    CHECK(sin.sin_family == AF_INET && ntohs(sin.sin_port) == 80);
    CHECK(sin.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
    CHECK(r.p == r.end);

    /* Too small a buffer, or none: the size needed, the same each time. */
    CHECK(jsock_getaddrinfo(A("127.0.0.1"), A("80"), AF_INET, SOCK_STREAM, 0, AI_NUMERICHOST, A(buf), 5) == n);
    CHECK(jsock_getaddrinfo(A("127.0.0.1"), A("80"), AF_INET, SOCK_STREAM, 0, AI_NUMERICHOST, 0, 0) == n);

    /* Every socket type, an IPv6 numeric host, and the canonical name asked for. */
    n = jsock_getaddrinfo(A("::1"), 0, AF_UNSPEC, 0, 0, AI_NUMERICHOST | AI_CANONNAME, A(buf), sizeof buf);
    CHECK(n > 0);
    r = (struct reader){buf, buf + n};
    int32_t count = get_int(&r);
    CHECK(count == 3);
    for (int i = 0; i < count; i++) {
        CHECK(get_int(&r) == AF_INET6);
        get_int(&r);
        get_int(&r);
        int32_t canon = get_string(&r, text, sizeof text);
        CHECK(i > 0 || (canon >= 0 && strcmp(text, "::1") == 0));
        field = get_bytes(&r, &len);
        CHECK(len == sizeof(struct sockaddr_in6));
        struct sockaddr_in6 sin6;
        memcpy(&sin6, field, sizeof sin6);
        CHECK(sin6.sin6_family == AF_INET6);
        CHECK(memcmp(&sin6.sin6_addr, &in6addr_loopback, 16) == 0);
    }
    CHECK(r.p == r.end);

    /* Failures in the EAI band. */
    CHECK(jsock_getaddrinfo(A("localhost"), 0, AF_UNSPEC, 0, 0, AI_NUMERICHOST, A(buf), sizeof buf)
          == JSOCK_EAI_BASE + EAI_NONAME);
    CHECK(jsock_getaddrinfo(0, 0, AF_UNSPEC, 0, 0, 0, A(buf), sizeof buf) == JSOCK_EAI_BASE + EAI_NONAME);
    CHECK(jsock_getaddrinfo(A("127.0.0.1"), A("no-such-service"), AF_UNSPEC, 0, 0, 0, A(buf), sizeof buf)
          == JSOCK_EAI_BASE + EAI_SERVICE);
    CHECK(jsock_getaddrinfo(A("127.0.0.1"), 0, AF_UNIX, 0, 0, 0, A(buf), sizeof buf) == JSOCK_EAI_BASE + EAI_FAMILY);
    CHECK(jsock_getaddrinfo(A("127.0.0.1"), 0, AF_UNSPEC, 0, 0, 0x7fffffff, A(buf), sizeof buf)
          == JSOCK_EAI_BASE + EAI_BADFLAGS);
}

static void test_getnameinfo(void) {
    char buf[2048], host[NI_MAXHOST], serv[NI_MAXSERV];
    struct sockaddr_in6 sin6 = {.sin6_family = AF_INET6, .sin6_port = htons(22), .sin6_addr = IN6ADDR_LOOPBACK_INIT};
    int64_t n = jsock_getnameinfo(A(&sin6), sizeof sin6, NI_NUMERICHOST | NI_NUMERICSERV, A(buf), sizeof buf);
    CHECK(n > 0);
    struct reader r = {buf, buf + n};
    CHECK(get_string(&r, host, sizeof host) == 3 && strcmp(host, "::1") == 0);
    CHECK(get_string(&r, serv, sizeof serv) == 2 && strcmp(serv, "22") == 0);
    CHECK(r.p == r.end);
    CHECK(jsock_getnameinfo(A(&sin6), sizeof sin6, NI_NUMERICHOST | NI_NUMERICSERV, A(buf), 3) == n);
    /* A sockaddr too short for its family. */
    CHECK(jsock_getnameinfo(A(&sin6), 4, NI_NUMERICHOST, A(buf), sizeof buf) == JSOCK_EAI_BASE + EAI_FAMILY);
    CHECK(jsock_getnameinfo(0, 0, 0, A(buf), sizeof buf) == -EINVAL);
}

static void test_hosts(void) {
    char buf[4096], text[256];
    /* A numeric name is answered by the C library itself, without any database. */
    int64_t n = jsock_gethostbyname(A("127.0.0.1"), A(buf), sizeof buf);
    CHECK(n > 0);
    struct reader r = {buf, buf + n};
    CHECK(get_string(&r, text, sizeof text) > 0 && strcmp(text, "127.0.0.1") == 0);
    CHECK(get_int(&r) == AF_INET);
    int32_t aliases = get_int(&r);
    for (int i = 0; i < aliases; i++) get_string(&r, text, sizeof text);
    CHECK(get_int(&r) == 1);
    int32_t len;
    const char *addr = get_bytes(&r, &len);
    struct in_addr loopback = {htonl(INADDR_LOOPBACK)};
    CHECK(len == 4 && memcmp(addr, &loopback, 4) == 0);
    CHECK(r.p == r.end);
    CHECK(jsock_gethostbyname(A("127.0.0.1"), A(buf), 1) == n);

    /* 127.0.0.1 is in every /etc/hosts; its name is whatever that file says. */
    n = jsock_gethostbyaddr(A(&loopback), 4, AF_INET, A(buf), sizeof buf);
    CHECK(n > 0);
    r = (struct reader){buf, buf + n};
    CHECK(get_string(&r, text, sizeof text) > 0);
    CHECK(get_int(&r) == AF_INET);

    /* The unspecified address has no entry, and the C library says so without asking anyone. */
    CHECK(jsock_gethostbyaddr(A(&in6addr_any), 16, AF_INET6, A(buf), sizeof buf) == JSOCK_HERR_BASE + HOST_NOT_FOUND);

    /* A family the C library cannot look up by address. */
    int64_t bad = jsock_gethostbyaddr(A(&loopback), 4, AF_UNIX, A(buf), sizeof buf);
    CHECK(bad < 0);
    CHECK(jsock_gethostbyname(0, A(buf), sizeof buf) == -EINVAL);
}

static void test_protocols_and_services(void) {
    char buf[256], name[64];
    CHECK(jsock_getprotobyname(A("tcp")) == IPPROTO_TCP);
    CHECK(jsock_getprotobyname(A("udp")) == IPPROTO_UDP);
    CHECK(jsock_getprotobyname(A("no-such-protocol")) == -ENOENT);
    CHECK(jsock_getservbyname(A("http"), A("tcp")) == 80);
    CHECK(jsock_getservbyname(A("ssh"), 0) == 22);
    CHECK(jsock_getservbyname(A("no-such-service"), 0) == -ENOENT);
    int64_t n = jsock_getservbyport(80, A("tcp"), A(buf), sizeof buf);
    CHECK(n > 0);
    struct reader r = {buf, buf + n};
    CHECK(get_string(&r, name, sizeof name) == 4 && strcmp(name, "http") == 0);
    CHECK(jsock_getservbyport(80, A("tcp"), A(buf), 2) == n);
    CHECK(jsock_getservbyport(80, A("no-such-protocol"), A(buf), sizeof buf) == -ENOENT);
    CHECK(jsock_getservbyport(65536, 0, A(buf), sizeof buf) == -EINVAL);
    CHECK(jsock_getservbyport(-1, 0, A(buf), sizeof buf) == -EINVAL);
}

static void test_host_name_and_interfaces(void) {
    char mine[256], theirs[256], buf[8192];
    CHECK(gethostname(theirs, sizeof theirs) == 0);
    CHECK(jsock_gethostname(A(mine), sizeof mine) == (int) strlen(theirs));
    CHECK(strcmp(mine, theirs) == 0);
    CHECK(jsock_gethostname(A(mine), 0) == -EINVAL);

    int64_t n = jsock_if_nameindex(A(buf), sizeof buf);
    CHECK(n > 4);
    struct reader r = {buf, buf + n};
    int32_t count = get_int(&r);
    int found_lo = 0;
    for (int i = 0; i < count; i++) {
        char name[IF_NAMESIZE + 1];
        int32_t index = get_int(&r);
        CHECK(get_string(&r, name, sizeof name) > 0);
        CHECK(if_nametoindex(name) == (unsigned) index);
        if (strcmp(name, "lo") == 0) found_lo = 1;
    }
    CHECK(found_lo && r.p == r.end);
    CHECK(jsock_if_nameindex(A(buf), 3) == n);
}

static void test_texts_and_cmsg(void) {
    char text[256];
    CHECK(jsock_gai_strerror(EAI_NONAME, A(text), sizeof text) == (int) strlen(gai_strerror(EAI_NONAME)));
    CHECK(strcmp(text, gai_strerror(EAI_NONAME)) == 0);
    CHECK(jsock_hstrerror(HOST_NOT_FOUND, A(text), sizeof text) > 0);
    CHECK(strcmp(text, hstrerror(HOST_NOT_FOUND)) == 0);
    CHECK(jsock_gai_strerror(EAI_NONAME, A(text), 3) == 2);
    for (int64_t len = 0; len < 100; len++) {
        CHECK(jsock_cmsg_len(len) == (int64_t) CMSG_LEN(len));
        CHECK(jsock_cmsg_space(len) == (int64_t) CMSG_SPACE(len));
    }
}

int main(void) {
    /* The bands lie apart from -errno and from each other. */
    CHECK(JSOCK_EAI_BASE + JSOCK_BAND_HALF < -4095);
    CHECK(JSOCK_HERR_BASE + JSOCK_BAND_HALF < JSOCK_EAI_BASE - JSOCK_BAND_HALF);
    test_getaddrinfo();
    test_getnameinfo();
    test_hosts();
    test_protocols_and_services();
    test_host_name_and_interfaces();
    test_texts_and_cmsg();
    /* Many look-ups in a row, so a leak checker run over this test sees any leak many times. */
    char buf[4096];
    for (int i = 0; i < 200; i++) {
        CHECK(jsock_getaddrinfo(A("127.0.0.1"), A("http"), AF_UNSPEC, 0, 0, 0, A(buf), sizeof buf) > 0);
        CHECK(jsock_getaddrinfo(A("127.0.0.1"), A("80"), AF_INET, 0, 0, AI_NUMERICHOST, A(buf), 1) > 1);
        CHECK(jsock_gethostbyname(A("127.0.0.1"), A(buf), sizeof buf) > 0);
        CHECK(jsock_getservbyport(22, 0, A(buf), sizeof buf) > 0);
        CHECK(jsock_if_nameindex(A(buf), sizeof buf) > 0);
    }
    return DONE();
}
