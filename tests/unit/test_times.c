/*
 * test_times.c - the table of valid and invalid timestamps (every notation of
 * docs/spec.md#time-notations, calendar edge cases, offsets, epochs) and zone conversion.
 */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */
#include <stdlib.h>
#include <time.h>

#include "harness.h"
#include "parsers/times.h"
#include "parsers/tz.h"

struct row {
    const char *text;
    const char *want; /* RFC 3339 UTC, or NULL when the text must be rejected */
    int has_zone;
};

static const struct row ROWS[] = {
    {"2015-10-06T21:30:42Z", "2015-10-06T21:30:42Z", 1},
    {"2017-05-10T18:48:27-05:00", "2017-05-10T23:48:27Z", 1},
    {"2022-11-03T06:23:06.000000Z", "2022-11-03T06:23:06Z", 1},
    {"2021-06-04T13:35:29.781Z", "2021-06-04T13:35:29.781Z", 1},
    {"2023-09-05T18:21:21.49Z", "2023-09-05T18:21:21.490Z", 1},
    {"2023-09-05T18:21:21.123456789Z", "2023-09-05T18:21:21.123Z", 1},
    {"2023-09-05T18:21:21.9999Z", "2023-09-05T18:21:21.999Z", 1}, /* truncated */
    {"2023-09-15 18:51:47.961", "2023-09-15T18:51:47.961Z", 0},
    {"2023-05-31T10:05:00", "2023-05-31T10:05:00Z", 0},
    {"2011-05-06T03:30-07", "2011-05-06T10:30:00Z", 1},
    {"2026-03-04T05:06:07+05:45", "2026-03-03T23:21:07Z", 1},
    {"2026-03-04T05:06:07+0545", "2026-03-03T23:21:07Z", 1},
    /* negative offsets with minutes: the minutes take the offset's sign (-03:30 is
     * three and a half hours behind UTC, not two and a half) */
    {"2026-03-04T05:06:07-03:30", "2026-03-04T08:36:07Z", 1},
    {"2026-03-04T05:06:07-0930", "2026-03-04T14:36:07Z", 1},
    {"2026-03-04T05:06:07-00:45", "2026-03-04T05:51:07Z", 1},
    {"2026-03-04T05:06:07-00:00", "2026-03-04T05:06:07Z", 1},
    {"2026-03-04t05:06:07z", "2026-03-04T05:06:07Z", 1},
    {"2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z", 1},     /* leap year */
    {"2000-02-29T00:00:00Z", "2000-02-29T00:00:00Z", 1},     /* 400-year rule */
    {"2016-12-31T23:59:60Z", "2016-12-31T23:59:59.999Z", 1}, /* leap second */
    {"2026-02-30T00:00:00Z", NULL, 0},
    {"2025-02-29T00:00:00Z", NULL, 0},
    {"1900-02-29T00:00:00Z", NULL, 0}, /* 100-year rule */
    {"2026-04-31T00:00:00Z", NULL, 0},
    {"2026-13-01T00:00:00Z", NULL, 0},
    {"2026-00-10T00:00:00Z", NULL, 0},
    {"2026-01-00T00:00:00Z", NULL, 0},
    {"2026-03-04T25:00:00Z", NULL, 0},
    {"2026-03-04T24:00:00Z", NULL, 0},
    {"2026-03-04T12:60:00Z", NULL, 0},
    {"2026-03-04T12:00:61Z", NULL, 0},
    {"2026-03-04T12:00:00+24:00", NULL, 0},
    {"2026-03-04T12:00:00+05:60", NULL, 0},
    {"2026-03-04T12:00:00.Z", NULL, 0},
    {"2026-03-04T12:00:00.1234567890Z", NULL, 0},
    {"2026-03-04T12:00:00Zjunk", NULL, 0},
    {"2026-03-04", NULL, 0},
    {"yesterday", NULL, 0},
    {"", NULL, 0},
    {"2026-3-4T12:00:00Z", NULL, 0},
    {"0999-01-01T00:00:00Z", NULL, 0},
    /* the range holds once the offset is applied: never a 5-digit or a 3-digit year */
    {"9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z", 1},
    {"9999-12-31T23:59:59.999+00:00", "9999-12-31T23:59:59.999Z", 1},
    {"9999-12-31T23:59:59-23:59", NULL, 0},
    {"9999-12-31T23:30:00-00:31", NULL, 0},
    {"1000-01-01T00:00:00Z", "1000-01-01T00:00:00Z", 1},
    {"1000-01-01T00:00:00+00:01", NULL, 0},
};

