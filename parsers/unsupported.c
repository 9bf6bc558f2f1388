/*
 * unsupported.c - recognising shapes mttx does not read (see unsupported.h), by keys
 * their documented objects always carry together, so that a native record or a shape
 * mttx reads never matches.
 */
#include "parsers/unsupported.h"

#include <stdbool.h>
#include <string.h>

#include "parsers/jfield.h"

const char *mx_unsupported_shape(const struct mx_jval *o) {
    struct mx_jval d;
    /* PagerDuty v1: {"type":"incident.trigger","data":{"incident":{...}}} per message */
    if (mx_jfield_is(o, "type", MX_J_STRING) && mx_json_simd_get(o, "data", &d) &&
        mx_json_simd_type(&d) == MX_J_OBJECT && mx_jfield_is(&d, "incident", MX_J_OBJECT)) {
        struct mx_jval t;
        const char *s;
        size_t n;
        mx_json_simd_get(o, "type", &t);
        if (mx_json_simd_string(&t, &s, &n) && n > 9 && memcmp(s, "incident.", 9) == 0)
            return "PagerDuty v1 webhook: not supported (v2 and v3 are)";
    }
    return NULL;
}
