/*
 * event.h - the contract between every parser and the analyzer.
 *
 * A parser turns one input record into events (usually one; a PagerDuty incident
 * object gives its creation, resolution and merge) and hands each to an mx_event_fn
 * callback; the second and later events of a record carry same_record. Every string in an event is
 * a (pointer, length) view that is valid only during the callback: whoever keeps a string copies
 * it. Times are int64_t milliseconds since the Unix epoch, UTC.
 */
#ifndef MX_EVENT_H
#define MX_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MX_NO_TIME INT64_MIN

/* A string view; not NUL-terminated, may be empty (n == 0, p may be NULL). */
struct mx_str {
    const char *p;
    size_t n;
};

/* c with ASCII A-Z lower-cased; every other byte (UTF-8 included) as it is. */
static inline int mx_event_lower(int c) {
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

enum mx_evtype {
    MX_EV_STARTED,
    MX_EV_DETECTED,
    MX_EV_ACKNOWLEDGED,
    MX_EV_UNACKNOWLEDGED,
    MX_EV_SEVERITY_CHANGED,
    MX_EV_COMMANDER_ASSIGNED,
    MX_EV_ESCALATED,
    MX_EV_STATUS_UPDATE,
    MX_EV_WAR_ROOM_OPENED,
    MX_EV_MITIGATED,
    MX_EV_RESOLVED,
    MX_EV_REOPENED,
    MX_EV_MERGED,
    MX_EV_POSTMORTEM_PUBLISHED,
    MX_EV_REGULATOR_NOTIFIED,
    MX_EV_NOTE,
    MX_EV_PAGED, /* a person notified (actor); via says how */
    MX_EV__COUNT
};

/* How a paged event reached its person. Phone, SMS and push interrupt; email does not. */
enum mx_via { MX_VIA_NONE = 0, MX_VIA_PHONE, MX_VIA_SMS, MX_VIA_PUSH, MX_VIA_EMAIL, MX_VIA__COUNT };

/* Severity: 0 = none/unassigned, 1..4 = SEV1..SEV4 (1 is the highest). */
enum mx_severity { MX_SEV_NONE = 0, MX_SEV_1, MX_SEV_2, MX_SEV_3, MX_SEV_4, MX_SEV__COUNT };

enum mx_class { MX_CLASS_AVAILABILITY = 0, MX_CLASS_DATA, MX_CLASS_SECURITY, MX_CLASS__COUNT };

/* The kind of source id a record carries. Two events whose records carry ids of the
 * same kind are the same event only when the id is the same (two PagerDuty log entries
 * with different ids at one instant are two notifications); the instant rule of
 * duplicates applies between records of different kinds and to records without one. */
enum mx_uid_space {
    MX_UID_NONE,
    MX_UID_PD_LOG_ENTRY, /* PagerDuty REST log entry id */
    MX_UID_PD_WEBHOOK_V3,
    MX_UID_PD_WEBHOOK_V2,
    MX_UID__COUNT
};

/* Where a record came from. path is the display path of the input ("a.jsonl",
 * "logs.tar.gz!2026/03.jsonl"); line is 1-based in the decompressed stream; index is
 * the 0-based element of a JSON page or array, or -1. src identifies the input in the
 * diagnostics table (mx_diag_input_add). */
struct mx_pos {
    const char *path;
    uint32_t src;
    uint64_t line;
    int64_t index;
};

struct mx_event {
    struct mx_pos pos;
    int64_t time_ms;
    struct mx_str incident;
    enum mx_evtype type;
    struct mx_str type_name; /* the raw name for MX_EV_NOTE from an unknown type, else empty */
    enum mx_severity severity;
    enum mx_class cls;
    bool has_class;
    bool auto_resolved; /* MX_EV_RESOLVED with "auto": true */
    enum mx_via via;    /* MX_EV_PAGED: the medium, when known */
    struct mx_str service, team, title, actor, commander, channel, url, note, into;
    struct mx_str number;        /* the incident's number as people say it (PagerDuty's
                                  * incident_number "101"), when the source has one */
    struct mx_str alt_id;        /* another id of this incident (an Opsgenie alert's id beside
                                  * the tiny id it is known by): events filed under alt_id
                                  * join this incident */
    struct mx_str uid;           /* the source's unique id of the record (a PagerDuty log entry or
                                  * webhook event id); a repeated uid makes the record a duplicate */
    enum mx_uid_space uid_space; /* which kind of id uid is (MX_UID_NONE without one) */
    bool same_record;            /* a further event of the record of the previous event */
    bool can_postmortem;         /* the record's source can carry postmortem_published
                                  * (native, CSV with native columns, custom formats);
                                  * set by the input layer from the record's kind */
    bool title_is_summary;       /* title is a summary line (a PagerDuty log entry's
                                  * incident.summary): a title field wins over it */
    bool actor_system;           /* the source says the actor is a service, an integration
                                  * or a timeout (a PagerDuty agent of such a type), not a
                                  * person: the on-call load and --anonymize pass it by */
};

typedef void (*mx_event_fn)(void *ctx, const struct mx_event *ev);

/* Canonical lower-case names ("detected", "postmortem_published"), indexed by type. */
const char *mx_event_type_name(enum mx_evtype t);
/* "SEV1".."SEV4" or "unassigned". */
const char *mx_event_severity_name(enum mx_severity s);
/* "availability", "data", "security". */
const char *mx_event_class_name(enum mx_class c);

/* Reads an event type name, aliases included (triggered, alert -> detected),
 * ASCII case-insensitively. Returns false for an unknown name. */
bool mx_event_type_parse(const char *s, size_t n, enum mx_evtype *out);
/* "phone", "sms", "push", "email"; "" for MX_VIA_NONE. */
const char *mx_event_via_name(enum mx_via v);
/* Reads phone, sms, push (also push_notification, PagerDuty's word), email, ASCII
 * case-insensitively. Returns false otherwise. */
bool mx_event_via_parse(const char *s, size_t n, enum mx_via *out);
/* Reads availability, security, data. Returns false otherwise. */
bool mx_event_class_parse(const char *s, size_t n, enum mx_class *out);

#endif
