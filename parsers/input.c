/*
 * input.c - paths to streams to records (see input.h). Format detection looks at the
 * bytes, not the name: gzip by its magic number; the decompressed content by its
 * first non-blank byte.
 */
#define _POSIX_C_SOURCE 200809L
#include "parsers/input.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parsers/mem.h"
#include "parsers/utf8.h"
#include "parsers/json_simd.h"
#include "parsers/archive.h"
#include "parsers/pagerduty_csv.h"
#include "parsers/custom.h"
#include "parsers/jsonin.h"
#include "parsers/lines.h"

static void bad_line(struct mx_reader *rd, const struct mx_pos *pos, enum mx_reason reason,
                     const char *msg) {
    mx_record_begin(&rd->rec, pos);
    mx_record_reject(&rd->rec, reason, "%s", msg);
    mx_record_end(&rd->rec);
}

/* A line that is not blank: rejected when too long (p unset) or holding a NUL byte,
 * else handed to fn, whose answer is returned. */
static bool one_line(struct mx_reader *rd, const struct mx_pos *pos, enum mx_line_status st,
                     const char *p, size_t n, mx_line_fn fn, void *ctx) {
    char msg[160];
    if (st == MX_LINE_TOO_LONG) {
        snprintf(msg, sizeof msg, "line longer than %zu bytes (skipped)", rd->opts.max_line);
        bad_line(rd, pos, MX_R_LINE_TOO_LONG, msg);
    } else if (st == MX_LINE_NUL) {
        snprintf(msg, sizeof msg, "NUL byte at column %zu",
                 (size_t)((const char *)memchr(p, '\0', n) - p) + 1);
        bad_line(rd, pos, MX_R_NUL_BYTE, msg);
    } else {
        return fn(rd, pos, p, n, ctx);
    }
    return true;
}

/* The next line to handle, as both line readers take them: blank lines skipped, the
 * progress callback called every MX_PROGRESS_EVERY lines. Returns its status, or
 * MX_LINE_END or MX_LINE_ERROR. */
static enum mx_line_status next_line(struct mx_reader *rd, struct mx_lines *lr, struct mx_pos *pos,
                                     uint64_t *count, const char **p, size_t *n) {
    for (;;) {
        enum mx_line_status st = mx_lines_next(lr, p, n, &pos->line);
        if (st == MX_LINE_END || st == MX_LINE_ERROR) return st;
        if (++*count % MX_PROGRESS_EVERY == 0 && rd->progress)
            rd->progress(rd->progress_ctx, pos->path, *count);
        if (st == MX_LINE_TOO_LONG || !mx_lines_blank(*p, *n)) return st;
    }
}

/* The stream failed after the line at pos: the input fails at the next line. */
static int stream_failed(struct mx_reader *rd, struct mx_pos *pos, struct mx_stream *s) {
    pos->line++;
    mx_diag_fail(rd->diag, pos, "%s", mx_stream_error(s));
    return -1;
}

int mx_input_lines(struct mx_reader *rd, struct mx_stream *s, uint32_t src, mx_line_fn fn,
                   void *ctx) {
    struct mx_lines *lr = mx_lines_new(s, rd->opts.max_line);
    struct mx_pos pos = {rd->diag->inputs[src].path, src, 0, -1};
    const char *p;
    size_t n;
    int rc = 0;
    uint64_t count = 0;
    for (;;) {
        enum mx_line_status st = next_line(rd, lr, &pos, &count, &p, &n);
        if (st == MX_LINE_END) break;
        if (st == MX_LINE_ERROR) {
            rc = stream_failed(rd, &pos, s);
            break;
        }
        if (!one_line(rd, &pos, st, p, n, fn, ctx)) {
            rc = -1;
            break;
        }
    }
    mx_lines_free(lr);
    return rc;
}

/* Parsing on several threads (docs/design.md#threads). This thread reads the lines and
 * cuts them into batches; workers parse batches with a reader of their own whose record
 * sink logs (record.h); this thread replays each batch's log in input order, so every
 * count, message and event comes out as from one thread. */

