/*
 * utf8.h - UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF), shared by the CSV reader and the output escapers.
 */
#ifndef MX_UTF8_H
#define MX_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* The length (1-4) of the valid UTF-8 sequence at s[0..n), or 0 when it is invalid or
 * cut short. n must be at least 1. */
size_t mx_utf8_len(const unsigned char *s, size_t n);

/* Whether s[0..n) is valid UTF-8; when not, *bad (may be NULL) is the offset of the
 * first invalid byte. */
bool mx_utf8_valid(const char *s, size_t n, size_t *bad);

#endif
