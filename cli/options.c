/*
 * options.c - option tables and help texts for each subcommand (see options.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/options.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/diag.h"
#include "parsers/mem.h"

static const char MAIN_HELP[] =
    "Usage: mttx COMMAND [OPTIONS] INPUT...\n"
    "\n"
    "Incident metrics from event logs: MTTD, MTTA, MTTM, MTTR and MTBF by severity\n"
    "and month, compliance with the incident process, every number traceable to the\n"
    "record it came from.\n"
    "\n"
    "Commands:\n"
    "  report     metrics report: report.md (with charts/), report.html, report.json,\n"
    "             timelines.jsonl; on request incidents.csv, summary.md\n"
    "  audit      postmortem deadlines and response targets, one row per incident,\n"
    "             with evidence: audit.md; on request audit.csv, audit.json\n"
    "  timeline   one incident's timeline (timeline.md or .json, to standard output\n"
    "             by default); --postmortem writes a postmortem draft\n"
    "  handoff    the on-call handoff (handoff.md, to standard output by default):\n"
    "             open and recent incidents, known issues\n"
    "  check      validate inputs only: records read, accepted, rejected per input\n"
    "             (a table, or JSON, or GitHub annotations)\n"
    "  help CMD   the options of CMD (as 'mttx CMD --help')\n"
    "\n"
    "INPUT is a file, a directory (read recursively in name order), an archive (tar,\n"
    "tar.gz, zip) or - for standard input. Formats are detected from content: mttx\n"
    "JSON lines, PagerDuty CSV exports, REST and webhook JSON, the API exports of\n"
    "Opsgenie / Jira Service Management, incident.io, FireHydrant, Rootly and Grafana\n"
    "OnCall, gzip.\n"
    "'mttx COMMAND --help' shows its options.\n"
    "\n"
    "Exit status: 0 success; 1 an input could not be read or is damaged, the inputs\n"
    "hold no accepted record, or an output could not be written; 2 usage error, or a\n"
    "--fail-on gate that the data cannot evaluate; 3 a --fail-on gate failed; 4 --strict\n"
    "and a record was rejected or an input skipped as unrecognised; 5 timeline: no\n"
    "incident matches INCIDENT.\n";

#define COMMON_HELP                                                                                \
    "      --from DATE     only incidents detected at or after DATE (YYYY-MM-DD in\n"              \
    "                      --tz, or an RFC 3339 time)\n"                                           \
    "      --to DATE       only incidents detected before DATE\n" CHECK_COMMON_HELP

/* What every command takes but the window (check counts records, not incidents). */
#define CHECK_COMMON_HELP                                                                          \
    "      --tz ZONE       IANA zone for months, business days and displayed times\n"              \
    "                      [default: UTC]\n"                                                       \
    "      --as-of TIME    the 'now' of the run: what is open, what is overdue;\n"                 \
    "                      events after it are left out\n"                                         \
    "                      [default: $SOURCE_DATE_EPOCH, else the clock]\n"                        \
    "      --config FILE   INI file: severity mapping, input zone, targets, deadlines,\n"          \
    "                      business calendar, limits, custom formats, rules\n"                     \
    "      --input-encoding NAME  character set of CSV inputs (iconv name, e.g.\n"                 \
    "                      WINDOWS-1252) [default: UTF-8]\n"                                       \
    "      --input-format NAME  read every text input with the custom line format\n"               \
    "                      [format NAME] of --config [default: by its files glob]\n"               \
    "      --label-stdin NAME  standard input's name in positions and evidence\n"                  \
    "                      [default: -]\n"                                                         \
    "      --threads N     parse long JSON-lines inputs on N threads, and format\n"                \
    "                      timelines.jsonl on N threads beside the rest of the report\n"           \
    "                      (the same outputs at any N) [default: the available cores]\n"           \
    "      --strict        exit 4 when any record was rejected (after writing)\n"                  \
    "  -q, --quiet         no record diagnostics, progress or done line on stderr\n"               \
    "                      (counts stay in the outputs); why a run fails is always said\n"         \
    "  -v, --verbose       say what is being read and written\n"                                   \
    "      --debug-dump-events  print each accepted event, one per line, to stderr\n"              \
    "  -h, --help          this help\n"                                                            \
    "  -V, --version       the version\n"

