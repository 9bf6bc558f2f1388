/*
 * charts.c - gnuplot charts (see charts.h). One script draws every chart in one run.
 */
#define _GNU_SOURCE /* posix_spawn_file_actions_addchdir_np */
#include "reports/charts.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "reports/fmt.h"
#include "reports/xml_check.h"
#include "parsers/mem.h"

static const char *const SEV_COLORS[5] = {"#8c8c8c", "#b2182b", "#ef8a62", "#4393c3", "#92c5de"};

static const enum mx_severity SEVS[5] = {MX_SEV_1, MX_SEV_2, MX_SEV_3, MX_SEV_4, MX_SEV_NONE};
#define TIMEOUT_MS 30000
#define MAX_SVG    ((size_t)8 << 20)

/* Writes b to dir/name; -1 when the file cannot be opened, written or closed. */
static int save(const char *dir, const char *name, const struct mx_buf *b) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    bool ok = (b->n == 0 || fwrite(b->p, 1, b->n, f) == b->n);
    ok = (fclose(f) == 0) && ok;
    return ok ? 0 : -1;
}

/* A data cell: the median in minutes, at least a second (log axes cannot show 0), or "?",
 * gnuplot's missing value, when there is no data. */
static void minutes(struct mx_buf *b, const struct mx_stat *s) {
    if (s->n == 0) {
        mx_buf_puts(b, "\t?");
        return;
    }
    int64_t ms = s->p50 < 1000 ? 1000 : s->p50; /* log axes: at least a second */
    mx_buf_printf(b, "\t%.3f", (double)ms / 60000.0);
}

/* The settings every chart starts from: SVG terminal, tab-separated data with "?" missing,
 * the output file and the title (our own constant text, never input). */
static void header(struct mx_buf *sc, const char *out, const char *title) {
    mx_buf_printf(sc,
                  "reset\nset terminal svg size 760,340 dynamic noenhanced "
                  "font \"DejaVu Sans,11\" background rgb \"#ffffff\"\n"
                  "set datafile separator \"\\t\"\nset datafile missing \"?\"\n"
                  "set output \"%s\"\nset title \"%s\"\nset key outside right top\n"
                  "set grid ytics lc rgb \"#dddddd\"\nset border 3\nset tics nomirror\n",
                  out, title);
}

/* (a) incidents per month stacked by severity. */
static void by_month(struct mx_buf *sc, struct mx_buf *d, const struct mx_result *r) {
    mx_buf_puts(d, "month\tSEV1\tSEV2\tSEV3\tSEV4\tunassigned\n");
    for (size_t m = 0; m < r->n_months; m++) {
        mx_fmt_month(d, r->months[m].key);
        for (int k = 0; k < 5; k++)
            mx_buf_printf(d, "\t%llu", (unsigned long long)r->months[m].sev[SEVS[k]].incidents);
        mx_buf_putc(d, '\n');
    }
    header(sc, "c0.svg", "Incidents per month, by severity");
    mx_buf_puts(sc, "set style data histograms\nset style histogram rowstacked\n"
                    "set style fill solid 0.9 border rgb \"#ffffff\"\nset boxwidth 0.75\n"
                    "set ylabel \"incidents\"\nset xlabel \"month of detection\"\n"
                    "set xtics rotate by -45\nset yrange [0:*]\nplot ");
    for (int k = 0; k < 5; k++)
        mx_buf_printf(sc, "%s\"c0.dat\" using %d%s title columnheader(%d) lc rgb \"%s\"",
                      k ? ", " : "", k + 2, k ? "" : ":xtic(1)", k + 2, SEV_COLORS[SEVS[k]]);
    mx_buf_puts(sc, "\n");
}

/* (b) median per month per severity of one metric, log scale, with every incident's p90
 * dotted and the SEV1 target dashed; chart idx reads cIDX.dat. */
