/*
 * harness.h - a tiny test harness (cmark's api_test style): CHECK prints file:line and
 * the expression when it fails; main returns the failure count. T() and S() build
 * times and string views for the tests.
 */
#ifndef MX_HARNESS_H
#define MX_HARNESS_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/event.h"
#include "parsers/times.h"

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

/* An RFC 3339 time in ms since the epoch; a typo in a test aborts it. */
static inline int64_t T(const char *s) {
    int64_t ms;
    bool hz;
    if (mx_times_parse(s, strlen(s), &ms, &hz)) abort();
    return ms;
}

/* A view of a C string (NULL: none). */
static inline struct mx_str S(const char *s) {
    struct mx_str v = {s, s ? strlen(s) : 0};
    return v;
}

#endif
