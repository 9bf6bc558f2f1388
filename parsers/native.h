/*
 * native.h - mttx's native JSON records (docs/spec.md#native-events), one object per line or as
 * elements of a JSON array.
 */
#ifndef MX_NATIVE_H
#define MX_NATIVE_H

#include <stdbool.h>

#include "parsers/jfield.h"
#include "parsers/json_simd.h"
#include "parsers/record.h"

/* Maps the JSON object obj to one event of record r: required time, incident and
 * event; optional fields of the wrong type are ignored with a warning; an unknown
 * event type is kept as a note and warned about. Returns false when the record was
 * rejected (the reason went to r). */
bool mx_native_record(struct mx_record *r, const struct mx_jval *obj);
/* The same, from the object's keys already read (mx_jfield_collect). */
bool mx_native_record_of(struct mx_record *r, const struct mx_jobj *o);

#endif