#define BATCH_LINES 8192
#define BATCH_BYTES ((size_t)1 << 20)

struct bline {
    uint64_t no;
    size_t off, len;
    enum mx_line_status st; /* MX_LINE_OK, MX_LINE_TOO_LONG or MX_LINE_NUL */
};

enum bstate { B_FREE, B_FILLED, B_TAKEN, B_DONE };

struct batch {
    char *text;
    size_t n_text, cap_text;
    struct bline *lines;
    size_t n, cap;
    struct mx_record_log *log;
    enum bstate state;
};

struct lanes {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    struct batch *ring;
    size_t slots;
    uint64_t next_fill, next_take, next_replay;
    bool stop;
    struct mx_reader *rd;    /* the caller's: replayed into */
    struct mx_reader worker; /* what each worker's reader starts from, made before they run */
    mx_line_fn fn;
    void *ctx;
    uint32_t src;
    pthread_t *threads;
    int n_threads;
};

/* Every line of b, as mx_input_lines treats it, through rd (the caller's or a worker's). */
static void parse_batch(struct mx_reader *rd, const struct batch *b, uint32_t src, mx_line_fn fn,
                        void *ctx) {
    struct mx_pos pos = {rd->diag->inputs[src].path, src, 0, -1};
    for (size_t i = 0; i < b->n; i++) {
        const struct bline *l = &b->lines[i];
        pos.line = l->no;
        one_line(rd, &pos, l->st, b->text + l->off, l->len, fn, ctx); /* never stops */
    }
}

static void *lane_work(void *arg) {
    struct lanes *ln = arg;
    struct mx_reader w = ln->worker; /* nothing of the caller's reader, which replays */
    w.json = mx_json_simd_new(w.opts.max_line, w.opts.json_depth);
    for (;;) {
        pthread_mutex_lock(&ln->mu);
        while (!ln->stop && ln->next_take == ln->next_fill) pthread_cond_wait(&ln->work, &ln->mu);
        if (ln->next_take == ln->next_fill) { /* stopped, nothing left */
            pthread_mutex_unlock(&ln->mu);
            break;
        }
        struct batch *b = &ln->ring[ln->next_take++ % ln->slots];
        b->state = B_TAKEN;
        pthread_mutex_unlock(&ln->mu);
        mx_record_log_clear(b->log);
        w.rec.log = b->log;
        parse_batch(&w, b, ln->src, ln->fn, ln->ctx);
        pthread_mutex_lock(&ln->mu);
        b->state = B_DONE;
        pthread_cond_broadcast(&ln->done);
        pthread_mutex_unlock(&ln->mu);
    }
    mx_json_simd_free(w.json);
    mx_record_free(&w.rec);
    return NULL;
}

/* Waits for the oldest batch handed out, replays it and frees its slot. */
static void replay_oldest(struct lanes *ln) {
    struct batch *b = &ln->ring[ln->next_replay % ln->slots];
    pthread_mutex_lock(&ln->mu);
    while (b->state != B_DONE) pthread_cond_wait(&ln->done, &ln->mu);
    pthread_mutex_unlock(&ln->mu);
    mx_record_log_replay(&ln->rd->rec, b->log);
    b->state = B_FREE;
    b->n = b->n_text = 0;
    ln->next_replay++;
}

static void batch_seal(struct batch *b);

static void submit(struct lanes *ln) {
    batch_seal(&ln->ring[ln->next_fill % ln->slots]);
    pthread_mutex_lock(&ln->mu);
    ln->ring[ln->next_fill % ln->slots].state = B_FILLED;
    ln->next_fill++;
    pthread_cond_signal(&ln->work);
    pthread_mutex_unlock(&ln->mu);
}

