/*
 * sevmap.c - the severity mapping table (see sevmap.h). A small linear table: it
 * holds a few dozen labels at most.
 */
#include "parsers/sevmap.h"

#include <stdio.h>
#include <string.h>

void mx_sevmap_default(struct mx_sevmap *m) {
    m->n = 0;
    static const char *const p[5] = {"p1", "p2", "p3", "p4", "p5"};
    for (int i = 0; i < 5; i++)
        mx_sevmap_set(m, p[i], 2, i < 4 ? (enum mx_severity)(i + 1) : MX_SEV_4);
}

static bool same(const char *label, const char *s, size_t n) {
    size_t i = 0;
    for (; i < n && label[i]; i++)
        if (label[i] != mx_event_lower((unsigned char)s[i])) return false;
    return i == n && label[i] == '\0';
}

bool mx_sevmap_set(struct mx_sevmap *m, const char *label, size_t n, enum mx_severity sev) {
    if (n == 0 || n >= sizeof m->e[0].label) return false;
    size_t i = 0;
    while (i < m->n && !same(m->e[i].label, label, n)) i++;
    if (i == m->n) {
        if (m->n == MX_SEVMAP_MAX) return false;
        m->n++;
    }
    for (size_t k = 0; k < n; k++) m->e[i].label[k] = (char)mx_event_lower((unsigned char)label[k]);
    m->e[i].label[n] = '\0';
    m->e[i].sev = sev;
    return true;
}

/* SEV1..SEV4, sev1, SEV-1, 1..4. */
static bool fixed(const char *s, size_t n, enum mx_severity *out) {
    size_t skip = 0;
    if (n >= 4 && mx_event_lower((unsigned char)s[0]) == 's' &&
        mx_event_lower((unsigned char)s[1]) == 'e' && mx_event_lower((unsigned char)s[2]) == 'v')
        skip = (n >= 5 && s[3] == '-') ? 4 : 3;
    if (n - skip == 1 && s[skip] >= '1' && s[skip] <= '4') {
        *out = (enum mx_severity)(s[skip] - '0');
        return true;
    }
    return false;
}

bool mx_sevmap_lookup(const struct mx_sevmap *m, const char *s, size_t n, enum mx_severity *out) {
    if (fixed(s, n, out)) return true;
    for (size_t i = 0; i < m->n; i++) {
        if (same(m->e[i].label, s, n)) {
            *out = m->e[i].sev;
            return true;
        }
    }
    return false;
}

bool mx_sevmap_urgency(const struct mx_sevmap *m, const char *s, size_t n, enum mx_severity *out) {
    char key[48];
    if (n + 8 >= sizeof key) return false;
    memcpy(key, "urgency.", 8);
    memcpy(key + 8, s, n);
    for (size_t i = 0; i < m->n; i++) {
        if (same(m->e[i].label, key, n + 8)) {
            *out = m->e[i].sev;
            return true;
        }
    }
    return false;
}
