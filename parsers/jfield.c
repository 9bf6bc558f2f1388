/*
 * jfield.c - shared JSON field readers (see jfield.h).
 */
#include "parsers/jfield.h"

#include <pthread.h>
#include <string.h>

#include "parsers/times.h"

#define KEY(s)                                                                                     \
    { s, sizeof s - 1 }
static const struct mx_jkeyname KEYS[MX_JK__COUNT] = {KEY("time"),
                                                      KEY("incident"),
                                                      KEY("event"),
                                                      KEY("severity"),
                                                      KEY("class"),
                                                      KEY("auto"),
                                                      KEY("service"),
                                                      KEY("team"),
                                                      KEY("title"),
                                                      KEY("actor"),
                                                      KEY("commander"),
                                                      KEY("channel"),
                                                      KEY("url"),
                                                      KEY("note"),
                                                      KEY("into"),
                                                      KEY("via"),
                                                      KEY("type"),
                                                      KEY("log_entries"),
                                                      KEY("incidents"),
                                                      KEY("messages"),
                                                      KEY("data"),
                                                      KEY("time_zone"),
                                                      KEY("seconds_to_first_ack"),
                                                      KEY("seconds_to_resolve"),
                                                      KEY("log_entry"),
                                                      KEY("incident_number")};
#undef KEY

static struct mx_jkeyset keyset;
static pthread_once_t keyset_once = PTHREAD_ONCE_INIT;

static void keyset_init(void) {
    mx_json_simd_keyset_init(&keyset, KEYS, MX_JK__COUNT);
}

void mx_jfield_collect(const struct mx_jval *obj, struct mx_jobj *o) {
    pthread_once(&keyset_once, keyset_init); /* parsing threads share it */
    o->seen = mx_json_simd_collect(obj, &keyset, o->v, o->t);
}

const char *mx_jfield_key_name(enum mx_jkey k) {
    return KEYS[k].name;
}

const char *mx_jfield_type_word(enum mx_jtype t) {
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

/* Reads a time value (RFC 3339 string, integer epoch, or a string of digits) in zone.
 * Returns NULL or a reason; *no_zone tells that an offset-less text was read in zone. */
static const char *time_value(const struct mx_jval *v, const struct mx_zone *zone, int64_t *ms,
                              bool *no_zone) {
    *no_zone = false;
    int64_t i;
    double d;
    const char *s;
    size_t n;
    switch (mx_json_simd_type(v)) {
    case MX_J_INT: mx_json_simd_int64(v, &i); return mx_times_from_epoch(i, ms);
    case MX_J_DOUBLE:
        mx_json_simd_double(v, &d);
        if (!(d >= 0 && d < 1e11)) return "fractional epoch time must be seconds";
        *ms = (int64_t)(d * 1000.0);
        return NULL;
    case MX_J_STRING: {
        mx_json_simd_string(v, &s, &n);
        if (n > 0 && n <= 19 && strspn(s, "0123456789") >= n) {
            i = 0;
            for (size_t k = 0; k < n; k++) i = i * 10 + (s[k] - '0');
            return mx_times_from_epoch(i, ms);
        }
        bool has_zone;
        const char *why = mx_times_parse(s, n, ms, &has_zone);
        if (why) return why;
        if (!has_zone) {
            *no_zone = true;
            return mx_tz_to_utc(zone, *ms, ms);
        }
        return NULL;
    }
    default: return "expected RFC 3339 timestamp or epoch number";
    }
}

bool mx_jfield_time(struct mx_record *r, const struct mx_jval *v, const char *name, int64_t *ms) {
    bool no_zone;
    const char *why = time_value(v, r->zone, ms, &no_zone);
    if (!why && !(no_zone && !r->zone_declared)) return true;
    char ex[200] = "";
    const char *s;
    size_t n;
    if (mx_json_simd_string(v, &s, &n)) mx_diag_excerpt(ex, sizeof ex, s, n);
    if (why)
        return mx_record_reject(r, MX_R_BAD_TIME, "field '%s': %s%s%s", name, why,
                                ex[0] ? ", got " : "", ex);
    if (no_zone && !r->zone_declared)
        mx_record_warn(r, MX_W_NO_ZONE, "time %s has no zone offset; read in %s", ex,
                       mx_tz_name(r->zone));
    return true;
}

bool mx_jfield_time_again(const struct mx_record *r, const struct mx_jval *v, int64_t *ms) {
    bool no_zone;
    return time_value(v, r->zone, ms, &no_zone) == NULL;
}

bool mx_jfield_opt_time(struct mx_record *r, const struct mx_jval *o, const char *ptr,
                        const char *name, int64_t *ms) {
    struct mx_jval v;
    *ms = MX_NO_TIME;
    if (!mx_json_simd_pointer(o, ptr, &v) || mx_json_simd_type(&v) == MX_J_NULL) return true;
    return mx_jfield_time(r, &v, name, ms);
}

bool mx_jfield_id(struct mx_record *r, const struct mx_jval *v, const char *name,
                  struct mx_str *out) {
    enum mx_jtype t = mx_json_simd_type(v);
    int64_t i;
    if (t == MX_J_STRING) {
        mx_json_simd_string(v, &out->p, &out->n);
        if (out->n == 0)
            return mx_record_reject(r, MX_R_MISSING_FIELD, "field '%s' is empty", name);
        return true;
    }
    if (t == MX_J_INT && mx_json_simd_int64(v, &i)) {
        *out = mx_record_int(r, i);
        return true;
    }
    if (t == MX_J_NULL)
        return mx_record_reject(r, MX_R_MISSING_FIELD, "missing required field '%s'", name);
    return mx_record_reject(r, MX_R_BAD_FIELD, "field '%s': expected a string or integer, got %s",
                            name, mx_jfield_type_word(t));
}

bool mx_jfield_key(struct mx_record *r, const struct mx_jval *o, const char *key, const char *ns,
                   struct mx_str *out) {
    struct mx_jval v;
    struct mx_str id;
    if (!mx_json_simd_get(o, key, &v))
        return mx_record_reject(r, MX_R_MISSING_FIELD, "missing required field '%s'", key);
    if (!mx_jfield_id(r, &v, key, &id)) return false;
    *out = mx_record_join(r, ns, id);
    if (!out->n) return mx_record_reject(r, MX_R_BAD_FIELD, "field '%s': too long for an id", key);
    return true;
}

bool mx_jfield_req_time(struct mx_record *r, const struct mx_jval *o, const char *key,
                        int64_t *ms) {
    struct mx_jval v;
    if (!mx_json_simd_get(o, key, &v) || mx_json_simd_type(&v) == MX_J_NULL)
        return mx_record_reject(r, MX_R_MISSING_FIELD, "missing required field '%s'", key);
    return mx_jfield_time(r, &v, key, ms);
}

bool mx_jfield_is(const struct mx_jval *o, const char *key, enum mx_jtype t) {
    struct mx_jval v;
    return mx_json_simd_get(o, key, &v) && (t == MX_J_NULL || mx_json_simd_type(&v) == t);
}

struct mx_str mx_jfield_str(const struct mx_jval *o, const char *ptr) {
    struct mx_str s = {NULL, 0};
    struct mx_jval v;
    if (mx_json_simd_pointer(o, ptr, &v)) mx_json_simd_string(&v, &s.p, &s.n);
    return s;
}
