/*
 * rootly.c - Rootly incidents (see rootly.h).
 */
#include "parsers/rootly.h"

#include <stdio.h>
#include <string.h>

#include "parsers/jfield.h"

bool mx_rootly_is(const struct mx_jval *o) {
    struct mx_str t = mx_jfield_str(o, "/type");
    return mx_jfield_eq(t, "incidents") && mx_jfield_is(o, "attributes", MX_J_OBJECT);
}

static const struct mx_record_sevname LEVELS[] = {{"critical", MX_SEV_1},
                                                  {"high", MX_SEV_2},
                                                  {"medium", MX_SEV_3},
                                                  {"low", MX_SEV_4},
                                                  {NULL, MX_SEV_NONE}};

/* The severity: slug or name as the mapping knows it, else the level. */
static void severity(struct mx_record *r, const struct mx_jval *a, enum mx_severity *sev) {
    struct mx_str slug = mx_jfield_str(a, "/severity/data/attributes/slug");
    struct mx_str name = mx_jfield_str(a, "/severity/data/attributes/name");
    struct mx_str level = mx_jfield_str(a, "/severity/data/attributes/severity");
    if (slug.n && mx_sevmap_lookup(r->sevmap, slug.p, slug.n, sev)) return;
    if (name.n && mx_sevmap_lookup(r->sevmap, name.p, name.n, sev)) return;
    mx_record_severity(r, level.n ? level : name.n ? name : slug, LEVELS, sev);
}

/* A user envelope's name ({"data":{"attributes":{"full_name"|"name"}}}) at ptr. */
static struct mx_str user(const struct mx_jval *a, const char *key) {
    char ptr[64];
    snprintf(ptr, sizeof ptr, "/%s/data/attributes/full_name", key);
    struct mx_str s = mx_jfield_str(a, ptr);
    if (s.n) return s;
    snprintf(ptr, sizeof ptr, "/%s/data/attributes/name", key);
    return mx_jfield_str(a, ptr);
}

bool mx_rootly_record(struct mx_record *r, const struct mx_jval *o) {
    r->what = "Rootly incident";
    struct mx_jval a, v;
    mx_json_simd_get(o, "attributes", &a);
    struct mx_event base;
    mx_record_blank(r, &base);
    bool numbered = mx_json_simd_get(&a, "sequential_id", &v) && mx_json_simd_type(&v) != MX_J_NULL;
    if (!mx_jfield_key(r, numbered ? &a : o, numbered ? "sequential_id" : "id",
                       "rootly:", &base.incident))
        return false;
    static const struct {
        const char *key, *by;
        enum mx_evtype type;
    } TIMES[] = {{"detected_at", NULL, MX_EV_DETECTED},
                 {"started_at", "started_by", MX_EV_STARTED},
                 {"acknowledged_at", NULL, MX_EV_ACKNOWLEDGED},
                 {"mitigated_at", "mitigated_by", MX_EV_MITIGATED},
                 {"resolved_at", "resolved_by", MX_EV_RESOLVED},
                 {"closed_at", "closed_by", MX_EV_RESOLVED},
                 {"cancelled_at", "cancelled_by", MX_EV_MERGED}};
    enum { N = sizeof TIMES / sizeof TIMES[0] };
    int64_t t[N], created;
    if (!mx_jfield_req_time(r, &a, "created_at", &created)) return false;
    for (int k = 0; k < N; k++) {
        char ptr[40];
        snprintf(ptr, sizeof ptr, "/%s", TIMES[k].key);
        if (!mx_jfield_opt_time(r, &a, ptr, TIMES[k].key, &t[k])) return false;
    }
    if (t[0] == MX_NO_TIME) t[0] = created;
    if (t[4] != MX_NO_TIME) t[5] = MX_NO_TIME; /* closed_at only when not resolved */
    struct mx_str status = mx_jfield_str(&a, "/status");
    bool ended = mx_jfield_eq(status, "resolved") || mx_jfield_eq(status, "closed");
    if (ended && t[4] == MX_NO_TIME && t[5] == MX_NO_TIME) { /* resolved, but not when */
        if (!mx_jfield_opt_time(r, &a, "/updated_at", "updated_at", &t[4])) return false;
        if (t[4] != MX_NO_TIME)
            mx_record_warn(r, MX_W_APPROXIMATE_TIME,
                           "status %s without resolved_at or closed_at: resolved at updated_at",
                           status.n == 8 ? "resolved" : "closed");
        else
            mx_record_warn(r, MX_W_IGNORED_FIELD,
                           "status %s without resolved_at, closed_at or updated_at: left open",
                           status.n == 8 ? "resolved" : "closed");
    }
    if (t[6] == MX_NO_TIME && mx_jfield_eq(status, "cancelled")) {
        /* when it was cancelled matters to no metric: it leaves them all */
        if (!mx_jfield_opt_time(r, &a, "/updated_at", "updated_at", &t[6])) return false;
        if (t[6] == MX_NO_TIME) t[6] = created;
    }
    for (int k = 0; k < N; k++) {
        if (t[k] == MX_NO_TIME) continue;
        struct mx_event ev = base;
        ev.type = TIMES[k].type;
        ev.time_ms = t[k];
        if (TIMES[k].by) ev.actor = user(&a, TIMES[k].by);
        if (k == 0) {
            ev.title = mx_jfield_str(&a, "/title");
            ev.service = mx_jfield_str(&a, "/services/0/data/attributes/name");
            ev.team = mx_jfield_str(&a, "/groups/0/data/attributes/name");
            ev.channel = mx_jfield_str(&a, "/slack_channel_name");
            ev.url = mx_jfield_str(&a, "/url");
            if (numbered) ev.number = (struct mx_str){base.incident.p + 7, base.incident.n - 7};
            severity(r, &a, &ev.severity);
        }
        mx_record_event(r, &ev);
    }
    return true;
}
