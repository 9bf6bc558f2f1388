/*
 * tz.c - the run's time zone (see tz.h). UTC takes an arithmetic path; other zones go
 * through glibc's localtime_r/mktime with TZ set to the checked zone name.
 */
#define _DEFAULT_SOURCE /* tm_gmtoff */
#include "parsers/tz.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parsers/timeparse.h"

static char zone_name[128] = "UTC";
static bool zone_utc = true;

static bool valid_name(const char *name) {
    size_t n = strlen(name);
    if (n == 0 || n >= sizeof zone_name || name[0] == '/' || name[0] == '.') return false;
    if (strstr(name, "..")) return false;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+'))
            return false;
    }
    return true;
}

static bool zoneinfo_exists(const char *name) {
    const char *dir = getenv("TZDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char magic[4];
    bool ok = fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
    fclose(f);
    return ok;
}

const char *mx_tz_set(const char *name) {
    bool utc = strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0;
    if (!utc && !valid_name(name)) return "not a valid IANA time zone name";
    if (!utc && !zoneinfo_exists(name))
        return "unknown time zone (not in the zoneinfo database; is tzdata installed?)";
    snprintf(zone_name, sizeof zone_name, "%s", name);
    zone_utc = utc;
    setenv("TZ", utc ? "UTC0" : name, 1);
    tzset();
    return NULL;
}

const char *mx_tz_name(void) {
    return zone_name;
}

static void split_utc(int64_t ms, struct mx_tm *o, int gmtoff) {
    int64_t secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    o->ms = (int)(ms - secs * 1000);
    int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    int64_t rem = secs - days * 86400;
    mx_civil_from_days(days, &o->year, &o->month, &o->day);
    o->hour = (int)(rem / 3600);
    o->minute = (int)(rem / 60 % 60);
    o->second = (int)(rem % 60);
    o->wday = (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
    o->gmtoff = gmtoff;
}

void mx_tz_local(int64_t utc_ms, struct mx_tm *out) {
    if (zone_utc) {
        split_utc(utc_ms, out, 0);
        return;
    }
    time_t t = (time_t)(utc_ms >= 0 ? utc_ms / 1000 : -((-utc_ms + 999) / 1000));
    struct tm tm;
    if (!localtime_r(&t, &tm)) {
        split_utc(utc_ms, out, 0);
        return;
    }
    /* Derive everything from the offset so the arithmetic stays ours. */
    split_utc(utc_ms + (int64_t)tm.tm_gmtoff * 1000, out, (int)tm.tm_gmtoff);
}

const char *mx_tz_local_to_utc(int64_t naive_ms, int64_t *utc_ms) {
    if (zone_utc) {
        *utc_ms = naive_ms;
        return NULL;
    }
    struct mx_tm want;
    split_utc(naive_ms, &want, 0);
    /* Offsets at the instants one day either side bracket the answer: try each. */
    int64_t cand[2];
    int nc = 0;
    for (int k = -1; k <= 1; k += 2) {
        struct mx_tm probe;
        mx_tz_local(naive_ms + (int64_t)k * 86400000, &probe);
        int64_t c = naive_ms - (int64_t)probe.gmtoff * 1000;
        struct mx_tm back;
        mx_tz_local(c, &back);
        if (back.gmtoff == probe.gmtoff && (nc == 0 || cand[0] != c)) cand[nc++] = c;
    }
    if (nc == 0) return "local time does not exist in the time zone (skipped by a DST change)";
    *utc_ms = (nc == 2 && cand[1] < cand[0]) ? cand[1] : cand[0];
    return NULL;
}
