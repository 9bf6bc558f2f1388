/*
 * incidentio.c - incident.io incidents (see incidentio.h).
 */
#include "parsers/incidentio.h"

#include <string.h>

#include "parsers/jfield.h"

/* name without a trailing " at" (any case). */
static struct mx_str stem(const char *p, size_t n) {
    if (n > 3 && p[n - 3] == ' ' && mx_event_lower((unsigned char)p[n - 2]) == 'a' &&
        mx_event_lower((unsigned char)p[n - 1]) == 't')
        n -= 3;
    return (struct mx_str){p, n};
}

bool mx_incidentio_names_set(struct mx_incidentio_names *m, const char *name, size_t n,
                             enum mx_evtype type) {
    struct mx_str s = stem(name, n);
    if (s.n >= sizeof m->e[0].name) return false;
    char low[sizeof m->e[0].name];
    for (size_t i = 0; i < s.n; i++) low[i] = (char)mx_event_lower((unsigned char)s.p[i]);
    low[s.n] = '\0';
    size_t k = 0;
    while (k < m->n && strcmp(m->e[k].name, low) != 0) k++;
    bool same = k < m->n && m->e[k].type == type;
    if (k == m->n) {
        if (m->n == MX_INCIDENTIO_NAMES_MAX) return false;
        m->n++;
    }
    memcpy(m->e[k].name, low, s.n + 1);
    m->e[k].fallback = same && m->e[k].fallback; /* "Closed at = resolved" stays second */
    m->e[k].type = type;
    return true;
}

/* "Closed at" resolves only when nothing else does. */
static const struct mx_incidentio_names DEFAULTS = {6,
                                                    {{"reported", MX_EV_DETECTED, false},
                                                     {"impact started", MX_EV_STARTED, false},
                                                     {"accepted", MX_EV_ACKNOWLEDGED, false},
                                                     {"fixed", MX_EV_MITIGATED, false},
                                                     {"resolved", MX_EV_RESOLVED, false},
                                                     {"closed", MX_EV_RESOLVED, true}}};

void mx_incidentio_names_default(struct mx_incidentio_names *m) {
    *m = DEFAULTS;
}

/* Whether a timestamp's name is a milestone's (not a note's): its entry then in *at. */
static bool milestone(const struct mx_incidentio_names *m, struct mx_str name, size_t *at) {
    struct mx_str s = stem(name.p, name.n);
    for (size_t k = 0; k < m->n; k++) {
        const char *e = m->e[k].name;
        if (strlen(e) != s.n) continue;
        size_t i = 0;
        while (i < s.n && mx_event_lower((unsigned char)s.p[i]) == e[i]) i++;
        if (i == s.n) {
            *at = k;
            return m->e[k].type != MX_EV_NOTE;
        }
    }
    return false;
}

/* The incident itself: obj, or what {"incident":{...}} holds. */
static struct mx_jval inner(const struct mx_jval *o) {
    struct mx_jval v;
    if (mx_json_simd_get(o, "incident", &v) && mx_json_simd_type(&v) == MX_J_OBJECT) return v;
    return *o;
}

bool mx_incidentio_is(const struct mx_jval *o) {
    struct mx_jval x = inner(o), st;
    /* PagerDuty's incidents have a status string, never an incident_status object */
    return (mx_json_simd_get(&x, "incident_status", &st) &&
            mx_jfield_is(&st, "category", MX_J_STRING)) ||
           mx_jfield_is(&x, "incident_timestamp_values", MX_J_ARRAY);
}

static const struct mx_record_sevname SEVERITIES[] = {
    {"critical", MX_SEV_1}, {"major", MX_SEV_2}, {"minor", MX_SEV_3}, {NULL, MX_SEV_NONE}};

/* The digits of a reference "INC-123" ("123"), or an empty view. */
static struct mx_str ref_number(struct mx_str ref) {
    size_t i = ref.n;
    while (i > 0 && ref.p[i - 1] >= '0' && ref.p[i - 1] <= '9') i--;
    if (i == ref.n || i == 0 || ref.p[i - 1] != '-') return (struct mx_str){NULL, 0};
    return (struct mx_str){ref.p + i, ref.n - i};
}

