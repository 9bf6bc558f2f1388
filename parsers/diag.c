/*
 * diag.c - the diagnostics sink (see diag.h). Lines are formatted into one buffer and
 * written with a single fwrite so interleaving stays line-atomic.
 */
#include "parsers/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"
#include "parsers/utf8.h"

static const char *const reason_names[] = {
    "invalid_json",  "not_an_object", "missing_field",   "bad_field", "bad_time",
    "line_too_long", "nul_byte",      "not_an_incident", "bad_csv",   "no_match",
    "regex_limit",   "invalid_utf8",  "unsupported",
};
_Static_assert(sizeof reason_names / sizeof reason_names[0] == MX_R__COUNT,
               "a name for each value");

static const char *const warning_names[] = {
    "unknown_event", "unknown_severity", "time_without_zone",
    "ignored_field", "trailing_garbage", "truncated_export",
    "skipped_entry", "skipped_file",     "approximate_time",
};
_Static_assert(sizeof warning_names / sizeof warning_names[0] == MX_W__COUNT,
               "a name for each value");

static const char *const kind_names[] = {
    "native",
    "pagerduty_log_entry",
    "pagerduty_incident",
    "pagerduty_webhook_v3",
    "pagerduty_webhook_v2",
    "pagerduty_analytics",
    "pagerduty_csv_raw",
    "pagerduty_csv_basic",
    "pagerduty_csv_insights",
    "csv",
    "custom",
    "incidentio",
    "firehydrant",
    "rootly",
    "grafana_oncall",
    "opsgenie_alerts",
    "opsgenie_alert_logs",
    "opsgenie_incidents",
};
_Static_assert(sizeof kind_names / sizeof kind_names[0] == MX_K__COUNT, "a name for each value");

const char *mx_diag_kind_name(enum mx_kind k) {
    return (unsigned)k < MX_K__COUNT ? kind_names[k] : "unknown";
}

const char *mx_diag_reason_name(enum mx_reason r) {
    return (unsigned)r < MX_R__COUNT ? reason_names[r] : "unknown";
}

const char *mx_diag_warning_name(enum mx_warning w) {
    return (unsigned)w < MX_W__COUNT ? warning_names[w] : "unknown";
}

void mx_diag_init(struct mx_diag *d, FILE *out) {
    memset(d, 0, sizeof *d);
    d->out = out;
    mx_arena_init(&d->arena);
}

void mx_diag_free(struct mx_diag *d) {
    if (!d) return;
    free(d->inputs);
    free(d->samples);
    mx_arena_free(&d->arena);
    memset(d, 0, sizeof *d);
}

uint32_t mx_diag_input_add(struct mx_diag *d, const char *path) {
    mx_mem_grow((void **)&d->inputs, &d->cap_inputs, d->n_inputs + 1, sizeof *d->inputs);
    struct mx_input_stat *in = &d->inputs[d->n_inputs];
    memset(in, 0, sizeof *in);
    in->path = mx_arena_strndup(&d->arena, path, strlen(path));
    in->format = "unknown";
    return (uint32_t)d->n_inputs++;
}

/* How many bytes at s[i..n) a terminal must be shown as \xHH: 0 for a safe character
 * (printable ASCII, or a valid UTF-8 sequence of anything but the below), 1 for a C0
 * control, DEL or a byte that is not valid UTF-8, the whole sequence for a C1 control
 * (U+0080-U+009F: U+009B is CSI) or a bidirectional control (U+061C, U+200E-U+200F,
 * U+202A-U+202E, U+2066-U+2069), which would reorder or hide what follows. */
static size_t unsafe(const unsigned char *s, size_t n, size_t i) {
    unsigned c = s[i];
    if (c < 0x20 || c == 0x7f) return 1;
    if (c < 0x80) return 0;
    size_t k = mx_utf8_len(s + i, n - i);
    if (k == 0) return 1;
    if (k == 2 && c == 0xC2 && s[i + 1] <= 0x9F) return 2;
    if (k == 2 && c == 0xD8 && s[i + 1] == 0x9C) return 2;
    if (k == 3 && c == 0xE2 && s[i + 1] == 0x80 &&
        (s[i + 2] == 0x8E || s[i + 2] == 0x8F || (s[i + 2] >= 0xAA && s[i + 2] <= 0xAE)))
        return 3;
    if (k == 3 && c == 0xE2 && s[i + 1] == 0x81 && s[i + 2] >= 0xA6 && s[i + 2] <= 0xA9) return 3;
    return 0;
}

