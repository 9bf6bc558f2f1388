/*
 * timeline.h - groups events by incident and reconstructs each incident's timeline
 * (docs/spec.md#timeline-rules).
 *
 * Events arrive through mx_timeline_add in input order and are kept as compact records
 * (struct mx_entry, 40 bytes; strings interned): memory grows with incidents and events,
 * never with the bytes of input. mx_timeline_finish sorts each incident's events by time
 * (input order breaks ties), drops exact duplicates and derives the milestones.
 *
 * Duplicates: an event is a duplicate of an earlier one with the same incident, type,
 * actor and medium (a page's via) at the same instant - at the precision both share: an instant
 * with no milliseconds matches any instant within that second, since one source writes seconds
 * where another writes milliseconds - unless both records carry source ids of the same kind (enum
 * mx_uid_space) that differ: those are distinct events whatever their instant. A record is a
 * duplicate when all its events are, or when its uid was seen before; it counts against the input
 * read later.
 */
#ifndef MX_TIMELINE_H
#define MX_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/intern.h"
#include "parsers/event.h"
#include "parsers/tz.h"

/* Anomalies of one incident (bits of mx_timeline.anomalies). */
enum mx_anomaly {
    MX_A_NO_DETECTED,             /* no detected event: detection = earliest event */
    MX_A_ACK_BEFORE_DETECTION,    /* an acknowledgement before detection (clock skew) */
    MX_A_STARTED_AFTER_DETECTION, /* negative MTTD: left out */
    MX_A_MITIGATED_BEFORE_DETECTION,
    MX_A_RESOLVED_BEFORE_DETECTION,
    MX_A__COUNT
};

/* Stable names ("no_detected_event", ...) and one-line explanations. */
const char *mx_timeline_anomaly_name(enum mx_anomaly a);
const char *mx_timeline_anomaly_text(enum mx_anomaly a);

#define MX_ENTRY_AUTO        1u /* a resolved event with auto: true */
#define MX_ENTRY_DUP         2u /* an exact duplicate, dropped */
#define MX_ENTRY_CONT        4u /* a further event of the record of the previous event */
#define MX_ENTRY_SPACE_SHIFT 3  /* bits 3-4: the enum mx_uid_space of the event's id */
#define MX_ENTRY_SPACE(e)    (((e)->flags >> MX_ENTRY_SPACE_SHIFT) & 3u)
#define MX_ENTRY_VIA_SHIFT   5 /* bits 5-7: the enum mx_via of a paged event */
#define MX_ENTRY_VIA(e)      ((enum mx_via)((e)->flags >> MX_ENTRY_VIA_SHIFT))

/* One event as kept: 24 bytes, its source position included (docs/design.md#memory).
 * What few events have (an unknown type's raw name, a kept text, a page element past
 * 65,534, an input past 1,048,574) is in a side table, read through the accessors
 * below (mx_timeline_entry_src and the others). */
struct mx_entry {
    int64_t t;
    uint32_t line;       /* saturates at UINT32_MAX */
    uint32_t actor;      /* interned, 0 = none */
    uint32_t src_ : 20;  /* input id (mx_diag); MX_ENTRY_FAR: in the side table */
    uint32_t type : 5;   /* enum mx_evtype */
    uint32_t sev : 3;    /* enum mx_severity */
    uint32_t system : 1; /* the source says a service or integration acted (actor_system) */
    uint32_t extra : 1;  /* the side table has more of it */
    uint16_t index1;     /* 1 + the element of a JSON page, 0 for none; MX_ENTRY_FAR16: far */
    uint8_t flags;
};
#define MX_ENTRY_FAR   0xFFFFFu
#define MX_ENTRY_FAR16 0xFFFFu

struct mx_timelines;

/* What the side table holds of an entry (mx_timeline_entry_*): the input, the page
 * element (or -1), the raw name of an unknown type and the kept text (0 = none). */
uint32_t mx_timeline_entry_src(const struct mx_timelines *tl, const struct mx_entry *e);
int64_t mx_timeline_entry_index(const struct mx_timelines *tl, const struct mx_entry *e);
uint32_t mx_timeline_entry_name(const struct mx_timelines *tl, const struct mx_entry *e);
uint32_t mx_timeline_entry_text(const struct mx_timelines *tl, const struct mx_entry *e);

