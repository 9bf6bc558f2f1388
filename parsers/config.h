/*
 * config.h - the INI configuration file (--config), read with inih.
 *
 *   [severity]   LABEL = SEV1..SEV4 | unassigned   (P1 = SEV1, SEV-1 = SEV1,
 *                urgency.high = SEV2); replaces or adds to the default mapping
 *   [input]      timezone = ZONE     times without an offset (default: --tz)
 *                encoding = NAME     what CSV inputs are written in (iconv name)
 *   [limits]     line_bytes, json_depth, json_document_bytes, gzip_members,
 *                archive_entries, decompressed_bytes, ratio, ratio_after_bytes,
 *                csv_field_bytes, csv_record_bytes, csv_fields (K, M, G suffixes)
 *   [targets]    SEV1..SEV4 = DURATION | next_business_day | none (acknowledgement),
 *                cadence.SEV1..SEV4, war_room, regulator = DURATION | none
 *   [postmortem] SEV1..SEV4 = DURATION | none (deadline from resolution)
 *   [calendar]   holidays = YYYY-MM-DD, ...; workdays = Mon-Fri (or Mon,Tue,...)
 *   [noise]      flap_window = DURATION (a detection this soon after a resolution flaps)
 *   [oncall]     business_hours = HH:MM-HH:MM, sleep_hours = HH:MM-HH:MM,
 *                timezone.NAME = ZONE (a person's zone, NAME exactly as in the data)
 *   [format NAME] pattern = PCRE2 with (?<time>) (?<incident>) (?<event>) groups,
 *                time_format = rfc3339 | epoch | epoch_ms | LAYOUT, timezone = ZONE,
 *                files = GLOB, event.WORD = TYPE   (custom line formats, custom.h)
 *   [exclude]    title = REGEX, service = REGEX (repeatable): incidents left out
 *   [severity]   from_title = REGEX with (?<severity>): for incidents without one
 *   [service]    alias.NAME = REGEX: services matching REGEX are reported as NAME
 *   [checks]     channel = REGEX: the incident channel's naming convention
 *                (rules, rules.h; applied by the analyzer)
 * Durations: 90s, 15m, 2h, 7d, 1h30m.
 *
 * Comments are whole lines starting with ';' or '#' (no inline comments: values such
 * as patterns may hold ';'). An unknown section or key, or a bad value, is an error
 * reported as FILE:LINE: reason; the run then stops with exit status 2.
 */
#ifndef MX_CONFIG_H
#define MX_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "parsers/custom.h"
#include "parsers/incidentio.h"
#include "parsers/input.h"
#include "parsers/policy.h"
#include "parsers/ruleset.h"
#include "parsers/sevmap.h"

struct mx_config {
    struct mx_sevmap sevmap;
    struct mx_incidentio_names incidentio; /* [incidentio timestamps] over the defaults */
    char input_timezone[64];               /* empty: --tz */
    char input_encoding[40];               /* empty: UTF-8 */
    struct mx_read_opts read;              /* limits; zone and sevmap are set by the caller */
    struct mx_policy policy;               /* targets, deadlines, business calendar */
    struct mx_line_format formats[MX_MAX_FORMATS]; /* owned */
    size_t n_formats;
    struct mx_ruleset rules;             /* owned */
    struct mx_person_zone *person_zones; /* owned; policy.person_zones points here */
    size_t n_person_zones, cap_person_zones;
};

/* Releases the compiled patterns and zones. Accepts NULL. */
void mx_config_free(struct mx_config *c);

/* The format called name, or NULL. */
const struct mx_line_format *mx_config_format(const struct mx_config *c, const char *name);

/* The built-in defaults (the process document and the limits of docs/security.md#limits). */
void mx_config_default(struct mx_config *c);

/* A configuration file is at most this large, and its lines this long (inih's buffer:
 * a longer line would be cut without a word). */
#define MX_CONFIG_MAX_BYTES (1 << 20)
#define MX_CONFIG_MAX_LINE  16383

/* Reads path over the defaults already in c. Returns 0, or -1 with "PATH:LINE:
 * reason" (or "PATH: reason") in err: a NUL byte, a line over MX_CONFIG_MAX_LINE bytes
 * and a file over MX_CONFIG_MAX_BYTES are errors, never read in part. */
int mx_config_load(struct mx_config *c, const char *path, char *err, size_t errlen);
/* The same for text[0..n) already in memory, reported as name. */
int mx_config_parse(struct mx_config *c, const char *name, const char *text, size_t n, char *err,
                    size_t errlen);

#endif
