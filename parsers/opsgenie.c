/*
 * opsgenie.c - Opsgenie / Jira Service Management alerts, alert logs and incidents
 * (see opsgenie.h).
 */
#include "parsers/opsgenie.h"

#include <string.h>

#include "parsers/jfield.h"
#include "parsers/times.h"

#define NS          "opsgenie:"
#define NS_LEN      (sizeof NS - 1)
#define NS_INCIDENT "opsgenie_incident:"

enum mx_opsgenie_shape mx_opsgenie_shape(const struct mx_jval *o) {
    if (mx_jfield_is(o, "log", MX_J_STRING) && mx_jfield_is(o, "offset", MX_J_STRING) &&
        mx_jfield_is(o, "createdAt", MX_J_NULL))
        return MX_OPSGENIE_LOG;
    /* an alert without its tiny id still has the alert's own state keys */
    bool alert_keys =
        mx_jfield_is(o, "id", MX_J_NULL) && mx_jfield_is(o, "createdAt", MX_J_NULL) &&
        (mx_jfield_is(o, "alias", MX_J_NULL) || mx_jfield_is(o, "message", MX_J_NULL)) &&
        (mx_jfield_is(o, "acknowledged", MX_J_NULL) || mx_jfield_is(o, "isSeen", MX_J_NULL) ||
         mx_jfield_is(o, "report", MX_J_NULL));
    if (!mx_jfield_is(o, "tinyId", MX_J_NULL))
        return alert_keys ? MX_OPSGENIE_ALERT : MX_OPSGENIE_NONE;
    static const char *const incident_keys[] = {"impactStartDate", "impactEndDate",
                                                "impactedServices", "ownerTeam", "extraProperties"};
    for (size_t k = 0; k < sizeof incident_keys / sizeof incident_keys[0]; k++)
        if (mx_jfield_is(o, incident_keys[k], MX_J_NULL)) return MX_OPSGENIE_INCIDENT;
    return MX_OPSGENIE_ALERT;
}

/* ASCII case-insensitive: whether s starts with w / holds w. */
static bool starts(struct mx_str s, const char *w) {
    size_t n = strlen(w);
    if (s.n < n) return false;
    for (size_t i = 0; i < n; i++)
        if (mx_event_lower((unsigned char)s.p[i]) != w[i]) return false;
    return true;
}

static bool holds(struct mx_str s, const char *w) {
    size_t n = strlen(w);
    for (size_t i = 0; i + n <= s.n; i++)
        if (starts((struct mx_str){s.p + i, s.n - i}, w)) return true;
    return false;
}

/* Whether an actor is a person: Opsgenie's users are e-mail addresses (the API, an
 * integration, a policy or the system is a name). An unnamed actor is neither: a close
 * by nobody known is not called automatic. */
static bool person(struct mx_str who) {
    return memchr(who.p ? who.p : "", '@', who.n) != NULL;
}

/* The medium a notification log names ("[SMS]", "voice", "email", "mobile"). */
static enum mx_via medium(struct mx_str log) {
    if (holds(log, "sms")) return MX_VIA_SMS;
    if (holds(log, "voice") || holds(log, "phone")) return MX_VIA_PHONE;
    if (holds(log, "email")) return MX_VIA_EMAIL;
    if (holds(log, "mobile") || holds(log, "push")) return MX_VIA_PUSH;
    return MX_VIA_NONE;
}

/* One log entry of the alert key. */
static bool log_event(struct mx_record *r, const struct mx_jval *lg, struct mx_str key) {
    struct mx_event ev;
    mx_record_blank(r, &ev);
    ev.incident = key;
    if (!mx_jfield_req_time(r, lg, "createdAt", &ev.time_ms)) return false;
    struct mx_str log = mx_jfield_str(lg, "/log");
    struct mx_str type = mx_jfield_str(lg, "/type");
    ev.actor = mx_jfield_str(lg, "/owner");
    ev.actor_system = ev.actor.n && !person(ev.actor);
    ev.note = log;
    if (starts(log, "alert acknowledged")) {
        ev.type = MX_EV_ACKNOWLEDGED;
    } else if (starts(log, "alert unacknowledged")) {
        ev.type = MX_EV_UNACKNOWLEDGED;
    } else if (starts(log, "alert closed")) {
        ev.type = MX_EV_RESOLVED;
        ev.auto_resolved = ev.actor.n && !person(ev.actor);
    } else if (starts(log, "alert created")) {
        ev.type = MX_EV_DETECTED;
    } else if (holds(log, "escalat")) {
        ev.type = MX_EV_ESCALATED;
    } else if (holds(log, "notification") && holds(log, "sent")) {
        ev.type = MX_EV_PAGED;
        ev.via = medium(log);
        ev.actor_system = false; /* the recipient */
    } else {
        ev.type = MX_EV_NOTE;
        ev.type_name = type;
        bool known = mx_jfield_eq(type, "system") || mx_jfield_eq(type, "alertRecipient");
        if (!type.n) {
            mx_record_warn(r, MX_W_UNKNOWN_EVENT, "log entry without a type (kept as a note)");
        } else if (!known) {
            char ex[200];
            mx_diag_excerpt(ex, sizeof ex, type.p, type.n);
            mx_record_warn(r, MX_W_UNKNOWN_EVENT, "unknown log type %s (kept as a note)", ex);
        }
    }
    mx_record_event(r, &ev);
    return true;
}

