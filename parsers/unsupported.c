/*
 * unsupported.c - recognising other platforms' shapes (see unsupported.h). Each test
 * looks for keys the platform's documented objects always carry together, so a native
 * record or a PagerDuty object never matches.
 */
#include "parsers/unsupported.h"

#include <stdbool.h>
#include <string.h>

/* Whether obj has key with a value of type t (MX_J_NULL: any type). */
static bool has(const struct mx_jval *obj, const char *key, enum mx_jtype t) {
    struct mx_jval v;
    return mx_json_simd_get(obj, key, &v) && (t == MX_J_NULL || mx_json_simd_type(&v) == t);
}

#define LATER ": not supported by this version (native, PagerDuty and custom formats are)"

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
    /* a single object wrapped as {"data":{...}} (Opsgenie's GET /v2/alerts/ID) */
    const struct mx_jval *x = o;
    if (mx_json_simd_get(o, "data", &d) && mx_json_simd_type(&d) == MX_J_OBJECT &&
        (has(o, "requestId", MX_J_STRING) || has(o, "took", MX_J_NULL)))
        x = &d;
    if (has(x, "tinyId", MX_J_STRING) &&
        (has(x, "alias", MX_J_STRING) || has(x, "message", MX_J_STRING)))
        return "Opsgenie alert" LATER;
    if (has(x, "impactStartDate", MX_J_NULL) ||
        (has(x, "tinyId", MX_J_STRING) && has(x, "ownerTeam", MX_J_NULL)))
        return "Opsgenie incident" LATER;
    return NULL;
}
