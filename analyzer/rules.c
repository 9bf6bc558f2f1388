/*
 * rules.c - the configured rules applied to timelines (see rules.h).
 */
#define _GNU_SOURCE /* FNM_CASEFOLD */
#include "analyzer/rules.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

const char *mx_rules_channel_check_name(enum mx_channel_check c) {
    static const char *const names[MX_CHAN__COUNT] = {"not_checked", "follows", "does_not_follow",
                                                      "no_channel"};
    return (unsigned)c < MX_CHAN__COUNT ? names[c] : "unknown";
}

/* Whether re matches the value s; a limit hit is flagged on t and is no match. */
static bool hit(const struct mx_rule *rule, struct mx_str s, struct mx_timeline *t) {
    if (!s.n) return false;
    enum mx_match m = mx_regex_match(rule->re, s.p, s.n);
    if (m == MX_MATCH_LIMIT) t->rule_flags |= MX_RULE_LIMIT;
    return m == MX_MATCH;
}

static void severity_from_title(const struct mx_timelines *tl, struct mx_timeline *t,
                                const struct mx_ruleset *rs, const struct mx_sevmap *map) {
    struct mx_str title = mx_timeline_string(tl, t->title);
    if (!rs->from_title.re || t->severity != MX_SEV_NONE || !hit(&rs->from_title, title, t)) return;
    struct mx_str v = mx_regex_group(rs->from_title.re, title.p, "severity");
    enum mx_severity sev;
    if (v.n && mx_sevmap_lookup(map, v.p, v.n, &sev) && sev != MX_SEV_NONE) {
        t->severity = sev;
        t->rule_flags |= MX_RULE_SEV_FROM_TITLE;
    } else {
        t->rule_flags |= MX_RULE_SEV_UNKNOWN;
    }
}

static void alias(struct mx_timelines *tl, struct mx_timeline *t, const struct mx_ruleset *rs) {
    for (size_t i = 0; i < rs->n_alias; i++) {
        if (!hit(&rs->alias[i], mx_timeline_string(tl, t->service_data), t)) continue;
        t->alias = (uint8_t)(i + 1);
        t->service = mx_timeline_intern(tl, rs->alias[i].name, strlen(rs->alias[i].name));
        return;
    }
}

static void exclude(const struct mx_timelines *tl, struct mx_timeline *t,
                    const struct mx_ruleset *rs) {
    for (size_t i = 0; i < rs->n_exclude; i++) {
        const struct mx_rule *r = &rs->exclude[i];
        bool m = r->field == MX_RULE_TITLE
                     ? hit(r, mx_timeline_string(tl, t->title), t)
                     : hit(r, mx_timeline_string(tl, t->service_data), t) ||
                           (t->alias && hit(r, mx_timeline_string(tl, t->service), t));
        if (m) {
            t->excluded = (uint8_t)(i + 1);
            return;
        }
    }
}

static void channel(const struct mx_timelines *tl, struct mx_timeline *t,
                    const struct mx_ruleset *rs) {
    struct mx_str ch = mx_timeline_string(tl, t->channel);
    if (!rs->channel.re)
        t->channel_check = MX_CHAN_UNCHECKED;
    else if (!ch.n)
        t->channel_check = MX_CHAN_NONE;
    else
        t->channel_check = hit(&rs->channel, ch, t) ? MX_CHAN_FOLLOWS : MX_CHAN_OFF;
}

/* Whether name (NULL or empty: "(none)") matches one of globs[0..n), shell-style and
 * ASCII case-insensitively; true when there are none. */
static bool glob_match(const char *const *globs, size_t n, struct mx_str name) {
    if (!n) return true;
    char buf[512];
    if (!name.p || !name.n)
        snprintf(buf, sizeof buf, "(none)");
    else
        snprintf(buf, sizeof buf, "%.*s", (int)(name.n < sizeof buf ? name.n : sizeof buf - 1),
                 name.p);
    /* a name holding NUL is matched up to it; one past 511 bytes by its first 511 */
    for (size_t i = 0; i < n; i++)
        if (fnmatch(globs[i], buf, FNM_CASEFOLD) == 0) return true;
    return false;
}

bool mx_rules_filtered(const struct mx_ruleset *rules, const struct mx_timelines *tl,
                       const struct mx_timeline *t) {
    return !glob_match(rules->service_globs, rules->n_service_globs,
                       mx_timeline_string(tl, t->service)) ||
           !glob_match(rules->team_globs, rules->n_team_globs, mx_timeline_string(tl, t->team));
}

void mx_rules_apply(struct mx_timelines *tl, const struct mx_ruleset *rules,
                    const struct mx_sevmap *map) {
    if (!rules) return;
    bool any = mx_ruleset_any(rules), filter = rules->n_service_globs || rules->n_team_globs;
    if (!any && !filter) return;
    for (size_t i = 0; i < mx_timeline_count(tl); i++) {
        struct mx_timeline *t = mx_timeline_edit(tl, i);
        if (any) {
            severity_from_title(tl, t, rules, map);
            alias(tl, t, rules);
            exclude(tl, t, rules);
            channel(tl, t, rules);
        }
        /* after aliasing: the reported name is matched */
        if (filter && t->in_window && mx_rules_filtered(rules, tl, t)) {
            t->in_window = false;
            t->filtered = true;
        }
    }
}
