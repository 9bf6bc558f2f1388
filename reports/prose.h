/*
 * prose.h - the sentences report.md and report.html share, written once and marked up
 * by the writer: the process policy as configured (postmortem deadlines, response
 * targets, update cadence, war-room limit, regulator deadline), the metric targets,
 * the compliance notes and the rules note. A writer passes its markup: how to write
 * our own words, a value from the input, a pattern or name from the configuration, and
 * a list item. Nothing here knows Markdown or HTML.
 */
#ifndef MX_PROSE_H
#define MX_PROSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/result.h"
#include "parsers/policy.h"
#include "reports/buf.h"

struct mx_prose_markup {
    void (*words)(struct mx_buf *b, const char *s, size_t n); /* our own text */
    void (*value)(struct mx_buf *b, const char *s, size_t n); /* text from an input */
    void (*code)(struct mx_buf *b, const char *s, size_t n);  /* a pattern from the config */
    const char *item, *item_end;                              /* one list item */
};

/* Writes the rows of a service or team table through row: the groups g[0..n) with most
 * incidents (MX_BREAKDOWN_SHOWN), then the rest summed under the label "other (k
 * PLURAL)" (row's label is NULL for a group of its own). */
typedef void (*mx_prose_group_row)(struct mx_buf *b, const struct mx_breakdown_group *g,
                                   const char *label);
void mx_prose_groups(struct mx_buf *b, const struct mx_breakdown_group *g, size_t n,
                     const char *plural, mx_prose_group_row row);

/* For inputs that hold no accepted record (r->total.accepted == 0): "Nothing was
 * measured: the inputs hold no accepted record (2 inputs, 12 records read, 12 rejected,
 * 1 input skipped as unrecognised)." */
void mx_prose_nothing(struct mx_buf *b, const struct mx_prose_markup *m, const struct mx_result *r);

/* Whether the outputs cover less, or say less, than the data: --service / --team
 * filters or --anonymize (mx_prose_filters then says so). */
bool mx_prose_scoped(const struct mx_result *r);
/* The --service / --team filters, when given: "Only incidents of service payments-* or
 * search, and of team web (312 others left out)."; with --anonymize: "People are named
 * by pseudonyms, responder-1 to responder-12 (--anonymize)." Nothing without either. */
void mx_prose_filters(struct mx_buf *b, const struct mx_prose_markup *m, const struct mx_result *r);

/* The on-call bands as configured: "business hours 08:00–18:00 on business days (Mon–Fri
 * except holidays), sleep hours 22:00–08:00 any day, off hours the rest; times in ZONE
 * unless a person's zone is set ([oncall] timezone.NAME)." */
void mx_prose_bands(struct mx_buf *b, const struct mx_prose_markup *m, const struct mx_result *r);

/* A metric target's short name, "MTTA, SEV1" or "MTTD, all incidents" (plain text). */
void mx_prose_target_name(struct mx_buf *b, const struct mx_target_eval *e);
/* Its long name, "Median time to acknowledge, SEV1" (plain text). */
void mx_prose_target_label(struct mx_buf *b, const struct mx_target_eval *e);
/* The configured metric target of metric for severity sev (or MX_TARGET_ALL), or NULL. */
const struct mx_target_eval *mx_prose_find_target(const struct mx_result *r,
                                                  enum mx_target_metric metric, int sev);

/* A span of the policy as people say it: "15 min", "2 h", "48 h", "7 days", "90 s". */
void mx_prose_span(struct mx_buf *b, int64_t ms);

/* "postmortem within its deadline (SEV1–2 48 h, SEV3 7 days after resolution)" and the
 * other rule names of the compliance table, with the policy in parentheses. */
void mx_prose_rule_postmortem(struct mx_buf *b, const struct mx_prose_markup *m,
                              const struct mx_policy *p);
void mx_prose_rule_response(struct mx_buf *b, const struct mx_prose_markup *m,
                            const struct mx_policy *p);
void mx_prose_rule_regulator(struct mx_buf *b, const struct mx_prose_markup *m,
                             const struct mx_policy *p);

/* The rows of the compliance table, in order: postmortem, response, regulator. row
 * writes one: its rule name (already in the markup), the counts by status and the
 * share on time. */
void mx_prose_compliance_rows(struct mx_buf *b, const struct mx_prose_markup *m,
                              const struct mx_result *r,
                              void (*row)(struct mx_buf *b, const char *rule, const uint64_t *n,
                                          uint64_t unknown, double share));

/* The notes under the compliance table, one list item each: status updates, war
 * rooms, channel naming (when configured), anti-patterns. */
void mx_prose_compliance_notes(struct mx_buf *b, const struct mx_prose_markup *m,
                               const struct mx_result *r);

/* The definitions' sentence on targets and deadlines: the metric targets, then the
 * postmortem deadlines and response targets as configured. */
void mx_prose_targets_sentence(struct mx_buf *b, const struct mx_prose_markup *m,
                               const struct mx_result *r);

/* The note under the rules table: how excluded incidents count, titles with an
 * unknown severity, matches that hit the PCRE2 limits. */
/* A p-value as people read it: "p = 0.43", "p = 0.012", "p < 0.001". */
void mx_prose_p(struct mx_buf *b, double p);
/* A count compared with the previous month: "36 → 30: no detectable change (p = 0.52)",
 * "4 → 12: up (p = 0.031)", "0 → 0: no incidents". */
void mx_prose_count_change(struct mx_buf *b, const struct mx_prose_markup *m,
                           const struct mx_count_test *c);
/* A median compared with the previous month: "20m 41s → 25m 56s: slower by ~5m 10s
 * (p = 0.04)", "… : no detectable change (p = 0.43)", "… : too few to compare (n = 3 → 2)". */
void mx_prose_shift_change(struct mx_buf *b, const struct mx_prose_markup *m,
                           const struct mx_shift_test *s);
/* The sentence under the comparison's heading: which months, their days, the rule. */
void mx_prose_comparison_intro(struct mx_buf *b, const struct mx_prose_markup *m,
                               const struct mx_result *r);

void mx_prose_rules_note(struct mx_buf *b, const struct mx_prose_markup *m,
                         const struct mx_result *r);

/* The hint of an urgency-only account (r->urgency_hint): every incident unassigned, the
 * config lines that map urgencies to severities. Nothing when there is no hint. */
void mx_prose_urgency_hint(struct mx_buf *b, const struct mx_prose_markup *m,
                           const struct mx_result *r);

/* "N incidents named by a number (#101) were joined ..." when r->joined, then "N ...
 * not joined: several incidents have that number" when r->join_ambiguous. */
void mx_prose_joined(struct mx_buf *b, const struct mx_prose_markup *m, const struct mx_result *r);

/* Up to ten ids of incidents in the window, not merged, for which pick(t, arg) holds,
 * comma-separated; "—" when there are none. */
void mx_prose_examples(struct mx_buf *b, const struct mx_prose_markup *m, const struct mx_result *r,
                       bool (*pick)(const struct mx_timeline *, size_t), size_t arg);

#endif
