/*
 * ruleset.c - the configured rules (see ruleset.h).
 */
#include "parsers/ruleset.h"

#include <stdlib.h>
#include <string.h>

bool mx_ruleset_any(const struct mx_ruleset *r) {
    return r && (r->n_exclude || r->n_alias || r->from_title.re || r->channel.re);
}

const char *mx_ruleset_field_name(enum mx_rule_field f) {
    return f == MX_RULE_SERVICE ? "service" : "title";
}

static void rule_free(struct mx_rule *r) {
    mx_regex_free(r->re);
    free(r->pattern);
}

void mx_ruleset_free(struct mx_ruleset *r) {
    if (!r) return;
    for (size_t i = 0; i < r->n_exclude; i++) rule_free(&r->exclude[i]);
    for (size_t i = 0; i < r->n_alias; i++) rule_free(&r->alias[i]);
    rule_free(&r->from_title);
    rule_free(&r->channel);
    memset(r, 0, sizeof *r);
}
