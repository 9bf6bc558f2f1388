/*
 * run.c - the pipeline of one command: parsers -> analyzer -> reports (see run.h).
 * This is the only place that reads the clock (--as-of / SOURCE_DATE_EPOCH).
 */
#define _GNU_SOURCE /* memmem */
#include "cli/run.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <iconv.h>
#include <pthread.h>
#include <sched.h>
#include <nettle/sha2.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/progress.h"
#include "analyzer/anonymize.h"
#include "analyzer/result.h"
#include "analyzer/rules.h"
#include "analyzer/timeline.h"
#include "parsers/config.h"
#include "parsers/input.h"
#include "parsers/times.h"
#include "parsers/tz.h"
#include "reports/esc.h"
#include "reports/fmt.h"
#include "reports/atomic.h"
#include "reports/audit_report.h"
#include "reports/charts.h"
#include "reports/check_report.h"
#include "reports/csv_report.h"
#include "reports/dump_report.h"
#include "reports/github_report.h"
#include "reports/junit_report.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/md_report.h"
#include "reports/handoff_report.h"
#include "reports/incident_report.h"
#include "reports/postmortem_report.h"
#include "parsers/mem.h"

/* One message of the program on stderr, "mttx: ..." and a newline. Everything in it is
 * escaped for the terminal (mx_diag_escape): option values, paths, config values and
 * ids are as the user or the input wrote them. */
static struct mx_progress *live; /* the run's progress line, erased before any message */

__attribute__((format(printf, 1, 2))) static void complain(const char *fmt, ...) {
    char buf[16384];
    if (live) mx_progress_clear(live);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fputs("mttx: ", stderr);
    mx_diag_put_escaped(stderr, buf);
    fputc('\n', stderr);
}

/* Every form a DATE or TIME option takes, for its error message. */
#define WHEN_FORMS                                                                                 \
    "give YYYY-MM-DD (midnight in --tz), an RFC 3339 time (2026-03-01T09:30:00Z, with an "         \
    "offset or without one: in --tz) or epoch seconds"

/* Reads DATE (YYYY-MM-DD, midnight in the zone), an RFC 3339 time (without an offset: in the
 * zone) or epoch seconds. Returns NULL, or why s is not a time. */
static const char *parse_when(const char *s, const struct mx_zone *zone, int64_t *out) {
    size_t n = strlen(s);
    if (n > 0 && strspn(s, "0123456789") == n) {
        char *end;
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (errno || *end) return "number out of range";
        return mx_times_from_epoch(v, out);
    }
    char buf[40];
    if (n == 10) {
        snprintf(buf, sizeof buf, "%sT00:00:00", s);
        s = buf;
        n = strlen(buf);
    }
    bool has_zone;
    const char *why = mx_times_parse(s, n, out, &has_zone);
    if (why) return why;
    return has_zone ? NULL : mx_tz_to_utc(zone, *out, out);
}

/* --from, --to and the as-of instant: --as-of, else SOURCE_DATE_EPOCH (seconds), else the
 * clock. Returns 0, or 2 after saying what is wrong. */
static int resolve_times(const struct mx_options *o, const struct mx_zone *zone, int64_t *as_of,
                         int64_t *from, int64_t *to) {
    const char *why;
    *from = *to = MX_NO_TIME;
    if (o->from_text && (why = parse_when(o->from_text, zone, from))) {
        complain("--from %s: %s; %s", o->from_text, why, WHEN_FORMS);
        return 2;
    }
    if (o->to_text && (why = parse_when(o->to_text, zone, to))) {
        complain("--to %s: %s; %s", o->to_text, why, WHEN_FORMS);
        return 2;
    }
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (o->as_of_text) {
        if ((why = parse_when(o->as_of_text, zone, as_of))) {
            complain("--as-of %s: %s; %s", o->as_of_text, why, WHEN_FORMS);
            return 2;
        }
    } else if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (errno || *end || v < 0 || v > MX_TIMES_MAX_MS / 1000) {
            complain("SOURCE_DATE_EPOCH: expected seconds since 1970 up to the year 9999, got "
                     "\"%s\"",
                     sde);
            return 2;
        }
        *as_of = (int64_t)v * 1000;
    } else {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        *as_of = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    }
    return 0;
}

/* The event sink of a run: the timeline builder, behind --debug-dump-events. */
struct dump {
    struct mx_timelines *tl;
    struct mx_buf line;
};

/* --debug-dump-events: the event's line on stdout, then on to the timeline as usual. */
static void dump_event(void *ctx, const struct mx_event *ev) {
    struct dump *d = ctx;
    d->line.n = 0;
    mx_dump_report_event(&d->line, ev);
    fwrite(d->line.p, 1, d->line.n, stderr); /* stdout is the outputs' */
    mx_timeline_add(d->tl, ev);
}

static void forward(void *ctx, const struct mx_event *ev) {
    mx_timeline_add(((struct dump *)ctx)->tl, ev);
}

/* The cores this process may run on (its affinity mask, so taskset and container limits
 * count), at most 8: parsing does not scale further against the one thread that replays. */
static int available_cores(void) {
    cpu_set_t set;
    int n = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
    return n < 1 ? 1 : n > 8 ? 8 : n;
}

/* --threads, or the available cores when not given. */
static int threads_of(const struct mx_options *o) {
    return o->threads ? o->threads : available_cores();
}

/* timelines.jsonl written ahead, on a thread of its own (docs/design.md#threads): started
 * once the incidents' part of the result is final (mx_result_build_incidents), it is
 * formatted and synced while the aggregates are computed and the other outputs written;
 * write_one publishes it (the rename) in its turn, or says why it failed. */
struct ahead {
    pthread_t thread;
    bool running;
    const struct mx_result *r;
    int threads;
    struct mx_atomic a;
    struct mx_buf b;
    int rc;
    char err[600];
};