static void median_by_month(struct mx_buf *sc, struct mx_buf *d, const struct mx_result *r,
                            enum mx_metric metric, int idx, const char *title, double target) {
    mx_buf_puts(d, "month\tSEV1\tSEV2\tSEV3\tSEV4\tall (p90)\n");
    for (size_t m = 0; m < r->n_months; m++) {
        mx_fmt_month(d, r->months[m].key);
        for (int k = 0; k < 4; k++) minutes(d, &r->months[m].sev[SEVS[k]].m[metric]);
        const struct mx_stat *all = &r->months[m].all.m[metric];
        if (all->n)
            mx_buf_printf(d, "\t%.3f", (double)(all->p90 < 1000 ? 1000 : all->p90) / 60000.0);
        else
            mx_buf_puts(d, "\t?");
        mx_buf_putc(d, '\n');
    }
    char out[16], dat[16];
    snprintf(out, sizeof out, "c%d.svg", idx);
    snprintf(dat, sizeof dat, "c%d.dat", idx);
    header(sc, out, title);
    mx_buf_puts(sc, "set logscale y\nset ylabel \"minutes (log scale)\"\n"
                    "set xlabel \"month of detection (gaps: no data)\"\nset xtics rotate by -45\n"
                    "plot ");
    for (int k = 0; k < 4; k++)
        mx_buf_printf(sc,
                      "%s\"%s\" using 0:%d%s title columnheader(%d) "
                      "with linespoints lc rgb \"%s\" lw 2 pt 7 ps 0.6",
                      k ? ", " : "", dat, k + 2, k ? "" : ":xtic(1)", k + 2, SEV_COLORS[SEVS[k]]);
    mx_buf_printf(sc,
                  ", \"%s\" using 0:6 title columnheader(6) with lines lc rgb \"#555555\" "
                  "dt 3 lw 1.5, %.3f title \"SEV1 target\" with lines lc rgb \"#b2182b\" "
                  "dt 2\n",
                  dat, target);
}

/* (c) MTTR distribution per severity: the share resolved within a time, one data block per
 * severity that has resolved incidents; false (no chart) when none has. */
static bool distribution(struct mx_buf *sc, struct mx_buf *d, const struct mx_result *r) {
    int blocks = 0;
    int used[5];
    for (int k = 0; k < 5; k++) {
        size_t n = 0;
        for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
            const struct mx_timeline *t = mx_timeline_get(r->tl, i);
            n += mx_timeline_counted(t) && t->severity == SEVS[k] && t->resolved_at != MX_NO_TIME &&
                 t->resolved_at >= t->detected_at;
        }
        if (!n) continue;
        int64_t *v = mx_mem_malloc(n * sizeof *v);
        size_t j = 0;
        for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
            const struct mx_timeline *t = mx_timeline_get(r->tl, i);
            if (mx_timeline_counted(t) && t->severity == SEVS[k] && t->resolved_at != MX_NO_TIME &&
                t->resolved_at >= t->detected_at)
                v[j++] = t->resolved_at - t->detected_at;
        }
        struct mx_stat s;
        mx_stats_compute(v, n, &s); /* sorts v */
        if (blocks) mx_buf_puts(d, "\n\n");
        mx_buf_printf(d, "minutes\t%s\n", mx_event_severity_name(SEVS[k]));
        for (size_t i = 0; i < n; i++)
            mx_buf_printf(d, "%.3f\t%.4f\n", (double)(v[i] < 1000 ? 1000 : v[i]) / 60000.0,
                          (double)(i + 1) / (double)n);
        free(v);
        used[blocks++] = k;
    }
    if (!blocks) return false;
    /* open incidents have no time to resolve yet: the title says how many are left out */
    char title[160];
    snprintf(title, sizeof title,
             "Time to resolve: the share of incidents resolved within a time (%llu still open, "
             "not shown)",
             (unsigned long long)r->open);
    header(sc, "c3.svg", title);
    mx_buf_puts(sc,
                "set logscale x\nset xlabel \"minutes from detection to resolution (log scale)\"\n"
                "set ylabel \"share of resolved incidents\"\nset yrange [0:1]\nplot ");
    for (int b = 0; b < blocks; b++)
        mx_buf_printf(sc,
                      "%s\"c3.dat\" index %d using 1:2 title columnheader(2) with steps "
                      "lc rgb \"%s\" lw 2",
                      b ? ", " : "", b, SEV_COLORS[SEVS[used[b]]]);
    mx_buf_puts(sc, "\n");
    return true;
}

