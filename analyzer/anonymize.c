/*
 * anonymize.c - pseudonyms for people (see anonymize.h).
 */
#define _GNU_SOURCE /* memmem */
#include "analyzer/anonymize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"

/* Where a name was first seen: the earliest instant, and the visit that found it. */
struct first {
    int64_t t;
    uint64_t seq;
};

struct finder {
    struct mx_anonymize *a;
    struct first *first; /* per name id - 1 */
    size_t cap;
    uint64_t seq;
};

/* A byte that continues a word: a name must not be part of a longer one. */
static bool wordy(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c >= 0x80;
}

/* A name is a person's only if something in it could be a word (not "-" or " "). */
static bool nameable(struct mx_str s) {
    for (size_t i = 0; i < s.n; i++)
        if (wordy((unsigned char)s.p[i])) return true;
    return false;
}

static void see(struct finder *f, struct mx_str name, int64_t t) {
    if (!name.n || !nameable(name)) return;
    int added;
    uint32_t id = mx_intern_put(&f->a->names, name.p, name.n, &added);
    mx_mem_grow((void **)&f->first, &f->cap, id, sizeof *f->first);
    struct first *x = &f->first[id - 1];
    f->seq++;
    if (added || t < x->t) x->t = t, x->seq = f->seq;
}

/* A name to sort: by first appearance (key.t, key.seq), or for matching by its folded
 * first byte and length, longest first. */
struct sortable {
    struct first key;
    uint32_t id, len;
    int c;
};

static int cmp_first(const void *p, const void *q) {
    const struct sortable *x = p, *y = q;
    if (x->key.t != y->key.t) return x->key.t < y->key.t ? -1 : 1;
    return (x->key.seq > y->key.seq) - (x->key.seq < y->key.seq);
}

static int cmp_match(const void *p, const void *q) {
    const struct sortable *x = p, *y = q;
    if (x->c != y->c) return x->c - y->c;
    if (x->len != y->len) return x->len > y->len ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

void mx_anonymize_init(struct mx_anonymize *a, const struct mx_timelines *tl) {
    memset(a, 0, sizeof *a);
    mx_intern_init(&a->names);
    struct finder f = {a, NULL, 0, 0};
    size_t nt = mx_timeline_count(tl);
    for (size_t i = 0; i < nt; i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        for (uint32_t k = 0; k < t->count; k++) {
            const struct mx_entry *e = mx_timeline_entry(tl, t->first + k);
            uint32_t cmd = mx_timeline_commander(tl, t->first + k);
            if (cmd) see(&f, mx_timeline_string(tl, cmd), e->t);
            if (e->type == MX_EV_DETECTED || e->type == MX_EV_STARTED ||
                (e->flags & MX_ENTRY_AUTO) || e->system)
                continue;
            if (e->actor) see(&f, mx_timeline_string(tl, e->actor), e->t);
        }
    }
    size_t n = a->names.count;
    struct sortable *v = mx_mem_malloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        struct mx_str name = mx_intern_str(&a->names, (uint32_t)i + 1);
        v[i] = (struct sortable){f.first[i], (uint32_t)i + 1, (uint32_t)name.n,
                                 mx_event_lower((unsigned char)name.p[0])};
    }
    qsort(v, n, sizeof *v, cmp_first);
    a->number = mx_mem_malloc((n ? n : 1) * sizeof *a->number);
    for (size_t i = 0; i < n; i++) a->number[v[i].id - 1] = (uint32_t)i + 1;
    qsort(v, n, sizeof *v, cmp_match);
    a->order = mx_mem_malloc((n ? n : 1) * sizeof *a->order);
    for (size_t i = 0; i < n; i++) a->order[i] = v[i].id;
    size_t k = 0;
    for (int c = 0; c <= 256; c++) {
        while (k < n && v[k].c < c) k++;
        a->start[c] = (uint32_t)k;
    }
    free(v);
    free(f.first);
}

void mx_anonymize_free(struct mx_anonymize *a) {
    if (!a) return;
    mx_intern_free(&a->names);
    free(a->number);
    free(a->order);
    free(a->buf);
    memset(a, 0, sizeof *a);
}

size_t mx_anonymize_people(const struct mx_anonymize *a) {
    return a->names.count;
}

/* Whether name occurs in s at i as a word, ASCII case folded. */
static bool word_at(const char *s, size_t n, size_t i, struct mx_str name) {
    if (name.n > n - i) return false;
    for (size_t j = 0; j < name.n; j++)
        if (mx_event_lower((unsigned char)s[i + j]) != mx_event_lower((unsigned char)name.p[j]))
            return false;
    return i + name.n == n || !wordy((unsigned char)s[i + name.n]);
}

