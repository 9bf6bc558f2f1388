/*
 * regex.h - PCRE2 with the limits of docs/security.md#limits, for custom line formats and rules.
 *
 * Patterns are compiled once (UTF, invalid UTF-8 in subjects tolerated without
 * undefined behaviour) and JIT-compiled; every match runs with a match limit (100,000),
 * a depth limit, a heap limit and a 1 MiB JIT stack. Hitting a limit is reported as
 * such, never as "no match". A regex owns its match data: one thread, one match at a
 * time.
 */
#ifndef MX_REGEX_H
#define MX_REGEX_H

#include <stdbool.h>
#include <stddef.h>

#include "parsers/event.h"

struct mx_regex; /* opaque */

enum mx_match {
    MX_MATCH,
    MX_NO_MATCH,
    MX_MATCH_LIMIT,   /* the match, depth, heap or JIT stack limit was hit */
    MX_MATCH_BAD_UTF8 /* the subject is not valid UTF-8: not matched at all */
};

/* Compiles pattern. Returns true with *out set (owned by the caller: mx_regex_free);
 * otherwise false, *out NULL and a message naming the offset ("missing closing
 * parenthesis at offset 7") in msg[0..cap). */
bool mx_regex_compile(const char *pattern, struct mx_regex **out, char *msg, size_t cap);
/* Accepts NULL. */
void mx_regex_free(struct mx_regex *re);
/* Whether the pattern runs on PCRE2's JIT (it does wherever the JIT is available). */
bool mx_regex_jit(const struct mx_regex *re);

/* Matches s[0..n) (unanchored unless the pattern anchors itself). The subject is
 * validated as UTF-8 here (parsers/utf8.c) and handed to PCRE2 with
 * PCRE2_NO_UTF_CHECK: Debian 12's PCRE2 10.42 JIT fails to match multi-byte
 * characters when patterns are compiled with PCRE2_MATCH_INVALID_UTF (PCRE2 issue
 * 224), so that option is not used and invalid subjects never reach PCRE2. */
enum mx_match mx_regex_match(struct mx_regex *re, const char *s, size_t n);

/* After a match: the named group's text, or an empty view when the group is absent
 * from the pattern or did not take part. */
struct mx_str mx_regex_group(const struct mx_regex *re, const char *s, const char *name);
/* The number of the group of that name, or 0 when the pattern has none (or several). */
int mx_regex_group_number(const struct mx_regex *re, const char *name);
/* After a match: group num's text (as mx_regex_group; num 0 gives an empty view). */
struct mx_str mx_regex_group_at(const struct mx_regex *re, const char *s, int num);
/* Whether the pattern has a group of that name. */
bool mx_regex_has_group(const struct mx_regex *re, const char *name);

#endif