/* (d) detections by weekday and hour in the report's zone. */
static void heatmap(struct mx_buf *sc, struct mx_buf *d, const struct mx_result *r) {
    uint64_t grid[7][24] = {{0}};
    for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(r->tl, i);
        if (!mx_timeline_counted(t)) continue;
        struct mx_tm tm;
        mx_tz_local(r->zone, t->detected_at, &tm);
        grid[(tm.wday + 6) % 7][tm.hour]++; /* Monday first */
    }
    for (int w = 0; w < 7; w++) {
        for (int h = 0; h < 24; h++)
            mx_buf_printf(d, "%s%llu", h ? "\t" : "", (unsigned long long)grid[w][h]);
        mx_buf_putc(d, '\n');
    }
    header(sc, "c4.svg", "When we get paged: detections by weekday and hour");
    mx_buf_printf(
        sc,
        "unset grid\nset view map\nset xlabel \"hour of day (%s)\"\n"
        "set xrange [-0.5:23.5]\nset yrange [6.5:-0.5]\nset xtics 0,2,23\n"
        "set ytics (\"Mon\" 0, \"Tue\" 1, \"Wed\" 2, \"Thu\" 3, \"Fri\" 4, \"Sat\" 5, "
        "\"Sun\" 6)\nset cblabel \"detections\"\n"
        "set palette defined (0 \"#ffffff\", 1 \"#fddbc7\", 2 \"#ef8a62\", 3 \"#b2182b\")\n"
        "set cbrange [0:*]\nplot \"c4.dat\" matrix using 1:2:(0.5):(0.5):3 with boxxyerror fs "
        "solid 1.0 noborder fc palette notitle\n",
        "report zone");
}

/* (e) postmortems on time per month, where any were due; false (no chart) when none was. */
static bool postmortems(struct mx_buf *sc, struct mx_buf *d, const struct mx_result *r) {
    bool any = false;
    mx_buf_puts(d, "month\ton time (%)\n");
    for (size_t m = 0; m < r->n_months; m++) {
        double v = mx_compliance_pm_pct(&r->cells[m * 6 + 5]);
        mx_fmt_month(d, r->months[m].key);
        if (v < 0) {
            mx_buf_puts(d, "\t?\n");
        } else {
            mx_buf_printf(d, "\t%.1f\n", v);
            any = true;
        }
    }
    if (!any) return false;
    header(sc, "c5.svg", "Postmortems published by their deadline, per month");
    mx_buf_puts(sc, "set style data histograms\nset style fill solid 0.9 border rgb \"#ffffff\"\n"
                    "set boxwidth 0.75\nset yrange [0:100]\nset ylabel \"% of postmortems due\"\n"
                    "set xlabel \"month of detection (gaps: none due)\"\nset xtics rotate by -45\n"
                    "set key off\nplot \"c5.dat\" using 2:xtic(1) lc rgb \"#4393c3\"\n");
    return true;
}

