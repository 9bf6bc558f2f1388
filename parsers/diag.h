/*
 * diag.h - the diagnostics sink: every rejected record, warning and damaged input
 * goes through here, is counted per input and (unless quiet) printed as one line
 *
 *     PATH:LINE[#INDEX]: error: REASON
 *     PATH:LINE[#INDEX]: warning: REASON
 *
 * Library code never prints: parsers call mx_diag_* and the sink formats, counts and
 * writes to the FILE the program gave it (jq's error callback). Control characters in
 * paths and excerpts are shown as \xHH. The first MX_DIAG_KEEP rejections per reason
 * are kept, for the reports; every one is counted.
 */
#ifndef MX_DIAG_H
#define MX_DIAG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "parsers/arena.h"
#include "parsers/event.h"
#include "parsers/stream.h"

#define MX_DIAG_KEEP 100

/* Why a record was rejected. The names (mx_diag_reason_name) are stable: they are keys of
 * report.json's rejected_by_reason. */
enum mx_reason {
    MX_R_INVALID_JSON,  /* not RFC 8259 JSON or not UTF-8, anywhere in the line */
    MX_R_NOT_OBJECT,    /* valid JSON, but not an object */
    MX_R_MISSING_FIELD, /* time, incident or event absent or empty */
    MX_R_BAD_FIELD,     /* a required field of the wrong type */
    MX_R_BAD_TIME,      /* time present but unreadable or impossible */
    MX_R_LINE_TOO_LONG, /* over the line limit; reading goes on at the next line */
    MX_R_NUL_BYTE,      /* a NUL byte inside the line */
    MX_R_NOT_INCIDENT,  /* a known shape about something else (a service webhook) */
    MX_R_BAD_CSV,       /* a CSV record that cannot be read (quoting, limits) */
    MX_R_NO_MATCH,      /* a line that a custom format's pattern does not match */
    MX_R_REGEX_LIMIT,   /* a custom format's pattern hit its limits on the line */
    MX_R_INVALID_UTF8,  /* a text line (custom format) that is not valid UTF-8 */
    MX_R_UNSUPPORTED,   /* a recognised shape this version does not read (PagerDuty v1,
                         * other platforms: parsers/unsupported.h) */
    MX_R__COUNT
};

/* What was kept but is suspicious. */
enum mx_warning {
    MX_W_UNKNOWN_EVENT,    /* kept as a note */
    MX_W_UNKNOWN_SEVERITY, /* severity ignored */
    MX_W_NO_ZONE,          /* time without offset, read in the configured zone */
    MX_W_IGNORED_FIELD,    /* an optional field of the wrong type, ignored */
    MX_W_TRAILING_GARBAGE, /* bytes after the last gzip member */
    MX_W_TRUNCATED_EXPORT, /* a CSV export with exactly the vendor's row limit */
    MX_W_SKIPPED_ENTRY,    /* an archive entry that is not a regular file */
    MX_W_SKIPPED_FILE,     /* an input in no recognised format: not read at all */
    MX_W_APPROXIMATE_TIME, /* a milestone the source dates only by a later change
                            * (updated_at): kept at that time */
    MX_W__COUNT
};

/* What kind of record an input held (counted per accepted record). */
enum mx_kind {
    MX_K_NATIVE,            /* mttx native event */
    MX_K_PD_LOG_ENTRY,      /* PagerDuty REST log entry */
    MX_K_PD_INCIDENT,       /* PagerDuty REST incident */
    MX_K_PD_WEBHOOK_V3,     /* PagerDuty webhook v3 event */
    MX_K_PD_WEBHOOK_V2,     /* PagerDuty webhook v2 message */
    MX_K_PD_ANALYTICS,      /* PagerDuty Analytics raw incident */
    MX_K_PD_CSV_RAW,        /* PagerDuty incidents CSV, advanced ("raw") report */
    MX_K_PD_CSV_BASIC,      /* PagerDuty incidents CSV, basic report */
    MX_K_PD_CSV_INSIGHTS,   /* PagerDuty Insights "Incident Activity" CSV */
    MX_K_CSV,               /* CSV with native column names */
    MX_K_CUSTOM,            /* a line read with a custom format */
    MX_K_INCIDENTIO,        /* incident.io v2 incident */
    MX_K_FIREHYDRANT,       /* FireHydrant incident */
    MX_K_ROOTLY,            /* Rootly incident (JSON:API) */
    MX_K_GRAFANA_ONCALL,    /* Grafana OnCall alert group */
    MX_K_OPSGENIE_ALERT,    /* Opsgenie / JSM alert */
    MX_K_OPSGENIE_LOG,      /* Opsgenie alert log entry */
    MX_K_OPSGENIE_INCIDENT, /* Opsgenie incident */
    MX_K__COUNT
};

