/*
 * json_report.c - report.json. Keys are written in a fixed order; severities
 * SEV1-SEV4 and unassigned always appear; absent times are null; durations are
 * seconds with up to three decimals.
 */
#include "reports/json_report.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/rules.h"
#include "reports/esc.h"
#include "reports/fmt.h"
#include "reports/parallel.h"
#include "parsers/mem.h"

/* Severity order in outputs: SEV1..SEV4, then unassigned. */
static const enum mx_severity SEV_ORDER[MX_SEV__COUNT] = {MX_SEV_1, MX_SEV_2, MX_SEV_3, MX_SEV_4,
                                                          MX_SEV_NONE};

static void key(struct mx_buf *b, const char *k) {
    mx_buf_putc(b, '"');
    mx_buf_puts(b, k);
    mx_buf_puts(b, "\":");
}

/* The writers of a timeline's fixed-size keys write at a pointer into room reserved once
 * (mx_buf_reserve, 512 bytes for at most 13 keys) instead of appending piece by piece: a
 * literal, one of the program's own names (at most 17 bytes, quoted: nothing in them
 * needs escaping), a boolean. */
#define LIT(q, s) (memcpy((q), (s), sizeof(s) - 1), (q) + sizeof(s) - 1)

static char *put_name(char *q, const char *s) {
    size_t n = strlen(s);
    *q++ = '"';
    memcpy(q, s, n);
    q[n] = '"';
    return q + n + 1;
}

static char *put_bool(char *q, bool v) {
    return v ? LIT(q, "true") : LIT(q, "false");
}

/* One of this program's own names (a severity, a status, an anomaly: ASCII letters,
 * digits and underscores, never NULL), quoted: nothing in it needs escaping. */
static void name(struct mx_buf *b, const char *s) {
    char *p = mx_buf_reserve(b, strlen(s) + 2);
    mx_buf_commit(b, (size_t)(put_name(p, s) - p));
}

/* A C string as JSON, or null when s is NULL. */
static void cstr(struct mx_buf *b, const char *s) {
    if (s)
        mx_esc_json(b, s, strlen(s));
    else
        mx_buf_puts(b, "null");
}

/* One metric's summary: n, then mean, p50 (with its 95% interval), p90 and max in
 * seconds, each null when n is 0 (the interval also when n <= 5); a time to resolve
 * also has its open incidents and the Kaplan-Meier median that counts them. */
static void stat_obj(struct mx_buf *b, const struct mx_stat *s, bool censored) {
    mx_buf_puts(b, "{\"n\":");
    mx_buf_u64(b, s->n);
    const char *keys[4] = {"mean_s", "p50_s", "p90_s", "max_s"};
    const int64_t vals[4] = {s->mean, s->p50, s->p90, s->max};
    for (int k = 0; k < 4; k++) {
        mx_buf_printf(b, ",\"%s\":", keys[k]);
        if (s->n)
            mx_fmt_seconds(b, vals[k]);
        else
            mx_buf_puts(b, "null");
        if (k == 1) {
            mx_buf_puts(b, ",\"p50_ci95\":");
            if (s->has_ci) {
                mx_buf_putc(b, '[');
                mx_fmt_seconds(b, s->ci_lo);
                mx_buf_putc(b, ',');
                mx_fmt_seconds(b, s->ci_hi);
                mx_buf_putc(b, ']');
            } else {
                mx_buf_puts(b, "null");
            }
        }
    }
    if (censored) {
        mx_buf_puts(b, ",\"open_n\":");
        mx_buf_u64(b, s->open_n);
        mx_buf_puts(b, ",\"km_p50_s\":");
        if (s->has_km)
            mx_fmt_seconds(b, s->km_p50);
        else
            mx_buf_puts(b, "null");
    }
    mx_buf_putc(b, '}');
}

/* A metric set: the incident count, then one stat_obj per metric under its mx_metrics_key. */
static void mset_obj(struct mx_buf *b, const struct mx_mset *m) {
    mx_buf_puts(b, "{\"incidents\":");
    mx_buf_u64(b, m->incidents);
    for (int k = 0; k < MX_M__COUNT; k++) {
        mx_buf_printf(b, ",\"%s\":", mx_metrics_key((enum mx_metric)k));
        stat_obj(b, &m->m[k], k == MX_M_MTTR);
    }
    mx_buf_putc(b, '}');
}

/* Metric sets keyed by severity in SEV_ORDER, one per line at indent plus two spaces. */
static void by_severity_msets(struct mx_buf *b, const struct mx_mset *sev, const char *indent) {
    mx_buf_putc(b, '{');
    for (int i = 0; i < MX_SEV__COUNT; i++) {
        mx_buf_printf(b, "%s\n%s  ", i ? "," : "", indent);
        key(b, mx_event_severity_name(SEV_ORDER[i]));
        mset_obj(b, &sev[SEV_ORDER[i]]);
    }
    mx_buf_printf(b, "\n%s}", indent);
}

/* Counts keyed by severity in SEV_ORDER, zeros included. */
static void by_severity_counts(struct mx_buf *b, const uint64_t *c) {
    mx_buf_putc(b, '{');
    for (int i = 0; i < MX_SEV__COUNT; i++) {
        if (i) mx_buf_putc(b, ',');
        key(b, mx_event_severity_name(SEV_ORDER[i]));
        mx_buf_u64(b, c[SEV_ORDER[i]]);
    }
    mx_buf_putc(b, '}');
}

/* Counts keyed by every reason, zero or not, so the object's shape never depends on the data;
 * warnings does the same for warning kinds. */
static void reasons(struct mx_buf *b, const uint64_t *c) {
    mx_buf_putc(b, '{');
    for (int k = 0; k < MX_R__COUNT; k++) {
        if (k) mx_buf_putc(b, ',');
        key(b, mx_diag_reason_name((enum mx_reason)k));
        mx_buf_u64(b, c[k]);
    }
    mx_buf_putc(b, '}');
}

static void warnings(struct mx_buf *b, const uint64_t *c) {
    mx_buf_putc(b, '{');
    for (int k = 0; k < MX_W__COUNT; k++) {
        if (k) mx_buf_putc(b, ',');
        key(b, mx_diag_warning_name((enum mx_warning)k));
        mx_buf_u64(b, c[k]);
    }
    mx_buf_putc(b, '}');
}