static bool lanes_start(struct lanes *ln, struct mx_reader *rd, uint32_t src, mx_line_fn fn,
                        void *ctx, int n) {
    memset(ln, 0, sizeof *ln);
    ln->rd = rd;
    ln->worker = *rd; /* the options and the diagnostics' paths, read only */
    memset(&ln->worker.rec, 0, sizeof ln->worker.rec);
    ln->worker.json = NULL;
    ln->worker.rec.diag = rd->diag;
    ln->worker.rec.sevmap = rd->rec.sevmap;
    ln->worker.rec.incidentio = rd->rec.incidentio;
    ln->worker.rec.zone = rd->rec.zone;
    ln->worker.rec.zone_declared = rd->rec.zone_declared;
    ln->src = src;
    ln->fn = fn;
    ln->ctx = ctx;
    ln->slots = 2 * (size_t)n + 2;
    ln->ring = mx_mem_calloc(ln->slots, sizeof *ln->ring);
    for (size_t i = 0; i < ln->slots; i++) ln->ring[i].log = mx_record_log_new();
    pthread_mutex_init(&ln->mu, NULL);
    pthread_cond_init(&ln->work, NULL);
    pthread_cond_init(&ln->done, NULL);
    ln->threads = mx_mem_calloc((size_t)n, sizeof *ln->threads);
    for (int i = 0; i < n; i++) {
        if (pthread_create(&ln->threads[i], NULL, lane_work, ln) != 0) break;
        ln->n_threads++;
    }
    return ln->n_threads > 0;
}

/* Replays what is left, stops the workers and frees the lanes. */
static void lanes_finish(struct lanes *ln) {
    while (ln->next_replay < ln->next_fill) replay_oldest(ln);
    pthread_mutex_lock(&ln->mu);
    ln->stop = true;
    pthread_cond_broadcast(&ln->work);
    pthread_mutex_unlock(&ln->mu);
    for (int i = 0; i < ln->n_threads; i++) pthread_join(ln->threads[i], NULL);
    for (size_t i = 0; i < ln->slots; i++) {
        free(ln->ring[i].text);
        free(ln->ring[i].lines);
        mx_record_log_free(ln->ring[i].log);
    }
    free(ln->ring);
    free(ln->threads);
    pthread_mutex_destroy(&ln->mu);
    pthread_cond_destroy(&ln->work);
    pthread_cond_destroy(&ln->done);
}

/* A line into the batch: its bytes and a newline, as the line reader's buffer holds it,
 * with room for the parser's padding after it (simdjson reads MX_JSON_PADDING bytes
 * past a document; they are zeroed past the batch's last line by batch_seal). */
static void batch_add(struct batch *b, uint64_t no, enum mx_line_status st, const char *p,
                      size_t n) {
    mx_mem_grow((void **)&b->lines, &b->cap, b->n + 1, sizeof *b->lines);
    struct bline *l = &b->lines[b->n++];
    l->no = no;
    l->st = st;
    l->len = st == MX_LINE_TOO_LONG ? 0 : n;
    mx_mem_grow((void **)&b->text, &b->cap_text, b->n_text + l->len + 1 + MX_JSON_PADDING, 1);
    l->off = b->n_text;
    if (l->len) memcpy(b->text + b->n_text, p, l->len);
    b->text[b->n_text + l->len] = '\n';
    b->n_text += l->len + 1;
}

/* The padding after the batch's last line, zeroed (batch_add left room for it). */
static void batch_seal(struct batch *b) {
    if (b->text) memset(b->text + b->n_text, 0, MX_JSON_PADDING);
}