static void table(void) {
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) {
        const struct row *r = &ROWS[i];
        int64_t ms = 0;
        bool has_zone = false;
        const char *why = mx_times_parse(r->text, strlen(r->text), &ms, &has_zone);
        if (!r->want) {
            if (!why) fprintf(stderr, "accepted: %s\n", r->text);
            CHECK(why != NULL);
            continue;
        }
        if (why) fprintf(stderr, "rejected %s: %s\n", r->text, why);
        CHECK(why == NULL);
        char buf[32];
        mx_times_format_utc(ms, buf);
        CHECK_STR(buf, r->want);
        CHECK_I64(has_zone, r->has_zone);
    }
}

/* Custom-format layouts (time_format = LAYOUT). */
static const struct {
    const char *layout, *text, *want; /* want NULL: rejected */
    bool has_zone;
} LAYOUTS[] = {
    {"%d/%b/%Y:%H:%M:%S %z", "04/Mar/2026:12:30:05 +0100", "2026-03-04T11:30:05Z", true},
    {"%d/%b/%Y:%H:%M:%S %z", "04/mar/2026:12:30:05 Z", "2026-03-04T12:30:05Z", true},
    {"%Y-%m-%d %H:%M:%S", "2026-03-02 09:00:00", "2026-03-02T09:00:00Z", false},
    {"%Y-%m-%d %H:%M:%S", "2026-03-02   09:00:00", "2026-03-02T09:00:00Z", false},
    {"%Y-%m-%d %H:%M:%S.%f%z", "2026-03-02 09:00:00.25+05:30", "2026-03-02T03:30:00.250Z", true},
    {"%b %e %H:%M:%S %Y", "Mar  4 07:08:09 2026", "2026-03-04T07:08:09Z", false},
    {"%Y%m%d %%%H%M%S", "20260304 %120000", "2026-03-04T12:00:00Z", false},
    {"%Y-%m-%d %H:%M:%S", "2026-02-30 09:00:00", NULL, false},
    {"%Y-%m-%d %H:%M:%S", "2026-03-02 09:00", NULL, false},
    {"%Y-%m-%d %H:%M:%S", "2026-03-02 09:00:00 extra", NULL, false},
    {"%d/%b/%Y", "04/Foo/2026", NULL, false},
    {"%Y-%m-%d %H:%M:%S %z", "2026-03-02 09:00:00 +25:00", NULL, false},
    {"%Q", "anything", NULL, false},
};

static void layouts(void) {
    for (size_t i = 0; i < sizeof LAYOUTS / sizeof LAYOUTS[0]; i++) {
        int64_t ms = 0;
        bool has_zone = false;
        const char *t = LAYOUTS[i].text;
        const char *why = mx_times_parse_layout(LAYOUTS[i].layout, t, strlen(t), &ms, &has_zone);
        if (!LAYOUTS[i].want) {
            if (!why) fprintf(stderr, "accepted: %s by %s\n", t, LAYOUTS[i].layout);
            CHECK(why != NULL);
            continue;
        }
        if (why) fprintf(stderr, "rejected %s by %s: %s\n", t, LAYOUTS[i].layout, why);
        CHECK(why == NULL);
        char buf[32];
        mx_times_format_utc(ms, buf);
        CHECK_STR(buf, LAYOUTS[i].want);
        CHECK_I64(has_zone, LAYOUTS[i].has_zone);
    }
}

