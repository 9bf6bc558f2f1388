/*
 * unsupported.h - shapes of other platforms' exports that mttx recognises but does not
 * read yet: PagerDuty's retired v1 webhooks, Opsgenie / Jira Service Management
 * alerts and incidents, incident.io, FireHydrant, Rootly and Grafana OnCall objects. A
 * record of such a shape is rejected as `unsupported` with the platform named, rather
 * than as a native record with missing fields (or, for incident.io's {"incident":{}},
 * silently read as a PagerDuty incident with none of its times).
 */
#ifndef MX_UNSUPPORTED_H
#define MX_UNSUPPORTED_H

#include "parsers/json_simd.h"

/* The message for a record of a recognised but unsupported shape ("PagerDuty v1
 * webhook: not supported (v2 and v3 are)"), or NULL when obj is none of them. Static
 * strings. */
const char *mx_unsupported_shape(const struct mx_jval *obj);

#endif
