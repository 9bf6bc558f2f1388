/*
 * regex.c - PCRE2 behind limits (see regex.h).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "parsers/regex.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"
#include "parsers/utf8.h"

#define MATCH_LIMIT    100000
#define DEPTH_LIMIT    10000
#define HEAP_LIMIT_KIB 20000
#define JIT_STACK      ((size_t)1 << 20)

struct mx_regex {
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *jit;
    bool jitted;
};

bool mx_regex_compile(const char *pattern, struct mx_regex **out, char *msg, size_t cap) {
    int err;
    PCRE2_SIZE off;
    *out = NULL;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                     PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
    if (!code) {
        char why[200];
        pcre2_get_error_message(err, (PCRE2_UCHAR *)why, sizeof why);
        snprintf(msg, cap, "%s at offset %zu", why, (size_t)off);
        return false;
    }
    struct mx_regex *re = mx_mem_calloc(1, sizeof *re);
    re->code = code;
    re->jitted = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    re->md = pcre2_match_data_create_from_pattern(code, NULL);
    re->mc = pcre2_match_context_create(NULL);
    if (!re->md || !re->mc) mx_mem_oom(0);
    pcre2_set_match_limit(re->mc, MATCH_LIMIT);
    pcre2_set_depth_limit(re->mc, DEPTH_LIMIT);
    pcre2_set_heap_limit(re->mc, HEAP_LIMIT_KIB);
    if (re->jitted) {
        re->jit = pcre2_jit_stack_create(32 * 1024, JIT_STACK, NULL);
        if (re->jit) pcre2_jit_stack_assign(re->mc, NULL, re->jit);
    }
    *out = re;
    return true;
}

void mx_regex_free(struct mx_regex *re) {
    if (!re) return;
    pcre2_jit_stack_free(re->jit);
    pcre2_match_context_free(re->mc);
    pcre2_match_data_free(re->md);
    pcre2_code_free(re->code);
    free(re);
}

bool mx_regex_jit(const struct mx_regex *re) {
    return re->jitted;
}

enum mx_match mx_regex_match(struct mx_regex *re, const char *s, size_t n) {
    if (!mx_utf8_valid(s, n, NULL)) return MX_MATCH_BAD_UTF8;
    int rc =
        pcre2_match(re->code, (PCRE2_SPTR)(s ? s : ""), n, 0, PCRE2_NO_UTF_CHECK, re->md, re->mc);
    if (rc >= 0) return MX_MATCH;
    if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL) return MX_NO_MATCH;
    /* match, depth, heap or JIT stack limits, and anything else unexpected */
    return MX_MATCH_LIMIT;
}

bool mx_regex_has_group(const struct mx_regex *re, const char *name) {
    return pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name) > 0;
}

int mx_regex_group_number(const struct mx_regex *re, const char *name) {
    int num = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name);
    return num > 0 ? num : 0;
}

struct mx_str mx_regex_group_at(const struct mx_regex *re, const char *s, int num) {
    struct mx_str out = {NULL, 0};
    if (num <= 0 || (uint32_t)num >= pcre2_get_ovector_count(re->md)) return out;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
    if (ov[2 * num] == PCRE2_UNSET) return out;
    out.p = s + ov[2 * num];
    out.n = ov[2 * num + 1] - ov[2 * num];
    return out;
}

struct mx_str mx_regex_group(const struct mx_regex *re, const char *s, const char *name) {
    return mx_regex_group_at(re, s, mx_regex_group_number(re, name));
}