#define ANON_HELP                                                                                  \
    "      --anonymize     people named responder-1, responder-2 ... (by first\n"                  \
    "                      appearance) in every output, free text included\n"

#define FILTER_HELP                                                                                \
    "      --service GLOB  only incidents of a matching service (after [service] alias;\n"         \
    "                      shell-style, any case; (none) for those without one;\n"                 \
    "                      repeatable: any of them)\n"                                             \
    "      --team GLOB     only incidents of a matching team (the same way)\n"

#define GATES_HELP                                                                                 \
    "      --fail-on RULE  exit 3 when RULE fails (repeatable): missing-postmortem,\n"             \
    "                      late-postmortem, postmortem-compliance<95,\n"                           \
    "                      response-compliance<90, unassigned-severity,\n"                         \
    "                      channel-convention\n"                                                   \
    "      --junit FILE    write the gates as JUnit XML, one testcase each\n"

static const char REPORT_HELP[] =
    "Usage: mttx report [OPTIONS] INPUT...\n"
    "\n"
    "Reads every INPUT, reconstructs each incident's timeline and writes the report.\n"
    "\n"
    "  -o, --out DIR       where report files go (created; written atomically);\n"
    "                      '-' writes the single --format to standard output; a\n"
    "                      FILE.html, .md, .json, .jsonl or .csv gets that one format\n"
    "                      [default: mttx-report]\n"
    "  -f, --format LIST   comma list of md, html, json (the aggregates), timelines\n"
    "                      (timelines.jsonl: every incident's timeline, one per line),\n"
    "                      csv (incidents.csv), summary (summary.md: headline, gates\n"
    "                      and data quality in a few lines, for $GITHUB_STEP_SUMMARY)\n"
    "                      [default: md,html,json,timelines]\n"
    "      --no-charts     draw no charts (they need gnuplot)\n"
    "      --names         incidents.csv names who acknowledged, resolved, commanded\n"
    "                      and wrote the postmortem (default: blameless, no names)\n" GATES_HELP
        FILTER_HELP ANON_HELP COMMON_HELP;

static const char AUDIT_HELP[] =
    "Usage: mttx audit [OPTIONS] INPUT...\n"
    "\n"
    "Checks every incident against the incident process: postmortem deadlines (from\n"
    "resolution), acknowledgement targets (business days for SEV4), status-update\n"
    "cadence, war rooms, regulator notification. One row per incident and rule with\n"
    "the path:line of each event used, and a summary per month and severity.\n"
    "\n"
    "  -o, --out DIR       where audit files go [default: mttx-report]; '-' writes the\n"
    "                      single --format to standard output; a FILE.md, .csv or\n"
    "                      .json gets that one format\n"
    "  -f, --format LIST   comma list of md, csv, json [default: md]\n"
    "      --names         the evidence names who acknowledged, resolved, commanded and\n"
    "                      wrote the postmortem (default: roles only)\n" GATES_HELP FILTER_HELP
        ANON_HELP COMMON_HELP;

static const char TIMELINE_HELP[] =
    "Usage: mttx timeline [OPTIONS] INCIDENT INPUT...\n"
    "\n"
    "Shows one incident's reconstructed timeline: every event with its source\n"
    "position, the derived milestones and durations, anomalies and compliance.\n"
    "INCIDENT is its id, its number ('#101' or 101, as PagerDuty numbers them) or\n"
    "its id in any case; exit status 5, with the nearest ids, when none matches.\n"
    "\n"
    "  -o, --out DIR       write timeline.md / timeline.json there, or to FILE.md /\n"
    "                      FILE.json [default: standard output]\n"
    "  -f, --format LIST   md or json [default: md]\n"
    "      --postmortem DIR  write a postmortem draft DIR/YYYY-MM-DD-slug.md in the\n"
    "                      process document's format (never overwrites a file)\n"
    "      --names         name people in the draft (default: blameless roles)\n" ANON_HELP
        COMMON_HELP;