/* What a writer gets: the result and, for one-incident outputs, the incident. */
struct job {
    const struct mx_options *o;
    const struct mx_result *r;
    size_t incident;
    const struct mx_charts *charts;      /* report: drawn charts, or NULL */
    const struct mx_gate_outcome *gates; /* the --fail-on gates' outcomes (o->n_fail_on) */
    struct ahead *ahead;                 /* timelines.jsonl being written ahead, or NULL */
};

/* Adapters from a job to each writer's arguments, for OUTPUTS. */
static void w_report_md(struct mx_buf *b, const struct job *j) {
    mx_md_report_write(b, j->r, j->charts);
}
static void w_report_html(struct mx_buf *b, const struct job *j) {
    mx_html_report_write(b, j->r, j->charts);
}
static void w_report_csv(struct mx_buf *b, const struct job *j) {
    mx_csv_report_write(b, j->r);
}
static void w_report_json(struct mx_buf *b, const struct job *j) {
    mx_json_report_write(b, j->r);
}
static void w_report_timelines(struct mx_buf *b, const struct job *j) {
    mx_json_report_timelines(b, j->r, threads_of(j->o));
}
static void w_report_summary(struct mx_buf *b, const struct job *j) {
    mx_md_report_summary(b, j->r, j->gates, (size_t)j->o->n_fail_on);
}
static void w_audit_md(struct mx_buf *b, const struct job *j) {
    mx_audit_report_md(b, j->r);
}
static void w_audit_csv(struct mx_buf *b, const struct job *j) {
    mx_audit_report_csv(b, j->r);
}
static void w_audit_json(struct mx_buf *b, const struct job *j) {
    mx_audit_report_json(b, j->r);
}
static void w_timeline_md(struct mx_buf *b, const struct job *j) {
    mx_incident_report_md(b, j->r, j->incident);
}
static void w_timeline_json(struct mx_buf *b, const struct job *j) {
    mx_incident_report_json(b, j->r, j->incident);
}
static void w_handoff_md(struct mx_buf *b, const struct job *j) {
    mx_handoff_report_md(b, j->r);
}

/* The files of each command, in the order they are written; a --format bit selects each. */
static const struct output {
    enum mx_cmd cmd;
    unsigned bit;
    const char *name;
    void (*write)(struct mx_buf *, const struct job *);
} OUTPUTS[] = {
    {MX_CMD_REPORT, MX_FMT_MD, "report.md", w_report_md},
    {MX_CMD_REPORT, MX_FMT_HTML, "report.html", w_report_html},
    {MX_CMD_REPORT, MX_FMT_JSON, "report.json", w_report_json},
    {MX_CMD_REPORT, MX_FMT_TIMELINES, "timelines.jsonl", w_report_timelines},
    {MX_CMD_REPORT, MX_FMT_CSV, "incidents.csv", w_report_csv},
    {MX_CMD_REPORT, MX_FMT_SUMMARY, "summary.md", w_report_summary},
    {MX_CMD_AUDIT, MX_FMT_MD, "audit.md", w_audit_md},
    {MX_CMD_AUDIT, MX_FMT_CSV, "audit.csv", w_audit_csv},
    {MX_CMD_AUDIT, MX_FMT_JSON, "audit.json", w_audit_json},
    {MX_CMD_TIMELINE, MX_FMT_MD, "timeline.md", w_timeline_md},
    {MX_CMD_TIMELINE, MX_FMT_JSON, "timeline.json", w_timeline_json},
    {MX_CMD_HANDOFF, MX_FMT_MD, "handoff.md", w_handoff_md},
};

/* The file an output goes to: its own name, or the one -o FILE gave. */
static const char *file_name(const struct mx_options *o, const struct output *out) {
    return o->out_file ? o->out_file : out->name;
}

/* Waits for the file written ahead; publishes it when publish is set (it is complete),
 * else removes it. Returns 0, or -1 and the message in ah->err. */
static int ahead_finish(struct ahead *ah, bool publish) {
    if (!ah->running) return -1;
    pthread_join(ah->thread, NULL);
    ah->running = false;
    if (ah->rc != 0) return -1;
    if (publish) return mx_atomic_publish(&ah->a, ah->err, sizeof ah->err);
    unlink(ah->a.tmp);
    return -1;
}

/* Writes one output to standard output or atomically into the output directory. */
static int write_one(const struct output *out, const struct job *j) {
    char err[600];
    struct mx_buf b = {0};
    struct mx_atomic a;
    int w;
    if (j->ahead && j->ahead->running && out->bit == MX_FMT_TIMELINES) {
        if (live) {
            char what[4200];
            snprintf(what, sizeof what, "writing %s", file_name(j->o, out));
            mx_progress_phase(live, what);
        }
        w = ahead_finish(j->ahead, true);
        if (w != 0) snprintf(err, sizeof err, "%s", j->ahead->err);
    } else if (strcmp(j->o->out_dir, "-") == 0) {
        if (live) mx_progress_clear(live); /* standard output may be the same terminal */
        b.sink = stdout;
        out->write(&b, j);
        w = mx_buf_drain(&b) != 0 || fflush(stdout) != 0 ? -1 : 0;
        if (w) snprintf(err, sizeof err, "standard output: cannot write: %s", strerror(errno));
        mx_buf_free(&b);
    } else if ((w = mx_atomic_open(&a, j->o->out_dir, file_name(j->o, out), &b, err, sizeof err)) ==
               0) {
        if (live) {
            char what[4200];
            snprintf(what, sizeof what, "writing %s", file_name(j->o, out));
            mx_progress_phase(live, what);
        }
        out->write(&b, j);
        w = mx_atomic_commit(&a, &b, err, sizeof err);
    }
    if (w != 0) {
        complain("%s", err);
        return 1;
    }
    if (strcmp(j->o->out_dir, "-") != 0 && j->o->verbosity > 0)
        complain("wrote %s/%s", j->o->out_dir, file_name(j->o, out));
    return 0;
}

