/* A minimal check macro for the C tests: prints the failed expression and exits non-zero. */
#ifndef JSOCK_CHECK_H
#define JSOCK_CHECK_H
#include <stdio.h>
#include <stdlib.h>

static int checks_run;

#define CHECK(cond)                                                                 \
    do {                                                                            \
        checks_run++;                                                               \
        if (!(cond)) {                                                              \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            exit(1);                                                                \
        }                                                                           \
    } while (0)

#define DONE() (printf("%d checks passed\n", checks_run), 0)
#endif
