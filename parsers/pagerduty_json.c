/*
 * pagerduty_json.c - PagerDuty JSON records (see pagerduty_json.h).
 */
#include "parsers/pagerduty_json.h"

#include <string.h>

#include "parsers/jfield.h"

static bool has(const struct mx_jval *o, const char *key, enum mx_jtype type, struct mx_jval *out) {
    struct mx_jval v;
    if (!mx_json_simd_get(o, key, &v) || mx_json_simd_type(&v) != type) return false;
    if (out) *out = v;
    return true;
}

/* An agent or resolver that is not a person: a service, an integration, a timeout. */
static bool automatic(const struct mx_jval *o, const char *agent_ptr, const char *channel_ptr) {
    struct mx_str type = mx_jfield_str(o, agent_ptr);
    if (channel_ptr && mx_jfield_eq(mx_jfield_str(o, channel_ptr), "timeout")) return true;
    return mx_jfield_ends(type, "service_reference") ||
           mx_jfield_ends(type, "integration_reference") || mx_jfield_ends(type, "service") ||
           mx_jfield_ends(type, "integration");
}

/* The incident number at ptr (PagerDuty writes an integer; a string is taken as is),
 * as text valid until the record ends, or an empty view. */
static struct mx_str number_at(struct mx_record *r, const struct mx_jval *o, const char *ptr) {
    struct mx_jval v;
    struct mx_str out = {NULL, 0};
    int64_t i;
    if (!mx_json_simd_pointer(o, ptr, &v)) return out;
    if (mx_json_simd_int64(&v, &i)) return i >= 0 ? mx_record_int(r, i) : out;
    return mx_jfield_str(o, ptr);
}

/* The number of a "[#123] title" summary, or an empty view. */
static struct mx_str summary_number(struct mx_str s) {
    struct mx_str out = {NULL, 0};
    if (s.n < 4 || s.p[0] != '[' || s.p[1] != '#') return out;
    size_t i = 2;
    while (i < s.n && s.p[i] >= '0' && s.p[i] <= '9') i++;
    if (i == 2 || i >= s.n || s.p[i] != ']') return out;
    out.p = s.p + 2;
    out.n = i - 2;
    return out;
}

/* A summary without PagerDuty's "[#123] " prefix (the incident number it puts before
 * the title in log entries). */
static struct mx_str strip_number(struct mx_str s) {
    if (s.n < 5 || s.p[0] != '[' || s.p[1] != '#') return s;
    size_t i = 2;
    while (i < s.n && s.p[i] >= '0' && s.p[i] <= '9') i++;
    if (i == 2 || i + 1 >= s.n || s.p[i] != ']' || s.p[i + 1] != ' ') return s;
    s.p += i + 2;
    s.n -= i + 2;
    return s;
}

/* Severity from a priority object's summary (or name), else from the urgency. */
static void severity(struct mx_record *r, const struct mx_jval *inc, struct mx_event *ev) {
    struct mx_str p = mx_jfield_str(inc, "/priority/summary");
    if (!p.n) p = mx_jfield_str(inc, "/priority/name");
    if (p.n) {
        if (mx_sevmap_lookup(r->sevmap, p.p, p.n, &ev->severity)) return;
        char ex[200];
        mx_diag_excerpt(ex, sizeof ex, p.p, p.n);
        mx_record_warn(r, MX_W_UNKNOWN_SEVERITY,
                       "priority %s is not in the severity mapping (ignored)", ex);
    }
    mx_record_urgency(r, mx_jfield_str(inc, "/urgency"), &ev->severity);
}

/* The facts of an incident object (see the header). `at` is the time of the record's
 * own event for a webhook (a merge is dated by it), MX_NO_TIME otherwise. For a
 * webhook, `own` is its event's type: a fact of that type is not emitted (the snapshot
 * restates the event the webhook is about: an incident.reopened carries
 * data.reopened_at a second before its occurred_at; one webhook event is one
 * occurrence), and no reopen is taken from a snapshot at all. MX_EV__COUNT (a REST
 * incident object): keep all. */