/* Whether the file at path holds sig within its first 4 KiB: a file mttx wrote (its
 * outputs open with a fixed text), not one of the user's that shares the name. */
static bool ours(const char *path, const char *sig) {
    char head[4097];
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    return memmem(head, n, sig, strlen(sig)) != NULL;
}

/* Writing into a report directory again: the known outputs of the command that this run
 * did not write and that mttx wrote before (each recognised by its opening text: a
 * report.html of an earlier run beside a fresh report.json, its charts) go; a file of the
 * user's under one of those names stays, and so does everything else. Not for -o FILE. */
static void remove_stale(const struct mx_options *o, const struct mx_charts *charts) {
    static const struct {
        const char *name, *sig;
    } SIGS[] = {
        {"report.md", "# Incident report"},    {"report.html", "<title>Incident report"},
        {"report.json", "\"mttx-report/"},     {"incidents.csv", "incident,title,service"},
        {"summary.md", "### mttx: incident"},  {"audit.md", "# Incident process audit"},
        {"timelines.jsonl", "{\"incident\":"}, {"audit.csv", "rule,incident,title"},
        {"audit.json", "\"mttx-audit/"},
    };
    char path[4300];
    for (size_t k = 0; k < sizeof OUTPUTS / sizeof OUTPUTS[0]; k++) {
        if (OUTPUTS[k].cmd != o->cmd || (o->formats & OUTPUTS[k].bit)) continue;
        snprintf(path, sizeof path, "%s/%s", o->out_dir, OUTPUTS[k].name);
        for (size_t i = 0; i < sizeof SIGS / sizeof SIGS[0]; i++)
            if (strcmp(SIGS[i].name, OUTPUTS[k].name) == 0 && ours(path, SIGS[i].sig)) unlink(path);
    }
    if (o->cmd != MX_CMD_REPORT) return;
    bool md = (o->formats & MX_FMT_MD) != 0, removed = false;
    for (int k = 0; k < MX_CHARTS; k++) {
        if (md && charts && charts->chart[k].svg) continue; /* written this run */
        snprintf(path, sizeof path, "%s/charts/%s", o->out_dir, mx_charts_file(k));
        if (ours(path, "GNUPLOT") && unlink(path) == 0) removed = true;
    }
    snprintf(path, sizeof path, "%s/charts", o->out_dir);
    if (removed) rmdir(path); /* only when it is empty now: the user's files stay */
}

/* A postmortem draft in DIR; an existing file is never overwritten. */
static int write_draft(const struct job *j) {
    char name[128], path[4200];
    mx_postmortem_report_filename(name, sizeof name, j->r, j->incident);
    if (mx_atomic_mkdirs(j->o->postmortem_dir) != 0) {
        complain("%s: cannot create directory: %s", j->o->postmortem_dir, strerror(errno));
        return 1;
    }
    snprintf(path, sizeof path, "%s/%s", j->o->postmortem_dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        complain("%s: %s", path, errno == EEXIST ? "exists; not overwritten" : strerror(errno));
        return 1;
    }
    struct mx_buf b = {0};
    mx_postmortem_report_md(&b, j->r, j->incident, j->o->names);
    bool ok = write(fd, b.p, b.n) == (ssize_t)b.n;
    ok = close(fd) == 0 && ok;
    mx_buf_free(&b);
    if (!ok) {
        complain("%s: cannot write: %s", path, strerror(errno));
        return 1;
    }
    complain("postmortem draft written to %s", path);
    return 0;
}

/* The chart SVG files beside report.md, in DIR/charts/. */
static int write_chart_files(const struct mx_options *o, const struct mx_charts *c) {
    char dir[4200], err[600];
    int drawn = 0;
    for (int k = 0; k < c->n; k++) drawn += c->chart[k].svg != NULL;
    if (!drawn) return 0; /* no empty charts/ folder when gnuplot drew nothing */
    snprintf(dir, sizeof dir, "%s/charts", o->out_dir);
    if (mx_atomic_mkdirs(dir) != 0) {
        complain("%s: cannot create directory: %s", dir, strerror(errno));
        return 1;
    }
    int rc = 0;
    for (int k = 0; k < c->n; k++) {
        if (!c->chart[k].svg) continue;
        struct mx_buf b = {0};
        struct mx_atomic a;
        if (mx_atomic_open(&a, dir, c->chart[k].file, &b, err, sizeof err) == 0) {
            mx_buf_put(&b, c->chart[k].svg, c->chart[k].svg_len);
            if (mx_atomic_commit(&a, &b, err, sizeof err) == 0) continue;
        }
        complain("%s", err);
        rc = 1;
    }
    return rc;
}

static void *ahead_work(void *arg) {
    struct ahead *ah = arg;
    mx_json_report_timelines(&ah->b, ah->r, ah->threads);
    ah->rc = mx_atomic_sync(&ah->a, &ah->b, ah->err, sizeof ah->err);
    return NULL;
}

/* Starts writing timelines.jsonl ahead when this run writes it into a directory on more
 * than one thread; else (or when its folder or file cannot be made: write_one then says
 * why) it is written in its turn. r's incidents part must be final. */
