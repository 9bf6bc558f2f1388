/*
 * times.c - RFC 3339 / ISO 8601 and epoch reading (see times.h). A small
 * cursor-based scanner; every field is range-checked before it is combined.
 */
#include "parsers/times.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

int64_t mx_times_days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void mx_times_civil_from_days(int64_t z, int64_t *y, int *m, int *d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Days in month m (1-12) of the proleptic Gregorian year y. */
static int days_in_month(int64_t y, int m) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2) return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : 28;
    return days[m - 1];
}

struct cur {
    const char *s;
    size_t n, i;
};

/* Reads exactly k digits; -1 if they are not there. */
static int digits(struct cur *c, int k) {
    int v = 0;
    for (int j = 0; j < k; j++) {
        if (c->i >= c->n || c->s[c->i] < '0' || c->s[c->i] > '9') return -1;
        v = v * 10 + (c->s[c->i++] - '0');
    }
    return v;
}

static bool take(struct cur *c, char ch) {
    if (c->i < c->n && c->s[c->i] == ch) {
        c->i++;
        return true;
    }
    return false;
}

static bool at_end(const struct cur *c) {
    return c->i == c->n;
}

/* Reads the zone designator; returns NULL and the offset in minutes, or a reason. */
static const char *zone(struct cur *c, int *off_min, bool *has_zone) {
    *off_min = 0;
    *has_zone = false;
    if (at_end(c)) return NULL;
    if (take(c, 'Z') || take(c, 'z')) {
        *has_zone = true;
        return NULL;
    }
    int sign;
    if (take(c, '+'))
        sign = 1;
    else if (take(c, '-'))
        sign = -1;
    else
        return "expected 'Z' or an offset like +02:00 after the time";
    int hh = digits(c, 2), mm = 0;
    if (hh < 0) return "offset: expected two hour digits";
    if (take(c, ':')) {
        if ((mm = digits(c, 2)) < 0) return "offset: expected two minute digits";
    } else if (!at_end(c)) {
        if ((mm = digits(c, 2)) < 0) return "offset: expected two minute digits";
    }
    if (hh > 23) return "offset hour out of range (00-23)";
    if (mm > 59) return "offset minute out of range (00-59)";
    *off_min = sign * (hh * 60 + mm);
    *has_zone = true;
    return NULL;
}

/* The range checks of every reading; the instant of the fields with offset off minutes. */
static const char *combine(int y, int mo, int d, int hh, int mi, int sec, int ms, int off,
                           int64_t *out_ms) {
    if (y < 1000) return "year out of range (1000-9999)";
    if (mo < 1 || mo > 12) return "month out of range (01-12)";
    if (d < 1 || d > days_in_month(y, mo)) return "day does not exist in that month";
    if (hh > 23) return "hour out of range (00-23)";
    if (mi > 59) return "minute out of range (00-59)";
    if (sec > 60) return "second out of range (00-59, 60 for a leap second)";
    if (sec == 60) {
        sec = 59;
        ms = 999;
    }
    int64_t days = mx_times_days_from_civil(y, mo, d);
    int64_t t = ((days * 24 + hh) * 60 + mi) * 60 + sec;
    t -= (int64_t)off * 60;
    *out_ms = t * 1000 + ms;
    return mx_times_check_range(*out_ms);
}

/* The digits of s[0..k) as a number, or -1 when one is not a digit. */
static int fixed_digits(const char *s, int k) {
    int v = 0;
    for (int i = 0; i < k; i++) {
        unsigned dgt = (unsigned)(unsigned char)s[i] - '0';
        if (dgt > 9) return -1;
        v = v * 10 + (int)dgt;
    }
    return v;
}

const char *mx_times_parse(const char *s, size_t n, int64_t *out_ms, bool *has_zone) {
    /* what exports write: YYYY-MM-DDTHH:MM:SSZ and YYYY-MM-DDTHH:MM:SS.mmmZ, read at
     * fixed places; anything else (or a digit missing) takes the general path */
    if ((n == 20 || (n == 24 && s[19] == '.')) && s[4] == '-' && s[7] == '-' && s[10] == 'T' &&
        s[13] == ':' && s[16] == ':' && s[n - 1] == 'Z') {
        int y = fixed_digits(s, 4), mo = fixed_digits(s + 5, 2), d = fixed_digits(s + 8, 2),
            hh = fixed_digits(s + 11, 2), mi = fixed_digits(s + 14, 2),
            sec = fixed_digits(s + 17, 2), ms = n == 24 ? fixed_digits(s + 20, 3) : 0;
        if ((y | mo | d | hh | mi | sec | ms) >= 0) {
            *has_zone = true;
            return combine(y, mo, d, hh, mi, sec, ms, 0, out_ms);
        }
    }
    return mx_times_parse_general(s, n, out_ms, has_zone);
}