static const char HANDOFF_HELP[] =
    "Usage: mttx handoff [OPTIONS] INPUT...\n"
    "\n"
    "Writes the on-call handoff for --as-of in Markdown: open incidents, incidents of\n"
    "the last 48 hours, and known issues (services with repeated auto-resolved or\n"
    "reopened incidents in the last 7 days).\n"
    "\n"
    "  -o, --out DIR       write handoff.md there, or to FILE.md [default: standard\n"
    "                      output]\n" FILTER_HELP ANON_HELP COMMON_HELP;

static const char CHECK_HELP[] =
    "Usage: mttx check [OPTIONS] INPUT...\n"
    "\n"
    "Validates inputs: per input its format, records, accepted, duplicates and\n"
    "rejected records by reason on stdout; every rejection as PATH:LINE: error: REASON\n"
    "on stderr. Exit 0 unless --strict and a record was rejected (4), or an input\n"
    "could not be read or nothing was accepted (1).\n"
    "\n"
    "  -f, --format NAME   json (the table as JSON) or github (GitHub Actions\n"
    "                      annotations, the first 50, and a notice with the counts)\n"
    "                      [default: the table]\n" CHECK_COMMON_HELP;

enum {
    OPT_FROM = 256,
    OPT_TO,
    OPT_TZ,
    OPT_AS_OF,
    OPT_STRICT,
    OPT_VERSION,
    OPT_DUMP,
    OPT_CONFIG,
    OPT_ENCODING,
    OPT_INFORMAT,
    OPT_FAIL_ON,
    OPT_POSTMORTEM,
    OPT_NAMES,
    OPT_NO_CHARTS,
    OPT_SERVICE,
    OPT_TEAM,
    OPT_ANONYMIZE,
    OPT_JUNIT,
    OPT_LABEL_STDIN,
    OPT_THREADS
};

#define FILTER_OPTS                                                                                \
    {"service", required_argument, NULL, OPT_SERVICE}, {                                           \
        "team", required_argument, NULL, OPT_TEAM                                                  \
    }

#define ANON_OPT                                                                                   \
    { "anonymize", no_argument, NULL, OPT_ANONYMIZE }

#define CHECK_COMMON_OPTS                                                                          \
    {"tz", required_argument, NULL, OPT_TZ}, {"as-of", required_argument, NULL, OPT_AS_OF},        \
        {"strict", no_argument, NULL, OPT_STRICT}, {"quiet", no_argument, NULL, 'q'},              \
        {"verbose", no_argument, NULL, 'v'}, {"help", no_argument, NULL, 'h'},                     \
        {"version", no_argument, NULL, OPT_VERSION},                                               \
        {"debug-dump-events", no_argument, NULL, OPT_DUMP},                                        \
        {"config", required_argument, NULL, OPT_CONFIG},                                           \
        {"input-encoding", required_argument, NULL, OPT_ENCODING},                                 \
        {"input-format", required_argument, NULL, OPT_INFORMAT},                                   \
        {"label-stdin", required_argument, NULL, OPT_LABEL_STDIN},                                 \
        {"threads", required_argument, NULL, OPT_THREADS}, {                                       \
        NULL, 0, NULL, 0                                                                           \
    }

#define COMMON_OPTS                                                                                \
    {"from", required_argument, NULL, OPT_FROM}, {"to", required_argument, NULL, OPT_TO},          \
        CHECK_COMMON_OPTS

static const struct option REPORT_OPTS[] = {{"out", required_argument, NULL, 'o'},
                                            {"names", no_argument, NULL, OPT_NAMES},
                                            {"format", required_argument, NULL, 'f'},
                                            {"fail-on", required_argument, NULL, OPT_FAIL_ON},
                                            {"junit", required_argument, NULL, OPT_JUNIT},
                                            {"no-charts", no_argument, NULL, OPT_NO_CHARTS},
                                            FILTER_OPTS,
                                            ANON_OPT,
                                            COMMON_OPTS};