static void ahead_start(struct ahead *ah, const struct mx_options *o, const struct mx_result *r) {
    memset(ah, 0, sizeof *ah);
    int threads = threads_of(o);
    if (o->cmd != MX_CMD_REPORT || !(o->formats & MX_FMT_TIMELINES) || o->dump_events ||
        threads < 2 || strcmp(o->out_dir, "-") == 0 || mx_atomic_mkdirs(o->out_dir) != 0)
        return;
    const struct output *out = NULL;
    for (size_t k = 0; k < sizeof OUTPUTS / sizeof OUTPUTS[0]; k++)
        if (OUTPUTS[k].cmd == MX_CMD_REPORT && OUTPUTS[k].bit == MX_FMT_TIMELINES)
            out = &OUTPUTS[k];
    if (mx_atomic_open(&ah->a, o->out_dir, file_name(o, out), &ah->b, ah->err, sizeof ah->err))
        return;
    ah->r = r;
    ah->threads = threads;
    ah->running = pthread_create(&ah->thread, NULL, ahead_work, ah) == 0;
    if (!ah->running) { /* written in its turn after all */
        fclose(ah->a.f);
        unlink(ah->a.tmp);
        mx_buf_free(&ah->b);
    }
}

/* Charts are drawn only when a report will show them: HTML inlines them even on standard
 * output, Markdown links files and so needs a directory. Every output is attempted even
 * after one fails; returns 1 if any did. */
static int write_outputs(const struct mx_options *o, const struct mx_result *r,
                         const struct mx_gate_outcome *g, struct ahead *ahead) {
    struct job j = {o, r, 0, NULL, g, ahead};
    struct mx_charts charts;
    bool to_dir = strcmp(o->out_dir, "-") != 0;
    /* the folder first: no chart is drawn (and none leaks) for a report that cannot be
     * written */
    if (to_dir && o->cmd != MX_CMD_TIMELINE && mx_atomic_mkdirs(o->out_dir) != 0) {
        complain("%s: cannot create directory: %s", o->out_dir, strerror(errno));
        return 1;
    }
    /* gnuplot draws while the outputs that show no chart are written */
    bool drawing = o->cmd == MX_CMD_REPORT && (o->formats & (MX_FMT_HTML | MX_FMT_MD)) &&
                   !o->no_charts && (to_dir || (o->formats & MX_FMT_HTML));
    if (drawing) {
        const char *program = getenv("MTTX_GNUPLOT");
        mx_charts_start(&charts, r, program && *program ? program : "gnuplot");
    }
    if (o->cmd == MX_CMD_TIMELINE) {
        j.incident = mx_timeline_find(r->tl, o->incident);
        if (j.incident == MX_TIMELINE_NONE || j.incident == MX_TIMELINE_SEVERAL) {
            size_t near[3];
            size_t k = mx_timeline_suggest(r->tl, o->incident, near, 3);
            char list[600] = "";
            for (size_t i = 0, len = 0; i < k && len < sizeof list - 200; i++) {
                struct mx_str id = mx_timeline_id(r->tl, mx_timeline_get(r->tl, near[i]));
                len += (size_t)snprintf(list + len, sizeof list - len, "%s%.*s", i ? ", " : "",
                                        (int)(id.n < 120 ? id.n : 120), id.p);
            }
            if (j.incident == MX_TIMELINE_SEVERAL)
                complain("incident %s: several incidents have that number (%s); give the id",
                         o->incident, list);
            else
                complain("incident %s not found in the inputs%s%s", o->incident,
                         k ? "; nearest: " : "", list);
            return MX_EXIT_NOT_FOUND;
        }
        if (to_dir && mx_atomic_mkdirs(o->out_dir) != 0) {
            complain("%s: cannot create directory: %s", o->out_dir, strerror(errno));
            return 1;
        }
    }
    int rc = 0;
    const unsigned with_charts = MX_FMT_HTML | MX_FMT_MD;
    for (size_t k = 0; drawing && k < sizeof OUTPUTS / sizeof OUTPUTS[0]; k++)
        if (OUTPUTS[k].cmd == o->cmd && (o->formats & OUTPUTS[k].bit) &&
            !(OUTPUTS[k].bit & with_charts))
            rc |= write_one(&OUTPUTS[k], &j);
    if (drawing) {
        if (live) mx_progress_phase(live, "drawing the charts");
        mx_charts_finish(&charts);
        if (charts.note[0] && r->n_months && o->verbosity >= 0)
            complain("warning: %s", charts.note);
        j.charts = &charts;
    }
    for (size_t k = 0; k < sizeof OUTPUTS / sizeof OUTPUTS[0]; k++)
        if (OUTPUTS[k].cmd == o->cmd && (o->formats & OUTPUTS[k].bit) &&
            (!drawing || (OUTPUTS[k].bit & with_charts)))
            rc |= write_one(&OUTPUTS[k], &j);
    if (o->postmortem_dir) rc |= write_draft(&j);
    if (j.charts && to_dir && (o->formats & MX_FMT_MD)) rc |= write_chart_files(o, j.charts);
    if (to_dir && !o->out_file && !rc && (o->cmd == MX_CMD_REPORT || o->cmd == MX_CMD_AUDIT))
        remove_stale(o, j.charts);
    if (j.charts) mx_charts_free(&charts);
    return rc;
}

/* The SHA-256 of the file at path, as hex into out (65 bytes), and its size; false when
 * it cannot be read (out "" then). */
static bool hash_file(const char *path, char out[65], uint64_t *size) {
    out[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return false;
    }
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    static unsigned char buf[1 << 16];
    uint64_t total = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        sha256_update(&ctx, (size_t)n, buf);
        total += (uint64_t)n;
    }
    close(fd);
    if (n < 0) return false;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof digest, digest);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++) snprintf(out + 2 * i, 3, "%02x", digest[i]);
    *size = total;
    return true;
}

/* What the run examined (struct mx_provenance): the files are hashed after reading, each
 * input of the diagnostics table that is a file on disk (not an archive member, not
 * standard input). */
