/*
 * ruleset.h - the rules of the configuration, compiled: [exclude] title/service,
 * [severity] from_title, [service] alias.NAME and [checks] channel (config.h). The
 * analyzer applies them to finished timelines (analyzer/rules.h); this layer only
 * holds them.
 */
#ifndef MX_RULESET_H
#define MX_RULESET_H

#include <stdbool.h>
#include <stddef.h>

#include "parsers/regex.h"

#define MX_MAX_RULES 32 /* per kind: exclusions, aliases */

enum mx_rule_field { MX_RULE_TITLE, MX_RULE_SERVICE };

/* One pattern with where it came from, for the reports. */
struct mx_rule {
    enum mx_rule_field field; /* exclusions: what is matched */
    char name[64];            /* aliases: the service name reported */
    struct mx_regex *re;      /* owned */
    char *pattern;            /* owned: the pattern as written */
};

struct mx_ruleset {
    struct mx_rule exclude[MX_MAX_RULES]; /* in config order: the first match counts */
    size_t n_exclude;
    struct mx_rule alias[MX_MAX_RULES]; /* in config order: the first match renames */
    size_t n_alias;
    struct mx_rule from_title; /* re NULL: none; has a (?<severity>) group */
    struct mx_rule channel;    /* re NULL: no naming convention checked */
    /* --service and --team GLOBs (borrowed from the command line): only incidents whose
     * service (after aliasing) matches one of the service globs and whose team matches
     * one of the team globs are counted; none given: no filter */
    const char *const *service_globs;
    size_t n_service_globs;
    const char *const *team_globs;
    size_t n_team_globs;
};

/* Whether any rule is configured. */
bool mx_ruleset_any(const struct mx_ruleset *r);

/* "title" or "service". */
const char *mx_ruleset_field_name(enum mx_rule_field f);

/* Releases the patterns; the rules are then empty. Accepts NULL. */
void mx_ruleset_free(struct mx_ruleset *r);

#endif