/* The length of the character at s[i] (1 when not valid UTF-8). */
static size_t char_len(const unsigned char *s, size_t n, size_t i) {
    size_t k = s[i] < 0x80 ? 1 : mx_utf8_len(s + i, n - i);
    return k ? k : 1;
}

/* Writes the k bytes of one character at s to out, as \xHH each when escaped; returns
 * the bytes written (k, or 4 * k). */
static size_t copy_char(char *out, const unsigned char *s, size_t k, bool escaped) {
    static const char hex[] = "0123456789abcdef";
    if (!escaped) {
        memcpy(out, s, k);
        return k;
    }
    for (size_t j = 0; j < k; j++) {
        out[4 * j] = '\\';
        out[4 * j + 1] = 'x';
        out[4 * j + 2] = hex[s[j] >> 4];
        out[4 * j + 3] = hex[s[j] & 15];
    }
    return 4 * k;
}

size_t mx_diag_escape(char *out, size_t cap, const char *s, size_t n, size_t *used) {
    const unsigned char *u = (const unsigned char *)s;
    size_t len = 0, i = 0;
    while (i < n) {
        size_t bad = unsafe(u, n, i), k = bad ? bad : char_len(u, n, i);
        if (len + (bad ? 4 * bad : k) > cap) break;
        len += copy_char(out + len, u + i, k, bad);
        i += k;
    }
    *used = i;
    return len;
}

/* Appends s to buf (capacity cap, length *len) with controls escaped; what does not
 * fit is cut. */
static void put_esc(char *buf, size_t cap, size_t *len, const char *s) {
    size_t used;
    *len += mx_diag_escape(buf + *len, cap - *len, s, strlen(s), &used);
}

bool mx_diag_kinds_plain(const struct mx_input_stat *st) {
    if (st->by_kind[MX_K_NATIVE] == st->emitted) return true;
    for (int k = 0; k < MX_K__COUNT; k++)
        if (st->by_kind[k] == st->emitted &&
            strcmp(mx_diag_kind_name((enum mx_kind)k), st->format) == 0)
            return true;
    return false;
}

void mx_diag_put_escaped(FILE *f, const char *s) {
    char buf[256];
    size_t n = strlen(s), used;
    while (n) {
        size_t len = mx_diag_escape(buf, sizeof buf, s, n, &used);
        fwrite(buf, 1, len, f);
        s += used;
        n -= used;
    }
}

/* Formats "PATH:LINE[#INDEX]" into buf. */
static size_t format_pos(char *buf, size_t cap, const struct mx_pos *pos) {
    size_t len = 0;
    put_esc(buf, cap - 48, &len, pos->path ? pos->path : "-");
    if (pos->line > 0) {
        int k = snprintf(buf + len, cap - len, ":%llu", (unsigned long long)pos->line);
        len += (size_t)k;
        if (pos->index >= 0) {
            k = snprintf(buf + len, cap - len, "#%lld", (long long)pos->index);
            len += (size_t)k;
        }
    }
    return len;
}

/* Builds "POS: KIND: MESSAGE" into line; returns the offset where MESSAGE starts. */
__attribute__((format(printf, 5, 0))) static size_t compose(char *line, size_t cap,
                                                            const struct mx_pos *pos,
                                                            const char *kind, const char *fmt,
                                                            va_list ap, size_t *len_out) {
    size_t len = format_pos(line, cap, pos);
    size_t msg_at = len;
    int k = snprintf(line + len, cap - len, ": %s: ", kind);
    len += (size_t)k;
    /* the message is escaped as a whole: whatever a parser quoted from the input (a
     * zone name, an archive entry's name) reaches the terminal escaped even if it was
     * not excerpted; excerpts pass unchanged (they hold no unsafe byte) */
    char msg[1024];
    k = vsnprintf(msg, sizeof msg, fmt, ap);
    if (k < 0) k = 0;
    size_t n = (size_t)k < sizeof msg ? (size_t)k : sizeof msg - 1, used;
    len += mx_diag_escape(line + len, cap - len - 1, msg, n, &used);
    *len_out = len;
    return msg_at;
}