static void provenance(const struct mx_options *o, const struct mx_diag *d,
                       struct mx_provenance *p) {
    memset(p, 0, sizeof *p);
    p->version = MX_VERSION;
    p->argc = o->argc;
    p->argv = mx_mem_malloc((o->argc ? (size_t)o->argc : 1) * sizeof *p->argv);
    for (int i = 0; i < o->argc; i++) p->argv[i] = o->argv[i];
    if (o->argc) p->argv[0] = "mttx"; /* the program, wherever it was installed */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    p->as_of_source = o->as_of_text ? "option" : sde && *sde ? "SOURCE_DATE_EPOCH" : "clock";
    p->config_path = o->config;
    uint64_t ignored;
    if (o->config) hash_file(o->config, p->config_sha256, &ignored);
    size_t n = d->n_inputs ? d->n_inputs : 1;
    p->size = mx_mem_malloc(n * sizeof *p->size);
    p->sha256 = mx_mem_calloc(n, sizeof *p->sha256);
    for (size_t i = 0; i < d->n_inputs; i++) {
        const char *path = d->inputs[i].path;
        p->size[i] = UINT64_MAX;
        bool from_stdin = false; /* standard input, under its label */
        for (int k = 0; k < o->n_inputs; k++)
            from_stdin |= strcmp(o->inputs[k], "-") == 0 &&
                          strcmp(path, o->label_stdin ? o->label_stdin : "-") == 0;
        /* an archive member ("A!M") is no file on disk: it cannot be opened, size null */
        if (from_stdin) continue;
        const struct mx_digest *dg = &d->inputs[i].digest;
        if (dg->done) {
            for (size_t k = 0; k < sizeof dg->sha256; k++)
                snprintf(p->sha256[i] + 2 * k, 3, "%02x", dg->sha256[k]);
            p->size[i] = dg->size;
        } else if (!hash_file(path, p->sha256[i], &p->size[i])) {
            p->size[i] = UINT64_MAX;
        }
    }
}

/* check -f github: the annotations, the first MX_GITHUB_MAX of them, on stdout. */
struct notes {
    struct mx_buf b;
    uint64_t seen;
    uint64_t errors, warnings; /* annotated so far */
};

static void annotate(void *ctx, const struct mx_pos *pos, const char *kind, const char *msg) {
    struct notes *n = ctx;
    n->seen++;
    uint64_t *k = kind[0] == 'e' ? &n->errors : &n->warnings;
    if (*k >= MX_GITHUB_MAX) return; /* GitHub shows no more of a kind in a step */
    (*k)++;
    mx_github_report_annotation(&n->b, kind, pos->path ? pos->path : "-", pos->line, pos->index,
                                msg);
    mx_buf_drain(&n->b);
}

/* --junit FILE: the gates as JUnit XML, written atomically. */
static int write_junit(const struct mx_options *o, const struct mx_gate_outcome *g) {
    char dir[4200], name[4200], err[600];
    const char *slash = strrchr(o->junit, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - o->junit) : 1, slash ? o->junit : ".");
    if (slash && slash == o->junit) snprintf(dir, sizeof dir, "/");
    snprintf(name, sizeof name, "%s", slash ? slash + 1 : o->junit);
    struct mx_buf b = {0};
    struct mx_atomic a;
    int w = mx_atomic_mkdirs(dir);
    if (w != 0) snprintf(err, sizeof err, "cannot create its directory: %s", strerror(errno));
    if (w == 0) w = mx_atomic_open(&a, dir, name, &b, err, sizeof err);
    if (w == 0) {
        mx_junit_report_write(&b, g, (size_t)o->n_fail_on);
        w = mx_atomic_commit(&a, &b, err, sizeof err);
    }
    if (w != 0) complain("--junit %s: %s", o->junit, err);
    return w;
}

/* Evaluates every --fail-on gate of o on r into out (o->n_fail_on of them), the
 * incidents a failed one counts named (the first ten, in timeline order). */
static void evaluate_gates(const struct mx_options *o, const struct mx_result *r,
                           struct mx_gate_outcome *out) {
    for (int k = 0; k < o->n_fail_on; k++) {
        struct mx_gate g;
        struct mx_gate_outcome *x = &out[k];
        memset(x, 0, sizeof *x);
        x->rule = o->fail_on[k];
        mx_compliance_gate_parse(o->fail_on[k], &g); /* checked in setup */
        x->result = mx_compliance_gate_failed(&g, &r->compliance, x->message, sizeof x->message);
        if (x->result != MX_GATE_FAILED) continue;
        size_t len = 0, named = 0, more = 0;
        for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
            const struct mx_timeline *t = mx_timeline_get(r->tl, i);
            if (!mx_timeline_counted(t) || !mx_compliance_gate_counts(&g, t, &r->comp[i])) continue;
            if (named == 10) {
                more++;
                continue;
            }
            struct mx_str id = mx_timeline_id(r->tl, t);
            int n = id.n < 80 ? (int)id.n : 80;
            len += (size_t)snprintf(x->ids + len, sizeof x->ids - len, "%s%.*s", named ? ", " : "",
                                    n, id.p);
            if (len >= sizeof x->ids) len = sizeof x->ids - 1; /* cut, never past the end */
            named++;
        }
        if (more) snprintf(x->ids + len, sizeof x->ids - len, " and %zu more", more);
    }
}

/* Says each gate's failure: 0 when all pass, 3 when one failed, 2 when one cannot be
 * evaluated on these inputs (the pipeline asks for what its data cannot show). */
static int gates(const struct mx_options *o, const struct mx_gate_outcome *g) {
    int rc = 0;
    for (int k = 0; k < o->n_fail_on; k++) {
        if (g[k].result == MX_GATE_FAILED) {
            complain("gate failed: %s%s%s%s", g[k].message, g[k].ids[0] ? " (" : "", g[k].ids,
                     g[k].ids[0] ? ")" : "");
            if (!rc) rc = 3;
        } else if (g[k].result == MX_GATE_UNMEASURED) {
            complain("gate not evaluated: %s", g[k].message);
            rc = 2;
        }
    }
    return rc;
}

/* "mttx: 409 incidents (3 inputs, 7 rejected) → mttx-report/report.md, report.html,
 * report.json": what a successful report or audit did. */
