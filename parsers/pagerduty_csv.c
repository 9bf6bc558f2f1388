/*
 * pagerduty_csv.c - CSV exports to events (see pagerduty_csv.h). The header row picks
 * a table of column roles; each data row is one record.
 */
#include "parsers/pagerduty_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/csv_reader.h"
#include "parsers/lines.h"
#include "parsers/times.h"

/* Column roles. */
enum col {
    C_ID,
    C_CREATED,
    C_RESOLVED,
    C_ACK_SECS,
    C_AUTO,
    C_TITLE,
    C_SERVICE,
    C_TEAM,
    C_URGENCY,
    C_PRIORITY,
    C_RESOLVER,
    C_ACKER,
    C_TTA,
    C_TTM,
    C_NUMBER,
    /* native */
    C_TIME,
    C_EVENT,
    C_SEVERITY,
    C_ACTOR,
    C_CLASS,
    C_NOTE,
    C_INTO,
    C_COMMANDER,
    C_CHANNEL,
    C_URL,
    C_VIA,
    C__COUNT
};

struct alias {
    const char *header; /* normalised: lower case, spaces as '_' */
    enum col col;
};

static const struct alias RAW[] = {
    {"id", C_ID},
    {"created_on", C_CREATED},
    {"resolved_on", C_RESOLVED},
    {"seconds_to_first_ack", C_ACK_SECS},
    {"auto_resolved", C_AUTO},
    {"description", C_TITLE},
    {"service_name", C_SERVICE},
    {"urgency", C_URGENCY},
    {"priority", C_PRIORITY},
    {"priority_name", C_PRIORITY},
    {"resolved_by_user_name", C_RESOLVER},
    {"acknowledged_by_user_names", C_ACKER},
    {"team_name", C_TEAM},
    {"incident_number", C_NUMBER},
};

static const struct alias BASIC[] = {
    {"#", C_ID},
    {"service", C_SERVICE},
    {"opened_on", C_CREATED},
    {"resolved_on", C_RESOLVED},
};

static const struct alias INSIGHTS[] = {
    {"incident_id", C_ID},
    {"title", C_TITLE},
    {"urgency", C_URGENCY},
    {"priority", C_PRIORITY},
    {"service", C_SERVICE},
    {"team", C_TEAM},
    {"created_at", C_CREATED},
    {"resolved_at", C_RESOLVED},
    {"resolved_by", C_RESOLVER},
    {"auto_resolved", C_AUTO},
    {"tta", C_TTA},
    {"ttm", C_TTM},
    {"number", C_NUMBER},
};

static const struct alias NATIVE[] = {
    {"time", C_TIME},         {"incident", C_ID},     {"event", C_EVENT},
    {"severity", C_SEVERITY}, {"service", C_SERVICE}, {"team", C_TEAM},
    {"title", C_TITLE},       {"actor", C_ACTOR},     {"commander", C_COMMANDER},
    {"channel", C_CHANNEL},   {"url", C_URL},         {"note", C_NOTE},
    {"class", C_CLASS},       {"auto", C_AUTO},       {"into", C_INTO},
    {"via", C_VIA},
};

struct table {
    enum mx_kind kind;
    const struct alias *a;
    size_t n;
    enum col required[3];
    int n_required;
    uint64_t truncation[2]; /* row counts at which the vendor stops exporting */
};

static const struct table TABLES[] = {
    {MX_K_PD_CSV_RAW,
     RAW,
     sizeof RAW / sizeof RAW[0],
     {C_ID, C_CREATED, C_ACK_SECS},
     3,
     {20000, 0}},
    {MX_K_PD_CSV_INSIGHTS,
     INSIGHTS,
     sizeof INSIGHTS / sizeof INSIGHTS[0],
     {C_ID, C_CREATED},
     2,
     {100000, 250000}},
    {MX_K_PD_CSV_BASIC,
     BASIC,
     sizeof BASIC / sizeof BASIC[0],
     {C_ID, C_CREATED, C_SERVICE},
     3,
     {20000, 0}},
    {MX_K_CSV, NATIVE, sizeof NATIVE / sizeof NATIVE[0], {C_TIME, C_ID, C_EVENT}, 3, {0, 0}},
};

struct ctx {
    struct mx_reader *rd;
    uint32_t src;
    const struct table *t; /* NULL until the header was read */
    int col[C__COUNT];     /* field index of each role, -1 when absent */
    uint64_t rows;
    bool bad_header;
};

