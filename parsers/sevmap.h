/*
 * sevmap.h - the severity mapping: source labels (PagerDuty priority names, urgencies,
 * free text) to SEV1..SEV4.
 *
 * SEV1..SEV4, sev1, SEV-1 and 1..4 always read as themselves. Other labels go through
 * the table, matched ASCII case-insensitively; urgencies are looked up as
 * "urgency.VALUE". The default table is the process document's: P1-P4 -> SEV1-SEV4,
 * P5 -> SEV4, urgencies unmapped (an incident with neither stays unassigned; nothing
 * is guessed from a label's text). The config file's [severity] section replaces or
 * adds entries.
 */
#ifndef MX_SEVMAP_H
#define MX_SEVMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "parsers/event.h"

#define MX_SEVMAP_MAX 64

struct mx_sevmap {
    size_t n;
    struct {
        char label[48]; /* lower-case */
        enum mx_severity sev;
    } e[MX_SEVMAP_MAX];
};

/* The default table. */
void mx_sevmap_default(struct mx_sevmap *m);
/* Adds or replaces label -> sev. Returns false when the table is full or the label
 * too long (47 bytes). */
bool mx_sevmap_set(struct mx_sevmap *m, const char *label, size_t n, enum mx_severity sev);
/* Reads a severity label: the fixed forms, then the table. Returns false when unknown. */
bool mx_sevmap_lookup(const struct mx_sevmap *m, const char *s, size_t n, enum mx_severity *out);
/* Looks up "urgency.VALUE". Returns false when the urgency is unmapped. */
bool mx_sevmap_urgency(const struct mx_sevmap *m, const char *s, size_t n, enum mx_severity *out);

#endif
