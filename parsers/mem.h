/*
 * mem.h - allocation that never returns NULL. Running out of memory is fatal in exactly
 * one place, mx_mem_oom: one message on stderr, exit status 1 (cmark's xcalloc), so
 * callers need no checks. Every allocation of the program goes through here, or through
 * a library whose failure is reported to mx_mem_oom.
 */
#ifndef MX_MEM_H
#define MX_MEM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Prints "mttx: out of memory (allocating N bytes)" (without the size when n is 0:
 * a library that does not say) and exits with status 1. */
__attribute__((noreturn)) void mx_mem_oom(size_t n);

/* malloc/calloc/realloc that call mx_mem_oom instead of returning NULL. */
void *mx_mem_malloc(size_t n);
void *mx_mem_calloc(size_t count, size_t size);
void *mx_mem_realloc(void *p, size_t n);

/* mx_mem_grow's slow path: the array must grow. */
void mx_mem_grow_slow(void **p, size_t *cap, size_t need, size_t elem);

/* Grows *p (an array of *cap elements of size elem) so that it holds at least need
 * elements; doubles, never shrinks. Inline: it is called for every line and event, and
 * almost always has room. */
static inline void mx_mem_grow(void **p, size_t *cap, size_t need, size_t elem) {
    if (need > *cap) mx_mem_grow_slow(p, cap, need, elem);
}

#ifdef __cplusplus
}
#endif

#endif