static void done_line(const struct mx_options *o, const struct mx_result *r) {
    struct mx_buf files = {0};
    bool to_dir = strcmp(o->out_dir, "-") != 0;
    for (size_t k = 0; k < sizeof OUTPUTS / sizeof OUTPUTS[0]; k++) {
        if (OUTPUTS[k].cmd != o->cmd || !(o->formats & OUTPUTS[k].bit)) continue;
        if (files.n)
            mx_buf_puts(&files, ", ");
        else if (to_dir)
            mx_buf_printf(&files, "%s/", o->out_dir);
        mx_buf_puts(&files, file_name(o, &OUTPUTS[k]));
    }
    mx_buf_putc(&files, '\0');
    char rejected[64] = "";
    if (r->total_rejected)
        snprintf(rejected, sizeof rejected, ", %llu rejected",
                 (unsigned long long)r->total_rejected);
    complain("%llu incident%s (%llu input%s%s) → %s", (unsigned long long)r->incidents,
             mx_fmt_s(r->incidents), (unsigned long long)r->n_inputs, mx_fmt_s(r->n_inputs),
             rejected, to_dir ? files.p : "standard output");
    mx_buf_free(&files);
}

/* --strict's outcome, one line whatever -q says: what made it fail. */
static void strict_summary(const struct mx_result *r) {
    uint64_t with = 0; /* inputs with a rejected record */
    for (size_t i = 0; i < r->n_inputs; i++) with += r->inputs[i].stat->rejected > 0;
    char skipped[80] = "";
    if (r->skipped_files)
        snprintf(skipped, sizeof skipped, "%s%llu input%s skipped as unrecognised",
                 r->total_rejected ? ", " : "", (unsigned long long)r->skipped_files,
                 mx_fmt_s(r->skipped_files));
    if (r->total_rejected)
        complain("--strict: %llu record%s rejected in %llu input%s%s",
                 (unsigned long long)r->total_rejected, mx_fmt_s(r->total_rejected),
                 (unsigned long long)with, mx_fmt_s(with), skipped);
    else
        complain("--strict: %s", skipped);
}

/* A limit hit is its own outcome (docs/security.md#limits): the rule was taken as not matching, and
 * the user is told on which incident. */
static void warn_rule_limits(const struct mx_result *r) {
    for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(r->tl, i);
        if (!t->in_window || t->merged || !(t->rule_flags & MX_RULE_LIMIT)) continue;
        char id[200];
        struct mx_str s = mx_timeline_id(r->tl, t);
        mx_diag_excerpt(id, sizeof id, s.p, s.n);
        complain("warning: a rule's pattern hit the PCRE2 match limits on %llu incident%s (the "
                 "first: %s); taken as no match",
                 (unsigned long long)r->rule_limit_hits, r->rule_limit_hits == 1 ? "" : "s", id);
        return;
    }
}

/* Whether the command's outputs record what they examined (report, audit, check -f json):
 * only then are the inputs hashed. */
static bool wants_provenance(const struct mx_options *o) {
    return o->cmd == MX_CMD_REPORT || o->cmd == MX_CMD_AUDIT ||
           (o->cmd == MX_CMD_CHECK && (o->formats & MX_FMT_JSON));
}

/* Reads every input into the timeline builder, with diagnostics into diag. */
static void read_inputs(const struct mx_options *o, const struct mx_config *cfg,
                        const struct mx_zone *zone, struct mx_diag *diag, struct mx_timelines *tl,
                        struct mx_progress *prog) {
    struct dump dump = {tl, {0}};
    struct mx_reader rd;
    struct mx_read_opts ropts = cfg->read;
    ropts.zone = zone;
    ropts.sevmap = &cfg->sevmap;
    ropts.incidentio = &cfg->incidentio;
    ropts.stdin_label = o->label_stdin;
    ropts.csv_encoding = o->input_encoding        ? o->input_encoding
                         : cfg->input_encoding[0] ? cfg->input_encoding
                                                  : NULL;
    ropts.formats = cfg->formats;
    ropts.n_formats = cfg->n_formats;
    ropts.forced = o->input_format ? mx_config_format(cfg, o->input_format) : NULL;
    ropts.threads = threads_of(o);
    ropts.hash = wants_provenance(o);
    mx_input_init(&rd, diag, &ropts, o->dump_events ? dump_event : forward, &dump);
    if (prog->f) {
        rd.progress = mx_progress_reading;
        rd.progress_ctx = prog;
        prog->rd = &rd;
        diag->clear_line = true;
    }
    for (int i = 0; i < o->n_inputs; i++) {
        if (o->verbosity > 0) complain("reading %s", o->inputs[i]);
        mx_input_read_path(&rd, o->inputs[i]);
    }
    prog->rd = NULL;
    mx_input_free(&rd);
    mx_buf_free(&dump.line);
}

/* The configuration, the zones and the encoding: everything that can be a usage
 * error (exit 2) before any input is read. */
