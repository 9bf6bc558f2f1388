/*
 * native.c - the native JSON-lines schema (see native.h, SPEC section 3). The object
 * is walked once; each known key is dispatched by name; the first occurrence of a
 * repeated key wins.
 */
#include "parsers/native.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "parsers/timeparse.h"

static const char *type_word(enum mx_jtype t) {
    switch (t) {
    case MX_J_NULL: return "null";
    case MX_J_BOOL: return "a boolean";
    case MX_J_INT:
    case MX_J_UINT:
    case MX_J_DOUBLE: return "a number";
    case MX_J_STRING: return "a string";
    case MX_J_ARRAY: return "an array";
    case MX_J_OBJECT: return "an object";
    }
    return "a value";
}

__attribute__((format(printf, 3, 4))) static bool reject(struct mx_native_result *res,
                                                         enum mx_reason r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    res->rejected = true;
    res->reason = r;
    vsnprintf(res->message, sizeof res->message, fmt, ap);
    va_end(ap);
    return false;
}

__attribute__((format(printf, 3, 4))) static void warn(struct mx_native_result *res,
                                                       enum mx_warning w, const char *fmt, ...) {
    if (res->n_warn >= MX_NATIVE_MAX_WARN) return;
    va_list ap;
    va_start(ap, fmt);
    res->warn[res->n_warn] = w;
    vsnprintf(res->warn_msg[res->n_warn], sizeof res->warn_msg[0], fmt, ap);
    va_end(ap);
    res->n_warn++;
}

const char *mx_native_time(const struct mx_jval *v, const struct mx_zone *zone, int64_t *ms,
                           bool *no_zone) {
    *no_zone = false;
    int64_t i;
    double d;
    const char *s;
    size_t n;
    switch (mx_json_type(v)) {
    case MX_J_INT: mx_json_int64(v, &i); return mx_time_from_epoch(i, ms);
    case MX_J_DOUBLE:
        mx_json_double(v, &d);
        if (!(d >= 0 && d < 1e11)) return "fractional epoch time must be seconds";
        *ms = (int64_t)(d * 1000.0);
        return NULL;
    case MX_J_STRING: {
        mx_json_string(v, &s, &n);
        if (n > 0 && n <= 19 && strspn(s, "0123456789") >= n) {
            i = 0;
            for (size_t k = 0; k < n; k++) i = i * 10 + (s[k] - '0');
            return mx_time_from_epoch(i, ms);
        }
        bool has_zone;
        const char *why = mx_time_parse(s, n, ms, &has_zone);
        if (why) return why;
        if (!has_zone) {
            *no_zone = true;
            return mx_zone_to_utc(zone, *ms, ms);
        }
        return NULL;
    }
    default: return "expected RFC 3339 timestamp or epoch number";
    }
}

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
    F__COUNT
};

static const char *const field_names[F__COUNT] = {
    "time",  "incident", "event",     "severity", "class", "auto", "service", "team",
    "title", "actor",    "commander", "channel",  "url",   "note", "into",
};

static const unsigned char field_lens[F__COUNT] = {4, 8, 5, 8, 5, 4, 7, 4, 5, 5, 9, 7, 3, 4, 4};

static int field_of(const char *k, size_t n) {
    if (n < 3 || n > 9) return -1;
    for (int f = 0; f < F__COUNT; f++)
        if (field_lens[f] == n && k[0] == field_names[f][0] && memcmp(field_names[f], k, n) == 0)
            return f;
    return -1;
}

/* An optional string field: a string is taken, null is absent, anything else warns. */
static void opt_string(const struct mx_jval *v, struct mx_str *out, const char *name,
                       struct mx_native_result *res) {
    enum mx_jtype t = mx_json_type(v);
    if (t == MX_J_STRING) {
        mx_json_string(v, &out->p, &out->n);
    } else if (t != MX_J_NULL) {
        warn(res, MX_W_IGNORED_FIELD, "field '%s': expected a string, got %s (ignored)", name,
             type_word(t));
    }
}

/* incident: a non-empty string or an integer (1042 and "1042" are one incident). */
static bool read_incident(const struct mx_jval *v, struct mx_str *out, struct mx_native_result *res,
                          const char *name) {
    enum mx_jtype t = mx_json_type(v);
    if (t == MX_J_STRING) {
        mx_json_string(v, &out->p, &out->n);
        if (out->n == 0) return reject(res, MX_R_MISSING_FIELD, "field '%s' is empty", name);
        return true;
    }
    int64_t i;
    if (t == MX_J_INT && mx_json_int64(v, &i)) {
        int k = snprintf(res->incident_buf, sizeof res->incident_buf, "%lld", (long long)i);
        out->p = res->incident_buf;
        out->n = (size_t)k;
        return true;
    }
    return reject(res, MX_R_BAD_FIELD, "field '%s': expected a string or integer, got %s", name,
                  type_word(t));
}

