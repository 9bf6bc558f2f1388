/*
 * native.c - the native schema (see native.h, docs/spec.md#native-events). The object is walked
 * once; each known key is dispatched by name; the first occurrence of a repeated key
 * wins.
 */
#include "parsers/native.h"

#include <stdio.h>
#include <string.h>

#include "parsers/jfield.h"

enum field {
    F_TIME,
    F_INCIDENT,
    F_EVENT,
    F_SEVERITY,
    F_CLASS,
    F_AUTO,
    F_SERVICE,
    F_TEAM,
    F_TITLE,
    F_ACTOR,
    F_COMMANDER,
    F_CHANNEL,
    F_URL,
    F_NOTE,
    F_INTO,
    F_VIA,
    F__COUNT
};

static const char *const field_names[F__COUNT] = {
    "time",  "incident", "event",     "severity", "class", "auto", "service", "team",
    "title", "actor",    "commander", "channel",  "url",   "note", "into",    "via",
};

static const unsigned char field_lens[F__COUNT] = {4, 8, 5, 8, 5, 4, 7, 4, 5, 5, 9, 7, 3, 4, 4, 3};

static int field_of(const char *k, size_t n) {
    if (n < 3 || n > 9) return -1;
    for (int f = 0; f < F__COUNT; f++)
        if (field_lens[f] == n && k[0] == field_names[f][0] && memcmp(field_names[f], k, n) == 0)
            return f;
    return -1;
}

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

static bool read_required(struct mx_record *r, const struct mx_jval *f, const bool *seen,
                          struct mx_event *ev) {
    static const int req[3] = {F_TIME, F_INCIDENT, F_EVENT};
    if (!seen[F_TIME] && !seen[F_INCIDENT] && !seen[F_EVENT])
        return mx_record_reject(r, MX_R_MISSING_FIELD,
                                "not an event: no 'time', 'incident' or 'event' field, and not a "
                                "PagerDuty log entry, incident or webhook");
    for (int k = 0; k < 3; k++)
        if (!seen[req[k]] || mx_json_simd_type(&f[req[k]]) == MX_J_NULL)
            return mx_record_reject(r, MX_R_MISSING_FIELD, "missing required field '%s'",
                                    field_names[req[k]]);
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

static void read_optional(struct mx_record *r, const struct mx_jval *f, const bool *seen,
                          struct mx_event *ev) {
    if (seen[F_SEVERITY]) read_severity(r, &f[F_SEVERITY], ev);
    if (seen[F_CLASS] && mx_json_simd_type(&f[F_CLASS]) != MX_J_NULL) {
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
    if (seen[F_AUTO]) {
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
        if (seen[k]) opt_string(r, &f[k], strs[k - F_SERVICE], field_names[k]);
    if (seen[F_INTO] && mx_json_simd_type(&f[F_INTO]) != MX_J_NULL) {
        int64_t i;
        if (mx_json_simd_type(&f[F_INTO]) == MX_J_INT && mx_json_simd_int64(&f[F_INTO], &i))
            ev->into = mx_record_int(r, i);
        else
            opt_string(r, &f[F_INTO], &ev->into, "into");
    }
    if (seen[F_VIA]) {
        struct mx_str v = {NULL, 0};
        opt_string(r, &f[F_VIA], &v, "via");
        mx_record_via(r, v, ev);
    }
}

bool mx_native_record(struct mx_record *r, const struct mx_jval *obj) {
    struct mx_jval f[F__COUNT];
    bool seen[F__COUNT] = {false};
    struct mx_jiter it;
    const char *key;
    size_t klen;
    struct mx_jval v;
    mx_json_simd_object_begin(obj, &it);
    while (mx_json_simd_object_next(&it, &key, &klen, &v)) {
        int k = field_of(key, klen);
        if (k >= 0 && !seen[k]) {
            seen[k] = true;
            f[k] = v;
        }
    }
    struct mx_event ev;
    mx_record_blank(r, &ev);
    if (!read_required(r, f, seen, &ev)) return false;
    read_optional(r, f, seen, &ev);
    mx_record_event(r, &ev);
    return true;
}