static void put(char **buf, size_t *cap, size_t *len, const char *s, size_t n) {
    mx_mem_grow((void **)buf, cap, *len + n + 1, 1);
    memcpy(*buf + *len, s, n);
    *len += n;
}

/* The name at s[i] as a word: the longest; among names equal but for ASCII case, the
 * one written so, else the one numbered first. 0 when none. */
static uint32_t name_at(const struct mx_anonymize *a, const char *s, size_t n, size_t i) {
    int c = mx_event_lower((unsigned char)s[i]);
    uint32_t best = 0;
    size_t best_n = 0;
    bool exact = false;
    for (uint32_t k = a->start[c]; k < a->start[c + 1]; k++) {
        uint32_t id = a->order[k];
        struct mx_str name = mx_intern_str(&a->names, id);
        if (best && name.n < best_n) break; /* longest first: only as long ones compete */
        if (!word_at(s, n, i, name)) continue;
        bool ex = memcmp(s + i, name.p, name.n) == 0;
        if (!best || (ex && !exact) || (ex == exact && a->number[id - 1] < a->number[best - 1]))
            best = id, best_n = name.n, exact = ex;
    }
    return best;
}

/* A name cut short at s[i..j) (j: where a diagnostic's excerpt ends with '..."'), at least
 * two bytes of it: the name numbered first that begins so, ASCII case folded. 0 when
 * none. */
static uint32_t cut_name_at(const struct mx_anonymize *a, const char *s, size_t i, size_t j) {
    if (j < i + 2) return 0;
    int c = mx_event_lower((unsigned char)s[i]);
    uint32_t best = 0;
    for (uint32_t k = a->start[c]; k < a->start[c + 1]; k++) {
        uint32_t id = a->order[k];
        struct mx_str name = mx_intern_str(&a->names, id);
        if (name.n <= j - i) continue;
        size_t x = 0;
        while (x < j - i &&
               mx_event_lower((unsigned char)s[i + x]) == mx_event_lower((unsigned char)name.p[x]))
            x++;
        if (x == j - i && (!best || a->number[id - 1] < a->number[best - 1])) best = id;
    }
    return best;
}

static size_t replace(const struct mx_anonymize *a, const char *s, size_t n, char **buf,
                      size_t *cap, bool cut) {
    size_t len = 0, copied = 0;
    const char *end = NULL; /* the next '..."' (cut) */
    bool ends = cut;        /* whether there may be one further on */
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && wordy((unsigned char)s[i - 1])) continue;
        uint32_t id = name_at(a, s, n, i);
        size_t taken = id ? mx_intern_str(&a->names, id).n : 0;
        if (!id && ends) {
            if (!end || end < s + i) end = memmem(s + i, n - i, "...\"", 4);
            ends = end != NULL;
            if (end && (id = cut_name_at(a, s, i, (size_t)(end - s))))
                taken = (size_t)(end - s) - i;
        }
        if (!id) continue;
        char pseudo[32];
        int pn = snprintf(pseudo, sizeof pseudo, "responder-%u", (unsigned)a->number[id - 1]);
        put(buf, cap, &len, s + copied, i - copied);
        put(buf, cap, &len, pseudo, (size_t)pn);
        copied = i + taken;
        i = copied - 1;
    }
    put(buf, cap, &len, s + copied, n - copied);
    (*buf)[len] = '\0';
    return len;
}

size_t mx_anonymize_text(const struct mx_anonymize *a, const char *s, size_t n, char **buf,
                         size_t *cap) {
    return replace(a, s, n, buf, cap, false);
}

size_t mx_anonymize_message(const struct mx_anonymize *a, const char *s, size_t n, char **buf,
                            size_t *cap) {
    return replace(a, s, n, buf, cap, true);
}

bool mx_anonymize_pseudonym(const struct mx_anonymize *a, const char *name, size_t n, char *out,
                            size_t cap) {
    uint32_t id = n ? mx_intern_find(&a->names, name, n) : 0;
    if (!id) return false;
    snprintf(out, cap, "responder-%u", (unsigned)a->number[id - 1]);
    return true;
}

static void map_one(void *ctx, struct mx_str s, struct mx_str *out) {
    struct mx_anonymize *a = ctx;
    out->n = mx_anonymize_text(a, s.p, s.n, &a->buf, &a->cap);
    out->p = a->buf;
}

void mx_anonymize_timelines(struct mx_anonymize *a, struct mx_timelines *tl) {
    mx_timeline_map_strings(tl, map_one, a);
}
