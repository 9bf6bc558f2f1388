/*
 * unsupported.h - shapes that mttx recognises but does not read: PagerDuty's retired
 * v1 webhooks. A record of such a shape is rejected as `unsupported` with what it is
 * named, rather than as a native record with missing fields. (The other platforms'
 * objects that were named here are read now: parsers/shape.h.)
 */
#ifndef MX_UNSUPPORTED_H
#define MX_UNSUPPORTED_H

#include "parsers/json_simd.h"

/* The message for a record of a recognised but unsupported shape ("PagerDuty v1
 * webhook: not supported (v2 and v3 are)"), or NULL when obj is none of them. Static
 * strings. */
const char *mx_unsupported_shape(const struct mx_jval *obj);

#endif