static bool incident_facts(struct mx_record *r, const struct mx_jval *inc, int64_t at,
                           struct mx_event *base, enum mx_evtype own) {
    int64_t created, resolved, reopened, changed;
    if (!mx_jfield_opt_time(r, inc, "/created_at", "created_at", &created) ||
        !mx_jfield_opt_time(r, inc, "/resolved_at", "resolved_at", &resolved) ||
        !mx_jfield_opt_time(r, inc, "/reopened_at", "reopened_at", &reopened) ||
        !mx_jfield_opt_time(r, inc, "/last_status_change_at", "last_status_change_at", &changed))
        return false;
    if (resolved == MX_NO_TIME && mx_jfield_eq(mx_jfield_str(inc, "/status"), "resolved"))
        resolved = changed;
    struct mx_event ev = *base;
    if (created != MX_NO_TIME && own != MX_EV_DETECTED) {
        ev.type = MX_EV_DETECTED;
        ev.time_ms = created;
        mx_record_event(r, &ev);
    }
    /* a webhook's snapshot never gives a reopen: PagerDuty sends incident.reopened
     * itself, and every later snapshot still carries reopened_at */
    if (reopened != MX_NO_TIME && own == MX_EV__COUNT) {
        ev.type = MX_EV_REOPENED;
        ev.time_ms = reopened;
        mx_record_event(r, &ev);
    }
    bool merged = mx_jfield_eq(mx_jfield_str(inc, "/resolve_reason/type"), "merge_resolve_reason");
    enum mx_evtype end = merged ? MX_EV_MERGED : MX_EV_RESOLVED;
    if ((resolved != MX_NO_TIME || (merged && at != MX_NO_TIME)) && own != end) {
        ev.type = end;
        ev.time_ms = resolved != MX_NO_TIME ? resolved : at;
        ev.auto_resolved = !merged && automatic(inc, "/last_status_change_by/type", NULL);
        ev.into = mx_jfield_str(inc, "/resolve_reason/incident/id");
        mx_record_event(r, &ev);
    }
    return true;
}

/* Common fields of an incident object onto base: id, title, service, team, severity. */
static bool incident_base(struct mx_record *r, const struct mx_jval *inc, struct mx_event *base) {
    struct mx_jval id;
    if (!mx_json_simd_get(inc, "id", &id))
        return mx_record_reject(r, MX_R_MISSING_FIELD, "missing required field 'id'");
    if (!mx_jfield_id(r, &id, "id", &base->incident)) return false;
    base->title = mx_jfield_str(inc, "/title");
    base->service = mx_jfield_str(inc, "/service/summary");
    if (!base->service.n) base->service = mx_jfield_str(inc, "/service/name");
    base->team = mx_jfield_str(inc, "/teams/0/summary");
    base->number = number_at(r, inc, "/incident_number");
    severity(r, inc, base);
    return true;
}

static bool incident(struct mx_record *r, const struct mx_jval *o) {
    struct mx_jval inc = *o, v;
    if (has(o, "incident", MX_J_OBJECT, &v)) inc = v; /* GET /incidents/ID */
    struct mx_event base;
    mx_record_blank(r, &base);
    if (!incident_base(r, &inc, &base)) return false;
    if (!mx_json_simd_pointer(&inc, "/created_at", &v))
        return mx_record_reject(r, MX_R_MISSING_FIELD, "missing required field 'created_at'");
    if (!incident_facts(r, &inc, MX_NO_TIME, &base, MX_EV__COUNT)) return false;
    struct mx_jiter it;
    struct mx_jval ack;
    if (mx_json_simd_pointer(&inc, "/acknowledgements", &v) && mx_json_simd_array_begin(&v, &it)) {
        while (mx_json_simd_array_next(&it, &ack)) {
            struct mx_event ev = base;
            ev.type = MX_EV_ACKNOWLEDGED;
            ev.actor = mx_jfield_str(&ack, "/acknowledger/summary");
            if (!mx_jfield_opt_time(r, &ack, "/at", "acknowledgements[].at", &ev.time_ms))
                return false;
            if (ev.time_ms != MX_NO_TIME) mx_record_event(r, &ev);
        }
    }
    return true;
}

struct type_map {
    const char *name;
    enum mx_evtype type;
};

/* Log entry types; others are kept as notes with a warning. */
static const struct type_map LOG_TYPES[] = {
    {"trigger_log_entry", MX_EV_DETECTED},
    {"acknowledge_log_entry", MX_EV_ACKNOWLEDGED},
    {"unacknowledge_log_entry", MX_EV_UNACKNOWLEDGED},
    {"resolve_log_entry", MX_EV_RESOLVED},
    {"escalate_log_entry", MX_EV_ESCALATED},
    {"assign_log_entry", MX_EV_NOTE},
    {"delegate_log_entry", MX_EV_NOTE},
    {"annotate_log_entry", MX_EV_NOTE},
    {"notify_log_entry", MX_EV_PAGED},
    {"snooze_log_entry", MX_EV_NOTE},
    {"link_log_entry", MX_EV_NOTE},
    {"repeat_escalation_path_log_entry", MX_EV_NOTE},
    {"urgency_change_log_entry", MX_EV_NOTE},
    {"priority_change_log_entry", MX_EV_SEVERITY_CHANGED},
    {"reach_trigger_limit_log_entry", MX_EV_NOTE},
    {"reach_ack_limit_log_entry", MX_EV_NOTE},
    {"exhaust_escalation_path_log_entry", MX_EV_NOTE},
    {"responder_request_log_entry", MX_EV_NOTE},
    {"responders_add_log_entry", MX_EV_NOTE},
    {"status_update_log_entry", MX_EV_STATUS_UPDATE},
};

