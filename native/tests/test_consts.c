/* The tables hand out exactly what the headers say, under unique names. */
#define _GNU_SOURCE
#include "check.h"
#include "jsock.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

static int64_t lookup(const char *name, int layout) {
    int n = layout ? jsock_layout_count() : jsock_const_count();
    for (int i = 0; i < n; i++) {
        const char *k = layout ? jsock_layout_name(i) : jsock_const_name(i);
        if (strcmp(k, name) == 0) return layout ? jsock_layout_value(i) : jsock_const_value(i);
    }
    fprintf(stderr, "missing: %s\n", name);
    exit(1);
}

int main(void) {
    CHECK(lookup("AF_UNIX", 0) == AF_UNIX);
    CHECK(lookup("AF_INET6", 0) == AF_INET6);
    CHECK(lookup("SOCK_SEQPACKET", 0) == SOCK_SEQPACKET);
    CHECK(lookup("SO_REUSEADDR", 0) == SO_REUSEADDR);
    CHECK(lookup("MSG_NOSIGNAL", 0) == MSG_NOSIGNAL);
    CHECK(lookup("EAGAIN", 0) == EAGAIN);
    CHECK(lookup("TCP_LISTEN", 0) == TCP_LISTEN); /* an enumerator, not a macro */
    CHECK(lookup("sockaddr_in6.sin6_scope_id", 1) == offsetof(struct sockaddr_in6, sin6_scope_id));
    CHECK(lookup("sizeof(sockaddr_un)", 1) == sizeof(struct sockaddr_un));
    CHECK(lookup("sockaddr.sa_data", 1) == offsetof(struct sockaddr, sa_data));
    CHECK(lookup("sizeof(in_addr)", 1) == sizeof(struct in_addr));
    CHECK(jsock_const_name(-1) == NULL && jsock_const_name(jsock_const_count()) == NULL);

    /* The text form holds each table's entries, in order, and is made once. */
    for (int table = JSOCK_TABLE_CONSTANTS; table <= JSOCK_TABLE_LAYOUTS; table++) {
        const char *text = jsock_table_text(table), *at = text;
        CHECK(text != NULL && jsock_table_text(table) == text);
        int n = table == JSOCK_TABLE_LAYOUTS ? jsock_layout_count() : jsock_const_count();
        for (int i = 0; i < n; i++) {
            char line[256];
            const char *name = table == JSOCK_TABLE_LAYOUTS ? jsock_layout_name(i) : jsock_const_name(i);
            int64_t value = table == JSOCK_TABLE_LAYOUTS ? jsock_layout_value(i) : jsock_const_value(i);
            int len = snprintf(line, sizeof line, "%s %lld\n", name, (long long) value);
            CHECK(len > 0 && len < (int) sizeof line && strncmp(at, line, (size_t) len) == 0);
            at += len;
        }
        CHECK(*at == '\0');
    }
    CHECK(jsock_table_text(-1) == NULL && jsock_table_text(2) == NULL);

    for (int i = 0; i < jsock_const_count(); i++) {
        for (int j = i + 1; j < jsock_const_count(); j++) {
            CHECK(strcmp(jsock_const_name(i), jsock_const_name(j)) != 0);
        }
    }
    char text[64];
    CHECK(jsock_strerror(ECONNREFUSED, (jsock_addr_t) (intptr_t) text, sizeof text) > 0);
    CHECK(strcmp(text, "Connection refused") == 0);
    CHECK(jsock_strerror(ECONNREFUSED, (jsock_addr_t) (intptr_t) text, 5) == 4);
    CHECK(strcmp(text, "Conn") == 0);
    return DONE();
}