/* "inputs": one object per input; records_by_kind lists only the kinds seen, unlike the
 * reason map. error is the failure that damaged the input, or null. */
void mx_json_report_inputs(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "  \"inputs\": [");
    for (size_t i = 0; i < r->n_inputs; i++) {
        const struct mx_input_sum *in = &r->inputs[i];
        const struct mx_input_stat *s = in->stat;
        mx_buf_puts(b, i ? ",\n    {" : "\n    {");
        key(b, "path");
        cstr(b, s->path);
        bool file = r->prov && r->prov->size[i] != UINT64_MAX;
        mx_buf_puts(b, ",\"size\":");
        if (file)
            mx_buf_u64(b, r->prov->size[i]);
        else
            mx_buf_puts(b, "null");
        mx_buf_puts(b, ",\"sha256\":");
        cstr(b, file ? r->prov->sha256[i] : NULL);
        mx_buf_puts(b, ",\"format\":");
        cstr(b, s->format);
        mx_buf_puts(b, ",\"compression\":");
        cstr(b, s->compression);
        mx_buf_puts(b, ",\"records\":");
        mx_buf_u64(b, s->records);
        mx_buf_puts(b, ",\"accepted\":");
        mx_buf_u64(b, in->accepted);
        mx_buf_puts(b, ",\"rejected\":");
        mx_buf_u64(b, s->rejected);
        mx_buf_puts(b, ",\"duplicates\":");
        mx_buf_u64(b, in->duplicates);
        mx_buf_puts(b, ",\"duplicates_by_kind\":{\"same_event\":");
        mx_buf_u64(b, in->duplicates - in->repeated_ids);
        mx_buf_puts(b, ",\"repeated_id\":");
        mx_buf_u64(b, in->repeated_ids);
        mx_buf_puts(b, "},\"after_as_of\":");
        mx_buf_u64(b, in->after_as_of);
        mx_buf_puts(b, ",\"warnings\":");
        mx_buf_u64(b, s->warnings);
        mx_buf_puts(b, ",\"rejected_by_reason\":");
        reasons(b, s->by_reason);
        mx_buf_puts(b, ",\"records_by_kind\":{");
        for (int k = 0, first = 1; k < MX_K__COUNT; k++) {
            if (!s->by_kind[k]) continue;
            if (!first) mx_buf_putc(b, ',');
            first = 0;
            key(b, mx_diag_kind_name((enum mx_kind)k));
            mx_buf_u64(b, s->by_kind[k]);
        }
        mx_buf_puts(b, "},\"skipped_entries\":");
        mx_buf_u64(b, s->skipped_entries);
        mx_buf_puts(b, ",\"error\":");
        cstr(b, s->failure);
        mx_buf_putc(b, '}');
    }
    mx_buf_puts(b, r->n_inputs ? "\n  ],\n" : "],\n");
}

/* "rejections": the samples diag kept (the first MX_DIAG_KEEP of each reason), each with its
 * reason and message. */
void mx_json_report_rejections(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "  \"rejections\": [");
    const struct mx_diag *d = r->diag;
    for (size_t i = 0; i < d->n_samples; i++) {
        mx_buf_puts(b, i ? ",\n    {" : "\n    {");
        key(b, "reason");
        cstr(b, mx_diag_reason_name(d->samples[i].reason));
        mx_buf_puts(b, ",\"message\":");
        cstr(b, d->samples[i].text);
        mx_buf_putc(b, '}');
    }
    mx_buf_puts(b, d->n_samples ? "\n  ],\n" : "],\n");
}

/* "path:line[#index]"; paths[src] holds each input's path, escaped once. */
static void source_pos(struct mx_buf *b, const struct mx_result *r, const struct mx_buf *paths,
                       const struct mx_entry *e) {
    const struct mx_buf *path = &paths[mx_timeline_entry_src(r->tl, e)];
    char *p = mx_buf_reserve(b, path->n + 44), *q = p; /* quotes, ':', '#', two numbers */
    *q++ = '"';
    memcpy(q, path->p, path->n);
    q += path->n;
    *q++ = ':';
    q += mx_buf_u64_to(q, e->line);
    int64_t index = mx_timeline_entry_index(r->tl, e);
    if (index >= 0) {
        *q++ = '#';
        q += mx_buf_u64_to(q, (uint64_t)index);
    }
    *q++ = '"';
    mx_buf_commit(b, (size_t)(q - p));
}

/* key is written as given, with its comma, quotes and colon; then true or false. */
static void boolean(struct mx_buf *b, const char *key, bool v) {
    mx_buf_puts(b, key);
    mx_buf_puts(b, v ? "true" : "false");
}

/* Compliance fields and the evidence of one timeline. */
static void timeline_compliance(struct mx_buf *b, const struct mx_result *r,
                                const struct mx_buf *paths, const struct mx_timeline *t,
                                const struct mx_compliance *c) {
    char *p = mx_buf_reserve(b, 512), *q = p;
    q = LIT(q, ",\"postmortem_status\":");
    q = put_name(q, mx_compliance_pm_status_name(c->pm));
    q = LIT(q, ",\"postmortem_deadline\":");
    q = mx_fmt_json_time_to(q, c->pm_deadline);
    q = LIT(q, ",\"postmortem_late_s\":");
    q = mx_fmt_json_seconds_to(q, c->pm_late);
    q = LIT(q, ",\"response_status\":");
    q = put_name(q, mx_compliance_check_name(c->rsp));
    q = LIT(q, ",\"response_deadline\":");
    q = mx_fmt_json_time_to(q, c->rsp_deadline);
    q = LIT(q, ",\"response_late_s\":");
    q = mx_fmt_json_seconds_to(q, c->rsp_late);
    q = LIT(q, ",\"max_update_gap_s\":");
    q = mx_fmt_json_seconds_to(q, c->max_gap);
    q = LIT(q, ",\"update_cadence_breach\":");
    q = put_bool(q, c->cadence_breach);
    q = LIT(q, ",\"war_room_missing\":");
    q = put_bool(q, c->war_room_missing);
    q = LIT(q, ",\"regulator_status\":");
    q = put_name(q, mx_compliance_check_name(c->reg));
    q = LIT(q, ",\"evidence\":{");
    mx_buf_commit(b, (size_t)(q - p));
    static const char *const names[MX_MS__COUNT] = {
        "\"started\":",  "\"detected\":",   "\"acknowledged\":",       "\"mitigated\":",
        "\"resolved\":", "\"postmortem\":", "\"regulator_notified\":", "\"war_room_opened\":"};
    for (int m = 0, first = 1; m < MX_MS__COUNT; m++) {
        if (t->evidence[m] == MX_NO_EVENT) continue;
        if (!first) mx_buf_putc(b, ',');
        first = 0;
        mx_buf_puts(b, names[m]);
        source_pos(b, r, paths, mx_timeline_entry(r->tl, t->evidence[m]));
    }
    mx_buf_putc(b, '}');
}

