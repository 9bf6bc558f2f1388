/*
 * shape.c - telling JSON objects apart (see shape.h).
 */
#include "parsers/shape.h"

#include <string.h>

#include "parsers/firehydrant.h"
#include "parsers/grafana_oncall.h"
#include "parsers/incidentio.h"
#include "parsers/opsgenie.h"
#include "parsers/rootly.h"
#include "parsers/unsupported.h"

enum mx_shape mx_shape_of(const struct mx_jval *o, const struct mx_jobj *f, struct mx_jval *items,
                          const char **kind) {
    /* native records: a time that is no object and a string event */
    if ((f->seen >> MX_JK_TIME & 1u) && f->t[MX_JK_TIME] != MX_J_OBJECT &&
        mx_jfield_has(f, MX_JK_EVENT, MX_J_STRING))
        return MX_SHAPE_NATIVE;
#define HAS(k, t) mx_jfield_has(f, MX_JK_##k, t)
    if (HAS(EVENT, MX_J_OBJECT) && mx_jfield_is(&f->v[MX_JK_EVENT], "event_type", MX_J_STRING))
        return MX_SHAPE_PD_WEBHOOK_V3;
    struct mx_str ev = {NULL, 0};
    if (HAS(EVENT, MX_J_STRING)) mx_json_simd_string(&f->v[MX_JK_EVENT], &ev.p, &ev.n);
    if (ev.n > 9 && memcmp(ev.p, "incident.", 9) == 0 && HAS(INCIDENT, MX_J_OBJECT))
        return MX_SHAPE_PD_WEBHOOK_V2;
    static const enum mx_jkey pages[3] = {MX_JK_LOG_ENTRIES, MX_JK_INCIDENTS, MX_JK_MESSAGES};
    for (int k = 0; k < 3; k++) {
        if (mx_jfield_has(f, pages[k], MX_J_ARRAY)) {
            *items = f->v[pages[k]];
            *kind = mx_jfield_key_name(pages[k]);
            return MX_SHAPE_PAGE;
        }
    }
    struct mx_jval v;
    if (HAS(DATA, MX_J_ARRAY) || (HAS(DATA, MX_J_OBJECT) &&
                                  (HAS(TIME_ZONE, MX_J_STRING) || mx_rootly_is(&f->v[MX_JK_DATA]) ||
                                   mx_json_simd_get(o, "requestId", &v)))) {
        *items = f->v[MX_JK_DATA];
        *kind = "data";
        return MX_SHAPE_PAGE;
    }
    if (f->seen &
        ((uint64_t)1 << MX_JK_SECONDS_TO_FIRST_ACK | (uint64_t)1 << MX_JK_SECONDS_TO_RESOLVE))
        return MX_SHAPE_PD_ANALYTICS;
    struct mx_str t = {NULL, 0};
    if (HAS(TYPE, MX_J_STRING)) mx_json_simd_string(&f->v[MX_JK_TYPE], &t.p, &t.n);
    if (mx_jfield_ends(t, "_log_entry") || HAS(LOG_ENTRY, MX_J_OBJECT))
        return MX_SHAPE_PD_LOG_ENTRY;
    if (mx_jfield_eq(t, "incident") || HAS(INCIDENT_NUMBER, MX_J_INT)) return MX_SHAPE_PD_INCIDENT;
    /* not native (that returned early) and no PagerDuty shape so far: only these
     * records pay for the other platforms' tests */
    if (mx_jfield_is(o, "results", MX_J_ARRAY) && mx_jfield_is(o, "next", MX_J_NULL)) {
        mx_json_simd_get(o, "results", items); /* Grafana OnCall's pages */
        *kind = "results";
        return MX_SHAPE_PAGE;
    }
    if (mx_incidentio_is(o)) return MX_SHAPE_INCIDENTIO;
    if (mx_firehydrant_is(o)) return MX_SHAPE_FIREHYDRANT;
    if (mx_rootly_is(o)) return MX_SHAPE_ROOTLY;
    if (mx_grafana_oncall_is(o)) return MX_SHAPE_GRAFANA_ONCALL;
    static const enum mx_shape og[] = {MX_SHAPE_NATIVE, MX_SHAPE_OPSGENIE_ALERT,
                                       MX_SHAPE_OPSGENIE_LOG, MX_SHAPE_OPSGENIE_INCIDENT};
    enum mx_opsgenie_shape os = mx_opsgenie_shape(o);
    if (os != MX_OPSGENIE_NONE) return og[os];
    if ((*kind = mx_unsupported_shape(o)) != NULL) return MX_SHAPE_UNSUPPORTED;
    if (HAS(INCIDENT, MX_J_OBJECT) && !HAS(EVENT, MX_J_STRING) && !HAS(TIME, MX_J_STRING))
        return MX_SHAPE_PD_INCIDENT;
#undef HAS
    return MX_SHAPE_NATIVE;
}

enum mx_kind mx_shape_kind(enum mx_shape s) {
    static const enum mx_kind kinds[MX_SHAPE__COUNT] = {
        [MX_SHAPE_NATIVE] = MX_K_NATIVE,
        [MX_SHAPE_PD_LOG_ENTRY] = MX_K_PD_LOG_ENTRY,
        [MX_SHAPE_PD_INCIDENT] = MX_K_PD_INCIDENT,
        [MX_SHAPE_PD_WEBHOOK_V3] = MX_K_PD_WEBHOOK_V3,
        [MX_SHAPE_PD_WEBHOOK_V2] = MX_K_PD_WEBHOOK_V2,
        [MX_SHAPE_PD_ANALYTICS] = MX_K_PD_ANALYTICS,
        [MX_SHAPE_INCIDENTIO] = MX_K_INCIDENTIO,
        [MX_SHAPE_FIREHYDRANT] = MX_K_FIREHYDRANT,
        [MX_SHAPE_ROOTLY] = MX_K_ROOTLY,
        [MX_SHAPE_GRAFANA_ONCALL] = MX_K_GRAFANA_ONCALL,
        [MX_SHAPE_OPSGENIE_ALERT] = MX_K_OPSGENIE_ALERT,
        [MX_SHAPE_OPSGENIE_LOG] = MX_K_OPSGENIE_LOG,
        [MX_SHAPE_OPSGENIE_INCIDENT] = MX_K_OPSGENIE_INCIDENT,
        [MX_SHAPE_PAGE] = MX_K_NATIVE,
        [MX_SHAPE_UNSUPPORTED] = MX_K_NATIVE,
    };
    return (unsigned)s < MX_SHAPE__COUNT ? kinds[s] : MX_K_NATIVE;
}
