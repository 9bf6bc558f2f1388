/*
 * grafana_oncall.c - Grafana OnCall alert groups (see grafana_oncall.h).
 */
#include "parsers/grafana_oncall.h"

#include "parsers/jfield.h"

#define NS     "grafana_oncall:"
#define NS_LEN (sizeof NS - 1)

bool mx_grafana_oncall_is(const struct mx_jval *o) {
    return mx_jfield_is(o, "alert_group_number", MX_J_NULL) ||
           (mx_jfield_is(o, "alerts_count", MX_J_NULL) &&
            mx_jfield_is(o, "integration_id", MX_J_NULL));
}

bool mx_grafana_oncall_record(struct mx_record *r, const struct mx_jval *o) {
    r->what = "Grafana OnCall alert group";
    struct mx_event ev;
    mx_record_blank(r, &ev);
    int64_t acked, resolved, silenced, number;
    struct mx_jval v;
    /* the number people say (Grafana Cloud's), else the id its URLs carry */
    bool numbered = mx_json_simd_get(o, "alert_group_number", &v) &&
                    mx_json_simd_int64(&v, &number) && number >= 0;
    if (!mx_jfield_key(r, o, numbered ? "alert_group_number" : "id", NS, &ev.incident) ||
        !mx_jfield_req_time(r, o, "created_at", &ev.time_ms) ||
        !mx_jfield_opt_time(r, o, "/acknowledged_at", "acknowledged_at", &acked) ||
        !mx_jfield_opt_time(r, o, "/resolved_at", "resolved_at", &resolved) ||
        !mx_jfield_opt_time(r, o, "/silenced_at", "silenced_at", &silenced))
        return false;
    struct mx_event more = ev;
    ev.type = MX_EV_DETECTED;
    ev.title = mx_jfield_str(o, "/title");
    ev.service = mx_jfield_str(o, "/integration_id");
    ev.team = mx_jfield_str(o, "/team_id");
    ev.url = mx_jfield_str(o, "/permalinks/web");
    if (numbered) ev.number = (struct mx_str){ev.incident.p + NS_LEN, ev.incident.n - NS_LEN};
    mx_record_event(r, &ev);
    if (acked != MX_NO_TIME) {
        more.type = MX_EV_ACKNOWLEDGED;
        more.time_ms = acked;
        more.actor = mx_jfield_str(o, "/acknowledged_by");
        mx_record_event(r, &more);
    }
    if (silenced != MX_NO_TIME) {
        more.type = MX_EV_NOTE;
        more.type_name = (struct mx_str){"silenced", 8};
        more.time_ms = silenced;
        more.actor.n = 0;
        mx_record_event(r, &more);
        more.type_name.n = 0;
    }
    if (resolved != MX_NO_TIME) {
        more.type = MX_EV_RESOLVED;
        more.time_ms = resolved;
        more.actor = mx_jfield_str(o, "/resolved_by");
        more.auto_resolved = more.actor.n == 0;
        mx_record_event(r, &more);
    }
    return true;
}