/* What the config's rules made of one incident. */
static void timeline_rules(struct mx_buf *b, const struct mx_result *r,
                           const struct mx_timeline *t) {
    mx_buf_puts(b, ",\"service_in_data\":");
    mx_fmt_json_str(b, mx_timeline_string(r->tl, t->service_data));
    boolean(b, ",\"severity_from_title\":", (t->rule_flags & MX_RULE_SEV_FROM_TITLE) != 0);
    mx_buf_puts(b, ",\"excluded_by\":");
    const struct mx_rule *x = mx_result_exclusion(r, t);
    if (x) {
        mx_buf_puts(b, "{\"field\":");
        cstr(b, mx_ruleset_field_name(x->field));
        mx_buf_puts(b, ",\"pattern\":");
        cstr(b, x->pattern);
        mx_buf_putc(b, '}');
    } else {
        mx_buf_puts(b, "null");
    }
    mx_buf_puts(b, ",\"channel\":");
    mx_fmt_json_str(b, mx_timeline_string(r->tl, t->channel));
    mx_buf_puts(b, ",\"channel_check\":");
    name(b, mx_rules_channel_check_name((enum mx_channel_check)t->channel_check));
}

/* One "timelines" entry: identity, the six milestone times (null when absent), state flags,
 * then the rules' results, compliance, every source position and the anomaly names. */
static void timeline(struct mx_buf *b, const struct mx_result *r, const struct mx_buf *paths,
                     const struct mx_timeline *t, const struct mx_compliance *c) {
    mx_buf_puts(b, "{\"incident\":");
    mx_esc_json(b, mx_timeline_id(r->tl, t).p, mx_timeline_id(r->tl, t).n);
    mx_buf_puts(b, ",\"severity\":");
    name(b, mx_event_severity_name(t->severity));
    mx_buf_puts(b, ",\"service\":");
    mx_fmt_json_str(b, mx_timeline_string(r->tl, t->service));
    mx_buf_puts(b, ",\"team\":");
    mx_fmt_json_str(b, mx_timeline_string(r->tl, t->team));
    mx_buf_puts(b, ",\"title\":");
    mx_fmt_json_str(b, mx_timeline_string(r->tl, t->title));
    char *p = mx_buf_reserve(b, 512), *q = p;
    q = LIT(q, ",\"class\":");
    q = put_name(q, mx_event_class_name(t->cls));
    q = LIT(q, ",\"month\":\"");
    mx_buf_commit(b, (size_t)(q - p));
    mx_fmt_month(b, t->month);
#define KEY(s)                                                                                     \
    { s, sizeof(s) - 1 }
    static const struct {
        const char *s;
        size_t n;
    } keys[6] = {KEY("\",\"detected_at\":"), KEY(",\"started_at\":"),  KEY(",\"acknowledged_at\":"),
                 KEY(",\"mitigated_at\":"),  KEY(",\"resolved_at\":"), KEY(",\"postmortem_at\":")};
#undef KEY
    const int64_t times[6] = {t->detected_at,  t->started_at,  t->acknowledged_at,
                              t->mitigated_at, t->resolved_at, t->postmortem_at};
    p = q = mx_buf_reserve(b, 512);
    for (int k = 0; k < 6; k++) {
        memcpy(q, keys[k].s, keys[k].n);
        q = mx_fmt_json_time_to(q + keys[k].n, times[k]);
    }
    q = LIT(q, ",\"open\":");
    q = put_bool(q, t->open);
    q = LIT(q, ",\"merged\":");
    q = put_bool(q, t->merged);
    q = LIT(q, ",\"auto_resolved\":");
    q = put_bool(q, t->auto_resolved);
    q = LIT(q, ",\"reopens\":");
    q += mx_buf_u64_to(q, t->reopens);
    mx_buf_commit(b, (size_t)(q - p));
    timeline_rules(b, r, t);
    timeline_compliance(b, r, paths, t, c);
    mx_buf_puts(b, ",\"sources\":[");
    for (uint32_t i = 0; i < t->count; i++) {
        if (i) mx_buf_putc(b, ',');
        source_pos(b, r, paths, mx_timeline_entry(r->tl, t->first + i));
    }
    mx_buf_puts(b, "],\"anomalies\":[");
    int first = 1;
    for (int a = 0; a < MX_A__COUNT; a++) {
        if (!(t->anomalies & (1u << a))) continue;
        if (!first) mx_buf_putc(b, ',');
        first = 0;
        name(b, mx_timeline_anomaly_name((enum mx_anomaly)a));
    }
    mx_buf_puts(b, "]}");
}

/* "metrics": all, by_severity, and by_month keyed "YYYY-MM" with the same two inside. */
static void metrics(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "  \"metrics\": {\n    \"all\": ");
    mset_obj(b, &r->all);
    mx_buf_puts(b, ",\n    \"by_severity\": ");
    by_severity_msets(b, r->sev, "    ");
    mx_buf_puts(b, ",\n    \"by_month\": {");
    for (size_t m = 0; m < r->n_months; m++) {
        mx_buf_puts(b, m ? ",\n      \"" : "\n      \"");
        mx_fmt_month(b, r->months[m].key);
        mx_buf_puts(b, "\": {\"all\": ");
        mset_obj(b, &r->months[m].all);
        mx_buf_puts(b, ",\n        \"by_severity\": ");
        by_severity_msets(b, r->months[m].sev, "        ");
        mx_buf_putc(b, '}');
    }
    mx_buf_puts(b, r->n_months ? "\n    }\n  },\n" : "}\n  },\n");
}

static void pct_or_null(struct mx_buf *b, double v);

