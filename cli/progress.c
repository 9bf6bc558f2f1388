/*
 * progress.c - the progress line of a run on a terminal (see progress.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/progress.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "parsers/diag.h"
#include "parsers/input.h"

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* "412 B", "46.1 kB", "101.2 MB", "3.4 GB" (powers of 1000, as disks are sold). */
static void fmt_bytes(char *out, size_t cap, uint64_t n) {
    if (n < 1000) {
        snprintf(out, cap, "%llu B", (unsigned long long)n);
        return;
    }
    static const char *const UNIT[] = {"kB", "MB", "GB", "TB"};
    double v = (double)n / 1000;
    int u = 0;
    while (v >= 999.95 && u < 3) {
        v /= 1000;
        u++;
    }
    snprintf(out, cap, "%.1f %s", v, UNIT[u]);
}

/* "7 s", "2 min 5 s", "1 h 4 min". */
static void fmt_left(char *out, size_t cap, int64_t ms) {
    int64_t s = (ms + 999) / 1000;
    if (s < 60)
        snprintf(out, cap, "%lld s", (long long)s);
    else if (s < 3600)
        snprintf(out, cap, "%lld min %lld s", (long long)(s / 60), (long long)(s % 60));
    else
        snprintf(out, cap, "%lld h %lld min", (long long)(s / 3600), (long long)(s % 3600 / 60));
}

/* "412,000" */
static void fmt_count(char *out, size_t cap, uint64_t n) {
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
    size_t at = 0;
    for (int i = 0; i < len && at + 2 < cap; i++) {
        if (i && (len - i) % 3 == 0) out[at++] = ',';
        out[at++] = digits[i];
    }
    out[at] = '\0';
}

/* Columns of a UTF-8 string: one per character (no wide characters are assumed). */
static size_t width(const char *s, size_t n) {
    size_t w = 0;
    for (size_t i = 0; i < n; i++) w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

size_t mx_progress_line(char *out, size_t cap, size_t cols, uint64_t done, uint64_t total,
                        bool known, int64_t elapsed_ms, const char *path, uint64_t lines) {
    char head[160], tail[64] = "";
    if (known && total > 0) {
        char d[32], t[32], left[48] = "";
        if (done > total) done = total;
        fmt_bytes(d, sizeof d, done);
        fmt_bytes(t, sizeof t, total);
        if (elapsed_ms >= 1000 && done > 0) {
            char l[32];
            fmt_left(l, sizeof l,
                     (int64_t)((double)(total - done) * (double)elapsed_ms / (double)done));
            snprintf(left, sizeof left, ", %s left", l);
        }
        snprintf(head, sizeof head, "reading %s of %s (%d%%)%s: ", d, t, (int)(done * 100 / total),
                 left);
    } else {
        char c[32];
        fmt_count(c, sizeof c, lines);
        snprintf(head, sizeof head, "reading ");
        snprintf(tail, sizeof tail, ": %s line%s", c, lines == 1 ? "" : "s");
    }
    /* the path as the terminal shows it (escaped), its tail kept when it is too long */
    size_t plen = strlen(path), elen = 0, used = 0;
    char *esc = malloc(4 * plen + 1);
    if (!esc) return 0;
    while (used < plen) {
        size_t u;
        elen += mx_diag_escape(esc + elen, 4 * plen + 1 - elen, path + used, plen - used, &u);
        used += u;
    }
    size_t room = cols > 7 ? cols - 7 : 1; /* "mttx: " and a column for the cursor */
    size_t fixed = strlen(head) + strlen(tail);
    const char *p = esc;
    const char *dots = "";
    if (fixed + width(esc, elen) > room) {
        size_t want = room > fixed + 3 ? room - fixed - 3 : 0;
        dots = "...";
        while (p < esc + elen && width(p, (size_t)(esc + elen - p)) > want) p++;
        while (p < esc + elen && ((unsigned char)*p & 0xC0) == 0x80) p++;
    }
    int n = snprintf(out, cap, "%s%s%.*s%s", head, dots, (int)(esc + elen - p), p, tail);
    free(esc);
    return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

void mx_progress_start(struct mx_progress *p, FILE *f, char *const *inputs, int n) {
    memset(p, 0, sizeof *p);
    if (!f || !isatty(fileno(f))) return;
    p->f = f;
    p->known = true;
    for (int i = 0; i < n; i++) {
        bool known;
        p->total += mx_input_size(inputs[i], &known);
        p->known = p->known && known;
    }
    p->start_ms = now_ms();
    p->drawn_ms = p->start_ms - 1000;
}

static size_t columns(FILE *f) {
    struct winsize ws;
    if (ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
    return 80;
}

static void show(struct mx_progress *p, const char *line) {
    fputs("\r\033[Kmttx: ", p->f);
    fputs(line, p->f);
    fflush(p->f);
    p->shown = true;
}

void mx_progress_reading(void *ctx, const char *path, uint64_t lines) {
    struct mx_progress *p = ctx;
    if (!p->f) return;
    int64_t t = now_ms();
    if (t - p->drawn_ms < 200) return;
    p->drawn_ms = t;
    char line[1024];
    mx_progress_line(line, sizeof line, columns(p->f), p->rd ? mx_input_bytes_read(p->rd) : 0,
                     p->total, p->known, t - p->start_ms, path, lines);
    show(p, line);
}

void mx_progress_phase(struct mx_progress *p, const char *what) {
    if (!p->f) return;
    char line[1024];
    size_t used, n = mx_diag_escape(line, sizeof line - 4, what, strlen(what), &used);
    memcpy(line + n, "...", 4);
    show(p, line);
}

void mx_progress_clear(struct mx_progress *p) {
    if (!p->f || !p->shown) return;
    fputs("\r\033[K", p->f);
    fflush(p->f);
    p->shown = false;
}
