/*
 * jfield.h - reading fields of JSON records the same way in every JSON-based format:
 * times (RFC 3339 or epoch), ids (string or integer), optional strings, with the
 * rejection or warning worded once.
 */
#ifndef MX_JFIELD_H
#define MX_JFIELD_H

#include <stdbool.h>

#include "parsers/json_simd.h"
#include "parsers/record.h"

/* "a string", "an array", ... for messages. */
const char *mx_jfield_type_word(enum mx_jtype t);

/* Reads the time at v into *ms for the record; name is the field as shown in messages.
 * Rejects the record (bad_time) when unreadable; warns when it had no zone. */
bool mx_jfield_time(struct mx_record *r, const struct mx_jval *v, const char *name, int64_t *ms);

/* Reads an id: a non-empty string or an integer (written as decimal). Rejects the
 * record when absent (missing_field) or of another type (bad_field). */
bool mx_jfield_id(struct mx_record *r, const struct mx_jval *v, const char *name,
                  struct mx_str *out);

/* The string at JSON pointer ptr under o, or an empty view when absent, null or not a
 * string. */
struct mx_str mx_jfield_str(const struct mx_jval *o, const char *ptr);

#endif