static const struct option AUDIT_OPTS[] = {{"out", required_argument, NULL, 'o'},
                                           {"names", no_argument, NULL, OPT_NAMES},
                                           {"format", required_argument, NULL, 'f'},
                                           {"fail-on", required_argument, NULL, OPT_FAIL_ON},
                                           {"junit", required_argument, NULL, OPT_JUNIT},
                                           FILTER_OPTS,
                                           ANON_OPT,
                                           COMMON_OPTS};
static const struct option TIMELINE_OPTS[] = {
    {"out", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'f'},
    {"postmortem", required_argument, NULL, OPT_POSTMORTEM},
    {"names", no_argument, NULL, OPT_NAMES},
    ANON_OPT,
    COMMON_OPTS};
static const struct option HANDOFF_OPTS[] = {
    {"out", required_argument, NULL, 'o'}, FILTER_OPTS, ANON_OPT, COMMON_OPTS};
static const struct option CHECK_OPTS[] = {{"format", required_argument, NULL, 'f'},
                                           CHECK_COMMON_OPTS};

/* A subcommand: its getopt table and help, the formats it may write and its defaults. */
struct command {
    const char *name;
    enum mx_cmd cmd;
    const struct option *table;
    const char *help;
    const char *shortopts;
    unsigned allowed, defaults; /* formats */
    const char *default_out;
};

static const struct command COMMANDS[] = {
    {"report", MX_CMD_REPORT, REPORT_OPTS, REPORT_HELP, "+:o:f:qvVh",
     MX_FMT_MD | MX_FMT_JSON | MX_FMT_HTML | MX_FMT_CSV | MX_FMT_SUMMARY | MX_FMT_TIMELINES,
     MX_FMT_MD | MX_FMT_JSON | MX_FMT_HTML | MX_FMT_TIMELINES, "mttx-report"},
    {"audit", MX_CMD_AUDIT, AUDIT_OPTS, AUDIT_HELP, "+:o:f:qvVh",
     MX_FMT_MD | MX_FMT_CSV | MX_FMT_JSON, MX_FMT_MD, "mttx-report"},
    {"timeline", MX_CMD_TIMELINE, TIMELINE_OPTS, TIMELINE_HELP, "+:o:f:qvVh",
     MX_FMT_MD | MX_FMT_JSON, MX_FMT_MD, "-"},
    {"handoff", MX_CMD_HANDOFF, HANDOFF_OPTS, HANDOFF_HELP, "+:o:qvVh", MX_FMT_MD, MX_FMT_MD, "-"},
    {"check", MX_CMD_CHECK, CHECK_OPTS, CHECK_HELP, "+:f:qvVh", MX_FMT_JSON | MX_FMT_GITHUB, 0,
     "-"},
};

static const struct command *find_command(const char *name) {
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(COMMANDS[i].name, name) == 0) return &COMMANDS[i];
    return NULL;
}

/* "mttx CMD: msg: arg" and a pointer to --help on stderr; returns 2, the usage status. */
static int usage(const char *cmd, const char *msg, const char *arg) {
    fprintf(stderr, "mttx%s%s: %s%s", cmd ? " " : "", cmd ? cmd : "", msg, arg ? ": " : "");
    if (arg) mx_diag_put_escaped(stderr, arg); /* as typed, but never raw to the terminal */
    fputc('\n', stderr);
    fprintf(stderr, "Try 'mttx%s%s --help'.\n", cmd ? " " : "", cmd ? cmd : "");
    return 2;
}

/* Every format: its --format name and the file extension that chooses it with -o FILE
 * (NULL: no file of its own). */
static const struct {
    const char *name, *ext;
    unsigned bit;
} FORMATS[] = {{"md", ".md", MX_FMT_MD},
               {"json", ".json", MX_FMT_JSON},
               {"csv", ".csv", MX_FMT_CSV},
               {"html", ".html", MX_FMT_HTML},
               {"github", NULL, MX_FMT_GITHUB},
               {"summary", NULL, MX_FMT_SUMMARY},
               {"timelines", ".jsonl", MX_FMT_TIMELINES}};