int mx_input_lines_parallel(struct mx_reader *rd, struct mx_stream *s, uint32_t src, mx_line_fn fn,
                            void *ctx) {
    if (rd->opts.threads <= 1) return mx_input_lines(rd, s, src, fn, ctx);
    struct mx_lines *lr = mx_lines_new(s, rd->opts.max_line);
    struct mx_pos pos = {rd->diag->inputs[src].path, src, 0, -1};
    struct batch first = {0};
    struct lanes ln;
    bool parallel = false;
    struct batch *b = &first;
    const char *p;
    size_t n;
    int rc = 0;
    uint64_t count = 0;
    for (;;) {
        enum mx_line_status st = next_line(rd, lr, &pos, &count, &p, &n);
        if (st == MX_LINE_END) break;
        if (st == MX_LINE_ERROR) {
            if (parallel) { /* what was read before the damage comes first */
                if (b->n) submit(&ln);
                lanes_finish(&ln);
                parallel = false;
                b = &first;
                b->n = 0;
            } else if (b->n) {
                batch_seal(b);
                parse_batch(rd, b, src, fn, ctx);
                b->n = 0;
            }
            rc = stream_failed(rd, &pos, s);
            break;
        }
        batch_add(b, pos.line, st, p, n);
        if (b->n < BATCH_LINES && b->n_text < BATCH_BYTES) continue;
        if (!parallel) { /* a long input: workers from here on, the first batch theirs too */
            if (!lanes_start(&ln, rd, src, fn, ctx, rd->opts.threads)) {
                lanes_finish(&ln);
                batch_seal(b);
                parse_batch(rd, b, src, fn, ctx); /* no thread: on this one */
                b->n = b->n_text = 0;
                continue;
            }
            parallel = true;
            struct batch *slot = &ln.ring[0];
            struct batch tmp = *slot;
            slot->text = first.text, slot->n_text = first.n_text, slot->cap_text = first.cap_text;
            slot->lines = first.lines, slot->n = first.n, slot->cap = first.cap;
            first.text = tmp.text, first.lines = tmp.lines;
            first.n = first.n_text = first.cap = first.cap_text = 0;
        }
        submit(&ln);
        if (ln.next_fill - ln.next_replay == ln.slots) replay_oldest(&ln);
        b = &ln.ring[ln.next_fill % ln.slots];
    }
    if (parallel) {
        if (b->n) submit(&ln);
        lanes_finish(&ln);
    } else if (b->n && rc == 0) {
        batch_seal(b);
        parse_batch(rd, b, src, fn, ctx);
    }
    free(first.text);
    free(first.lines);
    mx_lines_free(lr);
    return rc;
}

struct mx_read_opts mx_input_opts_default(void) {
    struct mx_read_opts o;
    o.max_line = (size_t)1 << 20;
    o.json_depth = 64;
    o.gz = mx_stream_gzip_limits_default();
    o.max_entries = 100000;
    o.json_doc_max = (size_t)64 << 20;
    o.csv = mx_csv_reader_limits_default();
    o.zone = NULL;
    o.sevmap = NULL;
    o.incidentio = NULL;
    o.csv_encoding = NULL;
    o.formats = NULL;
    o.n_formats = 0;
    o.forced = NULL;
    o.threads = 1;
    o.hash = false;
    return o;
}

void mx_input_init(struct mx_reader *rd, struct mx_diag *d, const struct mx_read_opts *opts,
                   mx_event_fn fn, void *ctx) {
    rd->diag = d;
    rd->fn = fn;
    rd->ctx = ctx;
    rd->opts = *opts;
    rd->progress = NULL;
    rd->progress_ctx = NULL;
    rd->file_fd = -1;
    rd->file_size = 0;
    rd->files_done = 0;
    rd->json = mx_json_simd_new(opts->max_line, opts->json_depth);
    memset(&rd->rec, 0, sizeof rd->rec);
    rd->rec.diag = d;
    rd->rec.sevmap = opts->sevmap;
    rd->rec.incidentio = opts->incidentio;
    rd->rec.zone = opts->zone;
    rd->rec.fn = fn;
    rd->rec.ctx = ctx;
}

void mx_input_free(struct mx_reader *rd) {
    if (!rd) return;
    mx_json_simd_free(rd->json);
    rd->json = NULL;
    mx_record_free(&rd->rec);
}

/* The first byte that is not blank or a BOM, or 0. */
static char first_char(const char *head, size_t n) {
    size_t i = 0;
    if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) i++;
    return i < n ? head[i] : 0;
}