/* The alert a log page is about, from its paging link ".../alerts/ID/logs?...",
 * namespaced; an empty view when the link names none or names it by alias. */
static struct mx_str page_alert(struct mx_record *r, bool *by_alias) {
    struct mx_str u = r->page_link, none = {NULL, 0};
    *by_alias = false;
    if (!u.n) return none;
    const char *p = u.p, *end = u.p + u.n;
    const char *a = NULL;
    for (const char *q = p; q + 8 <= end; q++)
        if (memcmp(q, "/alerts/", 8) == 0) a = q + 8;
    if (!a) return none;
    const char *slash = memchr(a, '/', (size_t)(end - a));
    if (!slash || slash == a || (size_t)(end - slash) < 5 || memcmp(slash, "/logs", 5) != 0)
        return none;
    struct mx_str id = {a, (size_t)(slash - a)};
    for (const char *q = slash; q + 15 <= end; q++)
        if (memcmp(q, "identifierType=", 15) == 0 && (size_t)(end - q) >= 20 &&
            memcmp(q + 15, "alias", 5) == 0)
            *by_alias = true;
    return *by_alias ? none : mx_record_join(r, NS, id);
}

/* The instant report.KEY milliseconds after created, into *at. False when absent, or
 * (warned, ignored) not a count of milliseconds that lands in mttx's years. */
static bool after(struct mx_record *r, const struct mx_jval *o, const char *key, int64_t created,
                  int64_t *at) {
    struct mx_jval rep, v;
    int64_t ms;
    if (!mx_json_simd_get(o, "report", &rep) || !mx_json_simd_get(&rep, key, &v) ||
        mx_json_simd_type(&v) == MX_J_NULL)
        return false;
    if (!mx_json_simd_int64(&v, &ms) || ms < 0 || ms > MX_TIMES_MAX_MS - created) {
        mx_record_warn(r, MX_W_IGNORED_FIELD,
                       "field 'report.%s': expected milliseconds after createdAt (ignored)", key);
        return false;
    }
    *at = created + ms;
    return true;
}

/* An alert: its facts, and the logs embedded in it. */
static bool alert(struct mx_record *r, const struct mx_jval *o) {
    r->what = "Opsgenie alert";
    struct mx_event ev;
    mx_record_blank(r, &ev);
    struct mx_jval v;
    /* the tiny id (a string, or an integer) when it has one, else the id */
    bool tiny = mx_json_simd_get(o, "tinyId", &v) &&
                ((mx_json_simd_type(&v) == MX_J_STRING && mx_jfield_str(o, "/tinyId").n) ||
                 mx_json_simd_type(&v) == MX_J_INT);
    if (!mx_jfield_key(r, o, tiny ? "tinyId" : "id", NS, &ev.incident)) return false;
    if (tiny) {
        struct mx_str id;
        if (mx_json_simd_get(o, "id", &v) && mx_json_simd_string(&v, &id.p, &id.n) && id.n)
            ev.alt_id = mx_record_join(r, NS, id);
        ev.number = (struct mx_str){ev.incident.p + NS_LEN, ev.incident.n - NS_LEN};
    }
    int64_t created, updated = MX_NO_TIME, ms;
    if (!mx_jfield_req_time(r, o, "createdAt", &created)) return false;
    struct mx_event base = ev;
    base.number.n = 0;
    ev.type = MX_EV_DETECTED;
    ev.time_ms = created;
    ev.title = mx_jfield_str(o, "/message");
    ev.service = mx_jfield_str(o, "/integration/name");
    struct mx_str priority = mx_jfield_str(o, "/priority");
    mx_record_severity(r, priority, NULL, &ev.severity);
    mx_record_event(r, &ev);
    if (after(r, o, "ackTime", created, &ms)) {
        ev = base;
        ev.type = MX_EV_ACKNOWLEDGED;
        ev.time_ms = ms;
        ev.actor = mx_jfield_str(o, "/report/acknowledgedBy");
        ev.actor_system = ev.actor.n && !person(ev.actor);
        mx_record_event(r, &ev);
    }
    struct mx_str status = mx_jfield_str(o, "/status");
    bool closed_now = mx_jfield_eq(status, "closed");
    ev = base;
    ev.type = MX_EV_RESOLVED;
    ev.actor = mx_jfield_str(o, "/report/closedBy");
    ev.actor_system = ev.actor.n && !person(ev.actor);
    ev.auto_resolved = ev.actor.n && !person(ev.actor);
    if (after(r, o, "closeTime", created, &ms)) {
        ev.time_ms = ms;
        mx_record_event(r, &ev);
    } else if (closed_now) {
        if (!mx_jfield_opt_time(r, o, "/updatedAt", "updatedAt", &updated)) return false;
        if (updated != MX_NO_TIME) {
            ev.time_ms = updated;
            mx_record_event(r, &ev);
            mx_record_warn(r, MX_W_APPROXIMATE_TIME,
                           "status closed without report.closeTime: closed at updatedAt");
        } else {
            mx_record_warn(r, MX_W_IGNORED_FIELD,
                           "status closed without report.closeTime or updatedAt: left open");
        }
    }
    struct mx_jiter it;
    struct mx_jval lg;
    if (mx_json_simd_get(o, "logs", &v) && mx_json_simd_array_begin(&v, &it))
        while (mx_json_simd_array_next(&it, &lg))
            if (!log_event(r, &lg, base.incident)) return false;
    return true;
}