static bool same_name(struct mx_str a, struct mx_str b) {
    return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

static const char *const SERIES_COLORS[5] = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"};

/* (g) incidents per month of the five services with most incidents, labelled S1..S5 (the
 * key names them); false (no chart) without services. */
static bool top_services(struct mx_buf *sc, struct mx_buf *d, const struct mx_result *r,
                         struct mx_chart *c) {
    size_t top = r->n_services < 5 ? r->n_services : 5, nm = r->n_months;
    if (!top) return false;
    uint64_t *count = mx_mem_calloc(nm * top, sizeof *count);
    for (size_t i = 0; i < mx_timeline_count(r->tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(r->tl, i);
        if (!mx_timeline_counted(t)) continue;
        size_t m = mx_result_month(r, t->month);
        for (size_t k = 0; k < top; k++)
            if (same_name(mx_breakdown_group_name(r->tl, t, false), r->services[k].name))
                count[m * top + k]++;
    }
    mx_buf_puts(d, "month");
    for (size_t k = 0; k < top; k++) mx_buf_printf(d, "\tS%zu", k + 1);
    mx_buf_putc(d, '\n');
    for (size_t m = 0; m < nm; m++) {
        mx_fmt_month(d, r->months[m].key);
        for (size_t k = 0; k < top; k++)
            mx_buf_printf(d, "\t%llu", (unsigned long long)count[m * top + k]);
        mx_buf_putc(d, '\n');
    }
    free(count);
    c->key_prefix = "S";
    for (size_t k = 0; k < top; k++) c->keys[k] = r->services[k].name;
    c->n_keys = top;
    header(sc, "c6.svg", "Incidents per month of the five services with most incidents");
    mx_buf_puts(sc, "set ylabel \"incidents\"\nset xlabel \"month of detection\"\n"
                    "set xtics rotate by -45\nset yrange [0:*]\nplot ");
    for (size_t k = 0; k < top; k++)
        mx_buf_printf(sc,
                      "%s\"c6.dat\" using 0:%zu%s title columnheader(%zu) with linespoints "
                      "lc rgb \"%s\" lw 2 pt 7 ps 0.6",
                      k ? ", " : "", k + 2, k ? "" : ":xtic(1)", k + 2, SERIES_COLORS[k]);
    mx_buf_puts(sc, "\n");
    return true;
}

/* (h) interruptions (or, without pages, acknowledgements) per person stacked by band, the
 * MX_CHART_KEYS people with most, labelled P1... (the key names them); false (no chart)
 * when nobody has any. */
static bool interruptions(struct mx_buf *sc, struct mx_buf *d, const struct mx_result *r,
                          struct mx_chart *c) {
    const struct mx_oncall *o = &r->oncall;
    size_t n = 0;
    while (n < o->n_people && n < MX_CHART_KEYS && mx_oncall_total(&o->people[n]) > 0) n++;
    if (!n) return false;
    mx_buf_puts(d, "person\tbusiness hours\toff hours\tsleep hours\n");
    for (size_t i = 0; i < n; i++) {
        const struct mx_oncall_person *x = &o->people[i];
        mx_buf_printf(d, "P%zu\t%llu\t%llu\t%llu\n", i + 1,
                      (unsigned long long)x->interruptions[MX_BAND_BUSINESS],
                      (unsigned long long)x->interruptions[MX_BAND_OFF_HOURS],
                      (unsigned long long)x->interruptions[MX_BAND_SLEEP]);
        c->keys[i] = mx_timeline_string(r->tl, x->name);
    }
    c->key_prefix = "P";
    c->n_keys = n;
    if (!o->from_pages) {
        c->title = "Acknowledgements per person, by band of the day (no pages)";
        c->alt = "Stacked bars: each person's acknowledgements in business, off and sleep hours "
                 "(the data holds no page).";
    }
    header(sc, "c7.svg", c->title);
    mx_buf_printf(sc,
                  "set style data histograms\nset style histogram rowstacked\n"
                  "set style fill solid 0.9 border rgb \"#ffffff\"\nset boxwidth 0.75\n"
                  "set ylabel \"%s\"\nset xlabel \"person (most first)\"\nset yrange [0:*]\n"
                  "plot \"c7.dat\" using 2:xtic(1) title columnheader(2) lc rgb \"#4393c3\", "
                  "\"\" using 3 title columnheader(3) lc rgb \"#ef8a62\", "
                  "\"\" using 4 title columnheader(4) lc rgb \"#b2182b\"\n",
                  o->from_pages ? "interruptions" : "acknowledgements");
    return true;
}

/* (i) the monthly median time to resolve per severity with the median's 95% interval as
 * error bars (a point alone where n is too small for an interval), log scale; the
 * severities side by side within a month. */
static bool mttr_intervals(struct mx_buf *sc, struct mx_buf *d, const struct mx_result *r) {
    /* gnuplot fails the whole script on a plot with no point: none, no chart */
    bool any = false;
    for (size_t m = 0; m < r->n_months && !any; m++)
        for (int k = 0; k < 4; k++) any |= r->months[m].sev[SEVS[k]].m[MX_M_MTTR].n > 0;
    if (!any) return false;
    mx_buf_puts(d, "month");
    for (int k = 0; k < 4; k++)
        mx_buf_printf(d, "\t%s\tlow\thigh", mx_event_severity_name(SEVS[k]));
    mx_buf_putc(d, '\n');
    for (size_t m = 0; m < r->n_months; m++) {
        mx_fmt_month(d, r->months[m].key);
        for (int k = 0; k < 4; k++) {
            const struct mx_stat *st = &r->months[m].sev[SEVS[k]].m[MX_M_MTTR];
            if (!st->n) {
                mx_buf_puts(d, "\t?\t?\t?");
                continue;
            }
            int64_t v[3] = {st->p50, st->has_ci ? st->ci_lo : st->p50,
                            st->has_ci ? st->ci_hi : st->p50};
            for (int j = 0; j < 3; j++)
                mx_buf_printf(d, "\t%.3f", (double)(v[j] < 1000 ? 1000 : v[j]) / 60000.0);
        }
        mx_buf_putc(d, '\n');
    }
    header(sc, "c8.svg", "Median time to resolve per month with its 95% interval");
    mx_buf_printf(sc,
                  "set logscale y\nset ylabel \"minutes (log scale)\"\n"
                  "set xlabel \"month of detection (bars: the median's 95%% interval, where "
                  "there are 6 or more)\"\nset xtics rotate by -45\nset xrange [-0.5:%zu.5]\n"
                  "plot ",
                  r->n_months - 1);
    for (int k = 0; k < 4; k++)
        mx_buf_printf(sc,
                      "%s\"c8.dat\" using ($0%+.2f):%d:%d:%d%s title columnheader(%d) "
                      "with yerrorbars lc rgb \"%s\" lw 1.5 pt 7 ps 0.6",
                      k ? ", " : "", (k - 1.5) * 0.15, 3 * k + 2, 3 * k + 3, 3 * k + 4,
                      k ? "" : ":xtic(1)", 3 * k + 2, SEV_COLORS[SEVS[k]]);
    mx_buf_puts(sc, "\n");
    return true;
}

/* The last non-empty line of a log's first 4 KiB, other bytes than printable ASCII as '?',
 * into line[0..cap) (cap >= 16); returns line. */
static const char *last_line(const char *path, char *line, size_t cap) {
    char buf[4096];
    snprintf(line, cap, "no message");
    FILE *f = fopen(path, "rb");
    if (!f) return line;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ')) n--;
    size_t start = n;
    while (start && buf[start - 1] != '\n') start--;
    size_t k = 0;
    for (size_t i = start; i < n && k + 1 < cap; i++)
        line[k++] = (buf[i] >= 0x20 && buf[i] < 0x7f) ? buf[i] : '?';
    line[k] = '\0';
    if (!k) snprintf(line, cap, "no message");
    return line;
}

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Starts program on charts.gp with dir as working directory and HOME; false with a note
 * when it cannot be started. */
static bool spawn(const char *program, const char *dir, pid_t *pid, char *note, size_t len) {
    char script[512], log[512];
    snprintf(script, sizeof script, "charts.gp");
    snprintf(log, sizeof log, "%s/gnuplot.log", dir);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    /* the log is opened before the chdir below: its path is absolute */
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    posix_spawn_file_actions_addchdir_np(&fa, dir); /* data files are named relatively */
    char home[600];
    snprintf(home, sizeof home, "HOME=%s", dir);
    const char *path = getenv("PATH");
    char pathvar[4096];
    snprintf(pathvar, sizeof pathvar, "PATH=%s", path ? path : "/usr/bin:/bin");
    char *envp[] = {"LC_ALL=C", pathvar, home, NULL};
    char *argv[] = {(char *)program, "-d", script, NULL};
    int rc = posix_spawnp(pid, program, &fa, NULL, argv, envp);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        snprintf(note, len, "gnuplot could not be run (%s): charts are left out", strerror(rc));
        return false;
    }
    return true;
}

/* Waits for the gnuplot started at started_ms, polling every 20 ms and killing it
 * TIMEOUT_MS after its start; false with a note on failure (exit 127: not installed). */
static bool reap(pid_t pid, int64_t started_ms, const char *dir, char *note, size_t len) {
    char log[512];
    snprintf(log, sizeof log, "%s/gnuplot.log", dir);
    int status = 0;
    struct timespec tick = {0, 20 * 1000 * 1000};
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid) break;
        if (w < 0 && errno != EINTR) break;
        if (now_ms() - started_ms >= TIMEOUT_MS) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            snprintf(note, len, "gnuplot took longer than %d s: charts are left out",
                     TIMEOUT_MS / 1000);
            return false;
        }
        nanosleep(&tick, NULL);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            snprintf(note, len,
                     "gnuplot is not installed (apt-get install gnuplot-nox): charts "
                     "are left out");
        else {
            char line[160];
            snprintf(note, len, "gnuplot failed (%s): charts are left out",
                     last_line(log, line, sizeof line));
        }
        return false;
    }
    return true;
}