static bool map_type(struct mx_record *r, const struct type_map *map, size_t n, struct mx_str name,
                     struct mx_event *ev) {
    for (size_t i = 0; i < n; i++) {
        if (mx_jfield_eq(name, map[i].name)) {
            ev->type = map[i].type;
            if (ev->type == MX_EV_NOTE) ev->type_name = name;
            return true;
        }
    }
    char ex[200];
    mx_diag_excerpt(ex, sizeof ex, name.p, name.n);
    ev->type = MX_EV_NOTE;
    ev->type_name = name;
    mx_record_warn(r, MX_W_UNKNOWN_EVENT, "unknown PagerDuty type %s (kept as a note)", ex);
    return false;
}

static bool log_entry(struct mx_record *r, const struct mx_jval *o) {
    struct mx_jval le = *o, v;
    if (has(o, "log_entry", MX_J_OBJECT, &v)) le = v; /* GET /log_entries/ID */
    struct mx_event ev;
    mx_record_blank(r, &ev);
    struct mx_str type = mx_jfield_str(&le, "/type");
    if (!mx_json_simd_pointer(&le, "/created_at", &v))
        return mx_record_reject(r, MX_R_MISSING_FIELD, "missing required field 'created_at'");
    if (!mx_jfield_time(r, &v, "created_at", &ev.time_ms)) return false;
    if (!mx_json_simd_pointer(&le, "/incident/id", &v))
        return mx_record_reject(r, MX_R_MISSING_FIELD, "missing required field 'incident.id'");
    if (!mx_jfield_id(r, &v, "incident.id", &ev.incident)) return false;
    ev.uid = mx_jfield_str(&le, "/id");
    ev.uid_space = MX_UID_PD_LOG_ENTRY;
    ev.actor = mx_jfield_str(&le, "/agent/summary");
    ev.actor_system = automatic(&le, "/agent/type", NULL);
    ev.service = mx_jfield_str(&le, "/service/summary");
    map_type(r, LOG_TYPES, sizeof LOG_TYPES / sizeof LOG_TYPES[0], type, &ev);
    if (ev.type == MX_EV_DETECTED) {
        ev.number = summary_number(mx_jfield_str(&le, "/incident/summary"));
        ev.title = strip_number(mx_jfield_str(&le, "/incident/summary"));
        ev.title_is_summary = true;
    }
    if (ev.type == MX_EV_RESOLVED)
        ev.auto_resolved = automatic(&le, "/agent/type", "/channel/type");
    if (ev.type == MX_EV_SEVERITY_CHANGED) severity(r, &le, &ev);
    if (ev.type == MX_EV_PAGED) {
        /* the person notified is the user (the agent, when there is one, is what paged);
         * the medium is the notification's type ("push_notification"); channel.type is
         * "auto" in real data, a medium in older exports */
        ev.actor = mx_jfield_str(&le, "/user/summary");
        ev.actor_system = false;
        struct mx_str via = mx_jfield_str(&le, "/channel/notification/type");
        struct mx_str channel = mx_jfield_str(&le, "/channel/type");
        if (via.n)
            mx_record_via(r, via, &ev);
        else /* "auto", or a medium in older exports: only a medium is taken */
            mx_event_via_parse(channel.p, channel.n, &ev.via);
    }
    ev.note = mx_jfield_str(&le, "/summary");
    mx_record_event(r, &ev);
    return true;
}