bool mx_incidentio_record(struct mx_record *r, const struct mx_jval *obj,
                          const struct mx_incidentio_names *names) {
    if (!names) names = &DEFAULTS;
    r->what = "incident.io incident";
    struct mx_jval o = inner(obj), v;
    struct mx_event base;
    mx_record_blank(r, &base);
    if (!mx_jfield_key(r, &o, "reference", "incidentio:", &base.incident)) return false;
    int64_t created;
    if (!mx_jfield_req_time(r, &o, "created_at", &created)) return false;

    /* the milestones by name; the first value of each type wins */
    int64_t at[MX_EV__COUNT], fallback[MX_EV__COUNT];
    for (int k = 0; k < MX_EV__COUNT; k++) at[k] = fallback[k] = MX_NO_TIME;
    struct mx_jiter it;
    struct mx_jval tv;
    struct mx_event note = base; /* a timestamp of no milestone: a note under its name */
    note.type = MX_EV_NOTE;
    if (mx_json_simd_get(&o, "incident_timestamp_values", &v) &&
        mx_json_simd_array_begin(&v, &it)) {
        while (mx_json_simd_array_next(&it, &tv)) {
            struct mx_str name = mx_jfield_str(&tv, "/incident_timestamp/name");
            size_t k;
            if (!name.n || !milestone(names, name, &k))
                continue; /* a note: read after the milestones */
            int64_t t;
            if (!mx_jfield_opt_time(r, &tv, "/value/value", "incident_timestamp_values[].value",
                                    &t))
                return false;
            int64_t *slot = names->e[k].fallback ? fallback : at;
            if (t != MX_NO_TIME && slot[names->e[k].type] == MX_NO_TIME) slot[names->e[k].type] = t;
        }
    }
    for (int k = 0; k < MX_EV__COUNT; k++)
        if (at[k] == MX_NO_TIME) at[k] = fallback[k];

    struct mx_str category = mx_jfield_str(&o, "/incident_status/category");
    bool ended = mx_jfield_eq(category, "learning") || mx_jfield_eq(category, "closed");
    bool dropped = mx_jfield_eq(category, "merged") || mx_jfield_eq(category, "declined") ||
                   mx_jfield_eq(category, "canceled");

    struct mx_event ev = base;
    ev.type = MX_EV_DETECTED;
    ev.time_ms = at[MX_EV_DETECTED] != MX_NO_TIME ? at[MX_EV_DETECTED] : created;
    ev.title = mx_jfield_str(&o, "/name");
    ev.channel = mx_jfield_str(&o, "/slack_channel_name");
    ev.url = mx_jfield_str(&o, "/permalink");
    ev.number = ref_number(base.incident);
    mx_record_severity(r, mx_jfield_str(&o, "/severity/name"), SEVERITIES, &ev.severity);
    mx_record_event(r, &ev);

    static const enum mx_evtype LATER[] = {MX_EV_STARTED,
                                           MX_EV_ACKNOWLEDGED,
                                           MX_EV_MITIGATED,
                                           MX_EV_POSTMORTEM_PUBLISHED,
                                           MX_EV_REGULATOR_NOTIFIED,
                                           MX_EV_WAR_ROOM_OPENED};
    for (size_t k = 0; k < sizeof LATER / sizeof LATER[0]; k++) {
        if (at[LATER[k]] == MX_NO_TIME) continue;
        ev = base;
        ev.type = LATER[k];
        ev.time_ms = at[LATER[k]];
        mx_record_event(r, &ev);
    }
    struct mx_jval ra;
    if (mx_json_simd_get(&o, "incident_role_assignments", &v) &&
        mx_json_simd_array_begin(&v, &it)) {
        while (mx_json_simd_array_next(&it, &ra)) {
            if (!mx_jfield_eq(mx_jfield_str(&ra, "/role/role_type"), "lead")) continue;
            struct mx_str who = mx_jfield_str(&ra, "/assignee/name");
            if (!who.n) continue;
            ev = base; /* the API gives no time of the assignment: the creation's */
            ev.type = MX_EV_COMMANDER_ASSIGNED;
            ev.time_ms = created;
            ev.commander = who;
            mx_record_event(r, &ev);
            break;
        }
    }
    int64_t end = at[MX_EV_RESOLVED];
    if (dropped) { /* when it was merged, declined or canceled matters to no metric */
        if (!mx_jfield_opt_time(r, &o, "/updated_at", "updated_at", &end)) return false;
        ev = base;
        ev.type = MX_EV_MERGED;
        ev.time_ms = end != MX_NO_TIME ? end : created;
        mx_record_event(r, &ev);
    } else if (ended) {
        bool approximate = end == MX_NO_TIME;
        if (approximate && !mx_jfield_opt_time(r, &o, "/updated_at", "updated_at", &end))
            return false;
        if (end != MX_NO_TIME) {
            ev = base;
            ev.type = MX_EV_RESOLVED;
            ev.time_ms = end;
            mx_record_event(r, &ev);
        }
        if (approximate)
            mx_record_warn(r, end != MX_NO_TIME ? MX_W_APPROXIMATE_TIME : MX_W_IGNORED_FIELD,
                           "status %.*s without a resolution time: %s",
                           (int)(category.n < 40 ? category.n : 40), category.p,
                           end != MX_NO_TIME ? "resolved at updated_at"
                                             : "no updated_at either, left open");
    } else if (end != MX_NO_TIME) {
        note.type_name = (struct mx_str){"resolved (open again)", 21};
        note.time_ms = end;
        mx_record_event(r, &note);
    }
    /* the timestamps of no milestone, and those not taken, after the milestones */
    if (mx_json_simd_get(&o, "incident_timestamp_values", &v) &&
        mx_json_simd_array_begin(&v, &it)) {
        while (mx_json_simd_array_next(&it, &tv)) {
            struct mx_str name = mx_jfield_str(&tv, "/incident_timestamp/name");
            size_t k;
            if (!name.n) continue;
            bool is_milestone = milestone(names, name, &k);
            struct mx_jval tval;
            note.time_ms = MX_NO_TIME;
            if (is_milestone) { /* read (and checked) in the first pass */
                if (mx_json_simd_pointer(&tv, "/value/value", &tval) &&
                    mx_json_simd_type(&tval) != MX_J_NULL)
                    mx_jfield_time_again(r, &tval, &note.time_ms);
            } else if (!mx_jfield_opt_time(r, &tv, "/value/value",
                                           "incident_timestamp_values[].value", &note.time_ms)) {
                return false;
            }
            /* a milestone's timestamp that was not taken (a second one of its type, a
             * "Closed at" after a "Resolved at") stays visible as a note */
            if (note.time_ms == MX_NO_TIME ||
                (is_milestone && note.time_ms == at[names->e[k].type]))
                continue;
            note.type_name = name;
            mx_record_event(r, &note);
        }
    }
    return true;
}