struct mx_input_stat {
    const char *path;        /* display path, owned by the sink */
    const char *format;      /* "jsonl", ... or "unknown"; static string */
    const char *compression; /* "gzip" or NULL; static string */
    uint64_t records;        /* records the input holds (docs/spec.md#records-and-accounting) */
    uint64_t emitted;        /* records that became events (duplicates included) */
    uint64_t rejected;
    uint64_t by_reason[MX_R__COUNT];
    uint64_t warnings;
    uint64_t by_warning[MX_W__COUNT];
    uint64_t by_kind[MX_K__COUNT]; /* accepted records by kind */
    uint64_t skipped_entries;      /* archive entries that are not regular files */
    bool skipped;                  /* in no recognised format: skipped unread */
    uint64_t urgencies_unmapped;   /* records whose urgency the severity mapping left
                                    * unmapped (and that had no priority) */
    const char *failure;           /* why the input is damaged or unreadable, or NULL */
    struct mx_digest digest;       /* a file read to its end through its stream (when the
                                    * reader hashes): its size and SHA-256 */
};

/* Whether an input's records are all of the kind its format implies (native events,
 * or one kind named like the format, as "custom"): then listing kinds says nothing. */
bool mx_diag_kinds_plain(const struct mx_input_stat *st);

struct mx_diag_sample {
    uint32_t src;
    enum mx_reason reason;
    const char *text; /* "PATH:LINE: REASON", owned by the sink */
    size_t msg;       /* where REASON starts in text */
};

struct mx_diag {
    FILE *out;       /* NULL: count only (-q) */
    FILE *fail_out;  /* where a damaged or unreadable input is said when out is NULL (-q
                      * silences records, never why a run failed); NULL: nowhere */
    bool clear_line; /* erase a progress line on a terminal before each message */
    struct mx_arena arena;
    struct mx_input_stat *inputs;
    size_t n_inputs, cap_inputs;
    struct mx_diag_sample *samples;
    size_t n_samples, cap_samples;
    uint64_t kept[MX_R__COUNT];
    uint64_t failures; /* inputs with a failure */
    /* Besides printing: called with every diagnostic's parts (kind "error" or "warning",
     * the message escaped as printed), for CI annotations; NULL: none. */
    void (*annotate)(void *ctx, const struct mx_pos *pos, const char *kind, const char *msg);
    void *annotate_ctx;
};

void mx_diag_init(struct mx_diag *d, FILE *out);
/* Releases everything the sink owns. Accepts NULL. */
void mx_diag_free(struct mx_diag *d);

/* Registers an input and returns its id (the src of its positions). The path is
 * copied. */
uint32_t mx_diag_input_add(struct mx_diag *d, const char *path);

/* A record was rejected: counted, kept (first 100 per reason) and printed. */
void mx_diag_reject(struct mx_diag *d, const struct mx_pos *pos, enum mx_reason r, const char *fmt,
                    ...) __attribute__((format(printf, 4, 5)));
/* A record is kept but suspicious: counted and printed. */
void mx_diag_warn(struct mx_diag *d, const struct mx_pos *pos, enum mx_warning w, const char *fmt,
                  ...) __attribute__((format(printf, 4, 5)));
/* The input cannot be read further (unreadable, truncated, corrupt, a limit hit).
 * pos->line 0 prints "PATH: error: ..." without a line. Only the first failure of an
 * input is kept as its failure; each one is printed. */
void mx_diag_fail(struct mx_diag *d, const struct mx_pos *pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes a quoted, escaped, truncated excerpt of s[0..n) into out (cap >= 8):
 * "abc\x01..." with at most 40 bytes of input; what mx_diag_escape escapes, quotes and
 * backslashes as \xHH. For messages that quote the offending text. */
void mx_diag_excerpt(char *out, size_t cap, const char *s, size_t n);

/* Stable names: "invalid_json", "unknown_event", "pagerduty_log_entry", ... */
const char *mx_diag_reason_name(enum mx_reason r);
const char *mx_diag_kind_name(enum mx_kind k);
const char *mx_diag_warning_name(enum mx_warning w);

/* The escaping of every text a terminal shows (paths, ids, messages): C0 controls,
 * DEL, bytes that are not valid UTF-8, C1 controls (U+0080-U+009F) and bidirectional
 * controls (U+061C, U+200E/F, U+202A-E, U+2066-9) as \xHH per byte; everything else as
 * is. Writes the escaped form of as much of s[0..n)
 * as fits in out[0..cap) (no NUL), sets *used to the input bytes consumed and returns
 * the bytes written; callers loop until used reaches n. */
size_t mx_diag_escape(char *out, size_t cap, const char *s, size_t n, size_t *used);
/* Writes s escaped as by mx_diag_escape to f. */
void mx_diag_put_escaped(FILE *f, const char *s);

#endif
