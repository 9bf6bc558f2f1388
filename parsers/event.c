/*
 * event.c - names of event types, severities and classes, and their parsing.
 */
#include "parsers/event.h"

#include <string.h>

static const char *const type_names[MX_EV__COUNT] = {
    "started",
    "detected",
    "acknowledged",
    "unacknowledged",
    "severity_changed",
    "commander_assigned",
    "escalated",
    "status_update",
    "war_room_opened",
    "mitigated",
    "resolved",
    "reopened",
    "merged",
    "postmortem_published",
    "regulator_notified",
    "note",
    "paged",
};

static const char *const sev_names[MX_SEV__COUNT] = {"unassigned", "SEV1", "SEV2", "SEV3", "SEV4"};

static const char *const class_names[MX_CLASS__COUNT] = {"availability", "data", "security"};

const char *mx_event_type_name(enum mx_evtype t) {
    return (unsigned)t < MX_EV__COUNT ? type_names[t] : "note";
}

const char *mx_event_severity_name(enum mx_severity s) {
    return (unsigned)s < MX_SEV__COUNT ? sev_names[s] : "unassigned";
}

const char *mx_event_class_name(enum mx_class c) {
    return (unsigned)c < MX_CLASS__COUNT ? class_names[c] : "availability";
}

/* ASCII case-insensitive equality of s[0..n) and the NUL-terminated word. */
static bool eq(const char *s, size_t n, const char *word) {
    size_t i = 0;
    for (; i < n && word[i]; i++)
        if (mx_event_lower((unsigned char)s[i]) != word[i]) return false;
    return i == n && word[i] == '\0';
}

/* The lengths of type_names, so that a name is compared only with those of its length. */
static const unsigned char type_lens[MX_EV__COUNT] = {7, 8, 12, 14, 16, 18, 9, 13, 15,
                                                      9, 8, 8,  6,  20, 18, 4, 5};

bool mx_event_type_parse(const char *s, size_t n, enum mx_evtype *out) {
    for (int t = 0; t < MX_EV__COUNT; t++) { /* as written (lower case) first */
        if (n == type_lens[t] && memcmp(s, type_names[t], n) == 0) {
            *out = (enum mx_evtype)t;
            return true;
        }
    }
    for (int t = 0; t < MX_EV__COUNT; t++) {
        if (n == type_lens[t] && eq(s, n, type_names[t])) {
            *out = (enum mx_evtype)t;
            return true;
        }
    }
    if (eq(s, n, "triggered") || eq(s, n, "alert")) {
        *out = MX_EV_DETECTED;
        return true;
    }
    return false;
}

static const char *const via_names[MX_VIA__COUNT] = {"", "phone", "sms", "push", "email"};

const char *mx_event_via_name(enum mx_via v) {
    return (unsigned)v < MX_VIA__COUNT ? via_names[v] : "";
}

bool mx_event_via_parse(const char *s, size_t n, enum mx_via *out) {
    for (int v = 1; v < MX_VIA__COUNT; v++) {
        if (eq(s, n, via_names[v])) {
            *out = (enum mx_via)v;
            return true;
        }
    }
    if (eq(s, n, "push_notification")) {
        *out = MX_VIA_PUSH;
        return true;
    }
    return false;
}

bool mx_event_class_parse(const char *s, size_t n, enum mx_class *out) {
    for (int c = 0; c < MX_CLASS__COUNT; c++) {
        if (eq(s, n, class_names[c])) {
            *out = (enum mx_class)c;
            return true;
        }
    }
    return false;
}