static int failed(struct mx_reader *rd, uint32_t src, struct mx_stream *s, const char *why) {
    struct mx_pos pos = {rd->diag->inputs[src].path, src, 0, -1};
    mx_diag_fail(rd->diag, &pos, "%s", why);
    mx_stream_free(s);
    return -1;
}

/* Whether s[0..n) holds a C0 control other than TAB and CR, or DEL. */
static bool has_control(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f) return true;
    }
    return false;
}

/* Whether some line of head[0..n) (the input's first bytes; `whole` when that is all
 * of it) is meant as JSON: a JSON object, or valid UTF-8 that opens one (a number or a
 * string line happens in binary files, random bytes are rarely valid UTF-8); true also when head
 * holds no line but blanks (an empty input is read, and holds no record). A line cut by the end of
 * the head is not judged. */
static bool some_json_line(struct mx_reader *rd, const char *head, size_t n, bool whole) {
    bool blank = true;
    char *tmp = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(head + i, '\n', n - i);
        if (!nl && !whole) break;
        size_t len = (nl ? (size_t)(nl - head) : n) - i;
        const char *line = head + i;
        i += len + 1;
        if (mx_lines_blank(line, len)) continue;
        blank = false;
        if (memchr(line, '\0', len)) continue;
        if (len + MX_JSON_PADDING > cap) {
            cap = len + MX_JSON_PADDING;
            tmp = mx_mem_realloc(tmp, cap);
        }
        memcpy(tmp, line, len);
        memset(tmp + len, 0, MX_JSON_PADDING);
        /* a text line that opens an object or array is meant as JSON, even if broken or
         * not UTF-8: its file is read, and the line rejected with its position (random
         * bytes of a binary file hold a control character within a few dozen) */
        size_t b = 0;
        if (line == head && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) b = 3; /* BOM */
        while (b < len && (line[b] == ' ' || line[b] == '\t')) b++;
        if (b < len && (line[b] == '{' || line[b] == '[') && !has_control(line, len)) {
            free(tmp);
            return true;
        }
        struct mx_jval root;
        if (!mx_json_simd_parse(rd->json, tmp, len, &root) &&
            mx_json_simd_type(&root) == MX_J_OBJECT) {
            free(tmp);
            return true;
        }
    }
    free(tmp);
    return blank;
}

/* Text content: CSV, a JSON document or JSON lines; a file in none of them (a PNG, a
 * README beside the exports) is skipped with one warning, not rejected line by line.
 * Formats are told from the first 4096 bytes; whether anything is readable at all from
 * the first 64 KiB. Takes s. */
static int read_text(struct mx_reader *rd, struct mx_stream *s, uint32_t src, const char *head,
                     size_t all) {
    struct mx_input_stat *in = &rd->diag->inputs[src];
    int rc;
    size_t k = all < 4096 ? all : 4096;
    char c = first_char(head, k);
    const struct mx_line_format *f = rd->opts.forced;
    for (size_t i = 0; !f && i < rd->opts.n_formats; i++)
        if (mx_custom_matches(&rd->opts.formats[i], in->path)) f = &rd->opts.formats[i];
    if (f) {
        in->format = "custom";
        rc = mx_custom_read(rd, s, src, f);
    } else if (c != '{' && c != '[' && mx_pagerduty_csv_sniff(head, k)) {
        in->format = "csv";
        if (rd->opts.csv_encoding && !(s = mx_stream_iconv(s, rd->opts.csv_encoding)))
            return failed(rd, src, NULL, "unknown --input-encoding");
        rc = mx_pagerduty_csv_read(rd, s, src);
    } else if (mx_jsonin_is_document(head, k)) {
        in->format = "json";
        rc = mx_jsonin_document(rd, s, src);
    } else if (!some_json_line(rd, head, all, mx_stream_peek_is_all(s))) {
        in->format = "unrecognised";
        in->skipped = true;
        struct mx_pos pos = {in->path, src, 0, -1};
        mx_diag_warn(rd->diag, &pos, MX_W_SKIPPED_FILE,
                     "skipped: not a recognised format (no line of its first 64 KiB reads as "
                     "JSON, CSV or a configured custom format)");
        rc = 0;
    } else {
        in->format = "jsonl";
        rc = mx_jsonin_lines(rd, s, src);
    }
    const char *w = mx_stream_take_warning(s);
    if (w) {
        struct mx_pos pos = {in->path, src, 0, -1};
        mx_diag_warn(rd->diag, &pos, MX_W_TRAILING_GARBAGE, "%s", w);
    }
    mx_stream_free(s);
    return rc;
}