/* Webhook v3 event types; other incident.* types are kept as notes with a warning. */
static const struct type_map V3_TYPES[] = {
    {"incident.triggered", MX_EV_DETECTED},
    {"incident.acknowledged", MX_EV_ACKNOWLEDGED},
    {"incident.unacknowledged", MX_EV_UNACKNOWLEDGED},
    {"incident.resolved", MX_EV_RESOLVED},
    {"incident.reopened", MX_EV_REOPENED},
    {"incident.escalated", MX_EV_ESCALATED},
    {"incident.priority_updated", MX_EV_SEVERITY_CHANGED},
    {"incident.status_update_published", MX_EV_STATUS_UPDATE},
    {"incident.conference_bridge.updated", MX_EV_WAR_ROOM_OPENED},
    {"incident.annotated", MX_EV_NOTE},
    {"incident.reassigned", MX_EV_NOTE},
    {"incident.delegated", MX_EV_NOTE},
    {"incident.responder.added", MX_EV_NOTE},
    {"incident.responder.replied", MX_EV_NOTE},
    {"incident.service_updated", MX_EV_NOTE},
    {"incident.custom_field_values.updated", MX_EV_NOTE},
    {"incident.incident_type.changed", MX_EV_NOTE},
    {"incident.workflow.started", MX_EV_NOTE},
    {"incident.workflow.completed", MX_EV_NOTE},
};

static bool webhook_v3(struct mx_record *r, const struct mx_jval *o) {
    struct mx_jval e, data, v;
    mx_json_simd_get(o, "event", &e);
    struct mx_event ev;
    mx_record_blank(r, &ev);
    struct mx_str type = mx_jfield_str(&e, "/event_type");
    if (!mx_json_simd_get(&e, "data", &data) || mx_json_simd_type(&data) != MX_J_OBJECT)
        return mx_record_reject(r, MX_R_MISSING_FIELD, "missing required field 'event.data'");
    bool is_incident = mx_jfield_eq(mx_jfield_str(&data, "/type"), "incident");
    if (!(mx_json_simd_pointer(&data, is_incident ? "/id" : "/incident/id", &v))) {
        char ex[200];
        mx_diag_excerpt(ex, sizeof ex, type.p, type.n);
        return mx_record_reject(r, MX_R_NOT_INCIDENT, "webhook event %s is not about an incident",
                                ex);
    }
    if (!mx_jfield_id(r, &v, "event.data.id", &ev.incident)) return false;
    if (!mx_json_simd_get(&e, "occurred_at", &v))
        return mx_record_reject(r, MX_R_MISSING_FIELD,
                                "missing required field 'event.occurred_at'");
    if (!mx_jfield_time(r, &v, "event.occurred_at", &ev.time_ms)) return false;
    ev.uid = mx_jfield_str(&e, "/id");
    ev.uid_space = MX_UID_PD_WEBHOOK_V3;
    ev.actor = mx_jfield_str(&e, "/agent/summary");
    ev.actor_system = automatic(&e, "/agent/type", NULL);
    map_type(r, V3_TYPES, sizeof V3_TYPES / sizeof V3_TYPES[0], type, &ev);
    if (is_incident) {
        ev.title = mx_jfield_str(&data, "/title");
        ev.service = mx_jfield_str(&data, "/service/summary");
        ev.team = mx_jfield_str(&data, "/teams/0/summary");
        ev.number = number_at(r, &data, "/number");
        severity(r, &data, &ev);
    }
    if (ev.type == MX_EV_RESOLVED) {
        ev.auto_resolved = automatic(&e, "/agent/type", NULL);
        if (mx_jfield_eq(mx_jfield_str(&data, "/resolve_reason/type"), "merge_resolve_reason")) {
            ev.type = MX_EV_MERGED;
            ev.into = mx_jfield_str(&data, "/resolve_reason/incident/id");
        }
    }
    mx_record_event(r, &ev);
    if (is_incident) {
        struct mx_event base = ev;
        base.uid.n = 0;
        base.uid_space = MX_UID_NONE;
        base.actor.n = 0;
        base.auto_resolved = false;
        if (!incident_facts(r, &data, MX_NO_TIME, &base, ev.type)) return false;
    }
    return true;
}

static const struct type_map V2_TYPES[] = {
    {"incident.trigger", MX_EV_DETECTED},
    {"incident.acknowledge", MX_EV_ACKNOWLEDGED},
    {"incident.unacknowledge", MX_EV_UNACKNOWLEDGED},
    {"incident.resolve", MX_EV_RESOLVED},
    {"incident.escalate", MX_EV_ESCALATED},
    {"incident.assign", MX_EV_NOTE},
    {"incident.delegate", MX_EV_NOTE},
    {"incident.annotate", MX_EV_NOTE},
};