static int setup(const struct mx_options *o, struct mx_config *cfg, struct mx_zone **zone,
                 struct mx_zone **input_zone) {
    char err[600];
    const char *why;
    mx_config_default(cfg);
    *zone = *input_zone = NULL;
    if (o->config && mx_config_load(cfg, o->config, err, sizeof err) != 0) {
        complain("%s", err);
        return 2;
    }
    if (o->input_format && !mx_config_format(cfg, o->input_format)) {
        complain("--input-format %s: no [format %s] section in the --config file", o->input_format,
                 o->input_format);
        return 2;
    }
    if ((why = mx_tz_open(o->tz, zone))) {
        complain("--tz %s: %s", o->tz, why);
        return 2;
    }
    if (cfg->input_timezone[0] && (why = mx_tz_open(cfg->input_timezone, input_zone))) {
        complain("[input] timezone %s: %s", cfg->input_timezone, why);
        return 2;
    }
    for (int k = 0; k < o->n_fail_on; k++) {
        struct mx_gate g;
        if ((why = mx_compliance_gate_parse(o->fail_on[k], &g))) {
            complain("--fail-on %s: %s", o->fail_on[k], why);
            return 2;
        }
        if (g.kind == MX_GATE_CHANNEL_CONVENTION && !cfg->rules.channel.re) {
            complain("--fail-on %s: no naming convention to check: give one in a [checks] "
                     "section of the --config file (channel = PATTERN)",
                     o->fail_on[k]);
            return 2;
        }
    }
    const char *enc = o->input_encoding ? o->input_encoding : cfg->input_encoding;
    if (enc && enc[0]) {
        iconv_t cd = iconv_open("UTF-8", enc);
        if (cd == (iconv_t)-1) {
            complain("input encoding %s: not known to iconv (see iconv -l)", enc);
            return 2;
        }
        iconv_close(cd);
    }
    return 0;
}

/* --anonymize: pseudonyms in the timelines' strings, in the kept rejection messages (they
 * quote the input) and in the [oncall] timezone.NAME keys, which name people as the data
 * does. The zones' names live in *zones (the caller frees each name and the array).
 * Returns how many people were given pseudonyms. */
static size_t anonymize(struct mx_timelines *tl, struct mx_diag *diag, struct mx_policy *policy,
                        struct mx_person_zone **zones) {
    struct mx_anonymize a;
    mx_anonymize_init(&a, tl);
    size_t people = mx_anonymize_people(&a);
    mx_anonymize_timelines(&a, tl);
    char *buf = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < diag->n_samples; i++) { /* the position is evidence: as it is */
        struct mx_diag_sample *s = &diag->samples[i];
        size_t len = strlen(s->text),
               n = mx_anonymize_message(&a, s->text + s->msg, len - s->msg, &buf, &cap);
        if (n == len - s->msg && memcmp(buf, s->text + s->msg, n) == 0) continue;
        char *t = mx_arena_alloc(&diag->arena, s->msg + n + 1);
        memcpy(t, s->text, s->msg);
        memcpy(t + s->msg, buf, n + 1);
        s->text = t;
    }
    free(buf);
    size_t nz = policy->n_person_zones;
    *zones = mx_mem_calloc(nz ? nz : 1, sizeof **zones);
    for (size_t i = 0; i < nz; i++) {
        const struct mx_person_zone *z = &policy->person_zones[i];
        char pseudo[32];
        bool known = mx_anonymize_pseudonym(&a, z->name, strlen(z->name), pseudo, sizeof pseudo);
        (*zones)[i].name = strdup(known ? pseudo : z->name);
        if (!(*zones)[i].name) mx_mem_oom(strlen(z->name) + 1);
        (*zones)[i].zone = z->zone;
    }
    policy->person_zones = *zones;
    mx_anonymize_free(&a);
    return people;
}

/* With --debug-dump-events the event lines are the whole output: no table or report is
 * written, but the gates and the exit status are worked out as usual. */
