/*
 * custom.c - custom line formats (see custom.h).
 */
#define _DEFAULT_SOURCE /* fnmatch */
#include "parsers/custom.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/input.h"
#include "parsers/times.h"
#include "parsers/utf8.h"

void mx_custom_free(struct mx_line_format *f) {
    if (!f) return;
    mx_regex_free(f->re);
    mx_tz_free(f->zone);
    f->re = NULL;
    f->zone = NULL;
}

void mx_custom_bind(struct mx_line_format *f, struct mx_regex *re) {
    static const char *const names[MX_G__COUNT] = {
        "time", "incident", "event", "severity", "service", "title", "actor", "class", "channel"};
    mx_regex_free(f->re);
    f->re = re;
    for (int g = 0; g < MX_G__COUNT; g++) f->group[g] = mx_regex_group_number(re, names[g]);
}

bool mx_custom_matches(const struct mx_line_format *f, const char *path) {
    if (!f->files[0]) return false;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *bang = strrchr(base, '!'); /* an archive member: its own name */
    if (bang) base = bang + 1;
    return fnmatch(f->files, path, 0) == 0 || fnmatch(f->files, base, 0) == 0;
}

/* The time group by the format's time_format; false when rejected. */
static bool read_time(struct mx_record *r, const struct mx_line_format *f, struct mx_str s,
                      int64_t *ms) {
    const char *why = NULL;
    bool has_zone = true;
    char ex[200];
    if (f->time_format == MX_TF_EPOCH || f->time_format == MX_TF_EPOCH_MS) {
        int64_t v = 0;
        bool ok = s.n > 0 && s.n <= 18;
        for (size_t i = 0; ok && i < s.n; i++) {
            ok = s.p[i] >= '0' && s.p[i] <= '9';
            v = v * 10 + (s.p[i] - '0');
        }
        if (!ok)
            why = "expected epoch digits";
        else if (f->time_format == MX_TF_EPOCH && v > MX_TIMES_MAX_MS / 1000)
            why = "epoch seconds beyond the year 9999";
        else
            why = mx_times_check_range(*ms = f->time_format == MX_TF_EPOCH ? v * 1000 : v);
    } else if (f->time_format == MX_TF_LAYOUT) {
        why = mx_times_parse_layout(f->layout, s.p, s.n, ms, &has_zone);
    } else {
        why = mx_times_parse(s.p, s.n, ms, &has_zone);
    }
    if (!why && !has_zone) {
        const struct mx_zone *z = f->zone ? f->zone : r->zone;
        why = mx_tz_to_utc(z, *ms, ms);
        if (!why && !f->zone) {
            mx_diag_excerpt(ex, sizeof ex, s.p, s.n);
            mx_record_warn(r, MX_W_NO_ZONE, "time %s has no zone offset; read in %s", ex,
                           mx_tz_name(z));
        }
    }
    if (!why) return true;
    mx_diag_excerpt(ex, sizeof ex, s.p, s.n);
    return mx_record_reject(r, MX_R_BAD_TIME, "group 'time': %s, got %s", why, ex);
}

/* One matched line to one event. */
static bool line_event(struct mx_record *r, const struct mx_line_format *f, const char *line) {
    struct mx_event ev;
    mx_record_blank(r, &ev);
    struct mx_str t = mx_regex_group_at(f->re, line, f->group[MX_G_TIME]);
    struct mx_str e = mx_regex_group_at(f->re, line, f->group[MX_G_EVENT]);
    ev.incident = mx_regex_group_at(f->re, line, f->group[MX_G_INCIDENT]);
    if (!t.n || !ev.incident.n || !e.n)
        return mx_record_reject(r, MX_R_MISSING_FIELD,
                                "format %s: the time, incident or event group matched nothing",
                                f->name);
    if (!read_time(r, f, t, &ev.time_ms)) return false;
    bool known = false;
    for (size_t i = 0; i < f->n_words && !known; i++)
        if (strlen(f->words[i].word) == e.n && memcmp(f->words[i].word, e.p, e.n) == 0) {
            ev.type = f->words[i].type;
            known = true;
        }
    if (!known && !mx_event_type_parse(e.p, e.n, &ev.type)) {
        char ex[200];
        mx_diag_excerpt(ex, sizeof ex, e.p, e.n);
        ev.type = MX_EV_NOTE;
        ev.type_name = e;
        mx_record_warn(r, MX_W_UNKNOWN_EVENT, "unknown event type %s (kept as a note)", ex);
    }
    struct mx_str sev = mx_regex_group_at(f->re, line, f->group[MX_G_SEVERITY]);
    if (sev.n && !mx_sevmap_lookup(r->sevmap, sev.p, sev.n, &ev.severity)) {
        char ex[200];
        mx_diag_excerpt(ex, sizeof ex, sev.p, sev.n);
        mx_record_warn(r, MX_W_UNKNOWN_SEVERITY, "unknown severity %s (ignored)", ex);
    }
    struct mx_str cls = mx_regex_group_at(f->re, line, f->group[MX_G_CLASS]);
    if (cls.n) ev.has_class = mx_event_class_parse(cls.p, cls.n, &ev.cls);
    ev.service = mx_regex_group_at(f->re, line, f->group[MX_G_SERVICE]);
    ev.title = mx_regex_group_at(f->re, line, f->group[MX_G_TITLE]);
    ev.actor = mx_regex_group_at(f->re, line, f->group[MX_G_ACTOR]);
    ev.channel = mx_regex_group_at(f->re, line, f->group[MX_G_CHANNEL]);
    mx_record_event(r, &ev);
    return true;
}

/* The state of one custom-format input. */
struct custom {
    const struct mx_line_format *f;
    unsigned limits; /* lines on which the pattern hit its limits */
};

/* The 1-based column (byte) of the first invalid UTF-8 byte of a line known to hold one. */
static size_t bad_column(const char *p, size_t n) {
    size_t bad = 0;
    mx_utf8_valid(p, n, &bad);
    return bad + 1;
}

static bool custom_line(struct mx_reader *rd, const struct mx_pos *pos, const char *p, size_t n,
                        void *ctx) {
    struct custom *c = ctx;
    struct mx_record *r = &rd->rec;
    mx_record_begin(r, pos);
    r->kind = MX_K_CUSTOM;
    enum mx_match m = mx_regex_match(c->f->re, p, n);
    if (m == MX_MATCH) /* groups are views into the line: valid until the next */
        line_event(r, c->f, p);
    else if (m == MX_NO_MATCH)
        mx_record_reject(r, MX_R_NO_MATCH, "does not match format %s", c->f->name);
    else if (m == MX_MATCH_BAD_UTF8)
        mx_record_reject(r, MX_R_INVALID_UTF8, "invalid UTF-8 at column %zu", bad_column(p, n));
    else
        mx_record_reject(r, MX_R_REGEX_LIMIT,
                         "format %s: the pattern hit its match limits on this line", c->f->name);
    mx_record_end(r);
    if (m != MX_MATCH_LIMIT || ++c->limits < MX_LIMIT_BUDGET) return true;
    mx_diag_fail(rd->diag, pos,
                 "abandoned: format %s hit its match limits on %u lines (a pattern that "
                 "backtracks catastrophically?)",
                 c->f->name, c->limits);
    return false;
}

int mx_custom_read(struct mx_reader *rd, struct mx_stream *s, uint32_t src,
                   const struct mx_line_format *f) {
    struct custom c = {f, 0};
    return mx_input_lines(rd, s, src, custom_line, &c);
}