#define N_FORMATS (sizeof FORMATS / sizeof FORMATS[0])

/* --format LIST: comma-separated names, each one the command allows; replaces the default
 * set rather than adding to it. Returns 0 or 2. */
static int parse_formats(struct mx_options *o, const struct command *c, const char *list) {
    o->formats = 0;
    /* read in place, never cut: the argument is also the outputs' record of the command */
    for (const char *tok = list; *tok;) {
        size_t n = strcspn(tok, ",");
        if (n) {
            unsigned bit = 0;
            for (size_t i = 0; i < N_FORMATS; i++)
                if (strlen(FORMATS[i].name) == n && memcmp(tok, FORMATS[i].name, n) == 0)
                    bit = FORMATS[i].bit;
            if (!bit || !(c->allowed & bit)) { /* the name whole, as typed */
                char *name = mx_mem_malloc(n + 1);
                memcpy(name, tok, n);
                name[n] = '\0';
                int rc = usage(c->name, "unknown format for this command", name);
                free(name);
                return rc;
            }
            o->formats |= bit;
        }
        tok += n + (tok[n] == ',');
    }
    if (!o->formats) return usage(c->name, "empty --format list", NULL);
    return 0;
}

/* One option of the table; returns 0, 1 (help printed) or 2. */
static int option(struct mx_options *o, const struct command *c, int ch, char **argv) {
    switch (ch) {
    case 'o': o->out_dir = optarg; break;
    case 'f': return parse_formats(o, c, optarg);
    case OPT_FROM: o->from_text = optarg; break;
    case OPT_TO: o->to_text = optarg; break;
    case OPT_TZ: o->tz = optarg; break;
    case OPT_AS_OF: o->as_of_text = optarg; break;
    case OPT_STRICT: o->strict = true; break;
    case OPT_DUMP: o->dump_events = true; break;
    case OPT_CONFIG: o->config = optarg; break;
    case OPT_ENCODING:
        if (!*optarg) return usage(c->name, "--input-encoding needs a character set name", NULL);
        o->input_encoding = optarg;
        break;
    case OPT_INFORMAT: o->input_format = optarg; break;
    case OPT_POSTMORTEM: o->postmortem_dir = optarg; break;
    case OPT_NAMES: o->names = true; break;
    case OPT_NO_CHARTS: o->no_charts = true; break;
    case OPT_ANONYMIZE: o->anonymize = true; break;
    case OPT_JUNIT: o->junit = optarg; break;
    case OPT_THREADS: {
        char *end;
        errno = 0;
        long v = strtol(optarg, &end, 10);
        if (end == optarg || *end || errno || v < 1 || v > 64)
            return usage(c->name, "--threads: expected a number from 1 to 64", optarg);
        o->threads = (int)v;
        break;
    }
    case OPT_LABEL_STDIN:
        if (!*optarg) return usage(c->name, "--label-stdin needs a name", NULL);
        o->label_stdin = optarg;
        break;
    case OPT_SERVICE:
    case OPT_TEAM: {
        bool svc = ch == OPT_SERVICE;
        int *n = svc ? &o->n_service_globs : &o->n_team_globs;
        if (*n == MX_MAX_GATES)
            return usage(c->name, svc ? "too many --service" : "too many --team", NULL);
        (svc ? o->service_globs : o->team_globs)[(*n)++] = optarg;
        break;
    }
    case OPT_FAIL_ON:
        if (o->n_fail_on == MX_MAX_GATES) return usage(c->name, "too many --fail-on", NULL);
        o->fail_on[o->n_fail_on++] = optarg;
        break;
    case 'q': o->verbosity = -1; break;
    case 'v': o->verbosity = 1; break;
    case 'h': fputs(c->help, stdout); return 1;
    case 'V':
    case OPT_VERSION: printf("mttx %s\n", MX_VERSION); return 1;
    case ':':
        if (optopt && optopt < 256 && argv[optind - 1][1] != '-') { /* short, maybe grouped */
            char opt[3] = {'-', (char)optopt, '\0'};
            return usage(c->name, "option needs a value", opt);
        }
        return usage(c->name, "option needs a value", argv[optind - 1]);
    default:
        if (optopt && optopt < 256 && argv[optind - 1][1] != '-') { /* "-zz": the letter */
            char opt[3] = {'-', (char)optopt, '\0'};
            return usage(c->name, "unknown option", opt);
        }
        return usage(c->name, "unknown option", argv[optind - 1]);
    }
    return 0;
}

