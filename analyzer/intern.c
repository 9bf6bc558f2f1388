/*
 * intern.c - interning table (see intern.h): a hash read eight bytes at a time, linear
 * probing, the table doubles at half load.
 */
#include "analyzer/intern.h"

#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"

/* Eight bytes at a time, each word mixed in with a multiply and a shift (SplitMix64's
 * constants), the tail zero-filled; the length seeds it. Ids and names are short: an id
 * like "INC-0001234" takes two steps where a byte-at-a-time hash takes eleven. */
static uint32_t hash(const char *s, size_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    if (i < n) {
        uint64_t w = 0;
        memcpy(&w, s + i, n - i);
        h = (h ^ w) * 0x94D049BB133111EBull;
        h ^= h >> 29;
    }
    h *= 0xBF58476D1CE4E5B9ull;
    return (uint32_t)(h ^ h >> 32);
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
