/*
 * native.h - mttx's native JSON-lines records (SPEC section 3).
 *
 * One line is one record. mx_native_parse validates the whole line as JSON and maps
 * the object to an event; it never prints: it returns the rejection (or nothing) and
 * lists warnings in the result, for the caller to hand to the diagnostics sink.
 */
#ifndef MX_NATIVE_H
#define MX_NATIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "parsers/diag.h"
#include "parsers/event.h"
#include "parsers/json.h"
#include "parsers/tz.h"

#define MX_NATIVE_MAX_WARN 4

struct mx_native_result {
    bool rejected;
    enum mx_reason reason; /* when rejected */
    char message[480];     /* the rejection's text */
    int n_warn;
    enum mx_warning warn[MX_NATIVE_MAX_WARN];
    char warn_msg[MX_NATIVE_MAX_WARN][400];
    char incident_buf[24]; /* an integer incident id as text; ev->incident may point here */
    char into_buf[24];     /* likewise for ev->into */
};

/* Parses line[0..n) (followed by MX_JSON_PADDING readable bytes) with parser j into
 * *ev (ev->pos is left as the caller set it). Returns true when *ev holds an event;
 * false when the record is rejected (res->reason, res->message). Strings in *ev point
 * into j's document and res: valid until the next parse. Times without an offset are
 * read in zone and warned about. */
bool mx_native_parse(struct mx_json *j, const struct mx_zone *zone, const char *line, size_t n,
                     struct mx_event *ev, struct mx_native_result *res);

/* Reads a time value (RFC 3339 string, integer epoch, or a string of digits). Returns
 * NULL or a reason; *no_zone tells that an offset-less text was read in the active
 * zone. Shared by every JSON-based reader. */
const char *mx_native_time(const struct mx_jval *v, const struct mx_zone *zone, int64_t *ms,
                           bool *no_zone);

#endif
