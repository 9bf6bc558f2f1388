/*
 * rules.h - applies the configured rules (parsers/ruleset.h) to finished timelines,
 * before the result is built, so that every count, metric and check sees them:
 *
 *   1. [severity] from_title: an incident without a severity takes the one its title
 *      names (the (?<severity>) group, read through the severity mapping);
 *   2. [service] alias.NAME: an incident whose service matches is reported under NAME
 *      (the first alias in config order that matches; the name in the data is kept);
 *   3. [exclude] title/service: an incident whose title, or whose service (as in the
 *      data or as aliased), matches is left out of every count, metric and check,
 *      and counted against the first rule in config order that matched;
 *   4. [checks] channel: each incident's first channel follows the naming convention,
 *      does not, or the data names none.
 *
 * Rules see only values the data has: an incident without a title or service is not
 * matched by title or service rules. A match that hits the PCRE2 limits counts as no
 * match and is flagged on the incident (MX_RULE_LIMIT).
 */
#ifndef MX_RULES_H
#define MX_RULES_H

#include "analyzer/timeline.h"
#include "parsers/ruleset.h"
#include "parsers/sevmap.h"

/* "not_checked", "follows", "does_not_follow", "no_channel". */
const char *mx_rules_channel_check_name(enum mx_channel_check c);

/* Whether the --service / --team globs of rules leave t out: its service (after
 * aliasing; "(none)" without one) matches none of the service globs, or its team none
 * of the team globs. Globs are shell-style (fnmatch), ASCII case-insensitive. */
bool mx_rules_filtered(const struct mx_ruleset *rules, const struct mx_timelines *tl,
                       const struct mx_timeline *t);

/* Applies rules (NULL or none: nothing changes) to every timeline of tl, then the
 * filters: a filtered incident leaves the window (in_window false, filtered true). Call
 * once, after mx_timeline_finish. */
void mx_rules_apply(struct mx_timelines *tl, const struct mx_ruleset *rules,
                    const struct mx_sevmap *map);

#endif
