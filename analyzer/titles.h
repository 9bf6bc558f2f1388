/*
 * titles.h - normalised titles (docs/spec.md#recurring-incidents): what stays of a title
 * when what differs between occurrences of one problem is taken out, so that
 * "db-03: disk 91% full" and "DB-07: disk 97% full" are one recurring incident.
 *
 * ASCII letters are lower-cased (other bytes kept); a quoted value ('...', "...",
 * `...`), a UUID, an IPv4 or IPv6 address (with a port or prefix length), a number
 * (digits with . , : separators: 500, 1.5, 12:30, 2026-11-04) and a hex id (6 or more
 * hex digits with a digit and a letter, 3f9a2c) become the placeholder "<*>" - a whole
 * word, or a part of a word between '-', '_', '.', ':', '/' and '=' ("eu-west-1" is
 * "eu-west-<*>"); a number with a unit keeps the unit ("1.5s", "300ms" are "<*>s",
 * "<*>ms"); a word with letters and digits otherwise ("5xx", "v2") stays; runs of
 * whitespace become one space, none leading or trailing.
 */
#ifndef MX_TITLES_H
#define MX_TITLES_H

#include <stddef.h>

#define MX_TITLES_PLACEHOLDER "<*>"

/* Writes the normalised form of s[0..n) to out (room for 3 * n + 1 bytes is always
 * enough), NUL-terminated; returns its length. */
size_t mx_titles_normalize(const char *s, size_t n, char *out);

#endif