static void epochs(void) {
    int64_t ms;
    CHECK(mx_times_from_epoch(1772600767, &ms) == NULL);
    CHECK_I64(ms, 1772600767000LL); /* seconds */
    CHECK(mx_times_from_epoch(1772600767123LL, &ms) == NULL);
    CHECK_I64(ms, 1772600767123LL); /* milliseconds (13 digits) */
    CHECK(mx_times_from_epoch(1772600767123456LL, &ms) == NULL);
    CHECK_I64(ms, 1772600767123LL); /* microseconds */
    CHECK(mx_times_from_epoch(1772600767123456789LL, &ms) == NULL);
    CHECK_I64(ms, 1772600767123LL); /* nanoseconds (19 digits) */
    CHECK(mx_times_from_epoch(100000000000LL, &ms) == NULL);
    CHECK_I64(ms, 100000000000000LL); /* exactly 10^11 is still seconds */
    CHECK(mx_times_from_epoch(-1, &ms) != NULL);
}

static void calendar(void) {
    for (int64_t d = -800000; d <= 800000; d += 997) {
        int64_t y;
        int m, dd;
        mx_times_civil_from_days(d, &y, &m, &dd);
        CHECK_I64(mx_times_days_from_civil(y, m, dd), d);
    }
    CHECK_I64(mx_times_days_from_civil(1970, 1, 1), 0);
    CHECK_I64(mx_times_days_from_civil(2000, 3, 1), 11017);
}

static void zones(void) {
    int64_t naive, utc;
    bool hz;
    struct mx_zone *z;
    CHECK(mx_tz_open("Mars/Olympus_Mons", &z) != NULL && z == NULL);
    CHECK(mx_tz_open("../../etc/passwd", &z) != NULL);
    CHECK(mx_tz_open("Europe/Berlin", &z) == NULL);
    /* winter: +01:00 */
    mx_times_parse("2026-01-15T12:00:00", 19, &naive, &hz);
    CHECK(mx_tz_to_utc(z, naive, &utc) == NULL);
    CHECK_I64(utc, naive - 3600000);
    /* the spring-forward gap: 02:30 on 2026-03-29 does not exist */
    mx_times_parse("2026-03-29T02:30:00", 19, &naive, &hz);
    CHECK(mx_tz_to_utc(z, naive, &utc) != NULL);
    /* the autumn fold: 02:30 on 2026-10-25 happens twice; the earlier (+02:00) wins */
    mx_times_parse("2026-10-25T02:30:00.250", 23, &naive, &hz);
    CHECK(mx_tz_to_utc(z, naive, &utc) == NULL);
    CHECK_I64(utc, naive - 7200000);
    struct mx_tm tm;
    mx_times_parse("2026-03-31T22:30:00Z", 20, &utc, &hz);
    mx_tz_local(z, utc, &tm); /* 00:30 on April 1st in Berlin (CEST) */
    CHECK_I64(tm.month, 4);
    CHECK_I64(tm.day, 1);
    CHECK_I64(tm.hour, 0);
    CHECK_I64(tm.gmtoff, 7200);
    /* the instant of the change: 01:00Z on 2026-10-25 is 02:00 CET again */
    mx_times_parse("2026-10-25T00:59:59Z", 20, &utc, &hz);
    mx_tz_local(z, utc, &tm);
    CHECK_I64(tm.gmtoff, 7200);
    mx_tz_local(z, utc + 1000, &tm);
    CHECK_I64(tm.gmtoff, 3600);
    CHECK_I64(tm.hour, 2);
    mx_times_parse("1890-06-01T00:00:00Z", 20, &utc, &hz); /* before the first transition */
    mx_tz_local(z, utc, &tm);
    CHECK_I64(tm.gmtoff, 3208); /* Berlin's local mean time, +0:53:28 */
    mx_tz_free(z);

    CHECK(mx_tz_open("Asia/Kathmandu", &z) == NULL);
    mx_times_parse("2026-03-31T22:30:00Z", 20, &utc, &hz);
    mx_tz_local(z, utc, &tm);
    CHECK_I64(tm.gmtoff, 5 * 3600 + 45 * 60);
    mx_tz_free(z);

    CHECK(mx_tz_open("America/New_York", &z) == NULL); /* a DST weekend in the US */
    mx_times_parse("2026-03-08T02:30:00", 19, &naive, &hz);
    CHECK(mx_tz_to_utc(z, naive, &utc) != NULL);
    mx_times_parse("2026-03-08T03:30:00", 19, &naive, &hz);
    CHECK(mx_tz_to_utc(z, naive, &utc) == NULL);
    CHECK_I64(utc, naive + 4 * 3600000);
    mx_tz_free(z);

    CHECK(mx_tz_open("UTC", &z) == NULL);
    mx_tz_local(z, utc, &tm);
    CHECK_I64(tm.gmtoff, 0);
    mx_times_parse("2026-03-31T22:30:00Z", 20, &utc, &hz);
    mx_tz_local(z, utc, &tm);
    CHECK_I64(tm.month, 3);
    CHECK_I64(tm.wday, 2);   /* 2026-03-31 is a Tuesday */
    mx_tz_local(z, -1, &tm); /* one millisecond before the epoch */
    CHECK_I64(tm.year, 1969);
    CHECK_I64(tm.ms, 999);
    CHECK_STR(mx_tz_name(z), "UTC");
    mx_tz_free(z);
    mx_tz_free(NULL);
}

