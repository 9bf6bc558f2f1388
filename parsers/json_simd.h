/*
 * json_simd.h - a small C API over simdjson's DOM parser: the only C++ in the tree sits
 * behind it (parsers/json_simd.cpp).
 *
 * Each parse validates the whole document (RFC 8259, UTF-8) before any value is read:
 * simdjson's On-Demand API validates lazily, and a line with an invalid field we never
 * read must still be rejected. Values (struct mx_jval) point into the parser and are
 * valid until the next mx_json_simd_parse on the same parser.
 *
 * Limits: depth (default 64) and capacity are set per parser. simdjson rejects numbers
 * beyond double range (1e400) and integers beyond 64 bits, which RFC 8259 permits:
 * such documents are rejected as invalid.
 */
#ifndef MX_JSON_SIMD_H
#define MX_JSON_SIMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes after the end of the input that must be readable (not necessarily zero). */
#define MX_JSON_PADDING 64

enum mx_jtype {
    MX_J_NULL,
    MX_J_BOOL,
    MX_J_INT,  /* fits int64_t */
    MX_J_UINT, /* above INT64_MAX */
    MX_J_DOUBLE,
    MX_J_STRING,
    MX_J_ARRAY,
    MX_J_OBJECT
};

struct mx_json_simd; /* opaque: one reusable parser */

/* A value inside the last parsed document; copy freely. */
struct mx_jval {
    uint64_t opaque[2];
};

/* An array or object cursor; see mx_json_simd_array_begin / mx_json_simd_object_begin. */
struct mx_jiter {
    uint64_t opaque[4];
};

/* A parser for documents of up to max_bytes with nesting up to max_depth. Never NULL. */
struct mx_json_simd *mx_json_simd_new(size_t max_bytes, size_t max_depth);
/* Accepts NULL. */
void mx_json_simd_free(struct mx_json_simd *j);

/* Parses buf[0..len); buf[len..len+MX_JSON_PADDING) must be readable. On success
 * returns NULL and sets *root; otherwise returns a static reason ("invalid UTF-8",
 * "nesting deeper than 64 levels", ...). */
const char *mx_json_simd_parse(struct mx_json_simd *j, const char *buf, size_t len,
                               struct mx_jval *root);

enum mx_jtype mx_json_simd_type(const struct mx_jval *v);

/* Object member by key (exact bytes). Returns false if v is not an object or has no
 * such key (the first match wins when a key repeats). */
bool mx_json_simd_get(const struct mx_jval *v, const char *key, struct mx_jval *out);
/* Value at an RFC 6901 JSON pointer ("/event/data/id"). Returns false if absent. */
bool mx_json_simd_pointer(const struct mx_jval *v, const char *ptr, struct mx_jval *out);

/* Typed reads; each returns false when v has another type. Strings are (pointer,
 * length) views, valid UTF-8, possibly containing NUL; not NUL-terminated. */
bool mx_json_simd_string(const struct mx_jval *v, const char **s, size_t *n);
bool mx_json_simd_int64(const struct mx_jval *v, int64_t *out);
bool mx_json_simd_double(const struct mx_jval *v, double *out);
bool mx_json_simd_bool(const struct mx_jval *v, bool *out);

/* A key looked for by mx_json_simd_collect. */
struct mx_jkeyname {
    const char *name;
    size_t len;
};

/* Keys to look for (at most 64, each at most 31 bytes), with the keys of each length. */
struct mx_jkeyset {
    const struct mx_jkeyname *keys;
    int n;
    uint64_t by_len[32];
};
void mx_json_simd_keyset_init(struct mx_jkeyset *ks, const struct mx_jkeyname *keys, int n);

/* One walk of the object v's members: for each key of ks present, its first value into
 * vals[k] and its type into types[k]; other members are passed by. Returns the bit mask
 * of the keys present (0 when v is not an object). */
uint64_t mx_json_simd_collect(const struct mx_jval *v, const struct mx_jkeyset *ks,
                              struct mx_jval *vals, unsigned char *types);

/* Iteration: begin returns false if v is not an array (object). next returns false at
 * the end. Object iteration yields each key as a view and its value. */
bool mx_json_simd_array_begin(const struct mx_jval *v, struct mx_jiter *it);
bool mx_json_simd_array_next(struct mx_jiter *it, struct mx_jval *out);
bool mx_json_simd_object_begin(const struct mx_jval *v, struct mx_jiter *it);
bool mx_json_simd_object_next(struct mx_jiter *it, const char **key, size_t *key_len,
                              struct mx_jval *out);

#ifdef __cplusplus
}
#endif

#endif
