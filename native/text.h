/* Internal to the shim: C text handed to Java in a buffer the Java side owns. */
#ifndef JSOCK_TEXT_H
#define JSOCK_TEXT_H

#include "jsock.h"

/* Copies text into buf, NUL-terminated and cut to buflen; returns the length written, or -EINVAL. */
int jsock_copy_text(const char *text, jsock_addr_t buf, int buflen);

#endif