static void noise_obj(struct mx_buf *b, const struct mx_noise *n) {
    mx_buf_puts(b, "{\"auto_resolved\":");
    mx_buf_u64(b, n->auto_resolved);
    mx_buf_puts(b, ",\"unacknowledged\":");
    mx_buf_u64(b, n->unacknowledged);
    mx_buf_puts(b, ",\"reopened\":");
    mx_buf_u64(b, n->reopened);
    mx_buf_puts(b, ",\"flapping\":");
    mx_buf_u64(b, n->flapping);
    mx_buf_putc(b, '}');
}

/* A service's or team's name as a JSON string; "(none)" for the incidents without one. */
static void group_name(struct mx_buf *b, struct mx_str name) {
    if (name.n)
        mx_esc_json(b, name.p, name.n);
    else
        mx_buf_puts(b, "\"(none)\"");
}

/* Response statuses by name, then compliance_pct. */
static void response_counts(struct mx_buf *b, const struct mx_compliance_counts *c) {
    mx_buf_putc(b, '{');
    for (int s = 0; s < MX_CK__COUNT; s++) {
        key(b, mx_compliance_check_name((enum mx_check)s));
        mx_buf_u64(b, c->rsp[s]);
        mx_buf_putc(b, ',');
    }
    mx_buf_puts(b, "\"compliance_pct\":");
    pct_or_null(b, mx_compliance_rsp_pct(c));
    mx_buf_putc(b, '}');
}

/* "by_service" or "by_team": every group, most incidents first (as the tables). */
static void groups(struct mx_buf *b, const char *name, const struct mx_breakdown_group *g,
                   size_t n) {
    mx_buf_printf(b, "  \"%s\": {", name);
    for (size_t i = 0; i < n; i++) {
        mx_buf_puts(b, i ? ",\n    " : "\n    ");
        group_name(b, g[i].name);
        mx_buf_puts(b, ": {\"incidents\":");
        mx_buf_u64(b, g[i].incidents);
        mx_buf_puts(b, ",\"by_severity\":");
        by_severity_counts(b, g[i].by_severity);
        mx_buf_puts(b, ",\n      \"metrics\": ");
        mset_obj(b, &g[i].metrics);
        mx_buf_puts(b, ",\n      \"noise\": ");
        noise_obj(b, &g[i].noise);
        mx_buf_puts(b, ",\"response_compliance\":");
        response_counts(b, &g[i].comp);
        mx_buf_putc(b, '}');
    }
    mx_buf_puts(b, n ? "\n  },\n" : "},\n");
}

/* "noise" (all, by_month) and "recurring" (the normalised titles with most incidents). */
static void noise_and_recurring(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "  \"noise\": {\"all\":");
    noise_obj(b, &r->noise);
    mx_buf_puts(b, ",\"by_month\":{");
    for (size_t m = 0; m < r->n_months; m++) {
        mx_buf_puts(b, m ? ",\n    \"" : "\n    \"");
        mx_fmt_month(b, r->months[m].key);
        mx_buf_puts(b, "\":");
        noise_obj(b, &r->noise_months[m]);
    }
    mx_buf_puts(b, r->n_months ? "\n  }},\n  \"recurring\": [" : "}},\n  \"recurring\": [");
    for (size_t i = 0; i < r->n_recurring; i++) {
        const struct mx_recurring *x = &r->recurring[i];
        mx_buf_puts(b, i ? ",\n    {\"title\":" : "\n    {\"title\":");
        struct mx_str t = mx_intern_str(&r->titles, x->title);
        mx_esc_json(b, t.p, t.n);
        mx_buf_puts(b, ",\"incidents\":");
        mx_buf_u64(b, x->incidents);
        mx_buf_puts(b, ",\"services\":[");
        for (size_t k = 0; k < x->n_services; k++) {
            if (k) mx_buf_putc(b, ',');
            group_name(b, x->services[k]);
        }
        mx_buf_puts(b, "],\"first\":");
        mx_fmt_json_time(b, x->first);
        mx_buf_puts(b, ",\"last\":");
        mx_fmt_json_time(b, x->last);
        mx_buf_puts(b, ",\"mttr\":");
        stat_obj(b, &x->mttr, false);
        mx_buf_puts(b, ",\"total_open_s\":");
        mx_fmt_seconds(b, x->open_ms);
        mx_buf_putc(b, '}');
    }
    mx_buf_puts(b, r->n_recurring ? "\n  ],\n" : "],\n");
}

static void hours(struct mx_buf *b, int from, int to) {
    mx_buf_printf(b, "\"%02d:%02d-%02d:%02d\"", from / 60, from % 60, to / 60, to % 60);
}

/* "oncall": the bands as configured, then every person, most interruptions first. */
static void oncall(struct mx_buf *b, const struct mx_result *r) {
    const struct mx_oncall *o = &r->oncall;
    const struct mx_policy *p = r->policy;
    mx_buf_printf(b, "  \"oncall\": {\"source\":\"%s\",\"bands\":{\"business_hours\":",
                  o->from_pages ? "paged" : "acknowledged");
    hours(b, p->business_from, p->business_to);
    mx_buf_puts(b, ",\"sleep_hours\":");
    hours(b, p->sleep_from, p->sleep_to);
    mx_buf_puts(b, ",\"timezone\":");
    cstr(b, r->timezone);
    mx_buf_puts(b, "},\"pages\":");
    mx_buf_u64(b, o->pages);
    mx_buf_puts(b, ",\"pages_without_person\":");
    mx_buf_u64(b, o->pages_without_person);
    mx_buf_puts(b, ",\"people\":[");
    for (size_t i = 0; i < o->n_people; i++) {
        const struct mx_oncall_person *x = &o->people[i];
        mx_buf_puts(b, i ? ",\n    {\"name\":" : "\n    {\"name\":");
        mx_fmt_json_str(b, mx_timeline_string(r->tl, x->name));
        mx_buf_puts(b, ",\"timezone\":");
        cstr(b, mx_tz_name(x->zone));
        mx_buf_puts(b, ",\"interruptions\":{");
        for (int k = 0; k < MX_BAND__COUNT; k++) {
            if (k) mx_buf_putc(b, ',');
            key(b, mx_oncall_band_name((enum mx_band)k));
            mx_buf_u64(b, x->interruptions[k]);
        }
        mx_buf_printf(b,
                      "},\"email\":%llu,\"acknowledged\":%llu,\"incidents\":%llu,"
                      "\"commanded\":%llu}",
                      (unsigned long long)x->email, (unsigned long long)x->acknowledged,
                      (unsigned long long)x->incidents, (unsigned long long)x->commanded);
    }
    mx_buf_puts(b, o->n_people ? "\n  ]},\n" : "]},\n");
}

