/*
 * anonymize.h - --anonymize: every person's name replaced by a stable pseudonym
 * ("responder-1", "responder-2", ...) in every string the outputs show
 * (docs/spec.md#anonymized-outputs).
 *
 * People are whom the on-call load would count (analyzer/oncall.h), in every incident
 * read, in the window or not: the actor of any event but a detection, a start, an
 * automatic resolution or one the source says a service or integration did; the person
 * paged; the commander a commander_assigned event names. Names are people's exactly as
 * written ("Alice" and "alice" are two). They are numbered by first appearance in time
 * order over every timeline (earliest event first; equal instants in timeline order,
 * then event order), so the same data gives the same pseudonyms.
 *
 * In every string (an actor, a title, a note, a PagerDuty summary "Notified Zoe Fairchild
 * by SMS") each occurrence of a name that stands as a word - neither preceded nor
 * followed by an ASCII letter, digit, '_' or a non-ASCII byte - is replaced, ASCII case
 * folded, the longest name first (among names equal but for case, the one written so,
 * else the one numbered first). A name written otherwise (a first name alone, a
 * nickname) is not known to be a name and stays.
 */
#ifndef MX_ANONYMIZE_H
#define MX_ANONYMIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyzer/intern.h"
#include "analyzer/timeline.h"

struct mx_anonymize {
    struct mx_intern names; /* the real names; id - 1 indexes number */
    uint32_t *number;       /* the pseudonym's number of each name (1 ...) */
    uint32_t *order;        /* name ids by folded first byte, then longest first */
    uint32_t start[257];    /* order[start[c] .. start[c + 1]): names whose first byte folds to c */
    char *buf;              /* scratch of mx_anonymize_timelines */
    size_t cap;
};

/* Finds and numbers the people of tl (finished, rules applied). */
void mx_anonymize_init(struct mx_anonymize *a, const struct mx_timelines *tl);
/* Releases a. Accepts NULL. */
void mx_anonymize_free(struct mx_anonymize *a);
/* How many people were found. */
size_t mx_anonymize_people(const struct mx_anonymize *a);

/* Replaces the names in every string of tl (mx_timeline_map_strings). */
void mx_anonymize_timelines(struct mx_anonymize *a, struct mx_timelines *tl);

/* s[0..n) with every name replaced, into *buf (grown with mx_mem_grow; the caller frees
 * it), NUL-terminated; returns the length. */
size_t mx_anonymize_text(const struct mx_anonymize *a, const char *s, size_t n, char **buf,
                         size_t *cap);

/* The same for a diagnostic's message (parsers/diag.h): a quoted excerpt cut short in
 * a name ("... when Zo\xc3\xab Fai...") loses what is left of it too. */
size_t mx_anonymize_message(const struct mx_anonymize *a, const char *s, size_t n, char **buf,
                            size_t *cap);

/* The pseudonym of a name exactly as in the data ("responder-3") into out (cap >= 24);
 * false, out untouched, when name is nobody's. */
bool mx_anonymize_pseudonym(const struct mx_anonymize *a, const char *name, size_t n, char *out,
                            size_t cap);

#endif