/* Lower case; spaces, '-' and '_' runs as one '_'; trimmed. */
static void normalise(const char *s, size_t n, char *out, size_t cap) {
    size_t k = 0;
    bool sep = false;
    for (size_t i = 0; i < n && k + 2 < cap; i++) {
        char c = s[i];
        if (c == ' ' || c == '_' || c == '-' || c == '\t') {
            sep = k > 0;
            continue;
        }
        if (sep) out[k++] = '_';
        sep = false;
        out[k++] = (char)mx_event_lower((unsigned char)c);
    }
    out[k] = '\0';
}

static bool header(struct ctx *c, const struct mx_csv_row *row) {
    char name[64];
    for (size_t t = 0; t < sizeof TABLES / sizeof TABLES[0]; t++) {
        const struct table *tab = &TABLES[t];
        for (int k = 0; k < C__COUNT; k++) c->col[k] = -1;
        for (size_t i = 0; i < row->n; i++) {
            normalise(row->f[i], row->len[i], name, sizeof name);
            /* the Insights export names its id column "Incident ID" and its number "Number" */
            for (size_t a = 0; a < tab->n; a++)
                if (strcmp(name, tab->a[a].header) == 0 && c->col[tab->a[a].col] < 0)
                    c->col[tab->a[a].col] = (int)i;
        }
        int have = 0;
        for (int r = 0; r < tab->n_required; r++) have += c->col[tab->required[r]] >= 0;
        if (have == tab->n_required) {
            c->t = tab;
            return true;
        }
    }
    return false;
}

static struct mx_str field(const struct ctx *c, const struct mx_csv_row *row, enum col k) {
    struct mx_str s = {NULL, 0};
    int i = c->col[k];
    if (i < 0 || (size_t)i >= row->n) return s;
    s.p = row->f[i];
    s.n = row->len[i];
    while (s.n && (s.p[0] == ' ' || s.p[0] == '\t')) s.p++, s.n--;
    while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t')) s.n--;
    if (!s.n) s.p = NULL;
    return s;
}

/* A time cell; empty cells are MX_NO_TIME. False when rejected. */
static bool cell_time(struct mx_record *r, struct mx_str s, const char *col, int64_t *ms) {
    *ms = MX_NO_TIME;
    if (!s.n) return true;
    bool has_zone;
    char ex[200];
    const char *why = mx_times_parse(s.p, s.n, ms, &has_zone);
    if (!why && !has_zone) {
        why = mx_tz_to_utc(r->zone, *ms, ms);
        if (!why) {
            mx_diag_excerpt(ex, sizeof ex, s.p, s.n);
            mx_record_warn(r, MX_W_NO_ZONE, "column '%s': time %s has no zone offset; read in %s",
                           col, ex, mx_tz_name(r->zone));
        }
    }
    if (!why) return true;
    mx_diag_excerpt(ex, sizeof ex, s.p, s.n);
    return mx_record_reject(r, MX_R_BAD_TIME, "column '%s': %s, got %s", col, why, ex);
}

/* A duration cell: seconds (decimals allowed) or H:MM:SS. Empty: -1. False when
 * rejected. */
static bool cell_duration(struct mx_record *r, struct mx_str s, const char *col, int64_t *ms) {
    *ms = -1;
    if (!s.n) return true;
    int64_t v = 0, parts[3] = {0, 0, 0};
    int np = 0, frac_digits = 0;
    int64_t frac = 0;
    bool ok = true, dot = false;
    for (size_t i = 0; i < s.n && ok; i++) {
        char ch = s.p[i];
        if (ch >= '0' && ch <= '9' && !dot) {
            v = v * 10 + (ch - '0');
            ok = v < 100000000000LL;
        } else if (ch >= '0' && ch <= '9') {
            if (frac_digits < 3) frac = frac * 10 + (ch - '0'), frac_digits++;
        } else if (ch == ':' && np < 2 && !dot) {
            parts[np++] = v;
            v = 0;
        } else if (ch == '.' && !dot) {
            dot = true;
        } else {
            ok = false;
        }
    }
    while (frac_digits && frac_digits < 3) frac *= 10, frac_digits++;
    if (ok && np == 2) ok = parts[1] < 60 && v < 60;
    if (ok && np == 1) ok = false;
    if (!ok) {
        char ex[200];
        mx_diag_excerpt(ex, sizeof ex, s.p, s.n);
        return mx_record_reject(r, MX_R_BAD_FIELD,
                                "column '%s': expected seconds or H:MM:SS, got %s", col, ex);
    }
    *ms = ((np == 2 ? parts[0] * 3600 + parts[1] * 60 : 0) + v) * 1000 + frac;
    return true;
}

static bool truthy(struct mx_str s) {
    return s.n &&
           (s.p[0] == '1' || s.p[0] == 't' || s.p[0] == 'T' || s.p[0] == 'y' || s.p[0] == 'Y');
}

