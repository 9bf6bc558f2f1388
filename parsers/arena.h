/*
 * arena.h - bump allocators and the one place where running out of memory is fatal.
 *
 * A run arena holds what lives until exit (interned strings, timelines); a scratch
 * arena is reset after every record. Arena memory is never free()d piecemeal:
 * mx_arena_free() releases every block at once. Allocation never returns NULL: out of
 * memory prints one message and exits (cmark's xcalloc), so callers need no checks.
 */
#ifndef MX_ARENA_H
#define MX_ARENA_H

#include <stddef.h>

struct mx_arena_block;

struct mx_arena {
    struct mx_arena_block *head; /* newest block first */
    size_t used;                 /* bytes used in head */
    size_t total;                /* bytes handed out, for statistics */
};

/* malloc/calloc/realloc that exit(1) with a message instead of returning NULL. */
void *mx_xmalloc(size_t n);
void *mx_xcalloc(size_t count, size_t size);
void *mx_xrealloc(void *p, size_t n);

/* Grows *p (an array of *cap elements of size elem) so that it holds at least need
 * elements; doubles, never shrinks. */
void mx_grow(void **p, size_t *cap, size_t need, size_t elem);

void mx_arena_init(struct mx_arena *a);
/* Releases every block; the arena is empty and reusable afterwards. Accepts NULL. */
void mx_arena_free(struct mx_arena *a);

/* n bytes aligned for any type; valid until the arena is reset or freed. */
void *mx_arena_alloc(struct mx_arena *a, size_t n);
/* Copies s[0..n) and appends a NUL; the copy is owned by the arena. */
char *mx_arena_strndup(struct mx_arena *a, const char *s, size_t n);

#endif
