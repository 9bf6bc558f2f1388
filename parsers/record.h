/*
 * record.h - what a format parser reports for one input record.
 *
 * The input layer opens a record (its position), the format parser adds events,
 * warnings or a rejection, and the input layer closes it: the events of an accepted
 * record are handed on in order (the second and later marked same_record); a rejected
 * record hands on nothing, whatever was added before the rejection. Counting
 * (records, accepted, rejected) happens here, so every format counts alike.
 *
 * A sink can record instead (log set): on a parsing thread, everything it would do to
 * the diagnostics and the event callback is appended to the log, events with copies
 * of their strings; the thread that owns the diagnostics replays logs in input order
 * (mx_record_log_replay), so the outcome is byte for byte that of one thread.
 */
#ifndef MX_RECORD_H
#define MX_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "parsers/diag.h"
#include "parsers/event.h"
#include "parsers/sevmap.h"
#include "parsers/tz.h"

struct mx_record_log; /* opaque */
struct mx_incidentio_names;

struct mx_record {
    /* set once by the input layer */
    struct mx_diag *diag;
    const struct mx_sevmap *sevmap;
    const struct mx_incidentio_names *incidentio; /* incident.io's timestamp names, or NULL
                                                   * for the defaults */
    const struct mx_zone *zone;                   /* for times without an offset */
    bool zone_declared;                           /* the source named zone itself: no warning */
    struct mx_str page_link; /* while a page's elements are read: its paging link
                              * (paging.first, else .next), else empty */
    mx_event_fn fn;
    void *ctx;
    struct mx_record_log *log; /* non-NULL: record into it (diag and fn untouched) */
    /* per record */
    struct mx_pos pos;
    enum mx_kind kind; /* set by the format parser; counted when accepted */
    bool rejected;
    bool begun;            /* logging: the record's opening is in the log */
    bool urgency_unmapped; /* counted when the record is kept (mx_record_urgency) */
    size_t n, cap;
    struct mx_event *events; /* buffered until the record ends */
    char scratch[8][24];     /* numbers written as text for the record (mx_record_int) */
    int n_scratch;
    const char *what; /* the platform's record ("Grafana OnCall alert group") that every
                       * rejection names first, or NULL; cleared by mx_record_begin */
    char text[1024];  /* texts made for the record (mx_record_join) */
    size_t n_text;
};

/* Opens a record at pos: counts it on its input. */
void mx_record_begin(struct mx_record *r, const struct mx_pos *pos);
/* Adds an event (copied; its strings must stay valid until mx_record_end). */
void mx_record_event(struct mx_record *r, const struct mx_event *ev);
/* Rejects the record with a reason; returns false (for "return mx_record_reject(...)"). */
bool mx_record_reject(struct mx_record *r, enum mx_reason reason, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A warning at the record's position. */
void mx_record_warn(struct mx_record *r, enum mx_warning w, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A warning at pos, outside any record (a page's header). */
void mx_record_warn_at(struct mx_record *r, const struct mx_pos *pos, enum mx_warning w,
                       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Closes the record: hands on its events unless it was rejected. */
void mx_record_end(struct mx_record *r);
/* Releases the event buffer. Accepts NULL. */
void mx_record_free(struct mx_record *r);

struct mx_record_log *mx_record_log_new(void);
/* Empties the log for reuse (its memory kept). */
void mx_record_log_clear(struct mx_record_log *l);
void mx_record_log_free(struct mx_record_log *l);
/* Does to r's diagnostics and event callback what the logged calls would have done,
 * in their order. */
void mx_record_log_replay(struct mx_record *r, const struct mx_record_log *l);

/* Writes v as decimal text valid until the record ends (an integer id "1042");
 * returns the view, or an empty one when the record used up its 8 slots. */
struct mx_str mx_record_int(struct mx_record *r, int64_t v);

/* prefix followed by s, as text valid until the record ends ("incidentio:" "INC-123"),
 * or an empty view when the record's 1,024 bytes for such texts are used up. */
struct mx_str mx_record_join(struct mx_record *r, const char *prefix, struct mx_str s);

/* The severity from an urgency ("high"), through the [severity] urgency.NAME mapping;
 * an urgency the mapping leaves unmapped is counted on the input (urgencies_unmapped)
 * once the record is kept (a rejected record counts only as rejected),
 * so a run whose every incident stays unassigned can say how to map them. */
void mx_record_urgency(struct mx_record *r, struct mx_str urgency, enum mx_severity *sev);

/* A platform's own severity names and what they mean by default ("critical" -> SEV1),
 * lower-case; a table ends with a NULL label. */
struct mx_record_sevname {
    const char *label;
    enum mx_severity sev;
};
/* The severity a platform's label names: the severity mapping first (the config may
 * name any label), then the platform's defaults (ASCII case-insensitively); a label
 * neither knows warns (unknown_severity) and leaves *sev as it was. */
void mx_record_severity(struct mx_record *r, struct mx_str label,
                        const struct mx_record_sevname *defaults, enum mx_severity *sev);

/* A new event at the record's position with no time, type note and no strings. */
/* Sets ev->via from a medium's name (a paged event only; for any other type the field is
 * ignored); a value that is not one warns (MX_W_IGNORED_FIELD) and is left out. */
void mx_record_via(struct mx_record *r, struct mx_str via, struct mx_event *ev);
void mx_record_blank(const struct mx_record *r, struct mx_event *ev);

#endif