/* "totals", then the whole run's rejected_by_reason and warnings_by_kind. */
void mx_json_report_totals(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "  \"totals\": {\"records\":");
    mx_buf_u64(b, r->total_records);
    mx_buf_puts(b, ",\"accepted\":");
    mx_buf_u64(b, r->total.accepted);
    mx_buf_puts(b, ",\"rejected\":");
    mx_buf_u64(b, r->total_rejected);
    mx_buf_puts(b, ",\"duplicates\":");
    mx_buf_u64(b, r->total.duplicates);
    mx_buf_puts(b, ",\"after_as_of\":");
    mx_buf_u64(b, r->total.after_as_of);
    mx_buf_puts(b, ",\"damaged_inputs\":");
    mx_buf_u64(b, r->diag->failures);
    mx_buf_puts(b, "},\n  \"rejected_by_reason\": ");
    reasons(b, r->by_reason);
    mx_buf_puts(b, ",\n  \"warnings_by_kind\": ");
    warnings(b, r->by_warning);
    mx_buf_puts(b, ",\n  \"skipped_files\": [");
    for (size_t i = 0, n = 0; i < r->n_inputs; i++) {
        if (!r->inputs[i].stat->skipped) continue;
        if (n++) mx_buf_putc(b, ',');
        mx_esc_json(b, r->inputs[i].stat->path, strlen(r->inputs[i].stat->path));
    }
    mx_buf_puts(b, "],\n");
}

/* A rule's pattern, or null when the rule is not configured (nothing compiled). */
static void pattern_or_null(struct mx_buf *b, const struct mx_rule *x) {
    if (x->re)
        cstr(b, x->pattern);
    else
        mx_buf_puts(b, "null");
}

/* The config's rules and what each did. */
static void rules(struct mx_buf *b, const struct mx_result *r) {
    static const struct mx_ruleset none;
    const struct mx_ruleset *rs = r->rules ? r->rules : &none;
    mx_buf_puts(b, "  \"rules\": {\"exclude\":[");
    for (size_t i = 0; i < rs->n_exclude; i++) {
        mx_buf_puts(b, i ? ",{\"field\":" : "{\"field\":");
        cstr(b, mx_ruleset_field_name(rs->exclude[i].field));
        mx_buf_puts(b, ",\"pattern\":");
        cstr(b, rs->exclude[i].pattern);
        mx_buf_puts(b, ",\"incidents\":");
        mx_buf_u64(b, r->excluded_by[i]);
        mx_buf_putc(b, '}');
    }
    mx_buf_puts(b, "],\n    \"severity_from_title\":{\"pattern\":");
    pattern_or_null(b, &rs->from_title);
    mx_buf_puts(b, ",\"assigned\":");
    mx_buf_u64(b, r->severity_from_title);
    mx_buf_puts(b, ",\"unknown_value\":");
    mx_buf_u64(b, r->severity_from_title_unknown);
    mx_buf_puts(b, "},\n    \"service_aliases\":[");
    for (size_t i = 0; i < rs->n_alias; i++) {
        mx_buf_puts(b, i ? ",{\"service\":" : "{\"service\":");
        cstr(b, rs->alias[i].name);
        mx_buf_puts(b, ",\"pattern\":");
        cstr(b, rs->alias[i].pattern);
        mx_buf_puts(b, ",\"incidents\":");
        mx_buf_u64(b, r->aliased_by[i]);
        mx_buf_putc(b, '}');
    }
    mx_buf_puts(b, "],\"limit_hits\":");
    mx_buf_u64(b, r->rule_limit_hits);
    mx_buf_puts(b, "},\n");
}

/* "incidents" counts, then the "anomalies" counts and "rules". */
static void incidents(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "  \"incidents\": {\"total\":");
    mx_buf_u64(b, r->incidents);
    mx_buf_puts(b, ",\"open\":");
    mx_buf_u64(b, r->open);
    mx_buf_puts(b, ",\"merged\":");
    mx_buf_u64(b, r->merged);
    mx_buf_puts(b, ",\"auto_resolved\":");
    mx_buf_u64(b, r->auto_resolved);
    mx_buf_puts(b, ",\"reopened\":");
    mx_buf_u64(b, r->reopened);
    mx_buf_puts(b, ",\"outside_window\":");
    mx_buf_u64(b, r->out_of_window);
    mx_buf_puts(b, ",\"filtered\":");
    mx_buf_u64(b, r->filtered);
    mx_buf_puts(b, ",\"excluded\":");
    mx_buf_u64(b, r->excluded);
    mx_buf_puts(b, ",\n    \"by_severity\":");
    by_severity_counts(b, r->by_severity);
    mx_buf_puts(b, ",\n    \"open_by_severity\":");
    by_severity_counts(b, r->open_by_severity);
    mx_buf_puts(b, "},\n  \"anomalies\": {");
    for (int a = 0; a < MX_A__COUNT; a++) {
        if (a) mx_buf_putc(b, ',');
        key(b, mx_timeline_anomaly_name((enum mx_anomaly)a));
        mx_buf_u64(b, r->anomalies[a]);
    }
    mx_buf_puts(b, "},\n");
    rules(b, r);
}

/* Every input's path escaped for a JSON string's body, once for all the sources; the
 * caller frees each and the array. */
static struct mx_buf *escaped_paths(const struct mx_result *r) {
    struct mx_buf *paths = mx_mem_calloc(r->n_inputs ? r->n_inputs : 1, sizeof *paths);
    for (size_t i = 0; i < r->n_inputs; i++) {
        const char *p = r->inputs[i].stat->path;
        mx_esc_json_body(&paths[i], p, strlen(p));
    }
    return paths;
}

static void free_paths(const struct mx_result *r, struct mx_buf *paths) {
    for (size_t i = 0; i < r->n_inputs; i++) mx_buf_free(&paths[i]);
    free(paths);
}