/* getopt sees argv from the command name on. Every shortopts starts with "+:": options end
 * at the first operand (INCIDENT, INPUT), and a missing value comes back as ':'. */
int mx_options_parse(int argc, char **argv, struct mx_options *o) {
    memset(o, 0, sizeof *o);
    o->argc = argc;
    o->argv = argv;
    o->tz = "UTC";
    if (argc < 2) {
        fputs(MAIN_HELP, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "help") == 0 && argc > 2) { /* mttx help COMMAND */
        const struct command *h = find_command(argv[2]);
        if (!h) return usage(NULL, "help: unknown command", argv[2]);
        fputs(h->help, stdout);
        return 1;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(MAIN_HELP, stdout);
        return 1;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("mttx %s\n", MX_VERSION);
        return 1;
    }
    const struct command *c = find_command(cmd);
    if (!c) return usage(NULL, "unknown command", cmd);
    o->cmd = c->cmd;
    o->cmd_name = c->name;
    o->formats = c->defaults;
    o->out_dir = c->default_out;
    optind = 1;
    opterr = 0;
    argc--;
    argv++;
    int ch, rc;
    bool formats_given = false;
    while ((ch = getopt_long(argc, argv, c->shortopts, c->table, NULL)) != -1) {
        formats_given |= ch == 'f';
        if ((rc = option(o, c, ch, argv)) != 0) return rc;
    }
    o->inputs = argv + optind;
    o->n_inputs = argc - optind;
    if (c->cmd == MX_CMD_TIMELINE) {
        if (o->n_inputs == 0) return usage(cmd, "no INCIDENT given", NULL);
        o->incident = o->inputs[0];
        o->inputs++;
        o->n_inputs--;
    }
    if (o->n_inputs == 0) return usage(cmd, "no INPUT given", NULL);
    if (o->anonymize && o->dump_events)
        return usage(cmd, "--debug-dump-events shows the events as read: it cannot be anonymized",
                     NULL);
    /* -o FILE.html (.md, .json, .jsonl, .csv): that one format into that file, as GoAccess
     * does */
    size_t on = strlen(o->out_dir);
    for (size_t k = 0; k < N_FORMATS && c->cmd != MX_CMD_CHECK; k++) {
        const char *ext = FORMATS[k].ext;
        size_t en = ext ? strlen(ext) : 0;
        if (!ext || on <= en || strcmp(o->out_dir + on - en, ext) != 0 ||
            o->out_dir[on - en - 1] == '/')
            continue;
        if (!(c->allowed & FORMATS[k].bit))
            return usage(cmd, "this command writes no such file", o->out_dir);
        if (formats_given && o->formats != FORMATS[k].bit)
            return usage(cmd, "-o names one file: --format must be its format alone", o->out_dir);
        o->formats = FORMATS[k].bit;
        static char dir[4096];
        const char *slash = strrchr(o->out_dir, '/');
        if (slash && (size_t)(slash - o->out_dir) < sizeof dir) {
            snprintf(dir, sizeof dir, "%.*s", slash == o->out_dir ? 1 : (int)(slash - o->out_dir),
                     o->out_dir);
            o->out_file = slash + 1;
            o->out_dir = dir;
        } else {
            o->out_file = o->out_dir;
            o->out_dir = ".";
        }
        break;
    }
    bool one = o->formats && !(o->formats & (o->formats - 1));
    if (c->cmd == MX_CMD_CHECK && o->formats && !one)
        return usage(cmd, "check writes one format: json or github", NULL);
    if (strcmp(o->out_dir, "-") == 0 && o->formats && !one)
        return usage(cmd, "-o - writes one format: give exactly one with --format", NULL);
    return 0;
}
