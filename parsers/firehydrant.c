/*
 * firehydrant.c - FireHydrant incidents (see firehydrant.h).
 */
#include "parsers/firehydrant.h"

#include <string.h>

#include "parsers/jfield.h"

#define NS     "firehydrant:"
#define NS_LEN (sizeof NS - 1)

bool mx_firehydrant_is(const struct mx_jval *o) {
    return (mx_jfield_is(o, "milestones", MX_J_ARRAY) ||
            mx_jfield_is(o, "lifecycle_phases", MX_J_ARRAY)) &&
           (mx_jfield_is(o, "number", MX_J_NULL) ||
            mx_jfield_is(o, "current_milestone", MX_J_NULL));
}

/* Milestone types; closed resolves only when nothing else does. */
static const struct {
    const char *name;
    enum mx_evtype type;
} TYPES[] = {
    {"started", MX_EV_STARTED},
    {"detected", MX_EV_DETECTED},
    {"acknowledged", MX_EV_ACKNOWLEDGED},
    {"investigating", MX_EV_NOTE},
    {"identified", MX_EV_NOTE},
    {"mitigated", MX_EV_MITIGATED},
    {"resolved", MX_EV_RESOLVED},
    {"postmortem_started", MX_EV_NOTE},
    {"postmortem_completed", MX_EV_POSTMORTEM_PUBLISHED},
    {"closed", MX_EV_RESOLVED},
};
#define CLOSED (sizeof TYPES / sizeof TYPES[0] - 1)

static const struct mx_record_sevname SEVERITIES[] = {
    {"sev5", MX_SEV_4}, {"unset", MX_SEV_NONE}, {NULL, MX_SEV_NONE}};

/* A milestone: its type's index in TYPES (or -1) and name, its time. */
struct milestone {
    int kind;
    struct mx_str name;
    int64_t t;
};

#define MAX_MILESTONES 64

/* The milestones of the incident into ms (at most MAX_MILESTONES): false when one has an
 * unreadable time (rejected). */
static bool milestones(struct mx_record *r, const struct mx_jval *o, struct milestone *ms,
                       size_t *n) {
    struct mx_jval arr, m, phases, phase;
    struct mx_jiter it, pit;
    *n = 0;
    const char *type_key = "/type";
    size_t n_phases = 1;
    struct mx_jiter probe;
    struct mx_jval first;
    /* the deprecated list when it has any milestone, else the phases' */
    bool legacy = mx_json_simd_get(o, "milestones", &arr) &&
                  mx_json_simd_array_begin(&arr, &probe) && mx_json_simd_array_next(&probe, &first);
    if (!legacy) {
        if (!mx_json_simd_get(o, "lifecycle_phases", &phases) ||
            !mx_json_simd_array_begin(&phases, &pit))
            return true;
        type_key = "/slug";
        n_phases = SIZE_MAX;
    }
    for (size_t p = 0; p < n_phases; p++) {
        if (!legacy) {
            if (!mx_json_simd_array_next(&pit, &phase)) break;
            if (!mx_json_simd_get(&phase, "milestones", &arr)) continue;
        }
        if (!mx_json_simd_array_begin(&arr, &it)) continue;
        while (mx_json_simd_array_next(&it, &m)) {
            struct milestone x = {-1, mx_jfield_str(&m, type_key), MX_NO_TIME};
            if (!mx_jfield_opt_time(r, &m, "/occurred_at", "milestones[].occurred_at", &x.t))
                return false;
            if (x.t == MX_NO_TIME || !x.name.n) continue;
            for (size_t k = 0; k < sizeof TYPES / sizeof TYPES[0]; k++)
                if (x.name.n == strlen(TYPES[k].name) &&
                    memcmp(x.name.p, TYPES[k].name, x.name.n) == 0)
                    x.kind = (int)k;
            if (*n == MAX_MILESTONES) {
                mx_record_warn(r, MX_W_IGNORED_FIELD,
                               "more than %d milestones: the later ones are ignored",
                               MAX_MILESTONES);
                return true;
            }
            ms[(*n)++] = x;
        }
    }
    return true;
}

bool mx_firehydrant_record(struct mx_record *r, const struct mx_jval *o) {
    r->what = "FireHydrant incident";
    struct mx_event base;
    mx_record_blank(r, &base);
    struct mx_jval v;
    bool numbered = mx_json_simd_get(o, "number", &v) && mx_json_simd_type(&v) != MX_J_NULL;
    if (!mx_jfield_key(r, o, numbered ? "number" : "id", NS, &base.incident)) return false;
    int64_t created;
    if (!mx_jfield_req_time(r, o, "created_at", &created)) return false;
    struct milestone ms[MAX_MILESTONES];
    size_t n;
    if (!milestones(r, o, ms, &n)) return false;
    bool detected = false, resolved = false;
    for (size_t i = 0; i < n; i++) {
        detected |= ms[i].kind >= 0 && TYPES[ms[i].kind].type == MX_EV_DETECTED;
        resolved |= ms[i].kind >= 0 && ms[i].kind != (int)CLOSED &&
                    TYPES[ms[i].kind].type == MX_EV_RESOLVED;
    }
    struct mx_event ev = base;
    ev.title = mx_jfield_str(o, "/name");
    ev.service = mx_jfield_str(o, "/services/0/name");
    ev.channel = mx_jfield_str(o, "/channel_name");
    ev.url = mx_jfield_str(o, "/incident_url");
    if (numbered) ev.number = (struct mx_str){base.incident.p + NS_LEN, base.incident.n - NS_LEN};
    mx_record_severity(r, mx_jfield_str(o, "/severity"), SEVERITIES, &ev.severity);
    struct mx_event facts = ev; /* carried by the detection */
    if (!detected) {
        ev.type = MX_EV_DETECTED;
        ev.time_ms = created;
        mx_record_event(r, &ev);
    }
    for (size_t i = 0; i < n; i++) {
        ev = base;
        ev.time_ms = ms[i].t;
        if (ms[i].kind < 0) {
            char ex[200];
            mx_diag_excerpt(ex, sizeof ex, ms[i].name.p, ms[i].name.n);
            mx_record_warn(r, MX_W_UNKNOWN_EVENT, "unknown milestone %s (kept as a note)", ex);
            ev.type = MX_EV_NOTE;
            ev.type_name = ms[i].name;
        } else {
            ev.type = TYPES[ms[i].kind].type;
            if (ev.type == MX_EV_NOTE) ev.type_name = ms[i].name;
            if (ms[i].kind == (int)CLOSED && resolved) {
                ev.type = MX_EV_NOTE;
                ev.type_name = ms[i].name;
            }
        }
        if (ev.type == MX_EV_DETECTED) {
            facts.type = MX_EV_DETECTED;
            facts.time_ms = ev.time_ms;
            ev = facts;
        }
        mx_record_event(r, &ev);
    }
    return true;
}