/* A local time in range whose UTC instant is not: rejected by the zone conversion. */
static void zone_range(void) {
    struct mx_zone *z;
    int64_t naive, utc;
    bool has_zone;
    CHECK(mx_tz_open("Etc/GMT-14", &z) == NULL); /* UTC+14, no history */
    CHECK(mx_times_parse("1000-01-01T05:00:00", 19, &naive, &has_zone) == NULL && !has_zone);
    CHECK(mx_tz_to_utc(z, naive, &utc) != NULL);
    CHECK(mx_times_parse("1000-01-01T15:00:00", 19, &naive, &has_zone) == NULL);
    CHECK(mx_tz_to_utc(z, naive, &utc) == NULL && utc == MX_TIMES_MIN_MS + 3600000);
    mx_tz_free(z);
    CHECK(mx_tz_open("Etc/GMT+12", &z) == NULL); /* UTC-12 */
    CHECK(mx_times_parse("9999-12-31T13:00:00", 19, &naive, &has_zone) == NULL);
    CHECK(mx_tz_to_utc(z, naive, &utc) != NULL);
    mx_tz_free(z);
}

/* mx_times_format_utc keeps the last day's date per thread: times that come back to a day,
 * move across midnight, go negative and out of range (which leaves the kept day alone)
 * give what gmtime_r gives. */
static void day_cache(void) {
    const int64_t day = 86400000;
    const int64_t ms[] = {1772600767123LL,
                          1772600767123LL + 1,
                          1772600767123LL + day,
                          1772600767123LL,
                          1772582400000LL - 1, /* the millisecond before midnight */
                          1772582400000LL,
                          0,
                          -1,
                          -day,
                          -day - 1,
                          1772600767123LL,
                          253402300800000LL, /* year 10000: out of the formatter's range */
                          1772600767000LL,
                          -62135596800001LL, /* before year 1 */
                          1772600767000LL + 999};
    for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++) {
        char got[32], want[64];
        mx_times_format_utc(ms[i], got);
        int64_t secs = ms[i] >= 0 ? ms[i] / 1000 : -((-ms[i] + 999) / 1000);
        int frac = (int)(ms[i] - secs * 1000);
        time_t t = (time_t)secs;
        struct tm tm;
        gmtime_r(&t, &tm);
        long long y = (long long)tm.tm_year + 1900;
        if (y < 0 || y > 9999)
            snprintf(want, sizeof want, "%lld-01-01T00:00:00Z", y);
        else if (frac)
            snprintf(want, sizeof want, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ", y, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
        else
            snprintf(want, sizeof want, "%04lld-%02d-%02dT%02d:%02d:%02dZ", y, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        CHECK_STR(got, want);
    }
}

int main(void) {
    table();
    day_cache();
    zone_range();
    layouts();
    epochs();
    calendar();
    zones();
    TEST_DONE();
}