static bool webhook_v2(struct mx_record *r, const struct mx_jval *o) {
    struct mx_jval inc, v;
    mx_json_simd_get(o, "incident", &inc);
    struct mx_event base;
    mx_record_blank(r, &base);
    if (!incident_base(r, &inc, &base)) return false;
    struct mx_event ev = base;
    if (!mx_json_simd_get(o, "created_on", &v))
        return mx_record_reject(r, MX_R_MISSING_FIELD, "missing required field 'created_on'");
    if (!mx_jfield_time(r, &v, "created_on", &ev.time_ms)) return false;
    ev.uid = mx_jfield_str(o, "/id");
    ev.uid_space = MX_UID_PD_WEBHOOK_V2;
    ev.actor = mx_jfield_str(o, "/log_entries/0/agent/summary");
    ev.actor_system = automatic(o, "/log_entries/0/agent/type", NULL);
    map_type(r, V2_TYPES, sizeof V2_TYPES / sizeof V2_TYPES[0], mx_jfield_str(o, "/event"), &ev);
    if (ev.type == MX_EV_RESOLVED) {
        ev.auto_resolved = automatic(&inc, "/last_status_change_by/type", NULL);
        if (mx_jfield_eq(mx_jfield_str(&inc, "/resolve_reason/type"), "merge_resolve_reason"))
            ev.type = MX_EV_MERGED;
    }
    mx_record_event(r, &ev);
    return incident_facts(r, &inc, MX_NO_TIME, &base, ev.type);
}

struct mx_str mx_pagerduty_json_page_zone(const struct mx_jval *page) {
    return mx_jfield_str(page, "/time_zone");
}

/* An Analytics raw incident: the same facts as the CSV raw report. */
static bool analytics(struct mx_record *r, const struct mx_jval *o) {
    struct mx_jval v;
    struct mx_event ev;
    mx_record_blank(r, &ev);
    if (!mx_json_simd_get(o, "id", &v))
        return mx_record_reject(r, MX_R_MISSING_FIELD, "missing required field 'id'");
    if (!mx_jfield_id(r, &v, "id", &ev.incident)) return false;
    if (!mx_json_simd_get(o, "created_at", &v))
        return mx_record_reject(r, MX_R_MISSING_FIELD, "missing required field 'created_at'");
    if (!mx_jfield_time(r, &v, "created_at", &ev.time_ms)) return false;
    ev.title = mx_jfield_str(o, "/description");
    ev.service = mx_jfield_str(o, "/service_name");
    ev.team = mx_jfield_str(o, "/team_name");
    struct mx_str p = mx_jfield_str(o, "/priority_name");
    if (p.n && !mx_sevmap_lookup(r->sevmap, p.p, p.n, &ev.severity)) {
        char ex[200];
        mx_diag_excerpt(ex, sizeof ex, p.p, p.n);
        mx_record_warn(r, MX_W_UNKNOWN_SEVERITY,
                       "priority %s is not in the severity mapping (ignored)", ex);
    }
    if (ev.severity == MX_SEV_NONE)
        mx_record_urgency(r, mx_jfield_str(o, "/urgency"), &ev.severity);
    ev.type = MX_EV_DETECTED;
    int64_t created = ev.time_ms, resolved, secs;
    mx_record_event(r, &ev);
    struct mx_event more = ev;
    more.title.n = more.service.n = more.team.n = 0;
    if (mx_json_simd_get(o, "seconds_to_first_ack", &v) && mx_json_simd_int64(&v, &secs) &&
        secs >= 0) {
        more.type = MX_EV_ACKNOWLEDGED;
        more.time_ms = created + secs * 1000;
        mx_record_event(r, &more);
    }
    if (!mx_jfield_opt_time(r, o, "/resolved_at", "resolved_at", &resolved)) return false;
    if (resolved != MX_NO_TIME) {
        bool b = false;
        more.type = MX_EV_RESOLVED;
        more.time_ms = resolved;
        more.actor = mx_jfield_str(o, "/resolved_by_user_name");
        more.auto_resolved =
            mx_json_simd_get(o, "auto_resolved", &v) && mx_json_simd_bool(&v, &b) && b;
        mx_record_event(r, &more);
    }
    return true;
}

bool mx_pagerduty_json_record(struct mx_record *r, enum mx_shape shape, const struct mx_jval *obj) {
    switch (shape) {
    case MX_SHAPE_PD_LOG_ENTRY: return log_entry(r, obj);
    case MX_SHAPE_PD_INCIDENT: return incident(r, obj);
    case MX_SHAPE_PD_WEBHOOK_V3: return webhook_v3(r, obj);
    case MX_SHAPE_PD_WEBHOOK_V2: return webhook_v2(r, obj);
    case MX_SHAPE_PD_ANALYTICS: return analytics(r, obj);
    default: return mx_record_reject(r, MX_R_BAD_FIELD, "a page is not a record");
    }
}