/* Milestones whose evidence (the event that gave them) a timeline keeps. */
enum mx_milestone {
    MX_MS_STARTED,
    MX_MS_DETECTED,
    MX_MS_ACKNOWLEDGED,
    MX_MS_MITIGATED,
    MX_MS_RESOLVED,
    MX_MS_POSTMORTEM,
    MX_MS_REGULATOR,
    MX_MS_WAR_ROOM,
    MX_MS__COUNT
};

#define MX_NO_EVENT UINT32_MAX

/* The [checks] channel rule's verdict on one incident (analyzer/rules.h). */
enum mx_channel_check {
    MX_CHAN_UNCHECKED, /* no naming convention configured */
    MX_CHAN_FOLLOWS,
    MX_CHAN_OFF,  /* a channel that does not follow the convention */
    MX_CHAN_NONE, /* the data names no channel */
    MX_CHAN__COUNT
};

/* What the rules did to an incident (bits of mx_timeline.rule_flags). */
#define MX_RULE_SEV_FROM_TITLE 1u /* severity taken from the title */
#define MX_RULE_SEV_UNKNOWN    2u /* from_title matched a value the mapping does not know */
#define MX_RULE_LIMIT          4u /* a rule's match hit the PCRE2 limits: taken as no match */

/* A timeline keeps its texts as interned ids, 4 bytes each (read them with
 * mx_timeline_string; 0 = none; the id with mx_timeline_id): a run holds one timeline
 * per incident until its outputs are written. */
struct mx_timeline {
    uint32_t id;                   /* the incident's id (mx_timeline_id) */
    uint32_t title, service, team; /* first value in time order; 0 when none */
    uint32_t channel;              /* first value in time order */
    uint32_t number;               /* the number people say ("101"), 0 when none */
    uint32_t service_data;         /* the service as in the data (service may be an alias
                                    * given by a rule) */
    uint32_t norm_title;           /* the normalised title (analyzer/titles.h) once
                                    * mx_timeline_normalize_titles ran; 0 before it and
                                    * without a title */
    enum mx_severity severity;     /* highest ever */
    enum mx_class cls;
    int64_t detected_at, started_at, acknowledged_at, mitigated_at, resolved_at, postmortem_at;
    int64_t regulator_at, war_room_at; /* first regulator_notified / war_room_opened */
    uint32_t evidence[MX_MS__COUNT];   /* event index (mx_timeline_entry) per milestone, or
                                        * MX_NO_EVENT */
    uint32_t status_updates;           /* status_update events */
    int month; /* year * 12 + month - 1 of detected_at in the report's zone */
    bool open, merged, auto_resolved, in_window;
    bool filtered; /* left out of the window by --service / --team (analyzer/rules.h) */
    bool postmortem_measurable; /* a source of this incident can record a postmortem (not
                                 * only PagerDuty data), or one was published */
    uint32_t reopens;
    uint32_t anomalies;    /* 1u << enum mx_anomaly */
    uint32_t first, count; /* the incident's kept events: mx_timeline_entry(tl, first + i) */
    uint8_t excluded;      /* 1 + index of the [exclude] rule that left it out, or 0 */
    uint8_t alias;         /* 1 + index of the [service] alias applied, or 0 */
    uint8_t channel_check; /* enum mx_channel_check */
    uint8_t rule_flags;    /* MX_RULE_* */
};

/* Merged incidents and those a rule excluded are left out of every count and check. */
static inline bool mx_timeline_left_out(const struct mx_timeline *t) {
    return t->merged || t->excluded;
}

/* Whether a timeline counts in metrics: in the window, not merged, not excluded. */
static inline bool mx_timeline_counted(const struct mx_timeline *t) {
    return t->in_window && !mx_timeline_left_out(t);
}

struct mx_timelines; /* opaque builder and owner of the timelines */

/* A new, empty builder. Never NULL. */
struct mx_timelines *mx_timeline_new(void);
/* Keeps each event's note (or title) for display (mx_entry.text): for the timeline
 * command, which shows one incident. Call before adding events. */
void mx_timeline_keep_text(struct mx_timelines *tl);
/* Frees the builder, its timelines and strings. Accepts NULL. */
void mx_timeline_free(struct mx_timelines *tl);

/* Makes the builder a point in time: events after as_of are left out of every timeline
 * (an incident resolved later is open, one detected later does not exist yet) and
 * counted per input. Call before adding events; MX_NO_TIME (the default) keeps all. */
void mx_timeline_set_as_of(struct mx_timelines *tl, int64_t as_of);
/* Events of input src left out as after the as-of instant. */
uint64_t mx_timeline_after_as_of(const struct mx_timelines *tl, uint32_t src);