struct tl_job {
    const struct mx_result *r;
    const struct mx_buf *paths;
};

static void timelines_chunk(struct mx_buf *b, size_t lo, size_t hi, void *ctx) {
    const struct tl_job *j = ctx;
    for (size_t i = lo; i < hi; i++) {
        const struct mx_timeline *t = mx_timeline_get(j->r->tl, i);
        if (!t->in_window) continue;
        timeline(b, j->r, j->paths, t, &j->r->comp[i]);
        mx_buf_putc(b, '\n');
    }
}

/* Chunks of about CHUNK_BYTES of output, as estimated: each source as the longest input
 * path and 24 bytes more (quotes, line, index, comma), an incident's texts unescaped and
 * 1 KiB for its other keys. An incident estimated above that alone is a chunk of its
 * own, written straight to the file. The estimate only bounds the memory chunks take
 * (parallel.c keeps no slot buffer above 4 MiB): the bytes are the same either way. */
#define CHUNK_BYTES ((size_t)256 << 10)

static size_t estimate(const struct mx_timelines *tl, const struct mx_timeline *t, size_t source) {
    size_t n = 1024 + mx_timeline_id(tl, t).n + mx_timeline_string(tl, t->service).n +
               mx_timeline_string(tl, t->team).n + mx_timeline_string(tl, t->title).n +
               mx_timeline_string(tl, t->channel).n + mx_timeline_string(tl, t->service_data).n;
    return n + ((size_t)t->count + MX_MS__COUNT) * source;
}

void mx_json_report_timelines(struct mx_buf *b, const struct mx_result *r, int threads) {
    mx_json_report_timelines_in(b, r, threads, CHUNK_BYTES);
}

void mx_json_report_timelines_in(struct mx_buf *b, const struct mx_result *r, int threads,
                                 size_t chunk_bytes) {
    struct mx_buf *paths = escaped_paths(r);
    struct tl_job job = {r, paths};
    size_t n = mx_timeline_count(r->tl), n_chunks = 0, weight = 0, source = 0;
    for (size_t i = 0; i < r->n_inputs; i++)
        if (paths[i].n > source) source = paths[i].n;
    source += 24;
    size_t *bounds = mx_mem_calloc(n + 1, sizeof *bounds);
    unsigned char *direct = mx_mem_calloc(n + 1, 1);
    for (size_t i = 0; i < n; i++) {
        const struct mx_timeline *t = mx_timeline_get(r->tl, i);
        size_t w = t->in_window ? estimate(r->tl, t, source) : 0;
        if (w > chunk_bytes || (weight && weight + w > chunk_bytes)) { /* close the chunk */
            if (i > bounds[n_chunks]) bounds[++n_chunks] = i;
            weight = 0;
        }
        if (w > chunk_bytes) {
            direct[n_chunks] = 1;
            bounds[++n_chunks] = i + 1;
            continue;
        }
        weight += w;
    }
    if (n > bounds[n_chunks]) bounds[++n_chunks] = n;
    mx_parallel_format(b, bounds, direct, n_chunks, threads, timelines_chunk, &job);
    free(bounds);
    free(direct);
    free_paths(r, paths);
}

/* "timelines": how many incidents timelines.jsonl holds and its name beside report.json
 * (null when this run did not write it). The last key: it closes the document. */
static void timelines(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "  \"timelines\": {\"count\":");
    mx_buf_u64(b, r->incidents + r->merged + r->excluded);
    mx_buf_puts(b, ",\"file\":");
    cstr(b, r->timelines_file);
    mx_buf_puts(b, "}\n}\n");
}

/* A share with one decimal, or null when nothing was due (v < 0). */
static void pct_or_null(struct mx_buf *b, double v) {
    if (v < 0)
        mx_buf_puts(b, "null");
    else
        mx_buf_printf(b, "%.1f", v);
}

/* Compliance counts: every status by name, then compliance_pct, for postmortems and
 * responses. */
static void counts(struct mx_buf *b, const struct mx_compliance_counts *c) {
    mx_buf_puts(b, "{\"postmortem\":{");
    for (int s = 0; s < MX_PM__COUNT; s++) {
        key(b, mx_compliance_pm_status_name((enum mx_pm_status)s));
        mx_buf_u64(b, c->pm[s]);
        mx_buf_putc(b, ',');
    }
    mx_buf_puts(b, "\"compliance_pct\":");
    pct_or_null(b, mx_compliance_pm_pct(c));
    mx_buf_puts(b, "},\"response\":");
    response_counts(b, c);
    mx_buf_putc(b, '}');
}

/* Escapes every input's path for one timeline: fine for its one caller, mttx timeline. */
void mx_json_report_timeline(struct mx_buf *b, const struct mx_result *r, size_t i) {
    struct mx_buf *paths = escaped_paths(r);
    timeline(b, r, paths, mx_timeline_get(r->tl, i), &r->comp[i]);
    free_paths(r, paths);
}

/* "compliance": all, regulator, status updates, war rooms, channel naming (pattern null when
 * not checked), anti-patterns, then by_month with an all cell and one per severity. */
