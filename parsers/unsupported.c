/*
 * unsupported.c - recognising shapes mttx does not read (see unsupported.h), by keys
 * their documented objects always carry together, so that a native record or a shape
 * mttx reads never matches.
 */
#include "parsers/unsupported.h"

#include <stdbool.h>
#include <string.h>

/* Whether obj has key with a value of type t (MX_J_NULL: any type). */
static bool has(const struct mx_jval *obj, const char *key, enum mx_jtype t) {
    struct mx_jval v;
    return mx_json_simd_get(obj, key, &v) && (t == MX_J_NULL || mx_json_simd_type(&v) == t);
}

const char *mx_unsupported_shape(const struct mx_jval *o) {
    struct mx_jval d;
    /* PagerDuty v1: {"type":"incident.trigger","data":{"incident":{...}}} per message */
    if (has(o, "type", MX_J_STRING) && mx_json_simd_get(o, "data", &d) &&
        mx_json_simd_type(&d) == MX_J_OBJECT && has(&d, "incident", MX_J_OBJECT)) {
        struct mx_jval t;
        const char *s;
        size_t n;
        mx_json_simd_get(o, "type", &t);
        if (mx_json_simd_string(&t, &s, &n) && n > 9 && memcmp(s, "incident.", 9) == 0)
            return "PagerDuty v1 webhook: not supported (v2 and v3 are)";
    }
    return NULL;
}
