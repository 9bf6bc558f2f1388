/*
 * result.h - the finished analysis: counts, metric summaries for all incidents, per
 * severity, per month and per month x severity, compliance, the comparison and the
 * per-input accounting. A struct mx_result is built once by mx_result_build and then
 * only read: reports take it const.
 */
#ifndef MX_RESULT_H
#define MX_RESULT_H

#include <stdint.h>

#include "analyzer/breakdown.h"
#include "analyzer/compliance.h"
#include "analyzer/intern.h"
#include "analyzer/metrics.h"
#include "analyzer/oncall.h"
#include "analyzer/timeline.h"
#include "analyzer/trend.h"
#include "parsers/diag.h"
#include "parsers/ruleset.h"

/* Months listed one by one up to this span (50 years); beyond it only the months that
 * have incidents are listed. */
#define MX_DENSE_MONTHS 600

struct mx_month {
    int key; /* year * 12 + month - 1 */
    struct mx_mset all;
    struct mx_mset sev[MX_SEV__COUNT];
};

/* One input's accounting: records = accepted + duplicates + rejected. */
struct mx_input_sum {
    const struct mx_input_stat *stat; /* from the diagnostics sink */
    uint64_t accepted, duplicates;
    uint64_t repeated_ids; /* of the duplicates: records whose source id was seen before */
    uint64_t after_as_of;  /* events (of accepted records) dated after the as-of instant */
};

/* A metric target's verdict on a month (or the whole period): judged on the median only
 * with MX_TARGET_MIN_N values or more. */
#define MX_TARGET_MIN_N 5
enum mx_target_verdict { MX_TV_NO_DATA, MX_TV_TOO_FEW, MX_TV_MET, MX_TV_MISSED, MX_TV__COUNT };
/* "no_data", "too_few", "met", "missed". */
const char *mx_result_target_verdict(enum mx_target_verdict v);

struct mx_target_cell {
    uint64_t n, within; /* values, and those strictly under the target */
    int64_t median;     /* when n > 0 */
    enum mx_target_verdict verdict;
};

/* One configured metric target judged per month (the months of the result) and over
 * the whole period. */
struct mx_target_eval {
    enum mx_target_metric metric;
    int sev; /* a severity, or MX_TARGET_ALL */
    int64_t limit_ms;
    struct mx_target_cell whole;
    struct mx_target_cell *months; /* owned; n_months cells */
};

/* What a run examined, for an auditor to re-derive it (docs/spec.md#provenance): set by
 * the program, which alone knows the command line, the clock and the files. */
struct mx_provenance {
    const char *version;
    int argc;
    char **argv;              /* the command line as given (not the environment) */
    const char *as_of_source; /* "option", "SOURCE_DATE_EPOCH" or "clock" */
    const char *config_path;  /* NULL: the built-in defaults */
    char config_sha256[65];
    /* per input of the diagnostics table: its size and SHA-256 when it is a file read
     * from disk (an archive member or standard input: size UINT64_MAX, sha256 "") */
    uint64_t *size;
    char (*sha256)[65];
};

/* How many incidents the Longest incidents tables list. */
#define MX_LONGEST 10