static void emit_to(struct mx_diag *d, FILE *f, char *line, size_t len) {
    if (!f) return;
    if (d->clear_line) fputs("\r\033[K", f);
    line[len] = '\n';
    fwrite(line, 1, len + 1, f);
}

static void emit(struct mx_diag *d, char *line, size_t len) {
    emit_to(d, d->out, line, len);
}

/* Hands the diagnostic's parts to the annotation callback; line holds "POS: KIND: MSG"
 * with MESSAGE at msg_at + 2 + strlen(kind) + 2, NUL-terminated at len. */
static void annotate(struct mx_diag *d, const struct mx_pos *pos, const char *kind, char *line,
                     size_t len, size_t msg_at) {
    if (!d->annotate) return;
    line[len] = '\0';
    d->annotate(d->annotate_ctx, pos, kind, line + msg_at + 2 + strlen(kind) + 2);
}

void mx_diag_reject(struct mx_diag *d, const struct mx_pos *pos, enum mx_reason r, const char *fmt,
                    ...) {
    char line[1024];
    size_t len;
    va_list ap;
    va_start(ap, fmt);
    size_t msg_at = compose(line, sizeof line - 1, pos, "error", fmt, ap, &len);
    va_end(ap);
    struct mx_input_stat *in = &d->inputs[pos->src];
    in->rejected++;
    in->by_reason[r]++;
    if (d->kept[r] < MX_DIAG_KEEP) {
        d->kept[r]++;
        mx_mem_grow((void **)&d->samples, &d->cap_samples, d->n_samples + 1, sizeof *d->samples);
        struct mx_diag_sample *s = &d->samples[d->n_samples++];
        s->src = pos->src;
        s->reason = r;
        /* "POS: MESSAGE" without the "error:" word */
        size_t kind_len = strlen(": error: ");
        char *t = mx_arena_alloc(&d->arena, len - kind_len + 3);
        memcpy(t, line, msg_at);
        memcpy(t + msg_at, ": ", 2);
        memcpy(t + msg_at + 2, line + msg_at + kind_len, len - msg_at - kind_len);
        t[len - kind_len + 2] = '\0';
        s->text = t;
        s->msg = msg_at + 2;
    }
    emit(d, line, len);
    annotate(d, pos, "error", line, len, msg_at);
}

void mx_diag_warn(struct mx_diag *d, const struct mx_pos *pos, enum mx_warning w, const char *fmt,
                  ...) {
    char line[1024];
    size_t len;
    va_list ap;
    va_start(ap, fmt);
    size_t msg_at = compose(line, sizeof line - 1, pos, "warning", fmt, ap, &len);
    va_end(ap);
    struct mx_input_stat *in = &d->inputs[pos->src];
    in->warnings++;
    in->by_warning[w]++;
    emit(d, line, len);
    annotate(d, pos, "warning", line, len, msg_at);
}

void mx_diag_fail(struct mx_diag *d, const struct mx_pos *pos, const char *fmt, ...) {
    char line[1024];
    size_t len;
    va_list ap;
    va_start(ap, fmt);
    size_t msg_at = compose(line, sizeof line - 1, pos, "error", fmt, ap, &len);
    va_end(ap);
    struct mx_input_stat *in = &d->inputs[pos->src];
    if (!in->failure) {
        size_t skip = msg_at + strlen(": error: ");
        in->failure = mx_arena_strndup(&d->arena, line + skip, len - skip);
        d->failures++;
    }
    emit_to(d, d->out ? d->out : d->fail_out, line, len);
    annotate(d, pos, "error", line, len, msg_at);
}

void mx_diag_excerpt(char *out, size_t cap, const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    size_t k = 0, i = 0;
    out[k++] = '"';
    while (i < n && i < 40 && k + 8 < cap) {
        size_t bad = unsafe(u, n, i), len = bad ? bad : char_len(u, n, i);
        if (!bad && (u[i] == '"' || u[i] == '\\')) bad = len = 1;
        if (k + (bad ? 4 * len : len) + 8 > cap) break;
        k += copy_char(out + k, u + i, len, bad);
        i += len;
    }
    if (i < n) {
        memcpy(out + k, "...", 3);
        k += 3;
    }
    out[k++] = '"';
    out[k] = '\0';
}
