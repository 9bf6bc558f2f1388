/*
 * rules.c - the configured rules applied to timelines (see rules.h).
 */
#include "analyzer/rules.h"

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

static void severity_from_title(struct mx_timeline *t, const struct mx_ruleset *rs,
                                const struct mx_sevmap *map) {
    if (!rs->from_title.re || t->severity != MX_SEV_NONE || !hit(&rs->from_title, t->title, t))
        return;
    struct mx_str v = mx_regex_group(rs->from_title.re, t->title.p, "severity");
    enum mx_severity sev;
    if (v.n && mx_sevmap_lookup(map, v.p, v.n, &sev) && sev != MX_SEV_NONE) {
        t->severity = sev;
        t->rule_flags |= MX_RULE_SEV_FROM_TITLE;
    } else {
        t->rule_flags |= MX_RULE_SEV_UNKNOWN;
    }
}

static void alias(struct mx_timeline *t, const struct mx_ruleset *rs) {
    for (size_t i = 0; i < rs->n_alias; i++) {
        if (!hit(&rs->alias[i], t->service_data, t)) continue;
        t->alias = (uint8_t)(i + 1);
        t->service.p = rs->alias[i].name;
        t->service.n = strlen(rs->alias[i].name);
        return;
    }
}

static void exclude(struct mx_timeline *t, const struct mx_ruleset *rs) {
    for (size_t i = 0; i < rs->n_exclude; i++) {
        const struct mx_rule *r = &rs->exclude[i];
        bool m = r->field == MX_RULE_TITLE
                     ? hit(r, t->title, t)
                     : hit(r, t->service_data, t) || (t->alias && hit(r, t->service, t));
        if (m) {
            t->excluded = (uint8_t)(i + 1);
            return;
        }
    }
}

static void channel(struct mx_timeline *t, const struct mx_ruleset *rs) {
    if (!rs->channel.re)
        t->channel_check = MX_CHAN_UNCHECKED;
    else if (!t->channel.n)
        t->channel_check = MX_CHAN_NONE;
    else
        t->channel_check = hit(&rs->channel, t->channel, t) ? MX_CHAN_FOLLOWS : MX_CHAN_OFF;
}

void mx_rules_apply(struct mx_timelines *tl, const struct mx_ruleset *rules,
                    const struct mx_sevmap *map) {
    if (!mx_ruleset_any(rules)) return;
    for (size_t i = 0; i < mx_timeline_count(tl); i++) {
        struct mx_timeline *t = mx_timeline_edit(tl, i);
        severity_from_title(t, rules, map);
        alias(t, rules);
        exclude(t, rules);
        channel(t, rules);
    }
}
