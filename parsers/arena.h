/*
 * arena.h - bump allocators for strings that live as long as their owner.
 *
 * Arenas hold interned strings (analyzer/intern.c) and the diagnostics sink's paths
 * and kept messages. Arena memory is never free()d piecemeal: mx_arena_free()
 * releases every block at once. Allocation never returns NULL (parsers/mem.h).
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

void mx_arena_init(struct mx_arena *a);
/* Releases every block; the arena is empty and reusable afterwards. Accepts NULL. */
void mx_arena_free(struct mx_arena *a);

/* n bytes aligned for any type; valid until the arena is reset or freed. */
void *mx_arena_alloc(struct mx_arena *a, size_t n);
/* Copies s[0..n) and appends a NUL; the copy is owned by the arena. */
char *mx_arena_strndup(struct mx_arena *a, const char *s, size_t n);

#endif
