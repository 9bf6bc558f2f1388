/*
 * native.c - the native schema (see native.h, docs/spec.md#native-events). The object is walked
 * once; each known key is dispatched by name; the first occurrence of a repeated key
 * wins.
 */
#include "parsers/native.h"

#include <stdio.h>
#include <string.h>

#include "parsers/jfield.h"

/* The native fields are the first keys of enum mx_jkey (jfield.h), in this order. */
enum field {
    F_TIME = MX_JK_TIME,
    F_INCIDENT = MX_JK_INCIDENT,
    F_EVENT = MX_JK_EVENT,
    F_SEVERITY = MX_JK_SEVERITY,
    F_CLASS = MX_JK_CLASS,
    F_AUTO = MX_JK_AUTO,
    F_SERVICE = MX_JK_SERVICE,
    F_TEAM = MX_JK_TEAM,
    F_TITLE = MX_JK_TITLE,
    F_ACTOR = MX_JK_ACTOR,
    F_COMMANDER = MX_JK_COMMANDER,
    F_CHANNEL = MX_JK_CHANNEL,
    F_URL = MX_JK_URL,
    F_NOTE = MX_JK_NOTE,
    F_INTO = MX_JK_INTO,
    F_VIA = MX_JK_VIA
};

/* An optional string field: a string is taken, null is absent, anything else warns. */
static void opt_string(struct mx_record *r, const struct mx_jval *v, struct mx_str *out,
                       const char *name) {
    enum mx_jtype t = mx_json_simd_type(v);
    if (t == MX_J_STRING)
        mx_json_simd_string(v, &out->p, &out->n);
    else if (t != MX_J_NULL)
        mx_record_warn(r, MX_W_IGNORED_FIELD, "field '%s': expected a string, got %s (ignored)",
                       name, mx_jfield_type_word(t));
}

#define SEEN(k) (o->seen >> (k)&1u)

static bool read_required(struct mx_record *r, const struct mx_jobj *o, struct mx_event *ev) {
    const struct mx_jval *f = o->v;
    static const int req[3] = {F_TIME, F_INCIDENT, F_EVENT};
    if (!SEEN(F_TIME) && !SEEN(F_INCIDENT) && !SEEN(F_EVENT))
        return mx_record_reject(r, MX_R_MISSING_FIELD,
                                "not an event: no 'time', 'incident' or 'event' field, and no "
                                "object of PagerDuty, Opsgenie, incident.io, FireHydrant, "
                                "Rootly or Grafana OnCall");
    for (int k = 0; k < 3; k++)
        if (!SEEN(req[k]) || o->t[req[k]] == MX_J_NULL)
            return mx_record_reject(r, MX_R_MISSING_FIELD, "missing required field '%s'",
                                    mx_jfield_key_name((enum mx_jkey)req[k]));
    if (!mx_jfield_time(r, &f[F_TIME], "time", &ev->time_ms)) return false;
    if (!mx_jfield_id(r, &f[F_INCIDENT], "incident", &ev->incident)) return false;
    const char *s;
    size_t n;
    if (!mx_json_simd_string(&f[F_EVENT], &s, &n))
        return mx_record_reject(r, MX_R_BAD_FIELD, "field 'event': expected a string, got %s",
                                mx_jfield_type_word(mx_json_simd_type(&f[F_EVENT])));
    if (n == 0) return mx_record_reject(r, MX_R_MISSING_FIELD, "field 'event' is empty");
    if (!mx_event_type_parse(s, n, &ev->type)) {
        char ex[200];
        mx_diag_excerpt(ex, sizeof ex, s, n);
        ev->type = MX_EV_NOTE;
        ev->type_name.p = s;
        ev->type_name.n = n;
        mx_record_warn(r, MX_W_UNKNOWN_EVENT, "unknown event type %s (kept as a note)", ex);
    }
    return true;
}

static void read_severity(struct mx_record *r, const struct mx_jval *v, struct mx_event *ev) {
    enum mx_jtype t = mx_json_simd_type(v);
    struct mx_str s = {NULL, 0};
    int64_t i;
    if (t == MX_J_NULL) return;
    if (t == MX_J_STRING)
        mx_json_simd_string(v, &s.p, &s.n);
    else if (t == MX_J_INT && mx_json_simd_int64(v, &i))
        s = mx_record_int(r, i);
    if (s.p && mx_sevmap_lookup(r->sevmap, s.p, s.n, &ev->severity)) return;
    char ex[200];
    if (s.p)
        mx_diag_excerpt(ex, sizeof ex, s.p, s.n);
    else
        snprintf(ex, sizeof ex, "%s", mx_jfield_type_word(t));
    mx_record_warn(r, MX_W_UNKNOWN_SEVERITY, "unknown severity %s (ignored)", ex);
}

static void read_optional(struct mx_record *r, const struct mx_jobj *o, struct mx_event *ev) {
    const struct mx_jval *f = o->v;
    if (SEEN(F_SEVERITY)) read_severity(r, &f[F_SEVERITY], ev);
    if (SEEN(F_CLASS) && o->t[F_CLASS] != MX_J_NULL) {
        const char *s;
        size_t n;
        if (mx_json_simd_string(&f[F_CLASS], &s, &n) && mx_event_class_parse(s, n, &ev->cls)) {
            ev->has_class = true;
        } else {
            char ex[200] = "a non-string";
            if (mx_json_simd_string(&f[F_CLASS], &s, &n)) mx_diag_excerpt(ex, sizeof ex, s, n);
            mx_record_warn(
                r, MX_W_IGNORED_FIELD,
                "field 'class': expected availability, security or data, got %s (ignored)", ex);
        }
    }
    if (SEEN(F_AUTO)) {
        bool b;
        if (mx_json_simd_bool(&f[F_AUTO], &b))
            ev->auto_resolved = b && ev->type == MX_EV_RESOLVED;
        else if (mx_json_simd_type(&f[F_AUTO]) != MX_J_NULL)
            mx_record_warn(r, MX_W_IGNORED_FIELD,
                           "field 'auto': expected a boolean, got %s (ignored)",
                           mx_jfield_type_word(mx_json_simd_type(&f[F_AUTO])));
    }
    struct mx_str *strs[] = {&ev->service,   &ev->team,    &ev->title, &ev->actor,
                             &ev->commander, &ev->channel, &ev->url,   &ev->note};
    for (int k = F_SERVICE; k <= F_NOTE; k++)
        if (SEEN(k)) opt_string(r, &f[k], strs[k - F_SERVICE], mx_jfield_key_name((enum mx_jkey)k));
    if (SEEN(F_INTO) && o->t[F_INTO] != MX_J_NULL) {
        int64_t i;
        if (mx_json_simd_type(&f[F_INTO]) == MX_J_INT && mx_json_simd_int64(&f[F_INTO], &i))
            ev->into = mx_record_int(r, i);
        else
            opt_string(r, &f[F_INTO], &ev->into, "into");
    }
    if (SEEN(F_VIA)) {
        struct mx_str v = {NULL, 0};
        opt_string(r, &f[F_VIA], &v, "via");
        mx_record_via(r, v, ev);
    }
}

bool mx_native_record(struct mx_record *r, const struct mx_jval *obj) {
    struct mx_jobj o;
    mx_jfield_collect(obj, &o);
    return mx_native_record_of(r, &o);
}

bool mx_native_record_of(struct mx_record *r, const struct mx_jobj *o) {
    struct mx_event ev;
    mx_record_blank(r, &ev);
    if (!read_required(r, o, &ev)) return false;
    read_optional(r, o, &ev);
    mx_record_event(r, &ev);
    return true;
}
