/*
 * progress.h - what a run is doing, on a terminal: while reading, the bytes read of the
 * inputs' total with a percentage and the time left; then one line per phase (building
 * the timelines, hashing the inputs, drawing the charts, writing each output). One line,
 * redrawn in place and erased before anything else is printed; nothing at all unless
 * started on a terminal.
 */
#ifndef MX_PROGRESS_H
#define MX_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct mx_reader;

struct mx_progress {
    FILE *f;                    /* the terminal, or NULL: off */
    const struct mx_reader *rd; /* its byte count, while reading; borrowed */
    uint64_t total;             /* the inputs' bytes */
    bool known;                 /* whether total is (no standard input, no pipe) */
    bool shown;                 /* a line is on the terminal */
    int64_t start_ms, drawn_ms; /* monotonic: reading began, the line was last drawn */
};

/* Off unless f is a terminal; then sums the sizes of the n inputs (their directories
 * walked as they will be read) and starts the clock. */
void mx_progress_start(struct mx_progress *p, FILE *f, char *const *inputs, int n);

/* The reader's progress callback (ctx: the struct mx_progress): redraws the reading line at
 * most five times a second. */
void mx_progress_reading(void *ctx, const char *path, uint64_t lines);

/* Shows "mttx: WHAT..." at once (WHAT escaped for the terminal), in place of the line shown. */
void mx_progress_phase(struct mx_progress *p, const char *what);

/* Erases the line shown, if any (before any other message). */
void mx_progress_clear(struct mx_progress *p);

/* The reading line, without "mttx: ", into out (NUL-terminated, at most cols - 7 columns,
 * the path escaped for the terminal and shortened from its left with "..." to fit):
 * "reading 46.1 MB of 101.2 MB (45%), 3 s left: PATH" when the total is known (the time
 * left once a second has passed and something was read), "reading PATH: 412,000 lines"
 * when it is not. Returns the bytes written. */
size_t mx_progress_line(char *out, size_t cap, size_t cols, uint64_t done, uint64_t total,
                        bool known, int64_t elapsed_ms, const char *path, uint64_t lines);

#endif
