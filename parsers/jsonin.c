/*
 * jsonin.c - JSON lines and JSON documents (see jsonin.h).
 */
#include "parsers/jsonin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"
#include "parsers/firehydrant.h"
#include "parsers/grafana_oncall.h"
#include "parsers/incidentio.h"
#include "parsers/jfield.h"
#include "parsers/json_simd.h"
#include "parsers/lines.h"
#include "parsers/native.h"
#include "parsers/opsgenie.h"
#include "parsers/pagerduty_json.h"
#include "parsers/rootly.h"
#include "parsers/shape.h"

/* Reads one record of shape s (not a page) into r. */
static void read_shape(struct mx_record *r, enum mx_shape s, const struct mx_jval *v,
                       const struct mx_jobj *f, const char *kind) {
    switch (s) {
    case MX_SHAPE_NATIVE: mx_native_record_of(r, f); break;
    case MX_SHAPE_UNSUPPORTED: mx_record_reject(r, MX_R_UNSUPPORTED, "%s", kind); break;
    case MX_SHAPE_GRAFANA_ONCALL: mx_grafana_oncall_record(r, v); break;
    case MX_SHAPE_FIREHYDRANT: mx_firehydrant_record(r, v); break;
    case MX_SHAPE_ROOTLY: mx_rootly_record(r, v); break;
    case MX_SHAPE_OPSGENIE_ALERT: mx_opsgenie_record(r, MX_OPSGENIE_ALERT, v); break;
    case MX_SHAPE_OPSGENIE_LOG: mx_opsgenie_record(r, MX_OPSGENIE_LOG, v); break;
    case MX_SHAPE_OPSGENIE_INCIDENT: mx_opsgenie_record(r, MX_OPSGENIE_INCIDENT, v); break;
    case MX_SHAPE_INCIDENTIO: mx_incidentio_record(r, v, r->incidentio); break;
    default: mx_pagerduty_json_record(r, s, v); break;
    }
}

/* One record: a value of some shape, at pos; an object's keys already read when f is
 * not NULL (then its shape is shape and its kind known_kind). */
static void one_record(struct mx_reader *rd, const struct mx_pos *pos, const struct mx_jval *v,
                       bool in_page, const struct mx_jobj *f, enum mx_shape shape,
                       const char *known_kind) {
    struct mx_record *r = &rd->rec;
    mx_record_begin(r, pos);
    enum mx_jtype t = f ? MX_J_OBJECT : mx_json_simd_type(v);
    struct mx_jval items;
    struct mx_jobj own;
    const char *kind = known_kind;
    if (t != MX_J_OBJECT) {
        mx_record_reject(r, MX_R_NOT_OBJECT, "expected a JSON object, got %s",
                         mx_jfield_type_word(t));
    } else {
        if (!f) {
            mx_jfield_collect(v, &own);
            f = &own;
            shape = mx_shape_of(v, f, &items, &kind);
        }
        if (shape == MX_SHAPE_PAGE && in_page)
            mx_record_reject(r, MX_R_NOT_OBJECT, "a page inside a page");
        else
            read_shape(r, shape, v, f, kind);
        r->kind = mx_shape_kind(shape);
    }
    mx_record_end(r);
}

/* Every element of a page or array is a record at LINE#INDEX (a single "data" object
 * is the page's one record). */
static void elements(struct mx_reader *rd, const struct mx_pos *pos, const struct mx_jval *arr) {
    struct mx_jiter it;
    struct mx_jval v;
    struct mx_pos p = *pos;
    p.index = 0;
    if (mx_json_simd_type(arr) == MX_J_OBJECT) {
        one_record(rd, &p, arr, true, NULL, MX_SHAPE_NATIVE, NULL);
        return;
    }
    mx_json_simd_array_begin(arr, &it);
    while (mx_json_simd_array_next(&it, &v)) {
        one_record(rd, &p, &v, true, NULL, MX_SHAPE_NATIVE, NULL);
        p.index++;
    }
}

/* A page's "time_zone" applies to its offset-less times while its elements are read. */
static void page(struct mx_reader *rd, const struct mx_pos *pos, const struct mx_jval *obj,
                 const struct mx_jval *items) {
    struct mx_str name = mx_pagerduty_json_page_zone(obj);
    struct mx_zone *z = NULL;
    if (name.n) {
        char buf[128];
        snprintf(buf, sizeof buf, "%.*s", (int)(name.n < 127 ? name.n : 127), name.p);
        const char *why = mx_tz_open(buf, &z);
        if (why)
            mx_record_warn_at(&rd->rec, pos, MX_W_IGNORED_FIELD, "time_zone \"%s\": %s (ignored)",
                              buf, why);
    }
    const struct mx_zone *saved = rd->rec.zone;
    if (z) {
        rd->rec.zone = z;
        rd->rec.zone_declared = true;
    }
    /* a page's own address names what its elements are about (an Opsgenie log page) */
    rd->rec.page_link = mx_jfield_str(obj, "/paging/first");
    if (!rd->rec.page_link.n) rd->rec.page_link = mx_jfield_str(obj, "/paging/next");
    elements(rd, pos, items);
    rd->rec.page_link = (struct mx_str){NULL, 0};
    rd->rec.zone = saved;
    rd->rec.zone_declared = false;
    mx_tz_free(z);
}