/* Reads dir/name as an SVG element for inlining: checked, prolog removed. */
static char *load_svg(const char *dir, const char *name, size_t *len, const char **why) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        *why = "not written";
        return NULL;
    }
    char *buf = mx_mem_malloc(MAX_SVG + 1);
    size_t n = fread(buf, 1, MAX_SVG + 1, f);
    fclose(f);
    buf[n <= MAX_SVG ? n : MAX_SVG] = '\0';
    if (n > MAX_SVG || !mx_xml_check(buf, n, why)) {
        if (n > MAX_SVG) *why = "larger than 8 MiB";
        free(buf);
        return NULL;
    }
    char *start = strstr(buf, "<svg");
    *len = n - (size_t)(start - buf);
    memmove(buf, start, *len);
    buf[*len] = '\0';
    return buf;
}

static const struct {
    const char *file, *title, *alt;
} CHART_DEFS[MX_CHARTS] = {
    {"incidents-by-month.svg", "Incidents per month, by severity",
     "Stacked bars: incidents detected each month, split by severity."},
    {"mtta-by-month.svg", "Median time to acknowledge per month (SEV1 target 5 min)",
     "Lines: the median minutes from detection to acknowledgement each month, per severity."},
    {"mttr-by-month.svg", "Median time to resolve per month (SEV1 target 1 h)",
     "Lines: the median minutes from detection to resolution each month, per severity."},
    {"mttr-distribution.svg", "How long resolution took, by severity",
     "Steps: the share of resolved incidents resolved within each time, per severity."},
    {"detections-heatmap.svg", "When we get paged: detections by weekday and hour",
     "Heat map: detections per weekday and hour of day."},
    {"postmortem-compliance.svg", "Postmortems on time per month",
     "Bars: the share of postmortems due each month that were published by the deadline."},
    {"top-services-by-month.svg", "Incidents per month of the five services with most",
     "Lines: incidents detected each month in each of the five services with most incidents."},
    {"interruptions-by-person.svg", "Interruptions per person, by band of the day",
     "Stacked bars: each person's pages by phone, SMS or push in business, off and sleep "
     "hours."},
    {"mttr-interval-by-month.svg", "Median time to resolve per month, with its interval",
     "Points with bars: the median minutes to resolve each month per severity and the "
     "median's 95% interval."},
};

