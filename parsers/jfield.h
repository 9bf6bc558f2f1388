/*
 * jfield.h - reading fields of JSON records the same way in every JSON-based format:
 * times (RFC 3339 or epoch), ids (string or integer), optional strings, with the
 * rejection or warning worded once.
 */
#ifndef MX_JFIELD_H
#define MX_JFIELD_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "parsers/json_simd.h"
#include "parsers/record.h"

/* The keys a record's object is read by, in one walk (mx_jfield_collect): the native
 * schema's fields, then the keys that tell PagerDuty's shapes apart. */
enum mx_jkey {
    MX_JK_TIME,
    MX_JK_INCIDENT,
    MX_JK_EVENT,
    MX_JK_SEVERITY,
    MX_JK_CLASS,
    MX_JK_AUTO,
    MX_JK_SERVICE,
    MX_JK_TEAM,
    MX_JK_TITLE,
    MX_JK_ACTOR,
    MX_JK_COMMANDER,
    MX_JK_CHANNEL,
    MX_JK_URL,
    MX_JK_NOTE,
    MX_JK_INTO,
    MX_JK_VIA,
    MX_JK_TYPE,
    MX_JK_LOG_ENTRIES,
    MX_JK_INCIDENTS,
    MX_JK_MESSAGES,
    MX_JK_DATA,
    MX_JK_TIME_ZONE,
    MX_JK_SECONDS_TO_FIRST_ACK,
    MX_JK_SECONDS_TO_RESOLVE,
    MX_JK_LOG_ENTRY,
    MX_JK_INCIDENT_NUMBER,
    MX_JK__COUNT
};

/* An object's values of those keys (the first of a repeated key). */
struct mx_jobj {
    uint64_t seen; /* bit k: key k present */
    struct mx_jval v[MX_JK__COUNT];
    unsigned char t[MX_JK__COUNT]; /* enum mx_jtype of v[k] */
};

/* Reads the keys of obj into o in one walk (o->seen 0 when obj is not an object). */
void mx_jfield_collect(const struct mx_jval *obj, struct mx_jobj *o);
/* The name of key k ("time", "log_entries", ...). */
const char *mx_jfield_key_name(enum mx_jkey k);
/* Whether o has key k with a value of type t. */
static inline bool mx_jfield_has(const struct mx_jobj *o, enum mx_jkey k, enum mx_jtype t) {
    return (o->seen >> k & 1u) && o->t[k] == t;
}

/* Whether o is an object with key, its value of type t (MX_J_NULL: of any type). */
bool mx_jfield_is(const struct mx_jval *o, const char *key, enum mx_jtype t);
/* Whether s is word / ends with suffix, byte for byte. */
static inline bool mx_jfield_eq(struct mx_str s, const char *word) {
    size_t k = strlen(word);
    return s.n == k && (k == 0 || memcmp(s.p, word, k) == 0);
}
static inline bool mx_jfield_ends(struct mx_str s, const char *suffix) {
    size_t k = strlen(suffix);
    return s.n >= k && (k == 0 || memcmp(s.p + s.n - k, suffix, k) == 0);
}

/* "a string", "an array", ... for messages. */
const char *mx_jfield_type_word(enum mx_jtype t);

/* Reads the time at v into *ms for the record; name is the field as shown in messages.
 * Rejects the record (bad_time) when unreadable; warns when it had no zone. */
bool mx_jfield_time(struct mx_record *r, const struct mx_jval *v, const char *name, int64_t *ms);

/* The time at v as mx_jfield_time reads it, with no rejection and no warning (for a
 * value read once already): false when unreadable. */
bool mx_jfield_time_again(const struct mx_record *r, const struct mx_jval *v, int64_t *ms);

/* The optional time at JSON pointer ptr under o into *ms (MX_NO_TIME when absent or
 * null). Returns false only when it is there and unreadable (the record rejected). */
bool mx_jfield_opt_time(struct mx_record *r, const struct mx_jval *o, const char *ptr,
                        const char *name, int64_t *ms);

/* Reads an id: a non-empty string or an integer (written as decimal). Rejects the
 * record when absent (missing_field) or of another type (bad_field). */
bool mx_jfield_id(struct mx_record *r, const struct mx_jval *v, const char *name,
                  struct mx_str *out);

/* The required id at key of o (mx_jfield_id) with ns before it ("incidentio:"), as
 * text valid until the record ends. Rejects the record when absent, empty, of another
 * type, or too long to join. */
bool mx_jfield_key(struct mx_record *r, const struct mx_jval *o, const char *key, const char *ns,
                   struct mx_str *out);
/* The required time at key of o: rejects the record when absent (missing_field), null
 * or unreadable (bad_time). */
bool mx_jfield_req_time(struct mx_record *r, const struct mx_jval *o, const char *key, int64_t *ms);

/* The string at JSON pointer ptr under o, or an empty view when absent, null or not a
 * string. */
struct mx_str mx_jfield_str(const struct mx_jval *o, const char *ptr);

#endif
