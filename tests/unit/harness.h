/*
 * harness.h - a tiny test harness (cmark's api_test style): CHECK prints file:line and
 * the expression when it fails; main returns the failure count.
 */
#ifndef MX_HARNESS_H
#define MX_HARNESS_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int mx_failures, mx_checks;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        mx_checks++;                                                                               \
        if (!(cond)) {                                                                             \
            mx_failures++;                                                                         \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_STR(got, want)                                                                       \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        mx_checks++;                                                                               \
        if (!g_ || !w_ || strcmp(g_, w_) != 0) {                                                   \
            mx_failures++;                                                                         \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__,                \
                    g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                       \
        }                                                                                          \
    } while (0)

#define CHECK_I64(got, want)                                                                       \
    do {                                                                                           \
        long long g_ = (long long)(got), w_ = (long long)(want);                                   \
        mx_checks++;                                                                               \
        if (g_ != w_) {                                                                            \
            mx_failures++;                                                                         \
            fprintf(stderr, "%s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_);    \
        }                                                                                          \
    } while (0)

#define TEST_DONE()                                                                                \
    do {                                                                                           \
        printf("%d checks, %d failed\n", mx_checks, mx_failures);                                  \
        return mx_failures ? 1 : 0;                                                                \
    } while (0)

#endif