const char *mx_times_parse_general(const char *s, size_t n, int64_t *out_ms, bool *has_zone) {
    struct cur c = {s, n, 0};
    int y = digits(&c, 4);
    if (y < 0 || !take(&c, '-')) return "expected RFC 3339 timestamp (YYYY-MM-DDTHH:MM:SSZ)";
    int mo = digits(&c, 2);
    if (mo < 0 || !take(&c, '-')) return "expected RFC 3339 timestamp (YYYY-MM-DDTHH:MM:SSZ)";
    int d = digits(&c, 2);
    if (d < 0) return "expected RFC 3339 timestamp (YYYY-MM-DDTHH:MM:SSZ)";
    if (!(take(&c, 'T') || take(&c, 't') || take(&c, ' ')))
        return "expected 'T' and a time of day after the date";
    int hh = digits(&c, 2);
    if (hh < 0 || !take(&c, ':')) return "expected HH:MM after the date";
    int mi = digits(&c, 2);
    if (mi < 0) return "expected HH:MM after the date";
    int sec = 0, ms = 0;
    if (take(&c, ':')) {
        if ((sec = digits(&c, 2)) < 0) return "expected two digits of seconds";
        if (take(&c, '.') || take(&c, ',')) {
            int k = 0;
            while (c.i < c.n && c.s[c.i] >= '0' && c.s[c.i] <= '9') {
                if (k < 3) ms = ms * 10 + (c.s[c.i] - '0');
                k++;
                c.i++;
            }
            if (k == 0 || k > 9) return "fraction of a second: expected 1 to 9 digits";
            for (; k < 3; k++) ms *= 10;
        }
    }
    int off = 0;
    const char *why = zone(&c, &off, has_zone);
    if (why) return why;
    if (!at_end(&c)) return "unexpected text after the timestamp";
    return combine(y, mo, d, hh, mi, sec, ms, off, out_ms);
}

const char *mx_times_check_range(int64_t ms) {
    if (ms < MX_TIMES_MIN_MS || ms > MX_TIMES_MAX_MS)
        return "year out of range (1000-9999) once the offset is applied";
    return NULL;
}

/* Reads 1 to max digits. */
static int some_digits(struct cur *c, int max, int *v) {
    int k = 0;
    *v = 0;
    while (k < max && c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9') {
        *v = *v * 10 + (c->s[c->i++] - '0');
        k++;
    }
    return k;
}

static int month_name(struct cur *c) {
    static const char *const names[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
    if (c->n - c->i < 3) return -1;
    for (int m = 0; m < 12; m++) {
        int k = 0;
        while (k < 3 && (c->s[c->i + (size_t)k] | 32) == names[m][k]) k++;
        if (k == 3) {
            c->i += 3;
            return m + 1;
        }
    }
    return -1;
}

/* One %-directive of a layout; returns a reason or NULL. */
static const char *directive(struct cur *c, char d, int f[7], int *off, bool *has_zone) {
    int v;
    switch (d) {
    case 'Y':
        if (some_digits(c, 4, &v) != 4) return "expected a four-digit year";
        f[0] = v;
        return NULL;
    case 'm': return some_digits(c, 2, &f[1]) ? NULL : "expected a month number";
    case 'd':
    case 'e':
        if (d == 'e' && c->i < c->n && c->s[c->i] == ' ') c->i++;
        return some_digits(c, 2, &f[2]) ? NULL : "expected a day of the month";
    case 'H': return some_digits(c, 2, &f[3]) ? NULL : "expected an hour";
    case 'M': return some_digits(c, 2, &f[4]) ? NULL : "expected minutes";
    case 'S': return some_digits(c, 2, &f[5]) ? NULL : "expected seconds";
    case 'f': {
        int k = 0, ms = 0;
        while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9') {
            if (k < 3) ms = ms * 10 + (c->s[c->i] - '0');
            k++;
            c->i++;
        }
        if (k == 0 || k > 9) return "fraction of a second: expected 1 to 9 digits";
        for (; k < 3; k++) ms *= 10;
        f[6] = ms;
        return NULL;
    }
    case 'b': return (f[1] = month_name(c)) > 0 ? NULL : "expected a month name (Jan..Dec)";
    case 'z': return zone(c, off, has_zone);
    case '%': return c->i < c->n && c->s[c->i++] == '%' ? NULL : "expected '%'";
    default: return "unknown directive in the time layout";
    }
}

