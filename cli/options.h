/*
 * options.h - the command line: subcommands, one getopt_long table each, parsed into a
 * struct mx_options that is passed down (no global configuration).
 */
#ifndef MX_OPTIONS_H
#define MX_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

enum mx_cmd { MX_CMD_REPORT, MX_CMD_CHECK, MX_CMD_AUDIT, MX_CMD_TIMELINE, MX_CMD_HANDOFF };

#define MX_FMT_MD        1u
#define MX_FMT_JSON      2u
#define MX_FMT_CSV       4u
#define MX_FMT_HTML      8u
#define MX_FMT_GITHUB    16u /* check: GitHub Actions annotations */
#define MX_FMT_SUMMARY   32u /* report: summary.md for a CI job's summary */
#define MX_FMT_TIMELINES 64u /* report: timelines.jsonl, one incident per line */

#define MX_MAX_GATES 16

struct mx_options {
    int argc; /* the command line as given, for the outputs' provenance */
    char **argv;
    enum mx_cmd cmd;
    const char *cmd_name;
    const char *out_dir;  /* "-" for standard output */
    const char *out_file; /* -o FILE.EXT: the one output's file name in out_dir, or NULL */
    unsigned formats;     /* MX_FMT_* bits */
    const char *tz;
    const char *from_text, *to_text, *as_of_text;
    bool strict;
    int verbosity; /* -1 quiet, 0 normal, 1 verbose */
    bool dump_events;
    const char *config;         /* --config FILE, or NULL */
    const char *input_encoding; /* --input-encoding NAME, or NULL */
    const char *input_format;   /* --input-format NAME ([format NAME] of --config), or NULL */
    const char *fail_on[MX_MAX_GATES];
    int n_fail_on;
    const char *incident;       /* timeline: the incident id */
    const char *postmortem_dir; /* timeline --postmortem DIR, or NULL */
    bool names;                 /* timeline --names: people by name in drafts */
    bool no_charts;             /* report --no-charts */
    bool anonymize;             /* --anonymize: pseudonyms for people in every output */
    const char *junit;          /* --junit FILE: the gates as JUnit XML, or NULL */
    const char *label_stdin;    /* --label-stdin NAME: standard input's path in evidence */
    int threads;                /* --threads N; 0: the available cores */
    const char *service_globs[MX_MAX_GATES], *team_globs[MX_MAX_GATES]; /* --service, --team */
    int n_service_globs, n_team_globs;
    char **inputs;
    int n_inputs;
};

/* Parses argv. Returns 0 to run; 1 when --help or --version was printed (exit 0);
 * 2 on a usage error (already reported on stderr). */
int mx_options_parse(int argc, char **argv, struct mx_options *o);

#endif