/* Adds one event (an mx_event_fn: ctx is the builder). Strings are copied. */
void mx_timeline_add(void *tl, const struct mx_event *ev);

/* Sorts, drops duplicates and derives the timelines (months in zone); only incidents whose
 * detection
 * lies in [from, to) are in the window (MX_NO_TIME: unbounded). dups must hold
 * n_inputs counters; duplicates are added to the input that holds the later copy.
 * Call once. */
void mx_timeline_finish(struct mx_timelines *tl, const struct mx_zone *zone, int64_t from,
                        int64_t to, uint64_t *dups, size_t n_inputs);

/* The timelines, ordered by detected_at then id (bytewise); valid until mx_timeline_free. */
size_t mx_timeline_count(const struct mx_timelines *tl);
const struct mx_timeline *mx_timeline_get(const struct mx_timelines *tl, size_t i);
/* The same, writable: for the rules (analyzer/rules.h), before a result is built. */
struct mx_timeline *mx_timeline_edit(struct mx_timelines *tl, size_t i);
#define MX_TIMELINE_NONE    ((size_t)-1) /* mx_timeline_find: no incident is meant so */
#define MX_TIMELINE_SEVERAL ((size_t)-2) /* mx_timeline_find: several have that number */
/* The index (for mx_timeline_get) of the incident a person means by id: the id
 * exactly; else, for "#101" or "101", the incident whose number is 101 (PagerDuty's
 * incident_number), or MX_TIMELINE_SEVERAL when more than one has it; else the id with
 * ASCII case folded; else MX_TIMELINE_NONE. */
size_t mx_timeline_find(const struct mx_timelines *tl, const char *id);
/* Up to max (at most 8) incidents nearest to id, nearest first, into out; returns how
 * many: first those numbered as id says ("#7", when several share it), then by edit
 * distance of the ids (case folded, within a third of its length, at least 1). */
size_t mx_timeline_suggest(const struct mx_timelines *tl, const char *id, size_t *out, size_t max);
/* Kept event i of the sorted event list (see mx_timeline.first/count). */
const struct mx_entry *mx_timeline_entry(const struct mx_timelines *tl, size_t i);
/* Incidents named by a number ("#101") that were joined to the incident numbered so
 * (postmortem dates for PagerDuty data: see join_numbered in timeline.c). */
size_t mx_timeline_joined(const struct mx_timelines *tl);
/* How many such incidents were not joined because several incidents have that number. */
size_t mx_timeline_join_ambiguous(const struct mx_timelines *tl);
/* Records of input src dropped because their uid was seen before (part of the
 * duplicates mx_timeline_finish counted). */
uint64_t mx_timeline_repeated_ids(const struct mx_timelines *tl, uint32_t src);

/* The person kept event i (see mx_timeline_entry) made incident commander, when it is a
 * commander_assigned event: its commander, else its actor (an interned string id, 0
 * for none or another type). */
uint32_t mx_timeline_commander(const struct mx_timelines *tl, size_t i);

/* Sets every timeline's norm_title: its title normalised (analyzer/titles.h), each
 * distinct title once. Before mx_timeline_map_strings when --anonymize rewrites names,
 * so that titles naming different people stay different titles. */
void mx_timeline_normalize_titles(struct mx_timelines *tl);

/* What mx_timeline_map_strings makes of one string: writes the new value of s to *out
 * (valid until the next call). */
typedef void (*mx_timeline_map_fn)(void *ctx, struct mx_str s, struct mx_str *out);

/* Replaces every string a timeline or an event shows - actors, commanders, titles and
 * normalised titles, services (aliases included), teams, channels, numbers, notes, raw
 * type names - by what
 * fn makes of it (--anonymize: analyzer/anonymize.h). Strings fn makes equal become one;
 * incident ids and positions are left as they are. Call after mx_timeline_finish and
 * the rules, before a result is built; earlier string ids and views are invalid after. */
void mx_timeline_map_strings(struct mx_timelines *tl, mx_timeline_map_fn fn, void *ctx);

/* An interned string (actor, raw type name, a timeline's title, service ...); an empty
 * view with a NULL pointer for 0. */
struct mx_str mx_timeline_string(const struct mx_timelines *tl, uint32_t id);
/* The incident id of timeline t. */
struct mx_str mx_timeline_id(const struct mx_timelines *tl, const struct mx_timeline *t);
/* s[0..n) interned with the timelines' strings (a rule's alias name): its id. */
uint32_t mx_timeline_intern(struct mx_timelines *tl, const char *s, size_t n);

#endif