const char *mx_times_parse_layout(const char *layout, const char *s, size_t n, int64_t *out_ms,
                                  bool *has_zone) {
    struct cur c = {s, n, 0};
    int f[7] = {-1, -1, -1, 0, 0, 0, 0}; /* year month day hour minute second ms */
    int off = 0;
    *has_zone = false;
    for (const char *l = layout; *l; l++) {
        if (*l == '%' && l[1]) {
            /* %z at the end of the text is optional only when nothing is left */
            const char *why = directive(&c, *++l, f, &off, has_zone);
            if (why) return why;
        } else if (*l == ' ') {
            if (c.i >= c.n || c.s[c.i] != ' ') return "expected a space";
            while (c.i < c.n && c.s[c.i] == ' ') c.i++;
        } else if (c.i >= c.n || c.s[c.i++] != *l) {
            return "the text does not follow the time layout";
        }
    }
    if (!at_end(&c)) return "unexpected text after the time";
    if (f[0] < 1000 || f[1] < 1 || f[2] < 0) return "the layout lacks a year, month or day";
    if (f[1] > 12) return "month out of range (01-12)";
    if (f[2] < 1 || f[2] > days_in_month(f[0], f[1])) return "day does not exist in that month";
    if (f[3] > 23) return "hour out of range (00-23)";
    if (f[4] > 59) return "minute out of range (00-59)";
    if (f[5] > 60) return "second out of range (00-59, 60 for a leap second)";
    if (f[5] == 60) f[5] = 59, f[6] = 999;
    int64_t t = ((mx_times_days_from_civil(f[0], f[1], f[2]) * 24 + f[3]) * 60 + f[4]) * 60 + f[5];
    *out_ms = (t - (int64_t)off * 60) * 1000 + f[6];
    return mx_times_check_range(*out_ms);
}

const char *mx_times_from_epoch(int64_t v, int64_t *out_ms) {
    if (v < 0) return "epoch time is negative";
    if (v > 100000000000000000LL)
        *out_ms = v / 1000000;
    else if (v > 100000000000000LL)
        *out_ms = v / 1000;
    else if (v > 100000000000LL)
        *out_ms = v;
    else
        *out_ms = v * 1000;
    return NULL;
}

/* Writes v as exactly k digits (v >= 0, v < 10^k). */
/* "00" to "99", for writing two digits at a time. */
static const char PAIRS[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

static char *put_digits(char *p, int64_t v, int k) {
    int i = k;
    for (; i >= 2; i -= 2, v /= 100) memcpy(p + i - 2, PAIRS + 2 * (v % 100), 2);
    if (i) p[0] = (char)('0' + v % 10);
    return p + k;
}

/* The date of the last day formatted, per thread: a report formats many times of the
 * same few days (an incident's milestones, its deadlines), and the civil date is most of
 * the work. */
static _Thread_local struct {
    int64_t days;
    bool set;
    char date[10];
} last_day;

size_t mx_times_format_utc(int64_t ms, char *buf) {
    int64_t secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    int frac = (int)(ms - secs * 1000);
    int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    int rem = (int)(secs - days * 86400);
    if (!last_day.set || last_day.days != days) {
        int64_t y;
        int m, d;
        mx_times_civil_from_days(days, &y, &m, &d);
        if (y < 0 || y > 9999)
            return (size_t)snprintf(buf, 32, "%lld-01-01T00:00:00Z", (long long)y);
        /* hand-rolled: this runs for every time in every report */
        char *p = put_digits(last_day.date, y, 4);
        *p++ = '-';
        p = put_digits(p, m, 2);
        *p++ = '-';
        put_digits(p, d, 2);
        last_day.days = days;
        last_day.set = true;
    }
    memcpy(buf, last_day.date, 10);
    char t[16] = {'T', 0, 0, ':', 0, 0, ':', 0, 0, '.', 0, 0, 0, 'Z', 0, 0};
    memcpy(t + 1, PAIRS + 2 * (rem / 3600), 2);
    memcpy(t + 4, PAIRS + 2 * (rem / 60 % 60), 2);
    memcpy(t + 7, PAIRS + 2 * (rem % 60), 2);
    if (!frac) {
        memcpy(buf + 10, t, 9);
        memcpy(buf + 19, "Z", 2);
        return 20;
    }
    memcpy(t + 10, PAIRS + 2 * (frac / 10), 2);
    t[12] = (char)('0' + frac % 10);
    memcpy(buf + 10, t, 15);
    return 24;
}
