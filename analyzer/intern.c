/*
 * intern.c - interning table (see intern.h): FNV-1a hashes, linear probing, the table
 * doubles at half load.
 */
#include "analyzer/intern.h"

#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"

static uint32_t hash(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

void mx_intern_init(struct mx_intern *t) {
    memset(t, 0, sizeof *t);
    mx_arena_init(&t->arena);
    t->n_slots = 1024;
    t->slots = mx_mem_calloc(t->n_slots, sizeof *t->slots);
}

void mx_intern_free(struct mx_intern *t) {
    if (!t) return;
    free(t->slots);
    free(t->strs);
    free(t->hashes);
    mx_arena_free(&t->arena);
    memset(t, 0, sizeof *t);
}

static size_t probe(const struct mx_intern *t, const char *s, size_t n, uint32_t h) {
    size_t mask = t->n_slots - 1, i = h & mask;
    while (t->slots[i]) {
        uint32_t id = t->slots[i];
        if (t->hashes[id] == h && t->strs[id].n == n && memcmp(t->strs[id].p, s, n) == 0) return i;
        i = (i + 1) & mask;
    }
    return i;
}

static void rehash(struct mx_intern *t) {
    free(t->slots);
    t->n_slots *= 2;
    t->slots = mx_mem_calloc(t->n_slots, sizeof *t->slots);
    size_t mask = t->n_slots - 1;
    for (uint32_t id = 1; id <= t->count; id++) {
        size_t i = t->hashes[id] & mask;
        while (t->slots[i]) i = (i + 1) & mask;
        t->slots[i] = id;
    }
}

uint32_t mx_intern_find(const struct mx_intern *t, const char *s, size_t n) {
    return t->slots[probe(t, s, n, hash(s, n))];
}

uint32_t mx_intern_put(struct mx_intern *t, const char *s, size_t n, int *added) {
    uint32_t h = hash(s, n);
    size_t i = probe(t, s, n, h);
    if (added) *added = 0;
    if (t->slots[i]) return t->slots[i];
    if (added) *added = 1;
    uint32_t id = (uint32_t)++t->count;
    size_t old_cap = t->cap;
    mx_mem_grow((void **)&t->strs, &t->cap, t->count + 1, sizeof *t->strs);
    if (t->cap != old_cap) /* hashes grows in lockstep with strs */
        t->hashes = mx_mem_realloc(t->hashes, t->cap * sizeof *t->hashes);
    t->strs[id].p = mx_arena_strndup(&t->arena, s, n);
    t->strs[id].n = n;
    t->hashes[id] = h;
    t->slots[i] = id;
    if (t->count * 2 > t->n_slots) rehash(t);
    return id;
}
