/*
 * charts.h - the report's charts, drawn by gnuplot (run, not linked).
 *
 * Safety (docs/security.md#running-gnuplot): no text from the input goes into a gnuplot script -
 * the labels are months and severity names we generate, and even those travel in data files; files
 * have generated names in a private mkdtemp directory; gnuplot runs through posix_spawnp with an
 * argv array, -d (no init files), stdin /dev/null, LC_ALL=C, a minimal environment and a 30-second
 * limit; its exit status and every output are checked, and each SVG must pass mx_xml_check before
 * anyone inlines it. When gnuplot is missing or fails, the charts are absent and `note` says why:
 * the report is still written.
 */
#ifndef MX_CHARTS_H
#define MX_CHARTS_H

#include <stddef.h>
#include <stdint.h>

#include "analyzer/result.h"

#define MX_CHARTS 9

/* The most names a chart's key lists (the people of the interruptions chart). */
#define MX_CHART_KEYS 15

struct mx_chart {
    const char *file;  /* "incidents-by-month.svg" */
    const char *title; /* what to look at */
    const char *alt;   /* a text alternative */
    /* Names from the input are never given to gnuplot: such a chart labels its series
     * or bars key_prefix + 1, 2 ... ("S1", "P1") and the report writes the key beside
     * it, keys[i] for label i + 1 (n == 0: "(none)"), escaped where it lands. */
    const char *key_prefix;
    struct mx_str keys[MX_CHART_KEYS]; /* views into the result */
    size_t n_keys;
    char *svg; /* owned; the <svg> element, or NULL when not drawn */
    size_t svg_len;
    const char *skipped; /* why this chart has no data, or NULL */
};

struct mx_charts {
    struct mx_chart chart[MX_CHARTS];
    int n;
    char note[300]; /* why no chart was drawn (gnuplot missing or failed), or "" */
    /* between mx_charts_start and mx_charts_finish: gnuplot's private folder ("" when
     * nothing runs), its process (0 when it could not start) and when it started */
    char dir[400];
    int pid;
    int64_t started_ms;
};

/* The file name of chart k (0 .. MX_CHARTS - 1), drawn or not: "incidents-by-month.svg". */
const char *mx_charts_file(int k);
/* Draws every chart of r with the gnuplot found on PATH (program: "gnuplot"):
 * mx_charts_start then mx_charts_finish. */
void mx_charts_render(struct mx_charts *c, const struct mx_result *r, const char *program);
/* Writes the charts' data and script and starts gnuplot on them, without waiting: the
 * caller writes what needs no chart meanwhile. The note says why when nothing started. */
void mx_charts_start(struct mx_charts *c, const struct mx_result *r, const char *program);
/* Waits for gnuplot (killed 30 s after its start) and reads the SVGs it drew; removes
 * its folder. Call once after mx_charts_start, before mx_charts_free. */
void mx_charts_finish(struct mx_charts *c);
/* Releases the SVGs. Accepts NULL. */
void mx_charts_free(struct mx_charts *c);

#endif