static const char *compression_of(const unsigned char *h) {
    if (h[0] == 'B') return "bzip2";
    if (h[0] == 0xFD) return "xz";
    return "zstd";
}

int mx_input_read_stream(struct mx_reader *rd, const char *path, struct mx_stream *s, int depth) {
    uint32_t src = mx_diag_input_add(rd->diag, path);
    struct mx_input_stat *in = &rd->diag->inputs[src];
    const char *head;
    long k = mx_stream_peek(s, &head, 512);
    if (k < 0) return failed(rd, src, s, mx_stream_error(s));
    const unsigned char *h = (const unsigned char *)head;
    enum mx_archive_kind ak = mx_archive_sniff(h, (size_t)k);
    if (ak == MX_ARC_NONE && k >= 2 && h[0] == 0x1f && h[1] == 0x8b) {
        s = mx_stream_gzip(s, &rd->opts.gz);
        /* a file's decompression runs on a second thread, overlapping the parsing;
         * members of archives are read through libarchive on this one */
        if (depth == 0) s = mx_stream_ahead(s);
        in->compression = "gzip";
        k = mx_stream_peek(s, &head, 4096);
        if (k < 0) return failed(rd, src, s, mx_stream_error(s));
        if (mx_archive_sniff((const unsigned char *)head, (size_t)k) == MX_ARC_TAR) ak = MX_ARC_TAR;
    } else if (ak == MX_ARC_COMPRESSED) {
        in->compression = compression_of(h);
    }
    if (ak != MX_ARC_NONE) {
        in->format = ak == MX_ARC_ZIP ? "zip" : "tar";
        if (depth > MX_ARCHIVE_MAX_DEPTH)
            return failed(rd, src, s, "an archive nested deeper than one level (not read)");
        return mx_archive_read(rd, s, src, depth);
    }
    k = mx_stream_peek(s, &head, (size_t)64 << 10);
    if (k < 0) return failed(rd, src, s, mx_stream_error(s));
    return read_text(rd, s, src, head, (size_t)k);
}

int mx_input_read_mem(struct mx_reader *rd, const char *path, const void *buf, size_t n) {
    return mx_input_read_stream(rd, path, mx_stream_mem(buf, n), 0);
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_dir(struct mx_reader *rd, const char *path);

static int open_failed(struct mx_reader *rd, const char *path, const char *what) {
    uint32_t src = mx_diag_input_add(rd->diag, path);
    struct mx_pos pos = {rd->diag->inputs[src].path, src, 0, -1};
    mx_diag_fail(rd->diag, &pos, "%s: %s", what, strerror(errno));
    return -1;
}

/* A directory's entries to read, sorted by the bytes of their names (dot-files left
 * out); the caller frees each name and the array. NULL when it cannot be read. */
static char **dir_entries(const char *path, size_t *count) {
    DIR *d = opendir(path);
    if (!d) return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        mx_mem_grow((void **)&names, &cap, n + 1, sizeof *names);
        size_t len = strlen(e->d_name);
        names[n] = mx_mem_malloc(len + 1);
        memcpy(names[n++], e->d_name, len + 1);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_names);
    *count = n;
    return names ? names : mx_mem_calloc(1, sizeof *names);
}