/* A parsed value: a page's elements, a bare array's elements (documents only), or
 * one record. */
static void value(struct mx_reader *rd, const struct mx_pos *pos, const struct mx_jval *v,
                  bool document) {
    struct mx_jval items;
    const char *kind = NULL;
    enum mx_jtype t = mx_json_simd_type(v);
    if (t != MX_J_OBJECT) {
        if (document && t == MX_J_ARRAY)
            elements(rd, pos, v);
        else
            one_record(rd, pos, v, false, NULL, MX_SHAPE_NATIVE, NULL);
        return;
    }
    struct mx_jobj f; /* the object's keys, read once for its shape and its fields */
    mx_jfield_collect(v, &f);
    enum mx_shape shape = mx_shape_of(v, &f, &items, &kind);
    if (shape == MX_SHAPE_PAGE)
        page(rd, pos, v, &items);
    else
        one_record(rd, pos, v, false, &f, shape, kind);
}

/* One line: a JSON value (a native event, a PagerDuty object, a page). */
static bool json_line(struct mx_reader *rd, const struct mx_pos *pos, const char *p, size_t n,
                      void *ctx) {
    (void)ctx;
    struct mx_jval root;
    const char *why = mx_json_simd_parse(rd->json, p, n, &root);
    if (why) {
        mx_record_begin(&rd->rec, pos);
        mx_record_reject(&rd->rec, MX_R_INVALID_JSON, "invalid JSON: %s", why);
        mx_record_end(&rd->rec);
        return true;
    }
    value(rd, pos, &root, false);
    return true;
}

int mx_jsonin_lines(struct mx_reader *rd, struct mx_stream *s, uint32_t src) {
    return mx_input_lines_parallel(rd, s, src, json_line, NULL);
}

int mx_jsonin_document(struct mx_reader *rd, struct mx_stream *s, uint32_t src) {
    struct mx_pos pos = {rd->diag->inputs[src].path, src, 1, -1};
    size_t cap = 1 << 16, n = 0;
    if (cap > rd->opts.json_doc_max) cap = rd->opts.json_doc_max;
    char *buf = mx_mem_malloc(cap + MX_JSON_PADDING);
    int rc = 0;
    size_t max = rd->opts.json_doc_max;
    for (;;) {
        if (n == cap && cap < max) {
            cap = cap * 2 < max ? cap * 2 : max;
            buf = mx_mem_realloc(buf, cap + MX_JSON_PADDING);
        }
        char probe;
        long got = n < cap ? mx_stream_read(s, buf + n, cap - n) : mx_stream_read(s, &probe, 1);
        if (got < 0) {
            mx_diag_fail(rd->diag, &pos, "%s", mx_stream_error(s));
            rc = -1;
            break;
        }
        if (got == 0) break;
        if (n == cap) { /* full, and there is more */
            mx_diag_fail(rd->diag, &pos, "JSON document larger than %zu bytes (limit)", max);
            free(buf);
            return -1;
        }
        n += (size_t)got;
    }
    memset(buf + n, 0, MX_JSON_PADDING);
    size_t start = 0;
    if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) start = 3;
    for (size_t i = start;
         i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'); i++)
        if (buf[i] == '\n') pos.line++;
    if (rc == 0 && !mx_lines_blank(buf + start, n - start)) {
        struct mx_json_simd *doc = mx_json_simd_new(rd->opts.json_doc_max, rd->opts.json_depth);
        struct mx_jval root;
        const char *why = mx_json_simd_parse(doc, buf + start, n - start, &root);
        if (memchr(buf + start, '\0', n - start)) why = "NUL byte in the document";
        if (why) {
            mx_record_begin(&rd->rec, &pos);
            mx_record_reject(&rd->rec, MX_R_INVALID_JSON, "invalid JSON document: %s", why);
            mx_record_end(&rd->rec);
        } else {
            value(rd, &pos, &root, true);
        }
        mx_json_simd_free(doc);
    }
    free(buf);
    return rc;
}

static bool space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool mx_jsonin_is_document(const char *head, size_t n) {
    size_t i = 0;
    if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < n && space(head[i])) i++;
    if (i == n || (head[i] != '{' && head[i] != '[')) return false;
    const char *nl = memchr(head + i, '\n', n - i);
    /* one line only (or longer than the peek): a bare array is a document, an object
     * a JSON line */
    if (!nl) return head[i] == '[';
    const char *rest = nl + 1;
    while (rest < head + n && space(*rest)) rest++;
    if (rest == head + n && head[i] == '[') return true;
    /* pretty-printed: the first line opens a structure it does not close ("{",
     * "{\"log_entries\": [", "\"a\": 1,") */
    const char *end = nl;
    while (end > head + i && space(end[-1])) end--;
    char last = end[-1];
    return last == '{' || last == '[' || last == ',' || last == ':';
}