static void compliance(struct mx_buf *b, const struct mx_result *r) {
    const struct mx_compliance_summary *s = &r->compliance;
    mx_buf_puts(b, "  \"compliance\": {\n    \"all\": ");
    counts(b, &s->all);
    mx_buf_puts(b, ",\n    \"regulator\": {");
    for (int k = 0; k < MX_CK__COUNT; k++) {
        if (k) mx_buf_putc(b, ',');
        key(b, mx_compliance_check_name((enum mx_check)k));
        mx_buf_u64(b, s->reg[k]);
    }
    boolean(b, "},\n    \"status_updates\": {\"measured\":", s->cadence_measured);
    mx_buf_puts(b, ",\"incidents\":");
    mx_buf_u64(b, s->cadence_incidents);
    mx_buf_puts(b, ",\"breaches\":");
    mx_buf_u64(b, s->cadence_breaches);
    boolean(b, "},\n    \"war_room\": {\"measured\":", s->war_room_measured);
    mx_buf_puts(b, ",\"required\":");
    mx_buf_u64(b, s->war_room_required);
    mx_buf_puts(b, ",\"missing\":");
    mx_buf_u64(b, s->war_room_missing);
    mx_buf_puts(b, "},\n    \"channel\": {\"pattern\":");
    if (s->channel_checked)
        cstr(b, r->rules->channel.pattern);
    else
        mx_buf_puts(b, "null");
    for (int k = MX_CHAN_FOLLOWS; k < MX_CHAN__COUNT; k++) {
        mx_buf_putc(b, ',');
        key(b, mx_rules_channel_check_name((enum mx_channel_check)k));
        mx_buf_u64(b, s->channel[k]);
    }
    mx_buf_puts(b, "},\n    \"anti_patterns\": {\"unassigned_severity\":");
    mx_buf_u64(b, s->unassigned);
    mx_buf_puts(b, ",\"sev1_2_without_postmortem\":");
    mx_buf_u64(b, s->sev12_without_postmortem);
    mx_buf_puts(b, "},\n    \"by_month\": {");
    for (size_t m = 0; m < r->n_months; m++) {
        mx_buf_puts(b, m ? ",\n      \"" : "\n      \"");
        mx_fmt_month(b, r->months[m].key);
        mx_buf_puts(b, "\": {\"all\": ");
        counts(b, &r->cells[m * 6 + 5]);
        mx_buf_puts(b, ",\n        \"by_severity\": {");
        for (int i = 0; i < MX_SEV__COUNT; i++) {
            mx_buf_puts(b, i ? ",\n          " : "\n          ");
            key(b, mx_event_severity_name(SEV_ORDER[i]));
            counts(b, &r->cells[m * 6 + SEV_ORDER[i]]);
        }
        mx_buf_puts(b, "}}");
    }
    mx_buf_puts(b, r->n_months ? "\n    }\n  },\n" : "}\n  },\n");
}

/* A JSON number of 9 significant digits, or null. */
static void num_or_null(struct mx_buf *b, bool has, double v) {
    if (has)
        mx_fmt_json_num(b, v);
    else
        mx_buf_puts(b, "null");
}

static void count_test(struct mx_buf *b, const struct mx_count_test *t) {
    mx_buf_puts(b, "{\"current\":");
    mx_buf_u64(b, t->current);
    mx_buf_puts(b, ",\"previous\":");
    mx_buf_u64(b, t->previous);
    mx_buf_puts(b, ",\"p\":");
    num_or_null(b, t->has_p, t->p);
    mx_buf_printf(b, ",\"verdict\":\"%s\"}", mx_trend_verdict_key(t->verdict));
}

static void shift_test(struct mx_buf *b, const struct mx_shift_test *t) {
    mx_buf_puts(b, "{\"current_n\":");
    mx_buf_u64(b, t->current_n);
    mx_buf_puts(b, ",\"previous_n\":");
    mx_buf_u64(b, t->previous_n);
    mx_buf_puts(b, ",\"p\":");
    num_or_null(b, t->has_p, t->p);
    mx_buf_puts(b, ",\"shift_s\":");
    if (t->has_p)
        mx_fmt_seconds(b, t->shift);
    else
        mx_buf_puts(b, "null");
    mx_buf_printf(b, ",\"verdict\":\"%s\"}", mx_trend_verdict_key(t->verdict));
}

/* "comparison" (the last complete month against the one before) and "partial_month". */
static void comparison(struct mx_buf *b, const struct mx_result *r) {
    const struct mx_comparison *c = &r->comparison;
    mx_buf_puts(b, "  \"comparison\": ");
    if (!c->present) {
        mx_buf_puts(b, "null");
    } else {
        mx_buf_puts(b, "{\"current\":\"");
        mx_fmt_month(b, c->current);
        mx_buf_puts(b, "\",\"previous\":\"");
        mx_fmt_month(b, c->previous);
        mx_buf_puts(b, "\",\"current_days\":");
        mx_fmt_json_num(b, c->current_days);
        mx_buf_puts(b, ",\"previous_days\":");
        mx_fmt_json_num(b, c->previous_days);
        mx_buf_puts(b, ",\n    \"incidents\":");
        count_test(b, &c->all.incidents);
        mx_buf_puts(b, ",\n    \"by_severity\":{");
        for (int i = 0; i < MX_SEV__COUNT; i++) {
            const struct mx_comparison_group *g = &c->sev[SEV_ORDER[i]];
            mx_buf_printf(b, "%s\n      ", i ? "," : "");
            key(b, mx_event_severity_name(SEV_ORDER[i]));
            mx_buf_puts(b, "{\"incidents\":");
            count_test(b, &g->incidents);
            mx_buf_puts(b, ",\"mtta\":");
            shift_test(b, &g->mtta);
            mx_buf_puts(b, ",\"mttr\":");
            shift_test(b, &g->mttr);
            mx_buf_putc(b, '}');
        }
        mx_buf_puts(b, "},\n    \"all\":{\"mtta\":");
        shift_test(b, &c->all.mtta);
        mx_buf_puts(b, ",\"mttr\":");
        shift_test(b, &c->all.mttr);
        mx_buf_puts(b, "}}");
    }
    mx_buf_puts(b, ",\n  \"partial_month\": ");
    if (!r->partial.present) {
        mx_buf_puts(b, "null");
    } else {
        mx_buf_puts(b, "{\"month\":\"");
        mx_fmt_month(b, r->partial.month);
        mx_buf_puts(b, "\",\"days\":");
        mx_fmt_json_num(b, r->partial.days);
        mx_buf_puts(b, ",\"of_days\":");
        mx_fmt_json_num(b, r->partial.of_days);
        mx_buf_putc(b, '}');
    }
    mx_buf_puts(b, ",\n");
}

static void rate(struct mx_buf *b, const struct mx_rate *r) {
    mx_buf_puts(b, "{\"incidents\":");
    mx_buf_u64(b, r->incidents);
    mx_buf_puts(b, ",\"per_30d\":");
    mx_fmt_json_num(b, r->per_30d);
    mx_buf_puts(b, ",\"ci95\":[");
    mx_fmt_json_num(b, r->lo);
    mx_buf_putc(b, ',');
    mx_fmt_json_num(b, r->hi);
    mx_buf_puts(b, "]}");
}