int mx_run(const struct mx_options *o) {
    struct mx_config cfg;
    struct mx_zone *zone, *input_zone;
    int64_t as_of, from, to;
    int rc = setup(o, &cfg, &zone, &input_zone);
    if (rc == 0) rc = resolve_times(o, zone, &as_of, &from, &to);
    if (rc) {
        mx_config_free(&cfg);
        mx_tz_free(zone);
        mx_tz_free(input_zone);
        return rc;
    }
    struct mx_diag diag;
    mx_diag_init(&diag, o->verbosity < 0 ? NULL : stderr);
    diag.fail_out = stderr; /* -q never hides why the run fails */
    struct notes notes = {{.sink = stdout}, 0, 0, 0};
    if (o->cmd == MX_CMD_CHECK && (o->formats & MX_FMT_GITHUB) && !o->dump_events) {
        diag.annotate = annotate;
        diag.annotate_ctx = &notes;
    }
    struct mx_timelines *tl = mx_timeline_new();
    if (o->cmd == MX_CMD_TIMELINE) mx_timeline_keep_text(tl);
    mx_timeline_set_as_of(tl, as_of);
    /* no progress line among --debug-dump-events's lines */
    struct mx_progress prog;
    mx_progress_start(&prog, o->verbosity >= 0 && !o->dump_events ? stderr : NULL, o->inputs,
                      o->n_inputs);
    live = &prog;
    read_inputs(o, &cfg, input_zone ? input_zone : zone, &diag, tl, &prog);
    mx_progress_phase(&prog, "building the timelines");

    uint64_t *dups = mx_mem_calloc(diag.n_inputs ? diag.n_inputs : 1, sizeof *dups);
    mx_timeline_finish(tl, zone, from, to, dups, diag.n_inputs);
    struct mx_result res;
    struct ahead ahead = {0};
    cfg.rules.service_globs = o->service_globs;
    cfg.rules.n_service_globs = (size_t)o->n_service_globs;
    cfg.rules.team_globs = o->team_globs;
    cfg.rules.n_team_globs = (size_t)o->n_team_globs;
    mx_rules_apply(tl, &cfg.rules, &cfg.sevmap);
    struct mx_person_zone *pseudo_zones = NULL;
    /* the report's recurring titles; before --anonymize, so that titles naming different
     * people stay different titles */
    if (o->cmd == MX_CMD_REPORT) mx_timeline_normalize_titles(tl);
    size_t people = o->anonymize ? anonymize(tl, &diag, &cfg.policy, &pseudo_zones) : 0;
    if (o->cmd == MX_CMD_CHECK) /* the check shows counts, no metric */
        mx_result_counts(&res, tl, &diag, zone, &cfg.policy, &cfg.rules, dups, as_of, from, to);
    else {
        mx_result_build_incidents(&res, tl, &diag, zone, &cfg.policy, &cfg.rules, dups, as_of, from,
                                  to);
        ahead_start(&ahead, o, &res);
        mx_result_build_aggregates(&res);
    }
    if (o->cmd == MX_CMD_REPORT) mx_result_retro(&res); /* only the report shows them */
    res.anonymize = o->anonymize;
    res.names = o->names;
    /* beside the reports only: with -o FILE or -o - no other report is written with it */
    if ((o->formats & MX_FMT_TIMELINES) && !o->out_file && strcmp(o->out_dir, "-") != 0)
        res.timelines_file = "timelines.jsonl";
    res.anonymized = people;
    /* only the outputs that record what they examined (report, audit, check -f json)
     * hash the inputs: while reading them, else (an archive, a skipped file) here */
    struct mx_provenance prov = {0};
    if (wants_provenance(o)) {
        mx_progress_phase(&prog, "hashing the inputs");
        provenance(o, &diag, &prov);
        res.prov = &prov;
    }
    if (res.rule_limit_hits && o->verbosity >= 0) warn_rule_limits(&res);
    /* said even with -q: a wrong SOURCE_DATE_EPOCH would otherwise pass every gate */
    if (res.total.after_as_of && !mx_timeline_count(tl)) {
        struct mx_buf when = {0};
        mx_fmt_utc(&when, as_of);
        complain("warning: --as-of %s precedes every event (%llu left out): nothing had happened "
                 "yet at that instant",
                 when.p, (unsigned long long)res.total.after_as_of);
        mx_buf_free(&when);
    }
    if (res.urgency_hint && o->verbosity >= 0)
        complain("warning: every incident is unassigned: the inputs give urgencies (%llu "
                 "record%s) but no priority; map them in the --config file: a [severity] section "
                 "with urgency.high = SEV2 and urgency.low = SEV4",
                 (unsigned long long)res.urgencies_unmapped,
                 res.urgencies_unmapped == 1 ? "" : "s");
    int out_rc = 0;
    struct mx_gate_outcome *outcomes =
        mx_mem_calloc(o->n_fail_on ? (size_t)o->n_fail_on : 1, sizeof *outcomes);
    if (o->cmd != MX_CMD_CHECK) evaluate_gates(o, &res, outcomes);
    for (int k = 0; !res.total.accepted && k < o->n_fail_on; k++) { /* nothing to judge */
        outcomes[k].result = MX_GATE_UNMEASURED;
        snprintf(outcomes[k].message, sizeof outcomes[k].message,
                 "%s: not evaluated: the inputs hold no accepted record", outcomes[k].rule);
        outcomes[k].ids[0] = '\0';
    }
    mx_progress_clear(&prog); /* before the table: standard output may be the terminal */
    if (o->cmd == MX_CMD_CHECK) {
        if (!o->dump_events) {
            struct mx_buf b = {.sink = stdout};
            if (o->formats & MX_FMT_JSON)
                mx_json_report_check(&b, &res);
            else if (o->formats & MX_FMT_GITHUB)
                mx_github_report_summary(&b, &res, notes.seen, notes.errors + notes.warnings);
            else
                mx_check_report_text(&b, &res, o->verbosity > 0);
            if (mx_buf_drain(&b) != 0) out_rc = 1;
            mx_buf_free(&b);
        }
        if (fflush(stdout) != 0) out_rc = 1;
    } else if (!o->dump_events) {
        out_rc = write_outputs(o, &res, outcomes, &ahead);
        ahead_finish(&ahead, false); /* not published when write_outputs stopped early */
    }
    /* say what was done: one line, unless -q */
    if ((o->cmd == MX_CMD_REPORT || o->cmd == MX_CMD_AUDIT) && !o->dump_events && !out_rc &&
        res.total.accepted && o->verbosity >= 0)
        done_line(o, &res);
    /* no record at all is no success: a broken export step must not pass every gate */
    bool nothing = !res.total.accepted && o->cmd != MX_CMD_TIMELINE && !o->dump_events;
    if (nothing)
        complain("error: the inputs hold no accepted record (%llu input%s, %llu record%s read, "
                 "%llu rejected, %llu skipped as unrecognised): nothing was measured",
                 (unsigned long long)res.n_inputs, mx_fmt_s(res.n_inputs),
                 (unsigned long long)res.total_records, mx_fmt_s(res.total_records),
                 (unsigned long long)res.total_rejected, (unsigned long long)res.skipped_files);
    if (o->strict && (res.total_rejected || res.skipped_files)) strict_summary(&res);
    /* precedence: 2 (handled above), then 1, then 5, then 4, then 3 */
    /* with nothing accepted the error above says it all (exit 1): no gate line */
    int gate = o->cmd != MX_CMD_CHECK && !nothing ? gates(o, outcomes) : 0;
    if (o->junit && o->cmd != MX_CMD_CHECK && write_junit(o, outcomes) != 0 && !out_rc) out_rc = 1;
    free(outcomes);
    mx_progress_clear(&prog);
    live = NULL;
    rc = gate == 2                                                  ? 2
         : out_rc == MX_EXIT_NOT_FOUND && !diag.failures            ? MX_EXIT_NOT_FOUND
         : (out_rc || diag.failures || nothing)                     ? 1
         : (o->strict && (res.total_rejected || res.skipped_files)) ? 4
         : gate == 3                                                ? 3
                                                                    : 0;
    mx_buf_free(&notes.b);
    free(prov.size);
    free(prov.sha256);
    free(prov.argv);
    mx_result_free(&res);
    for (size_t i = 0; pseudo_zones && i < cfg.policy.n_person_zones; i++)
        free(pseudo_zones[i].name);
    free(pseudo_zones);
    free(dups);
    mx_timeline_free(tl);
    mx_diag_free(&diag);
    mx_tz_free(zone);
    mx_tz_free(input_zone);
    mx_config_free(&cfg);
    return rc;
}
