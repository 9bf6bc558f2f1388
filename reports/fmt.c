/*
 * fmt.c - durations, instants, seconds, months and source positions as reports write them
 * (see fmt.h). Numbers are formatted with integer arithmetic: no locale can change a byte.
 */
#include "reports/fmt.h"

#include <string.h>

#include "parsers/times.h"
#include "reports/esc.h"
#include "parsers/tz.h"

/* A negative span reads "0s"; the smaller unit is truncated, not rounded (1h 04m 59s reads
 * "1h 04m"). */
void mx_fmt_duration(struct mx_buf *b, int64_t ms) {
    if (ms < 0) ms = 0;
    long long s = (long long)(ms / 1000);
    if (ms == 0)
        mx_buf_puts(b, "0s");
    else if (s == 0)
        mx_buf_puts(b, "<1s");
    else if (s < 60)
        mx_buf_printf(b, "%llds", s);
    else if (s < 3600)
        mx_buf_printf(b, "%lldm %02llds", s / 60, s % 60);
    else if (s < 86400)
        mx_buf_printf(b, "%lldh %02lldm", s / 3600, s / 60 % 60);
    else
        mx_buf_printf(b, "%lldd %02lldh", s / 86400, s / 3600 % 24);
}

void mx_fmt_median(struct mx_buf *b, const struct mx_stat *s, bool n_after) {
    mx_fmt_duration(b, s->p50);
    if (!s->has_ci && !n_after) return;
    mx_buf_puts(b, " (");
    if (s->has_ci) {
        mx_fmt_duration(b, s->ci_lo);
        mx_buf_puts(b, " – ");
        mx_fmt_duration(b, s->ci_hi);
        if (n_after) mx_buf_puts(b, ", ");
    }
    if (n_after) mx_buf_printf(b, "n=%llu", (unsigned long long)s->n);
    mx_buf_putc(b, ')');
}

void mx_fmt_days(struct mx_buf *b, double days) {
    long long c = (long long)(days * 100.0 + 0.5); /* hundredths */
    mx_buf_printf(b, "%lld", c / 100);
    if (c % 100) {
        if (c % 10)
            mx_buf_printf(b, ".%02lld", c % 100);
        else
            mx_buf_printf(b, ".%lld", c % 100 / 10);
    }
}

static void rate_value(struct mx_buf *b, double v) {
    mx_buf_printf(b, v < 9.995 ? "%.2f" : v < 99.95 ? "%.1f" : "%.0f", v);
}

void mx_fmt_rate(struct mx_buf *b, const struct mx_rate *r) {
    rate_value(b, r->per_30d);
    mx_buf_puts(b, " (");
    rate_value(b, r->lo);
    mx_buf_puts(b, " – ");
    rate_value(b, r->hi);
    mx_buf_putc(b, ')');
}

void mx_fmt_json_num(struct mx_buf *b, double v) {
    mx_buf_printf(b, "%.9g", v);
}

/* Unlike mx_fmt_duration, a negative value keeps its sign. */
/* ms >= 0 as seconds, at p. */
static char *seconds_to(char *p, int64_t ms) {
    p += mx_buf_u64_to(p, (uint64_t)(ms / 1000));
    int frac = (int)(ms % 1000);
    if (frac) {
        char t[4] = {'.', (char)('0' + frac / 100), (char)('0' + frac / 10 % 10),
                     (char)('0' + frac % 10)};
        size_t n = 4;
        while (t[n - 1] == '0') n--;
        memcpy(p, t, n);
        p += n;
    }
    return p;
}

char *mx_fmt_json_seconds_to(char *p, int64_t ms) {
    if (ms == MX_NO_TIME) {
        memcpy(p, "null", 4);
        return p + 4;
    }
    if (ms < 0) {
        *p++ = '-';
        ms = -ms;
    }
    return seconds_to(p, ms);
}

void mx_fmt_seconds(struct mx_buf *b, int64_t ms) {
    char *p = mx_buf_reserve(b, MX_FMT_JSON_SECONDS_MAX), *q = p;
    if (ms < 0) {
        *q++ = '-';
        ms = -ms;
    }
    mx_buf_commit(b, (size_t)(seconds_to(q, ms) - p));
}

void mx_fmt_utc(struct mx_buf *b, int64_t ms) {
    char t[32];
    mx_buf_put(b, t, mx_times_format_utc(ms, t));
}

char *mx_fmt_json_time_to(char *p, int64_t ms) {
    if (ms == MX_NO_TIME) {
        memcpy(p, "null", 4);
        return p + 4;
    }
    *p = '"';
    p += 1 + mx_times_format_utc(ms, p + 1);
    *p++ = '"';
    return p;
}

void mx_fmt_json_time(struct mx_buf *b, int64_t ms) {
    char *p = mx_buf_reserve(b, MX_FMT_JSON_TIME_MAX);
    mx_buf_commit(b, (size_t)(mx_fmt_json_time_to(p, ms) - p));
}

void mx_fmt_json_seconds(struct mx_buf *b, int64_t ms) {
    char *p = mx_buf_reserve(b, MX_FMT_JSON_SECONDS_MAX);
    mx_buf_commit(b, (size_t)(mx_fmt_json_seconds_to(p, ms) - p));
}

void mx_fmt_json_str(struct mx_buf *b, struct mx_str s) {
    if (s.p)
        mx_esc_json(b, s.p, s.n);
    else
        mx_buf_puts(b, "null");
}

void mx_fmt_md_str(struct mx_buf *b, struct mx_str s) {
    if (s.p && s.n)
        mx_esc_md(b, s.p, s.n);
    else
        mx_buf_puts(b, "—");
}

void mx_fmt_local(struct mx_buf *b, const struct mx_zone *zone, int64_t ms) {
    struct mx_tm tm;
    mx_tz_local(zone, ms, &tm);
    mx_buf_printf(b, "%04lld-%02d-%02d %02d:%02d", (long long)tm.year, tm.month, tm.day, tm.hour,
                  tm.minute);
}

/* Raw text: the path is not escaped here, so each caller escapes the whole position for its
 * format. */
void mx_fmt_source(struct mx_buf *b, const struct mx_result *r, const struct mx_entry *e) {
    mx_buf_puts(b, r->diag->inputs[mx_timeline_entry_src(r->tl, e)].path);
    mx_buf_putc(b, ':');
    mx_buf_u64(b, e->line);
    int64_t index = mx_timeline_entry_index(r->tl, e);
    if (index >= 0) {
        mx_buf_putc(b, '#');
        mx_buf_u64(b, (uint64_t)index);
    }
}

void mx_fmt_month(struct mx_buf *b, int key) {
    int y = key / 12, m = key % 12 + 1;
    if (key < 0 || y > 9999) { /* never in data (years 1000-9999); kept exact anyway */
        mx_buf_printf(b, "%04d-%02d", y, m);
        return;
    }
    char t[7] = {(char)('0' + y / 1000),
                 (char)('0' + y / 100 % 10),
                 (char)('0' + y / 10 % 10),
                 (char)('0' + y % 10),
                 '-',
                 (char)('0' + m / 10),
                 (char)('0' + m % 10)};
    mx_buf_put(b, t, sizeof t);
}

void mx_fmt_month_row(struct mx_buf *b, const struct mx_result *r, int key) {
    mx_fmt_month(b, key);
    if (!r->partial.present || r->partial.month != key) return;
    mx_buf_puts(b, ", partial: ");
    mx_fmt_days(b, r->partial.days);
    mx_buf_puts(b, " of ");
    mx_fmt_days(b, r->partial.of_days);
    mx_buf_puts(b, " days");
}
