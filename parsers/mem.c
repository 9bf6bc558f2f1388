/*
 * mem.c - allocation that cannot fail, and the one place where running out of memory
 * ends the program (see mem.h).
 */
#include "parsers/mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

void mx_mem_oom(size_t n) {
    if (n)
        fprintf(stderr, "mttx: out of memory (allocating %zu bytes)\n", n);
    else
        fputs("mttx: out of memory\n", stderr);
    exit(1);
}

void *mx_mem_malloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) mx_mem_oom(n);
    return p;
}

void *mx_mem_calloc(size_t count, size_t size) {
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) mx_mem_oom(count * size);
    return p;
}

void *mx_mem_realloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) mx_mem_oom(n);
    return q;
}

void mx_mem_grow_slow(void **p, size_t *cap, size_t need, size_t elem) {
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem) mx_mem_oom(SIZE_MAX);
        n *= 2;
    }
    *p = mx_mem_realloc(*p, n * elem);
    *cap = n;
}