static bool log_entry(struct mx_record *r, const struct mx_jval *o) {
    r->what = "Opsgenie alert log";
    bool by_alias;
    struct mx_str key = page_alert(r, &by_alias);
    if (by_alias)
        return mx_record_reject(r, MX_R_MISSING_FIELD,
                                "its page names the alert by alias: export the logs by id "
                                "(identifierType=id) or tiny id");
    if (!key.n)
        return mx_record_reject(r, MX_R_MISSING_FIELD,
                                "no alert: a log page's paging links (…/alerts/ID/logs) name "
                                "its alert");
    return log_event(r, o, key);
}

static bool incident(struct mx_record *r, const struct mx_jval *o) {
    r->what = "Opsgenie incident";
    struct mx_event base;
    mx_record_blank(r, &base);
    if (!mx_jfield_key(r, o, "tinyId", NS_INCIDENT, &base.incident)) return false;
    int64_t created, started, ended, updated;
    if (!mx_jfield_req_time(r, o, "createdAt", &created) ||
        !mx_jfield_opt_time(r, o, "/impactStartDate", "impactStartDate", &started) ||
        !mx_jfield_opt_time(r, o, "/impactEndDate", "impactEndDate", &ended) ||
        !mx_jfield_opt_time(r, o, "/updatedAt", "updatedAt", &updated))
        return false;
    struct mx_event ev = base;
    ev.type = MX_EV_DETECTED;
    ev.time_ms = created;
    ev.title = mx_jfield_str(o, "/message");
    ev.team = mx_jfield_str(o, "/ownerTeam");
    ev.service = mx_jfield_str(o, "/impactedServices/0");
    ev.url = mx_jfield_str(o, "/links/web");
    ev.number = mx_jfield_str(o, "/tinyId");
    mx_record_severity(r, mx_jfield_str(o, "/priority"), NULL, &ev.severity);
    mx_record_event(r, &ev);
    if (started != MX_NO_TIME) {
        ev = base;
        ev.type = MX_EV_STARTED;
        ev.time_ms = started;
        mx_record_event(r, &ev);
    }
    if (ended != MX_NO_TIME) {
        ev = base;
        ev.type = MX_EV_MITIGATED;
        ev.time_ms = ended;
        mx_record_event(r, &ev);
    }
    struct mx_str status = mx_jfield_str(o, "/status");
    bool done = mx_jfield_eq(status, "resolved") || mx_jfield_eq(status, "closed");
    if (done && updated != MX_NO_TIME) {
        ev = base;
        ev.type = MX_EV_RESOLVED;
        ev.time_ms = updated;
        mx_record_event(r, &ev);
        mx_record_warn(r, MX_W_APPROXIMATE_TIME,
                       "status %s: resolved at updatedAt (the incident carries no time of the "
                       "change)",
                       status.n == 8 ? "resolved" : "closed");
    }
    return true;
}

bool mx_opsgenie_record(struct mx_record *r, enum mx_opsgenie_shape shape,
                        const struct mx_jval *obj) {
    switch (shape) {
    case MX_OPSGENIE_ALERT: return alert(r, obj);
    case MX_OPSGENIE_LOG: return log_entry(r, obj);
    case MX_OPSGENIE_INCIDENT: return incident(r, obj);
    default: return mx_record_reject(r, MX_R_BAD_FIELD, "not an Opsgenie object");
    }
}