static void severity(struct mx_record *r, struct mx_str prio, struct mx_str urgency,
                     struct mx_event *ev) {
    if (prio.n && !(prio.n == 3 && memcmp(prio.p, "---", 3) == 0)) {
        if (mx_sevmap_lookup(r->sevmap, prio.p, prio.n, &ev->severity)) return;
        char ex[200];
        mx_diag_excerpt(ex, sizeof ex, prio.p, prio.n);
        mx_record_warn(r, MX_W_UNKNOWN_SEVERITY,
                       "priority %s is not in the severity mapping (ignored)", ex);
    }
    mx_record_urgency(r, urgency, &ev->severity);
}

/* One row of a PagerDuty export: detection, acknowledgement, mitigation, resolution. */
static bool export_row(struct ctx *c, struct mx_record *r, const struct mx_csv_row *row) {
    struct mx_event ev;
    mx_record_blank(r, &ev);
    ev.incident = field(c, row, C_ID);
    ev.number = field(c, row, C_NUMBER);
    if (!ev.incident.n) return mx_record_reject(r, MX_R_MISSING_FIELD, "empty incident id column");
    int64_t created, resolved, ack = -1, ttm = -1;
    if (!cell_time(r, field(c, row, C_CREATED), "created", &created)) return false;
    if (created == MX_NO_TIME)
        return mx_record_reject(r, MX_R_MISSING_FIELD, "empty creation time column");
    if (!cell_time(r, field(c, row, C_RESOLVED), "resolved", &resolved)) return false;
    if (!cell_duration(r, field(c, row, c->col[C_ACK_SECS] >= 0 ? C_ACK_SECS : C_TTA),
                       "time to acknowledge", &ack))
        return false;
    if (!cell_duration(r, field(c, row, C_TTM), "TTM", &ttm)) return false;
    ev.type = MX_EV_DETECTED;
    ev.time_ms = created;
    ev.title = field(c, row, C_TITLE);
    ev.service = field(c, row, C_SERVICE);
    ev.team = field(c, row, C_TEAM);
    severity(r, field(c, row, C_PRIORITY), field(c, row, C_URGENCY), &ev);
    mx_record_event(r, &ev);
    struct mx_event more;
    mx_record_blank(r, &more);
    more.incident = ev.incident;
    if (ack >= 0) {
        more.type = MX_EV_ACKNOWLEDGED;
        more.time_ms = created + ack;
        more.actor = field(c, row, C_ACKER);
        mx_record_event(r, &more);
    }
    if (ttm >= 0) {
        more.type = MX_EV_MITIGATED;
        more.time_ms = created + ttm;
        more.actor.n = 0;
        mx_record_event(r, &more);
    }
    if (resolved != MX_NO_TIME) {
        more.type = MX_EV_RESOLVED;
        more.time_ms = resolved;
        more.auto_resolved = truthy(field(c, row, C_AUTO));
        more.actor = field(c, row, C_RESOLVER);
        mx_record_event(r, &more);
    }
    return true;
}

/* One row with native column names. */
static bool native_row(struct ctx *c, struct mx_record *r, const struct mx_csv_row *row) {
    struct mx_event ev;
    mx_record_blank(r, &ev);
    ev.incident = field(c, row, C_ID);
    struct mx_str t = field(c, row, C_TIME), e = field(c, row, C_EVENT);
    if (!t.n) return mx_record_reject(r, MX_R_MISSING_FIELD, "empty 'time' column");
    if (!ev.incident.n) return mx_record_reject(r, MX_R_MISSING_FIELD, "empty 'incident' column");
    if (!e.n) return mx_record_reject(r, MX_R_MISSING_FIELD, "empty 'event' column");
    if (!cell_time(r, t, "time", &ev.time_ms)) return false;
    char ex[200];
    if (!mx_event_type_parse(e.p, e.n, &ev.type)) {
        mx_diag_excerpt(ex, sizeof ex, e.p, e.n);
        ev.type_name = e;
        mx_record_warn(r, MX_W_UNKNOWN_EVENT, "unknown event type %s (kept as a note)", ex);
    }
    struct mx_str sev = field(c, row, C_SEVERITY), cls = field(c, row, C_CLASS);
    if (sev.n && !mx_sevmap_lookup(r->sevmap, sev.p, sev.n, &ev.severity)) {
        mx_diag_excerpt(ex, sizeof ex, sev.p, sev.n);
        mx_record_warn(r, MX_W_UNKNOWN_SEVERITY, "unknown severity %s (ignored)", ex);
    }
    if (cls.n) ev.has_class = mx_event_class_parse(cls.p, cls.n, &ev.cls);
    ev.auto_resolved = ev.type == MX_EV_RESOLVED && truthy(field(c, row, C_AUTO));
    ev.service = field(c, row, C_SERVICE);
    ev.team = field(c, row, C_TEAM);
    ev.title = field(c, row, C_TITLE);
    ev.actor = field(c, row, C_ACTOR);
    ev.commander = field(c, row, C_COMMANDER);
    ev.channel = field(c, row, C_CHANNEL);
    ev.url = field(c, row, C_URL);
    ev.note = field(c, row, C_NOTE);
    ev.into = field(c, row, C_INTO);
    mx_record_via(r, field(c, row, C_VIA), &ev);
    mx_record_event(r, &ev);
    return true;
}

