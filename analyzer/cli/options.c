/*
 * options.c - option tables and help texts for each subcommand (see options.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "analyzer/cli/options.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char MAIN_HELP[] =
    "Usage: mttx COMMAND [OPTIONS] INPUT...\n"
    "\n"
    "Incident metrics from event logs: MTTD, MTTA, MTTM, MTTR and MTBF by severity\n"
    "and month, with every number traceable to the record it came from.\n"
    "\n"
    "Commands:\n"
    "  report   parse, reconstruct timelines, compute metrics, write the report\n"
    "  check    validate inputs only: records read, accepted, rejected per input\n"
    "\n"
    "INPUT is a file, a directory (read recursively in name order), an archive (tar,\n"
    "tar.gz, zip) or - for standard input. Formats are detected from content: mttx\n"
    "JSON lines, PagerDuty CSV exports, REST and webhook JSON, gzip.\n"
    "'mttx COMMAND --help' shows its options.\n"
    "\n"
    "Exit status: 0 success; 1 an input could not be read or is damaged, or an output\n"
    "could not be written; 2 usage error; 4 --strict and a record was rejected.\n";

static const char REPORT_HELP[] =
    "Usage: mttx report [OPTIONS] INPUT...\n"
    "\n"
    "Reads every INPUT, reconstructs each incident's timeline and writes the report.\n"
    "\n"
    "  -o, --out DIR       where report files go (created; written atomically);\n"
    "                      '-' writes the single --format to standard output\n"
    "                      [default: mttx-report]\n"
    "  -f, --format LIST   comma list of md, json [default: md,json]\n"
    "      --from DATE     only incidents detected at or after DATE (YYYY-MM-DD in\n"
    "                      --tz, or an RFC 3339 time)\n"
    "      --to DATE       only incidents detected before DATE\n"
    "      --tz ZONE       IANA zone for months and displayed times [default: UTC]\n"
    "      --as-of TIME    the report's 'now' [default: $SOURCE_DATE_EPOCH, else the\n"
    "                      clock]\n"
    "      --config FILE   INI file: severity mapping, input zone, limits\n"
    "      --input-encoding NAME  character set of CSV inputs (iconv name, e.g.\n"
    "                      WINDOWS-1252) [default: UTF-8]\n"
    "      --strict        exit 4 when any record was rejected (after writing)\n"
    "  -q, --quiet         no diagnostics on stderr (counts stay in the report)\n"
    "  -v, --verbose       say what is being read\n"
    "      --debug-dump-events  print each accepted event, one per line, to stdout\n"
    "  -h, --help          this help\n"
    "      --version       the version\n";

static const char CHECK_HELP[] =
    "Usage: mttx check [OPTIONS] INPUT...\n"
    "\n"
    "Validates inputs: per input its format, records, accepted, duplicates and\n"
    "rejected records by reason on stdout; every rejection as PATH:LINE: error: REASON\n"
    "on stderr. Exit 0 unless --strict and a record was rejected (4), or an input\n"
    "could not be read (1).\n"
    "\n"
    "      --tz ZONE       IANA zone for times without an offset [default: UTC]\n"
    "      --config FILE   INI file: severity mapping, input zone, limits\n"
    "      --input-encoding NAME  character set of CSV inputs (iconv name)\n"
    "      --strict        exit 4 when any record was rejected\n"
    "  -q, --quiet         no diagnostics on stderr\n"
    "  -v, --verbose       say what is being read\n"
    "      --debug-dump-events  print each accepted event, one per line, to stdout\n"
    "  -h, --help          this help\n"
    "      --version       the version\n";

enum {
    OPT_FROM = 256,
    OPT_TO,
    OPT_TZ,
    OPT_AS_OF,
    OPT_STRICT,
    OPT_VERSION,
    OPT_DUMP,
    OPT_CONFIG,
    OPT_ENCODING
};

static const struct option REPORT_OPTS[] = {
    {"out", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'f'},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"tz", required_argument, NULL, OPT_TZ},
    {"as-of", required_argument, NULL, OPT_AS_OF},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {"debug-dump-events", no_argument, NULL, OPT_DUMP},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"input-encoding", required_argument, NULL, OPT_ENCODING},
    {NULL, 0, NULL, 0}};

static const struct option CHECK_OPTS[] = {
    {"tz", required_argument, NULL, OPT_TZ},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {"debug-dump-events", no_argument, NULL, OPT_DUMP},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"input-encoding", required_argument, NULL, OPT_ENCODING},
    {NULL, 0, NULL, 0}};

struct command {
    const char *name;
    enum mx_cmd cmd;
    const struct option *table;
    const char *help;
    const char *shortopts;
};

static const struct command COMMANDS[] = {
    {"report", MX_CMD_REPORT, REPORT_OPTS, REPORT_HELP, "+:o:f:qvh"},
    {"check", MX_CMD_CHECK, CHECK_OPTS, CHECK_HELP, "+:qvh"},
};

static const struct command *find_command(const char *name) {
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(COMMANDS[i].name, name) == 0) return &COMMANDS[i];
    return NULL;
}

static int usage(const char *cmd, const char *msg, const char *arg) {
    fprintf(stderr, "mttx%s%s: %s%s%s\n", cmd ? " " : "", cmd ? cmd : "", msg, arg ? ": " : "",
            arg ? arg : "");
    fprintf(stderr, "Try 'mttx%s%s --help'.\n", cmd ? " " : "", cmd ? cmd : "");
    return 2;
}

static int parse_formats(struct mx_options *o, char *list) {
    o->formats = 0;
    int n = 0;
    for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        unsigned bit;
        if (strcmp(tok, "md") == 0)
            bit = MX_FMT_MD;
        else if (strcmp(tok, "json") == 0)
            bit = MX_FMT_JSON;
        else if (strcmp(tok, "html") == 0 || strcmp(tok, "csv") == 0)
            return usage("report", "format not available in this version", tok);
        else
            return usage("report", "unknown format (expected md, json)", tok);
        if (!(o->formats & bit) && n < 4) o->format_order[n++] = tok;
        o->formats |= bit;
    }
    if (!o->formats) return usage("report", "empty --format list", NULL);
    return 0;
}

int mx_options_parse(int argc, char **argv, struct mx_options *o) {
    memset(o, 0, sizeof *o);
    o->out_dir = "mttx-report";
    o->formats = MX_FMT_MD | MX_FMT_JSON;
    o->tz = "UTC";
    if (argc < 2) {
        fputs(MAIN_HELP, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(MAIN_HELP, stdout);
        return 1;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("mttx %s\n", MX_VERSION);
        return 1;
    }
    const struct command *c = find_command(cmd);
    if (!c) return usage(NULL, "unknown command", cmd);
    o->cmd = c->cmd;
    const struct option *table = c->table;
    const char *help = c->help, *shortopts = c->shortopts;
    optind = 1;
    opterr = 0;
    int ch;
    argc--;
    argv++;
    while ((ch = getopt_long(argc, argv, shortopts, table, NULL)) != -1) {
        switch (ch) {
        case 'o': o->out_dir = optarg; break;
        case 'f':
            if (parse_formats(o, optarg)) return 2;
            break;
        case OPT_FROM: o->from_text = optarg; break;
        case OPT_TO: o->to_text = optarg; break;
        case OPT_TZ: o->tz = optarg; break;
        case OPT_AS_OF: o->as_of_text = optarg; break;
        case OPT_STRICT: o->strict = true; break;
        case OPT_DUMP: o->dump_events = true; break;
        case OPT_CONFIG: o->config = optarg; break;
        case OPT_ENCODING: o->input_encoding = optarg; break;
        case 'q': o->verbosity = -1; break;
        case 'v': o->verbosity = 1; break;
        case 'h': fputs(help, stdout); return 1;
        case OPT_VERSION: printf("mttx %s\n", MX_VERSION); return 1;
        case ':': return usage(cmd, "option needs a value", argv[optind - 1]);
        default: return usage(cmd, "unknown option", argv[optind - 1]);
        }
    }
    o->inputs = argv + optind;
    o->n_inputs = argc - optind;
    if (o->n_inputs == 0) return usage(cmd, "no INPUT given", NULL);
    if (strcmp(o->out_dir, "-") == 0 && o->formats != MX_FMT_MD && o->formats != MX_FMT_JSON)
        return usage(cmd, "-o - writes one format: give exactly one with --format", NULL);
    return 0;
}