/* path/name, allocated. */
static char *child_path(const char *path, const char *name) {
    size_t plen = strlen(path);
    bool slash = plen > 0 && path[plen - 1] == '/';
    char *child = mx_mem_malloc(plen + 1 + strlen(name) + 1);
    memcpy(child, path, plen);
    size_t at = plen;
    if (!slash) child[at++] = '/';
    strcpy(child + at, name);
    return child;
}

/* Whether a directory's entry is read: a directory, a regular file or a symlink to one
 * (lstat: a symlinked directory is never followed, against loops); *st is then the
 * target's status. */
static bool entry_read(const char *child, struct stat *st) {
    return lstat(child, st) == 0 &&
           (S_ISDIR(st->st_mode) || S_ISREG(st->st_mode) ||
            (S_ISLNK(st->st_mode) && stat(child, st) == 0 && S_ISREG(st->st_mode)));
}

int mx_input_read_path(struct mx_reader *rd, const char *path) {
    if (strcmp(path, "-") == 0)
        return mx_input_read_stream(rd, rd->opts.stdin_label ? rd->opts.stdin_label : "-",
                                    mx_stream_fd(0, false), 0);
    struct stat st;
    if (stat(path, &st) != 0) return open_failed(rd, path, "cannot open");
    if (S_ISDIR(st.st_mode)) return read_dir(rd, path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return open_failed(rd, path, "cannot open");
    bool regular = S_ISREG(st.st_mode);
    if (regular) {
        rd->file_fd = fd;
        rd->file_size = (uint64_t)st.st_size;
    }
    struct mx_stream *s = mx_stream_fd(fd, true);
    struct mx_digest dg;
    if (regular && rd->opts.hash) mx_stream_fd_digest(s, &dg);
    uint32_t src = (uint32_t)rd->diag->n_inputs; /* the input about to be added */
    int rc = mx_input_read_stream(rd, path, s, 0);
    if (regular && rd->opts.hash && src < rd->diag->n_inputs) rd->diag->inputs[src].digest = dg;
    if (regular) { /* the file is closed by now */
        rd->files_done += rd->file_size;
        rd->file_fd = -1;
        rd->file_size = 0;
    }
    return rc;
}

uint64_t mx_input_bytes_read(const struct mx_reader *rd) {
    uint64_t at = 0;
    if (rd->file_fd >= 0) {
        off_t off = lseek(rd->file_fd, 0, SEEK_CUR); /* a zip's reader seeks: clamped */
        at = off < 0 ? 0 : (uint64_t)off < rd->file_size ? (uint64_t)off : rd->file_size;
    }
    return rd->files_done + at;
}

static uint64_t dir_size(const char *path) {
    size_t n = 0;
    char **names = dir_entries(path, &n);
    uint64_t total = 0;
    for (size_t i = 0; names && i < n; i++) {
        char *child = child_path(path, names[i]);
        struct stat st;
        if (entry_read(child, &st))
            total += S_ISDIR(st.st_mode) ? dir_size(child) : (uint64_t)st.st_size;
        free(child);
        free(names[i]);
    }
    free(names);
    return total;
}

uint64_t mx_input_size(const char *path, bool *known) {
    struct stat st;
    *known = true;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0) {
        *known = strcmp(path, "-") != 0; /* a missing file fails at once: nothing to wait for */
        return 0;
    }
    if (S_ISDIR(st.st_mode)) return dir_size(path);
    if (S_ISREG(st.st_mode)) return (uint64_t)st.st_size;
    *known = false;
    return 0;
}

static int read_dir(struct mx_reader *rd, const char *path) {
    size_t n = 0;
    char **names = dir_entries(path, &n);
    if (!names) return open_failed(rd, path, "cannot read directory");
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *child = child_path(path, names[i]);
        struct stat st;
        if (entry_read(child, &st) && mx_input_read_path(rd, child) != 0) rc = -1;
        free(child);
        free(names[i]);
    }
    free(names);
    return rc;
}
