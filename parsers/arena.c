/*
 * arena.c - chunked bump allocator (see arena.h). Blocks grow geometrically up to
 * 1 MiB; a request larger than a block gets a block of its own.
 */
#include "parsers/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"

struct mx_arena_block {
    struct mx_arena_block *next;
    size_t size;
    max_align_t data[]; /* size bytes follow */
};

#define MIN_BLOCK ((size_t)4096)
#define MAX_BLOCK ((size_t)1 << 20)

void mx_arena_init(struct mx_arena *a) {
    a->head = NULL;
    a->used = 0;
    a->total = 0;
}

void mx_arena_free(struct mx_arena *a) {
    if (!a) return;
    struct mx_arena_block *b = a->head;
    while (b) {
        struct mx_arena_block *next = b->next;
        free(b);
        b = next;
    }
    mx_arena_init(a);
}

void *mx_arena_alloc(struct mx_arena *a, size_t n) {
    const size_t align = sizeof(max_align_t);
    n = (n + align - 1) & ~(align - 1);
    if (!a->head || a->head->size - a->used < n) {
        size_t size = a->head ? a->head->size * 2 : MIN_BLOCK;
        if (size > MAX_BLOCK) size = MAX_BLOCK;
        if (size < n) size = n;
        struct mx_arena_block *b = mx_mem_malloc(sizeof *b + size);
        b->size = size;
        if (a->head && a->head->size - a->used >= MIN_BLOCK && n > MIN_BLOCK) {
            /* a huge request: keep filling the current block afterwards */
            b->next = a->head->next;
            a->head->next = b;
            a->total += n;
            return b->data;
        }
        b->next = a->head;
        a->head = b;
        a->used = 0;
    }
    void *p = (char *)a->head->data + a->used;
    a->used += n;
    a->total += n;
    return p;
}

char *mx_arena_strndup(struct mx_arena *a, const char *s, size_t n) {
    char *p = mx_arena_alloc(a, n + 1);
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