static bool read_required(struct mx_jval *f, bool *seen, const struct mx_zone *zone,
                          struct mx_event *ev, struct mx_native_result *res) {
    static const int req[3] = {F_TIME, F_INCIDENT, F_EVENT};
    for (int k = 0; k < 3; k++)
        if (!seen[req[k]] || mx_json_type(&f[req[k]]) == MX_J_NULL)
            return reject(res, MX_R_MISSING_FIELD, "missing required field '%s'",
                          field_names[req[k]]);
    bool no_zone;
    const char *why = mx_native_time(&f[F_TIME], zone, &ev->time_ms, &no_zone);
    if (why) {
        char ex[200] = "";
        if (mx_json_type(&f[F_TIME]) == MX_J_STRING) {
            const char *s;
            size_t n;
            mx_json_string(&f[F_TIME], &s, &n);
            mx_excerpt(ex, sizeof ex, s, n);
        }
        return reject(res, MX_R_BAD_TIME, "field 'time': %s%s%s", why, ex[0] ? ", got " : "", ex);
    }
    if (no_zone) {
        const char *s;
        size_t n;
        char ex[200];
        mx_json_string(&f[F_TIME], &s, &n);
        mx_excerpt(ex, sizeof ex, s, n);
        warn(res, MX_W_NO_ZONE, "time %s has no zone offset; read in %s", ex, mx_zone_name(zone));
    }
    if (!read_incident(&f[F_INCIDENT], &ev->incident, res, "incident")) return false;
    const char *s;
    size_t n;
    if (!mx_json_string(&f[F_EVENT], &s, &n))
        return reject(res, MX_R_BAD_FIELD, "field 'event': expected a string, got %s",
                      type_word(mx_json_type(&f[F_EVENT])));
    if (n == 0) return reject(res, MX_R_MISSING_FIELD, "field 'event' is empty");
    if (!mx_evtype_parse(s, n, &ev->type)) {
        char ex[200];
        mx_excerpt(ex, sizeof ex, s, n);
        ev->type = MX_EV_NOTE;
        ev->type_name.p = s;
        ev->type_name.n = n;
        warn(res, MX_W_UNKNOWN_EVENT, "unknown event type %s (kept as a note)", ex);
    }
    return true;
}

static void read_optional(struct mx_jval *f, bool *seen, struct mx_event *ev,
                          struct mx_native_result *res) {
    if (seen[F_SEVERITY]) {
        enum mx_jtype t = mx_json_type(&f[F_SEVERITY]);
        const char *s = NULL;
        size_t n = 0;
        char num[24];
        int64_t i;
        if (t == MX_J_STRING) {
            mx_json_string(&f[F_SEVERITY], &s, &n);
        } else if (t == MX_J_INT && mx_json_int64(&f[F_SEVERITY], &i)) {
            n = (size_t)snprintf(num, sizeof num, "%lld", (long long)i);
            s = num;
        }
        if (t != MX_J_NULL && (!s || !mx_severity_parse(s, n, &ev->severity))) {
            char ex[200];
            if (s)
                mx_excerpt(ex, sizeof ex, s, n);
            else
                snprintf(ex, sizeof ex, "%s", type_word(t));
            warn(res, MX_W_UNKNOWN_SEVERITY, "unknown severity %s (ignored)", ex);
        }
    }
    if (seen[F_CLASS] && mx_json_type(&f[F_CLASS]) != MX_J_NULL) {
        const char *s;
        size_t n;
        if (mx_json_string(&f[F_CLASS], &s, &n) && mx_class_parse(s, n, &ev->cls)) {
            ev->has_class = true;
        } else {
            char ex[200] = "a non-string";
            if (mx_json_string(&f[F_CLASS], &s, &n)) mx_excerpt(ex, sizeof ex, s, n);
            warn(res, MX_W_IGNORED_FIELD,
                 "field 'class': expected availability, security or data, got %s (ignored)", ex);
        }
    }
    if (seen[F_AUTO]) {
        bool b;
        if (mx_json_bool(&f[F_AUTO], &b))
            ev->auto_resolved = b && ev->type == MX_EV_RESOLVED;
        else if (mx_json_type(&f[F_AUTO]) != MX_J_NULL)
            warn(res, MX_W_IGNORED_FIELD, "field 'auto': expected a boolean, got %s (ignored)",
                 type_word(mx_json_type(&f[F_AUTO])));
    }
    struct mx_str *strs[] = {&ev->service,   &ev->team,    &ev->title, &ev->actor,
                             &ev->commander, &ev->channel, &ev->url,   &ev->note};
    for (int k = F_SERVICE; k <= F_NOTE; k++)
        if (seen[k]) opt_string(&f[k], strs[k - F_SERVICE], field_names[k], res);
    if (seen[F_INTO] && mx_json_type(&f[F_INTO]) != MX_J_NULL) {
        int64_t i;
        if (mx_json_type(&f[F_INTO]) == MX_J_INT && mx_json_int64(&f[F_INTO], &i)) {
            int k = snprintf(res->into_buf, sizeof res->into_buf, "%lld", (long long)i);
            ev->into.p = res->into_buf;
            ev->into.n = (size_t)k;
        } else {
            opt_string(&f[F_INTO], &ev->into, "into", res);
        }
    }
}

bool mx_native_parse(struct mx_json *j, const struct mx_zone *zone, const char *line, size_t n,
                     struct mx_event *ev, struct mx_native_result *res) {
    res->rejected = false;
    res->n_warn = 0;
    struct mx_pos pos = ev->pos;
    memset(ev, 0, sizeof *ev);
    ev->pos = pos;
    struct mx_jval root;
    const char *why = mx_json_parse(j, line, n, &root);
    if (why) return reject(res, MX_R_INVALID_JSON, "invalid JSON: %s", why);
    enum mx_jtype t = mx_json_type(&root);
    if (t != MX_J_OBJECT)
        return reject(res, MX_R_NOT_OBJECT, "expected a JSON object, got %s", type_word(t));
    struct mx_jval f[F__COUNT];
    bool seen[F__COUNT] = {false};
    struct mx_jiter it;
    const char *key;
    size_t klen;
    struct mx_jval v;
    mx_json_object_begin(&root, &it);
    while (mx_json_object_next(&it, &key, &klen, &v)) {
        int k = field_of(key, klen);
        if (k >= 0 && !seen[k]) {
            seen[k] = true;
            f[k] = v;
        }
    }
    if (!read_required(f, seen, zone, ev, res)) return false;
    read_optional(f, seen, ev, res);
    return true;
}