struct mx_result {
    int64_t as_of;
    const struct mx_zone *zone; /* months and displayed times */
    const char *timezone;       /* its name */
    int64_t from, to;           /* MX_NO_TIME when unbounded */
    const struct mx_diag *diag;
    const struct mx_timelines *tl;
    struct mx_input_sum *inputs; /* owned */
    size_t n_inputs;
    struct mx_input_sum total; /* .stat unused */
    uint64_t total_records, total_rejected;
    uint64_t skipped_files;      /* inputs in no recognised format, skipped unread */
    uint64_t urgencies_unmapped; /* records with an urgency the mapping did not map */
    uint64_t joined;             /* incidents named by a number joined to the one numbered so */
    uint64_t join_ambiguous;     /* ... left alone: several incidents have that number */
    bool urgency_hint;           /* every incident is unassigned while the inputs carry urgencies
                                  * the mapping leaves unmapped: say how to map them */
    uint64_t by_reason[MX_R__COUNT];
    uint64_t by_warning[MX_W__COUNT];
    /* incidents in the window; merged ones are only counted as merged */
    uint64_t incidents, open, merged, auto_resolved, reopened, out_of_window;
    uint64_t filtered; /* in the window but left out by --service / --team */
    /* the rules (analyzer/rules.h), over incidents in the window that are not merged */
    const struct mx_ruleset *rules; /* borrowed; NULL: none */
    uint64_t excluded, excluded_by[MX_MAX_RULES];
    uint64_t severity_from_title, severity_from_title_unknown, aliased_by[MX_MAX_RULES];
    uint64_t rule_limit_hits; /* incidents where a rule's match hit the PCRE2 limits */
    uint64_t by_severity[MX_SEV__COUNT], open_by_severity[MX_SEV__COUNT];
    uint64_t anomalies[MX_A__COUNT];
    /* the counted, resolved incidents with the longest time to resolve, longest first;
     * equal ones by timeline order (earlier detection, then id) */
    const struct mx_timeline *longest[MX_LONGEST];
    size_t n_longest;
    const struct mx_policy *policy;
    struct mx_compliance *comp; /* owned; comp[i] belongs to mx_timeline_get(tl, i) */
    struct mx_compliance_summary compliance;
    struct mx_compliance_counts *cells; /* owned; month m, severity s: cells[m * 6 + s],
                                         * all severities: cells[m * 6 + 5] */
    struct mx_mset all;
    struct mx_mset sev[MX_SEV__COUNT];
    struct mx_target_eval *targets; /* owned: the policy's metric targets, in policy order */
    size_t n_targets;
    struct mx_month *months; /* owned; first to last month with incidents, or only the
                              * months with incidents when months_sparse */
    size_t n_months;
    bool months_sparse; /* the incidents spanned more than MX_DENSE_MONTHS months */
    /* the last complete month against the one before, the partial month at the end of
     * the window, the incident rates (analyzer/trend.h) */
    struct mx_comparison comparison;
    struct mx_partial_month partial;
    struct mx_rates rates;
    /* the retro's views (analyzer/breakdown.h), by mx_result_retro */
    struct mx_intern titles; /* normalised titles (analyzer/titles.h) */
    uint32_t *norm_title;    /* owned; per timeline in the window: its normalised title in
                              * titles, 0 none */
    uint8_t *noise_bits;     /* owned; per timeline: MX_NOISE_* of a counted incident */
    struct mx_noise noise;
    struct mx_noise *noise_months;               /* owned; one per month of months */
    struct mx_breakdown_group *services, *teams; /* owned */
    size_t n_services, n_teams;
    struct mx_recurring recurring[MX_RECURRING];
    size_t n_recurring;
    struct mx_oncall oncall; /* analyzer/oncall.h */
    /* people given pseudonyms by --anonymize (analyzer/anonymize.h), 0 without it; set by
     * the program after mx_result_build */
    uint64_t anonymized;
    bool anonymize;                   /* --anonymize was given */
    const struct mx_provenance *prov; /* set by the program; NULL: unknown */
    bool names; /* --names: the audit and incidents.csv name who acknowledged, resolved,
                 * commanded and wrote the postmortem; without it roles only (blameless) */
    /* the name of timelines.jsonl beside the reports when this run writes it, else NULL
     * (set by the program: report.json and report.html point to it) */
    const char *timelines_file;
};

/* Computes the result from finished timelines (the rules already applied: rules only
 * names them for the reports; NULL when none) and the sink's counts; dups[i] are the
 * duplicates of input i (from mx_timeline_finish). tl, d, zone, policy and rules are
 * borrowed and must outlive the result. */
void mx_result_build(struct mx_result *r, const struct mx_timelines *tl, const struct mx_diag *d,
                     const struct mx_zone *zone, const struct mx_policy *policy,
                     const struct mx_ruleset *rules, const uint64_t *dups, int64_t as_of,
                     int64_t from, int64_t to);
/* mx_result_build in two steps. The first computes the counts, the months and each
 * incident's compliance (comp): after it, everything a per-incident output reads (tl,
 * comp, inputs, rules) is final, and such an output (timelines.jsonl) may be written on
 * another thread while the second step computes the aggregates (metrics, targets, the
 * comparison) and mx_result_retro adds the retro's views: they write only those. */
void mx_result_build_incidents(struct mx_result *r, const struct mx_timelines *tl,
                               const struct mx_diag *d, const struct mx_zone *zone,
                               const struct mx_policy *policy, const struct mx_ruleset *rules,
                               const uint64_t *dups, int64_t as_of, int64_t from, int64_t to);
void mx_result_build_aggregates(struct mx_result *r);
/* Only the counts of mx_result_build: inputs, totals, rejections, incidents by kind and
 * severity, joined numbers, the urgency hint. Enough for `mttx check`, which shows no
 * metric: the months, metrics, targets, compliance and comparison stay empty. */
void mx_result_counts(struct mx_result *r, const struct mx_timelines *tl, const struct mx_diag *d,
                      const struct mx_zone *zone, const struct mx_policy *policy,
                      const struct mx_ruleset *rules, const uint64_t *dups, int64_t as_of,
                      int64_t from, int64_t to);
/* Adds the retro's views, which only the report shows: normalised titles, noise, the
 * services and teams, recurring titles and the on-call load (analyzer/breakdown.h,
 * analyzer/oncall.h). Call once, after mx_result_build (they count its compliance);
 * without it they are empty. The titles are those mx_timeline_normalize_titles gave the
 * timelines: call it first (a timeline without norm_title recurs with nothing). */
void mx_result_retro(struct mx_result *r);
/* Frees what the result owns. Accepts NULL. */
void mx_result_free(struct mx_result *r);

/* The index in r->months of month key (year * 12 + month - 1), which must be there: the
 * month of every counted incident is. */
size_t mx_result_month(const struct mx_result *r, int key);

/* The person last made commander of t (a commander_assigned event's commander, else its
 * actor), as an interned string id of the timelines; 0 for none. */
uint32_t mx_result_commander(const struct mx_result *r, const struct mx_timeline *t);

/* The [exclude] rule that left t out, or NULL (not excluded, or r has no rules). */
const struct mx_rule *mx_result_exclusion(const struct mx_result *r, const struct mx_timeline *t);

#endif
