/*
 * grafana_oncall.h - Grafana OnCall alert groups (GET /api/v1/alert_groups/, pages with
 * results[]) as records (docs/formats.md#grafana-oncall).
 *
 * An alert group is an incident "grafana_oncall:N" (its alert_group_number, Grafana
 * Cloud's; its id when it has none): created_at is its detection,
 * acknowledged_at an acknowledgement by acknowledged_by, resolved_at its resolution by
 * resolved_by - automatic when resolved_by is null (the monitoring source, the last
 * escalation step or maintenance resolved it: the API names users only); silenced_at
 * is kept as a note. The integration is the service and the integration's team the
 * team, by their ids (a [service] alias names the service). OnCall has no severity: every
 * alert group is unassigned unless a rule gives one.
 */
#ifndef MX_GRAFANA_ONCALL_H
#define MX_GRAFANA_ONCALL_H

#include <stdbool.h>

#include "parsers/json_simd.h"
#include "parsers/record.h"

/* Whether obj is an alert group: alerts_count with integration_id, or an
 * alert_group_number (Grafana Cloud). */
bool mx_grafana_oncall_is(const struct mx_jval *obj);

/* Maps an alert group to events of r. Returns false when the record was rejected. */
bool mx_grafana_oncall_record(struct mx_record *r, const struct mx_jval *obj);

#endif
