/*
 * intern.h - string interning: equal byte strings get one id and one copy.
 *
 * Ids are dense, starting at 1 (0 means "no string"). Copies live in the table's own
 * arena and are NUL-terminated (a string holding a NUL byte keeps its full length).
 */
#ifndef MX_INTERN_H
#define MX_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "parsers/arena.h"
#include "parsers/event.h"

struct mx_intern {
    struct mx_arena arena;
    uint32_t *slots;     /* open addressing: id or 0 */
    size_t n_slots;      /* power of two */
    struct mx_str *strs; /* strs[id] */
    uint32_t *hashes;    /* hashes[id] */
    size_t count, cap;   /* ids 1..count */
};

void mx_intern_init(struct mx_intern *t);
/* Releases the table and every copy. Accepts NULL. */
void mx_intern_free(struct mx_intern *t);
/* The id of s[0..n), adding a copy when new. *added (may be NULL) tells which. */
uint32_t mx_intern_put(struct mx_intern *t, const char *s, size_t n, int *added);
/* The id of s[0..n), or 0 when it was never put. */
uint32_t mx_intern_find(const struct mx_intern *t, const char *s, size_t n);
/* The string of an id (1..count); NULL pointer for id 0. */
static inline struct mx_str mx_intern_str(const struct mx_intern *t, uint32_t id) {
    struct mx_str none = {NULL, 0};
    return id ? t->strs[id] : none;
}

#endif