const char *mx_charts_file(int k) {
    return k >= 0 && k < MX_CHARTS ? CHART_DEFS[k].file : "";
}

/* Removes every file a run may have made, then dir (MTTX_KEEP_CHART_FILES keeps them). */
static void cleanup(const char *dir) {
    if (getenv("MTTX_KEEP_CHART_FILES")) return; /* for debugging a chart */
    char path[512];
    for (int k = 0; k < MX_CHARTS; k++)
        for (int svg = 0; svg < 2; svg++) {
            snprintf(path, sizeof path, "%s/c%d.%s", dir, k, svg ? "svg" : "dat");
            unlink(path);
        }
    snprintf(path, sizeof path, "%s/charts.gp", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/gnuplot.log", dir);
    unlink(path);
    rmdir(dir);
}

/* Chart k reads cK.dat and writes cK.svg, in CHART_DEFS order; a chart skipped for lack of
 * data adds nothing to the script, so its SVG is never looked for. */
void mx_charts_render(struct mx_charts *c, const struct mx_result *r, const char *program) {
    mx_charts_start(c, r, program);
    mx_charts_finish(c);
}

void mx_charts_start(struct mx_charts *c, const struct mx_result *r, const char *program) {
    memset(c, 0, sizeof *c);
    c->n = MX_CHARTS;
    for (int k = 0; k < MX_CHARTS; k++) {
        c->chart[k].file = CHART_DEFS[k].file;
        c->chart[k].title = CHART_DEFS[k].title;
        c->chart[k].alt = CHART_DEFS[k].alt;
    }
    if (r->n_months == 0) {
        snprintf(c->note, sizeof c->note, "no incidents: nothing to chart");
        return;
    }
    const char *tmp = getenv("TMPDIR");
    char *dir = c->dir;
    snprintf(dir, sizeof c->dir, "%s/mttx-charts-XXXXXX", tmp && *tmp == '/' ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        dir[0] = '\0';
        snprintf(c->note, sizeof c->note, "no private temporary directory: charts are left out");
        return;
    }
    struct mx_buf sc = {0}, d[MX_CHARTS] = {{0}};
    by_month(&sc, &d[0], r);
    median_by_month(&sc, &d[1], r, MX_M_MTTA, 1, CHART_DEFS[1].title, 5.0);
    median_by_month(&sc, &d[2], r, MX_M_MTTR, 2, CHART_DEFS[2].title, 60.0);
    if (!distribution(&sc, &d[3], r)) c->chart[3].skipped = "no resolved incidents";
    heatmap(&sc, &d[4], r);
    if (!postmortems(&sc, &d[5], r)) c->chart[5].skipped = "no postmortem was due";
    if (!top_services(&sc, &d[6], r, &c->chart[6])) c->chart[6].skipped = "no incidents";
    if (!interruptions(&sc, &d[7], r, &c->chart[7]))
        c->chart[7].skipped = "no pages or acknowledgements by a person";
    if (!mttr_intervals(&sc, &d[8], r))
        c->chart[8].skipped = "no resolved incident with a severity";
    char name[16];
    bool ok = save(dir, "charts.gp", &sc) == 0;
    for (int k = 0; k < MX_CHARTS && ok; k++) {
        snprintf(name, sizeof name, "c%d.dat", k);
        ok = save(dir, name, &d[k]) == 0;
    }
    if (!ok)
        snprintf(c->note, sizeof c->note, "cannot write chart data: charts are left out");
    else if (spawn(program, dir, &c->pid, c->note, sizeof c->note))
        c->started_ms = now_ms();
    mx_buf_free(&sc);
    for (int k = 0; k < MX_CHARTS; k++) mx_buf_free(&d[k]);
}

void mx_charts_finish(struct mx_charts *c) {
    if (!c->dir[0]) return; /* nothing started: the note says why */
    if (c->pid > 0 && reap(c->pid, c->started_ms, c->dir, c->note, sizeof c->note)) {
        char name[16];
        for (int k = 0; k < MX_CHARTS; k++) {
            if (c->chart[k].skipped) continue;
            const char *why = NULL;
            snprintf(name, sizeof name, "c%d.svg", k);
            c->chart[k].svg = load_svg(c->dir, name, &c->chart[k].svg_len, &why);
            if (!c->chart[k].svg) c->chart[k].skipped = why ? why : "not drawn";
        }
    }
    c->pid = 0;
    cleanup(c->dir);
    c->dir[0] = '\0';
}

void mx_charts_free(struct mx_charts *c) {
    if (!c) return;
    for (int k = 0; k < MX_CHARTS; k++) {
        free(c->chart[k].svg);
        c->chart[k].svg = NULL;
    }
}
