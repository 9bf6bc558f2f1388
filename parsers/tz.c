/*
 * tz.c - TZif reading and zone arithmetic (see tz.h).
 *
 * A zone is a sorted array of transition instants, each naming the UTC offset that
 * applies from it on. Local time is a binary search; the reverse conversion tries the
 * offsets in force a day either side of the wall-clock time and keeps those that
 * round-trip.
 */
#include "parsers/tz.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"
#include "parsers/times.h"

#define MAX_TZIF ((size_t)1 << 20)

struct mx_zone {
    char name[128];
    size_t n;        /* transitions */
    int64_t *at;     /* seconds since the epoch, ascending */
    int32_t *offset; /* offset in force from at[i] on */
    int32_t initial; /* offset before the first transition */
};

static bool valid_name(const char *name) {
    size_t n = strlen(name);
    if (n == 0 || n >= 128 || name[0] == '/' || name[0] == '.' || strstr(name, "..")) return false;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+'))
            return false;
    }
    return true;
}

static int64_t be(const unsigned char *p, int k) {
    uint64_t v = 0;
    for (int i = 0; i < k; i++) v = (v << 8) | p[i];
    if (k == 4) return (int32_t)(uint32_t)v;
    return (int64_t)v;
}

/* Reads the counts of a TZif header at p; false when they do not fit in len. */
static bool header(const unsigned char *p, size_t len, int64_t c[6]) {
    if (len < 44 || memcmp(p, "TZif", 4) != 0) return false;
    for (int i = 0; i < 6; i++) {
        c[i] = be(p + 20 + 4 * i, 4);
        if (c[i] < 0 || c[i] > 100000) return false;
    }
    return c[4] > 0; /* typecnt */
}

/* Size of a data block with the given counts and time size. */
static size_t block_size(const int64_t c[6], int tsize) {
    /* isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt */
    return (size_t)(c[3] * tsize + c[3] + c[4] * 6 + c[5] + c[2] * (tsize + 4) + c[1] + c[0]);
}

static const char *parse_tzif(struct mx_zone *z, const unsigned char *p, size_t len) {
    int64_t c[6];
    if (!header(p, len, c)) return "not a TZif file";
    int tsize = 4;
    if (p[4] >= '2') { /* skip the 32-bit block, use the 64-bit one */
        size_t skip = 44 + block_size(c, 4);
        if (skip > len || !header(p + skip, len - skip, c)) return "damaged TZif file";
        p += skip;
        len -= skip;
        tsize = 8;
    }
    if (44 + block_size(c, tsize) > len) return "damaged TZif file";
    const unsigned char *times = p + 44, *idx = times + c[3] * tsize, *types = idx + c[3];
    z->n = (size_t)c[3];
    z->at = mx_mem_malloc((z->n ? z->n : 1) * sizeof *z->at);
    z->offset = mx_mem_malloc((z->n ? z->n : 1) * sizeof *z->offset);
    for (size_t i = 0; i < z->n; i++) {
        if (idx[i] >= c[4]) return "damaged TZif file";
        z->at[i] = be(times + i * (size_t)tsize, tsize);
        z->offset[i] = (int32_t)be(types + idx[i] * 6, 4);
        if (i && z->at[i] <= z->at[i - 1]) return "damaged TZif file";
    }
    z->initial = (int32_t)be(types, 4); /* RFC 8536: type 0 before the first transition */
    return NULL;
}

const char *mx_tz_open(const char *name, struct mx_zone **out) {
    struct mx_zone *z = mx_mem_calloc(1, sizeof *z);
    snprintf(z->name, sizeof z->name, "%s", name);
    *out = NULL;
    if (strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0) {
        *out = z;
        return NULL;
    }
    const char *why = NULL;
    unsigned char *buf = NULL;
    FILE *f = NULL;
    if (!valid_name(name)) {
        why = "not a valid IANA time zone name";
        goto out;
    }
    const char *dir = getenv("TZDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
    if (!(f = fopen(path, "rb"))) {
        why = "unknown time zone (not in the zoneinfo database; is tzdata installed?)";
        goto out;
    }
    buf = mx_mem_malloc(MAX_TZIF);
    size_t len = fread(buf, 1, MAX_TZIF, f);
    why = parse_tzif(z, buf, len);
out:
    if (f) fclose(f);
    free(buf);
    if (why) {
        mx_tz_free(z);
        return why;
    }
    *out = z;
    return NULL;
}

void mx_tz_free(struct mx_zone *z) {
    if (!z) return;
    free(z->at);
    free(z->offset);
    free(z);
}

const char *mx_tz_name(const struct mx_zone *z) {
    return z->name;
}

/* The offset in force at UTC second t. */
static int32_t offset_at(const struct mx_zone *z, int64_t t) {
    if (z->n == 0 || t < z->at[0]) return z->initial;
    size_t lo = 0, hi = z->n; /* the last i with at[i] <= t lies in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->at[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return z->offset[lo];
}

static int64_t floor_div(int64_t a, int64_t b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

static void split(int64_t ms, int gmtoff, struct mx_tm *o) {
    int64_t secs = floor_div(ms, 1000);
    o->ms = (int)(ms - secs * 1000);
    int64_t days = floor_div(secs, 86400);
    int64_t rem = secs - days * 86400;
    mx_times_civil_from_days(days, &o->year, &o->month, &o->day);
    o->hour = (int)(rem / 3600);
    o->minute = (int)(rem / 60 % 60);
    o->second = (int)(rem % 60);
    o->wday = (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
    o->gmtoff = gmtoff;
}

void mx_tz_local(const struct mx_zone *z, int64_t utc_ms, struct mx_tm *out) {
    int32_t off = offset_at(z, floor_div(utc_ms, 1000));
    split(utc_ms + (int64_t)off * 1000, off, out);
}

const char *mx_tz_to_utc(const struct mx_zone *z, int64_t naive_ms, int64_t *utc_ms) {
    int64_t naive = floor_div(naive_ms, 1000), cand[2];
    int nc = 0;
    for (int k = -1; k <= 1; k += 2) {
        int32_t off = offset_at(z, naive + k * 86400);
        int64_t c = naive - off;
        if (offset_at(z, c) == off && (nc == 0 || cand[0] != c)) cand[nc++] = c;
    }
    if (nc == 0) return "local time does not exist in the time zone (skipped by a DST change)";
    int64_t best = (nc == 2 && cand[1] < cand[0]) ? cand[1] : cand[0];
    *utc_ms = naive_ms + (best - naive) * 1000;
    return mx_times_check_range(*utc_ms);
}