/* "rates": incidents per 30 days over the window, with exact Poisson intervals. */
static void rates(struct mx_buf *b, const struct mx_result *r) {
    const struct mx_rates *x = &r->rates;
    mx_buf_puts(b, "  \"rates\": ");
    if (!x->present) {
        mx_buf_puts(b, "null,\n");
        return;
    }
    mx_buf_puts(b, "{\"days\":");
    mx_fmt_json_num(b, x->days);
    mx_buf_puts(b, ",\"all\":");
    rate(b, &x->all);
    mx_buf_puts(b, ",\"by_severity\":{");
    for (int i = 0; i < MX_SEV__COUNT; i++) {
        if (i) mx_buf_putc(b, ',');
        key(b, mx_event_severity_name(SEV_ORDER[i]));
        rate(b, &x->sev[SEV_ORDER[i]]);
    }
    mx_buf_puts(b, "}},\n");
}

static void target_cell(struct mx_buf *b, const struct mx_target_cell *c) {
    mx_buf_puts(b, "{\"n\":");
    mx_buf_u64(b, c->n);
    mx_buf_puts(b, ",\"within\":");
    mx_buf_u64(b, c->within);
    mx_buf_puts(b, ",\"share\":");
    num_or_null(b, c->n > 0, c->n ? (double)c->within / (double)c->n : 0);
    mx_buf_puts(b, ",\"median_s\":");
    if (c->n)
        mx_fmt_seconds(b, c->median);
    else
        mx_buf_puts(b, "null");
    mx_buf_printf(b, ",\"verdict\":\"%s\"}", mx_result_target_verdict(c->verdict));
}

/* "targets": each metric target, over the whole period and per month. */
static void targets(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "  \"targets\": [");
    for (size_t k = 0; k < r->n_targets; k++) {
        const struct mx_target_eval *e = &r->targets[k];
        mx_buf_printf(b, "%s\n    {\"metric\":\"%s\",\"severity\":", k ? "," : "",
                      mx_policy_metric_name(e->metric));
        if (e->sev == MX_TARGET_ALL)
            mx_buf_puts(b, "null");
        else
            mx_buf_printf(b, "\"%s\"", mx_event_severity_name((enum mx_severity)e->sev));
        mx_buf_puts(b, ",\"target_s\":");
        mx_fmt_seconds(b, e->limit_ms);
        mx_buf_puts(b, ",\"whole_period\":");
        target_cell(b, &e->whole);
        mx_buf_puts(b, ",\"by_month\":{");
        for (size_t m = 0; m < r->n_months; m++) {
            mx_buf_puts(b, m ? ",\n      \"" : "\n      \"");
            mx_fmt_month(b, r->months[m].key);
            mx_buf_puts(b, "\":");
            target_cell(b, &e->months[m]);
        }
        mx_buf_puts(b, r->n_months ? "\n    }}" : "}}");
    }
    mx_buf_puts(b, r->n_targets ? "\n  ],\n" : "],\n");
}

void mx_json_report_provenance(struct mx_buf *b, const struct mx_result *r) {
    const struct mx_provenance *p = r->prov;
    mx_buf_puts(b, "  \"mttx\": {\"version\":");
    cstr(b, p ? p->version : NULL);
    mx_buf_puts(b, ",\"command\":[");
    for (int i = 0; p && i < p->argc; i++) {
        if (i) mx_buf_putc(b, ',');
        cstr(b, p->argv[i]);
    }
    mx_buf_puts(b, "]},\n  \"as_of\": ");
    mx_fmt_json_time(b, r->as_of);
    mx_buf_puts(b, ",\n  \"timezone\": ");
    cstr(b, r->timezone);
    mx_buf_puts(b, ",\n  \"window\": {\"from\":");
    mx_fmt_json_time(b, r->from);
    mx_buf_puts(b, ",\"to\":");
    mx_fmt_json_time(b, r->to);
    mx_buf_puts(b, ",\"as_of\":");
    mx_fmt_json_time(b, r->as_of);
    mx_buf_puts(b, ",\"as_of_source\":");
    cstr(b, p ? p->as_of_source : NULL);
    mx_buf_puts(b, "},\n  \"config\": ");
    if (p && p->config_path) {
        mx_buf_puts(b, "{\"path\":");
        cstr(b, p->config_path);
        mx_buf_puts(b, ",\"sha256\":");
        cstr(b, p->config_sha256[0] ? p->config_sha256 : NULL);
        mx_buf_putc(b, '}');
    } else {
        mx_buf_puts(b, "null");
    }
    mx_buf_puts(b, ",\n");
}

void mx_json_report_write(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "{\n  \"schema\": \"mttx-report/3\",\n");
    mx_json_report_provenance(b, r);
    mx_buf_puts(b, "  \"filters\": {\"service\":[");
    for (size_t i = 0; r->rules && i < r->rules->n_service_globs; i++) {
        if (i) mx_buf_putc(b, ',');
        cstr(b, r->rules->service_globs[i]);
    }
    mx_buf_puts(b, "],\"team\":[");
    for (size_t i = 0; r->rules && i < r->rules->n_team_globs; i++) {
        if (i) mx_buf_putc(b, ',');
        cstr(b, r->rules->team_globs[i]);
    }
    mx_buf_printf(b, "]},\n  \"anonymized\": %s", r->anonymize ? "{\"people\":" : "null");
    if (r->anonymize) mx_buf_printf(b, "%llu}", (unsigned long long)r->anonymized);
    boolean(b, ",\n  \"months_sparse\": ", r->months_sparse);
    mx_buf_puts(b, ",\n");
    mx_json_report_inputs(b, r);
    mx_json_report_totals(b, r);
    mx_json_report_rejections(b, r);
    incidents(b, r);
    metrics(b, r);
    groups(b, "by_service", r->services, r->n_services);
    groups(b, "by_team", r->teams, r->n_teams);
    noise_and_recurring(b, r);
    oncall(b, r);
    comparison(b, r);
    rates(b, r);
    targets(b, r);
    compliance(b, r);
    timelines(b, r);
}

void mx_json_report_check(struct mx_buf *b, const struct mx_result *r) {
    mx_buf_puts(b, "{\n  \"schema\": \"mttx-check/1\",\n");
    mx_json_report_inputs(b, r);
    mx_json_report_totals(b, r);
    mx_json_report_rejections(b, r);
    /* each piece ends its last key with ",\n": the document closes after a last one */
    mx_buf_printf(b, "  \"ok\": %s\n}\n",
                  r->total.accepted && !r->diag->failures ? "true" : "false");
}