/* A header none of the known ones stops the reading: the file is skipped unread. */
static bool on_row(void *ctxp, const struct mx_csv_row *row) {
    struct ctx *c = ctxp;
    struct mx_reader *rd = c->rd;
    if (!c->t) {
        c->bad_header = !header(c, row);
        return !c->bad_header;
    }
    struct mx_pos pos = {rd->diag->inputs[c->src].path, c->src, row->line, -1};
    struct mx_record *r = &rd->rec;
    mx_record_begin(r, &pos);
    r->kind = c->t->kind;
    c->rows++;
    if (c->t->kind == MX_K_CSV)
        native_row(c, r, row);
    else
        export_row(c, r, row);
    mx_record_end(r);
    return true;
}

static bool on_bad(void *ctxp, uint64_t line, enum mx_reason reason, const char *msg) {
    struct ctx *c = ctxp;
    struct mx_pos pos = {c->rd->diag->inputs[c->src].path, c->src, line, -1};
    if (!c->t) { /* the header itself */
        c->bad_header = true;
        return false;
    }
    mx_record_begin(&c->rd->rec, &pos);
    mx_record_reject(&c->rd->rec, reason, "%s", msg);
    mx_record_end(&c->rd->rec);
    return true;
}

int mx_pagerduty_csv_read(struct mx_reader *rd, struct mx_stream *s, uint32_t src) {
    struct ctx c;
    memset(&c, 0, sizeof c);
    c.rd = rd;
    c.src = src;
    struct mx_csv_handler h = {&c, on_row, on_bad};
    struct mx_lines *lr = mx_lines_new(s, rd->opts.max_line);
    uint64_t off = 0, line = 0;
    enum mx_csv_status st = mx_csv_reader_read(lr, &rd->opts.csv, &h, &off, &line);
    struct mx_pos pos = {rd->diag->inputs[src].path, src, line, -1};
    int rc = 0;
    if (st == MX_CSV_STREAM_ERROR) {
        pos.line = 0;
        mx_diag_fail(rd->diag, &pos, "%s", mx_stream_error(s));
        rc = -1;
    } else if (st == MX_CSV_NOT_UTF8) {
        mx_diag_fail(rd->diag, &pos,
                     "not UTF-8 (byte offset %llu); name its encoding with --input-encoding",
                     (unsigned long long)off);
        rc = -1;
    }
    if (c.bad_header && rc == 0) {
        /* a CSV that is none of the known ones (a spreadsheet beside the exports, a
         * README with a comma in its first line): skipped, like any unrecognised file */
        struct mx_input_stat *in = &rd->diag->inputs[src];
        in->format = "unrecognised";
        in->skipped = true;
        pos.line = 0;
        mx_diag_warn(rd->diag, &pos, MX_W_SKIPPED_FILE,
                     "skipped: CSV header not recognised (expected a PagerDuty incidents export "
                     "or the columns time, incident, event)");
    } else if (c.t) {
        rd->diag->inputs[src].format = c.t->kind == MX_K_CSV ? "csv" : "pagerduty-csv";
        for (int k = 0; k < 2; k++)
            if (c.t->truncation[k] && c.rows == c.t->truncation[k]) {
                pos.line = 0;
                mx_diag_warn(rd->diag, &pos, MX_W_TRUNCATED_EXPORT,
                             "exactly %llu rows: PagerDuty stops exports there without saying "
                             "so; the export may be incomplete",
                             (unsigned long long)c.rows);
            }
    }
    mx_lines_free(lr);
    return rc;
}

bool mx_pagerduty_csv_sniff(const char *head, size_t n) {
    size_t i = 0;
    if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < n && (head[i] == '\n' || head[i] == '\r' || head[i] == ' ')) i++;
    for (; i < n && head[i] != '\n'; i++)
        if (head[i] == ',') return true;
    return false;
}
