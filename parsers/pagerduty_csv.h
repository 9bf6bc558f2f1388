/*
 * pagerduty_csv.h - CSV inputs: PagerDuty's incident exports, recognised by their
 * header (case, spaces and underscores do not matter), and CSV files whose columns are
 * the native schema's field names.
 *
 * - Advanced ("raw") report: id, created_on, resolved_on, seconds_to_first_ack,
 *   auto_resolved, description, service_name, urgency, ... (23 columns). Detection is
 *   created_on; acknowledgement created_on + seconds_to_first_ack (empty: never
 *   acknowledged, not zero); resolution resolved_on (empty: open), automatic when
 *   auto_resolved is 1.
 * - Basic report: #, Service, Opened On, Resolved On, Resolve By, Duration, #Escalations.
 * - Insights "Incident Activity": Number, Incident ID, Title, Urgency, Priority, Service,
 *   Team, Created at, Resolved at, Resolved by, Auto Resolved, TTA, TTM (seconds or
 *   H:MM:SS, hours may pass 24), ...
 * - Native columns: time, incident, event, severity, service, team, title, actor, ...
 * A file with exactly 20,000 (exports) or 100,000 / 250,000 (Insights) rows is warned
 * about: the vendor stops exports there without saying so.
 */
#ifndef MX_PAGERDUTY_CSV_H
#define MX_PAGERDUTY_CSV_H

#include "parsers/input.h"

/* Reads stream s (input src) as CSV. Returns 0, or -1 when the input failed (a
 * stream error, not UTF-8). A header that is none of the known ones skips the input
 * (marked skipped, one skipped_file warning): it holds no record mttx can read. */
int mx_pagerduty_csv_read(struct mx_reader *rd, struct mx_stream *s, uint32_t src);

/* Whether a text input whose first bytes are head[0..n) looks like CSV: its first
 * non-blank line has a comma. */
bool mx_pagerduty_csv_sniff(const char *head, size_t n);

#endif
