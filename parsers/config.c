/*
 * config.c - the configuration file (see config.h). inih calls back per key; the
 * first problem is kept with its line (inih reports the line of the first handler
 * failure).
 */
#define _DEFAULT_SOURCE /* strtok_r, strncasecmp */
#include "parsers/config.h"

#include <errno.h>
#include <iconv.h>
#include <ini.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parsers/mem.h"
#include "parsers/times.h"
#include "parsers/tz.h"

void mx_config_default(struct mx_config *c) {
    memset(c, 0, sizeof *c);
    mx_sevmap_default(&c->sevmap);
    mx_incidentio_names_default(&c->incidentio);
    c->read = mx_input_opts_default();
    mx_policy_default(&c->policy);
}

struct load {
    struct mx_config *c;
    char why[200]; /* the first problem */
};

__attribute__((format(printf, 2, 3))) static int bad(struct load *l, const char *fmt, ...) {
    if (!l->why[0]) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(l->why, sizeof l->why, fmt, ap);
        va_end(ap);
    }
    return 0;
}

/* An integer with an optional K, M or G (binary) suffix, 1 .. max. */
static bool number(const char *v, uint64_t max, uint64_t *out) {
    char *end;
    errno = 0;
    if (*v == '-' || *v == '\0') return false;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || end == v) return false;
    uint64_t mult = 1;
    if (*end == 'K' || *end == 'k')
        mult = 1024, end++;
    else if (*end == 'M' || *end == 'm')
        mult = 1024 * 1024, end++;
    else if (*end == 'G' || *end == 'g')
        mult = 1024ULL * 1024 * 1024, end++;
    if (*end != '\0' || n == 0 || n > max / mult) return false;
    *out = n * mult;
    return true;
}

static int limit(struct load *l, const char *name, const char *value) {
    struct mx_read_opts *o = &l->c->read;
    struct {
        const char *key;
        uint64_t max;
        int width; /* 0: size_t, 1: uint64_t */
        void *field;
    } keys[] = {
        {"line_bytes", (uint64_t)1 << 30, 0, &o->max_line},
        {"json_depth", 1024, 0, &o->json_depth},
        {"json_document_bytes", (uint64_t)1 << 32, 0, &o->json_doc_max},
        {"gzip_members", (uint64_t)1 << 32, 1, &o->gz.max_members},
        {"archive_entries", (uint64_t)1 << 32, 1, &o->max_entries},
        {"decompressed_bytes", (uint64_t)1 << 50, 1, &o->gz.max_output},
        {"ratio", 1000000, 1, &o->gz.max_ratio},
        {"ratio_after_bytes", (uint64_t)1 << 50, 1, &o->gz.ratio_min_output},
        {"csv_field_bytes", (uint64_t)1 << 30, 0, &o->csv.max_field},
        {"csv_record_bytes", (uint64_t)1 << 32, 0, &o->csv.max_record},
        {"csv_fields", 1 << 20, 0, &o->csv.max_fields},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(name, keys[i].key) != 0) continue;
        uint64_t v;
        if (!number(value, keys[i].max, &v))
            return bad(l, "[limits] %s: expected a positive number (K, M, G allowed), got \"%s\"",
                       name, value);
        if (keys[i].width)
            *(uint64_t *)keys[i].field = v;
        else
            *(size_t *)keys[i].field = (size_t)v;
        return 1;
    }
    return bad(l, "unknown key \"%s\" in [limits]", name);
}

/* SEV1..SEV4 as an index, or -1. */
static int sev_key(const char *name) {
    if (strlen(name) == 4 && strncmp(name, "SEV", 3) == 0 && name[3] >= '1' && name[3] <= '4')
        return name[3] - '0';
    return -1;
}

/* A metric target key: "mttd" (every incident) or "mtta.SEV1"; sets it and returns true. */
static bool metric_target(struct mx_policy *p, const char *name, int64_t ms) {
    for (int m = 0; m < MX_TM__COUNT; m++) {
        const char *k = mx_policy_metric_name((enum mx_target_metric)m);
        size_t n = strlen(k);
        if (strncmp(name, k, n) != 0) continue;
        if (name[n] == 0) {
            p->metric_ms[m][MX_TARGET_ALL] = ms;
            return true;
        }
        if (name[n] == '.' && sev_key(name + n + 1) > 0) {
            p->metric_ms[m][sev_key(name + n + 1)] = ms;
            return true;
        }
    }
    return false;
}

static int targets(struct load *l, const char *name, const char *value) {
    struct mx_policy *p = &l->c->policy;
    int64_t ms;
    int s = sev_key(name);
    if (s > 0 && strcmp(value, "next_business_day") == 0) {
        p->response_ms[s] = MX_NEXT_BUSINESS_DAY;
        return 1;
    }
    if (!mx_policy_duration(value, &ms))
        return bad(l, "[%s] %s: expected a duration (15m, 2h, 7d) or none, got \"%s\"", "targets",
                   name, value);
    if (s > 0) {
        p->response_ms[s] = ms;
    } else if (strncmp(name, "cadence.", 8) == 0 && sev_key(name + 8) > 0) {
        p->cadence_ms[sev_key(name + 8)] = ms;
    } else if (metric_target(p, name, ms)) {
        /* mtta.SEV1, mttd, ... */
    } else if (strcmp(name, "war_room") == 0) {
        p->war_room_ms = ms;
    } else if (strcmp(name, "regulator") == 0) {
        p->regulator_ms = ms;
    } else {
        return bad(l, "unknown key \"%s\" in [targets]", name);
    }
    return 1;
}

static int postmortem(struct load *l, const char *name, const char *value) {
    int64_t ms;
    int s = sev_key(name);
    if (s < 0) return bad(l, "unknown key \"%s\" in [postmortem] (expected SEV1..SEV4)", name);
    if (!mx_policy_duration(value, &ms))
        return bad(l, "[postmortem] %s: expected a duration (48h, 7d) or none, got \"%s\"", name,
                   value);
    l->c->policy.postmortem_ms[s] = ms;
    return 1;
}

static int cmp_days(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : (x > y);
}

static int weekday(const char *s, size_t n) {
    static const char *const names[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    for (int d = 0; d < 7; d++)
        if (n == 3 && strncasecmp(s, names[d], 3) == 0) return d;
    return -1;
}

static int calendar(struct load *l, const char *name, const char *value) {
    struct mx_policy *p = &l->c->policy;
    char buf[16384];
    snprintf(buf, sizeof buf, "%s", value);
    if (strcmp(name, "holidays") == 0) {
        for (char *save = NULL, *tok = strtok_r(buf, ", \t", &save); tok;
             tok = strtok_r(NULL, ", \t", &save)) {
            int64_t ms;
            bool hz;
            char full[32];
            snprintf(full, sizeof full, "%.10sT00:00:00Z", tok);
            if (strlen(tok) != 10 || mx_times_parse(full, strlen(full), &ms, &hz) != NULL)
                return bad(l, "[calendar] holidays: expected YYYY-MM-DD dates, got \"%s\"", tok);
            if (p->n_holidays == MX_MAX_HOLIDAYS)
                return bad(l, "[calendar] holidays: more than %d dates", MX_MAX_HOLIDAYS);
            p->holidays[p->n_holidays++] = ms / 86400000;
        }
        qsort(p->holidays, p->n_holidays, sizeof p->holidays[0], cmp_days);
        return 1;
    }
    if (strcmp(name, "workdays") == 0) {
        unsigned days = 0;
        for (char *save = NULL, *tok = strtok_r(buf, ", \t", &save); tok;
             tok = strtok_r(NULL, ", \t", &save)) {
            char *dash = strchr(tok, '-');
            int a = weekday(tok, dash ? (size_t)(dash - tok) : strlen(tok));
            int b = dash ? weekday(dash + 1, strlen(dash + 1)) : a;
            if (a < 0 || b < 0)
                return bad(l,
                           "[calendar] workdays: expected Mon..Sun or a range like Mon-Fri, "
                           "got \"%s\"",
                           tok);
            for (int d = a;; d = (d + 1) % 7) {
                days |= 1u << d;
                if (d == b) break;
            }
        }
        if (!days) return bad(l, "[calendar] workdays: no day given");
        p->workdays = days;
        return 1;
    }
    return bad(l, "unknown key \"%s\" in [calendar]", name);
}

void mx_config_free(struct mx_config *c) {
    if (!c) return;
    for (size_t i = 0; i < c->n_formats; i++) mx_custom_free(&c->formats[i]);
    c->n_formats = 0;
    mx_ruleset_free(&c->rules);
    for (size_t i = 0; i < c->n_person_zones; i++) {
        free(c->person_zones[i].name);
        mx_tz_free((struct mx_zone *)c->person_zones[i].zone);
    }
    free(c->person_zones);
    c->person_zones = NULL;
    c->n_person_zones = c->cap_person_zones = 0;
    c->policy.person_zones = NULL;
    c->policy.n_person_zones = 0;
}

const struct mx_line_format *mx_config_format(const struct mx_config *c, const char *name) {
    for (size_t i = 0; i < c->n_formats; i++)
        if (strcmp(c->formats[i].name, name) == 0) return &c->formats[i];
    return NULL;
}

/* Compiles value as a pattern; *out owned by the caller. */
static int pattern(struct load *l, const char *where, const char *value, struct mx_regex **out) {
    char why[256];
    if (!mx_regex_compile(value, out, why, sizeof why))
        return bad(l, "%s: the pattern does not compile: %s", where, why);
    return 1;
}

/* [format NAME] time_format = rfc3339 | epoch | epoch_ms | LAYOUT. */
static int time_format(struct load *l, struct mx_line_format *f, const char *where,
                       const char *value) {
    if (strcmp(value, "rfc3339") == 0)
        f->time_format = MX_TF_RFC3339;
    else if (strcmp(value, "epoch") == 0)
        f->time_format = MX_TF_EPOCH;
    else if (strcmp(value, "epoch_ms") == 0)
        f->time_format = MX_TF_EPOCH_MS;
    else if (strchr(value, '%') && strlen(value) < sizeof f->layout) {
        f->time_format = MX_TF_LAYOUT;
        snprintf(f->layout, sizeof f->layout, "%s", value);
    } else
        return bad(l, "%s: expected rfc3339, epoch, epoch_ms or a layout with %% directives",
                   where);
    return 1;
}

static int format_key(struct load *l, const char *name, const char *key, const char *value) {
    struct mx_config *c = l->c;
    struct mx_line_format *f = NULL;
    for (size_t i = 0; i < c->n_formats; i++)
        if (strcmp(c->formats[i].name, name) == 0) f = &c->formats[i];
    if (!f) {
        if (c->n_formats == MX_MAX_FORMATS || strlen(name) >= sizeof f->name || !name[0])
            return bad(l, "[format %s]: too many formats or a bad name", name);
        f = &c->formats[c->n_formats++];
        memset(f, 0, sizeof *f);
        snprintf(f->name, sizeof f->name, "%s", name);
    }
    char where[100];
    snprintf(where, sizeof where, "[format %.60s] %s", name, key);
    if (strcmp(key, "pattern") == 0) {
        struct mx_regex *re = NULL;
        if (!pattern(l, where, value, &re)) return 0;
        mx_custom_bind(f, re);
        static const char *const need[3] = {"time", "incident", "event"};
        for (int k = 0; k < 3; k++) /* MX_G_TIME, MX_G_INCIDENT, MX_G_EVENT */
            if (!f->group[k])
                return bad(l, "%s: the pattern has no (?<%s>...) group", where, need[k]);
        return 1;
    }
    if (strcmp(key, "time_format") == 0) return time_format(l, f, where, value);
    if (strcmp(key, "timezone") == 0) {
        mx_tz_free(f->zone);
        f->zone = NULL;
        const char *why = mx_tz_open(value, &f->zone);
        return why ? bad(l, "%s \"%s\": %s", where, value, why) : 1;
    }
    if (strcmp(key, "files") == 0) {
        if (strlen(value) >= sizeof f->files) return bad(l, "%s: glob too long", where);
        snprintf(f->files, sizeof f->files, "%s", value);
        return 1;
    }
    if (strncmp(key, "event.", 6) == 0) {
        enum mx_evtype t;
        if (!mx_event_type_parse(value, strlen(value), &t))
            return bad(l, "%s: unknown event type \"%s\"", where, value);
        if (f->n_words == MX_MAX_EVENT_WORDS || strlen(key + 6) >= sizeof f->words[0].word ||
            !key[6])
            return bad(l, "%s: too many event words or a bad one", where);
        snprintf(f->words[f->n_words].word, sizeof f->words[0].word, "%s", key + 6);
        f->words[f->n_words++].type = t;
        return 1;
    }
    return bad(l, "unknown key \"%s\" in [format %s]", key, name);
}

/* Compiles a rule's pattern into r, keeping its text for the reports. */
static int rule_pattern(struct load *l, const char *where, const char *value, struct mx_rule *r) {
    if (!value[0]) return bad(l, "%s: empty pattern (it would match everything)", where);
    if (!pattern(l, where, value, &r->re)) return 0;
    size_t n = strlen(value) + 1;
    r->pattern = mx_mem_malloc(n);
    memcpy(r->pattern, value, n);
    return 1;
}

/* A new slot of a repeatable rule, or NULL when the kind is full. */
static struct mx_rule *next_rule(struct mx_rule *rules, size_t *n) {
    if (*n == MX_MAX_RULES) return NULL;
    memset(&rules[*n], 0, sizeof rules[*n]);
    return &rules[(*n)++];
}

/* [exclude] title/service, [service] alias.NAME, [checks] channel, [severity] from_title. */
static int rule_key(struct load *l, const char *section, const char *key, const char *value) {
    struct mx_ruleset *rs = &l->c->rules;
    char where[100];
    snprintf(where, sizeof where, "[%s] %.60s", section, key);
    struct mx_rule *r;
    if (strcmp(section, "exclude") == 0) {
        if (strcmp(key, "title") != 0 && strcmp(key, "service") != 0)
            return bad(l, "unknown key \"%s\" in [exclude] (expected title or service)", key);
        if (!(r = next_rule(rs->exclude, &rs->n_exclude)))
            return bad(l, "%s: more than %d exclusions", where, MX_MAX_RULES);
        r->field = key[0] == 's' ? MX_RULE_SERVICE : MX_RULE_TITLE;
        return rule_pattern(l, where, value, r);
    }
    if (strcmp(section, "service") == 0) {
        if (strncmp(key, "alias.", 6) != 0 || !key[6] || strlen(key + 6) >= sizeof r->name)
            return bad(l, "unknown key \"%s\" in [service] (expected alias.NAME)", key);
        if (!(r = next_rule(rs->alias, &rs->n_alias)))
            return bad(l, "%s: more than %d aliases", where, MX_MAX_RULES);
        r->field = MX_RULE_SERVICE;
        snprintf(r->name, sizeof r->name, "%s", key + 6);
        return rule_pattern(l, where, value, r);
    }
    bool checks = strcmp(section, "checks") == 0;
    r = checks ? &rs->channel : &rs->from_title;
    if (checks && strcmp(key, "channel") != 0)
        return bad(l, "unknown key \"%s\" in [checks] (expected channel)", key);
    if (r->re) return bad(l, "%s: given twice", where);
    if (!rule_pattern(l, where, value, r)) return 0;
    if (!checks && !mx_regex_has_group(r->re, "severity"))
        return bad(l, "%s: the pattern has no (?<severity>...) group", where);
    return 1;
}

static int noise(struct load *l, const char *name, const char *value) {
    int64_t ms;
    if (strcmp(name, "flap_window") != 0)
        return bad(l, "unknown key \"%s\" in [noise] (expected flap_window)", name);
    if (!mx_policy_duration(value, &ms) || ms < 0)
        return bad(l, "[noise] flap_window: expected a duration (24h, 30m), got \"%s\"", value);
    l->c->policy.flap_window_ms = ms;
    return 1;
}

/* "HH:MM" at s: minutes of the day, 0..1440 (24:00 is the end of the day). */
static bool clock(const char *s, int *min) {
    if (strlen(s) != 5 || s[2] != ':') return false;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9')) return false;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m)) return false;
    *min = h * 60 + m;
    return true;
}

/* "HH:MM-HH:MM", two different times (an end before the start wraps past midnight). */
static bool hours(const char *v, int *from, int *to) {
    char a[8], b[8];
    const char *dash = strchr(v, '-');
    if (!dash || dash - v > 6 || strlen(dash + 1) > 6) return false;
    snprintf(a, sizeof a, "%.*s", (int)(dash - v), v);
    snprintf(b, sizeof b, "%s", dash + 1);
    return clock(a, from) && clock(b, to) && *from % 1440 != *to % 1440;
}

static int oncall(struct load *l, const char *name, const char *value) {
    struct mx_config *c = l->c;
    struct mx_policy *p = &c->policy;
    if (strcmp(name, "business_hours") == 0 || strcmp(name, "sleep_hours") == 0) {
        bool business = name[0] == 'b';
        if (!hours(value, business ? &p->business_from : &p->sleep_from,
                   business ? &p->business_to : &p->sleep_to))
            return bad(l, "[oncall] %s: expected HH:MM-HH:MM (08:00-18:00), got \"%s\"", name,
                       value);
        return 1;
    }
    if (strncmp(name, "timezone.", 9) == 0 && name[9]) {
        struct mx_zone *z;
        const char *why = mx_tz_open(value, &z);
        if (why) return bad(l, "[oncall] %s \"%s\": %s", name, value, why);
        for (size_t i = 0; i < c->n_person_zones; i++)
            if (strcmp(c->person_zones[i].name, name + 9) == 0) {
                mx_tz_free(z);
                return bad(l, "[oncall] %s: given twice", name);
            }
        mx_mem_grow((void **)&c->person_zones, &c->cap_person_zones, c->n_person_zones + 1,
                    sizeof *c->person_zones);
        size_t len = strlen(name + 9);
        char *copy = mx_mem_malloc(len + 1);
        memcpy(copy, name + 9, len + 1);
        c->person_zones[c->n_person_zones].name = copy;
        c->person_zones[c->n_person_zones++].zone = z;
        p->person_zones = c->person_zones;
        p->n_person_zones = c->n_person_zones;
        return 1;
    }
    return bad(l,
               "unknown key \"%s\" in [oncall] (expected business_hours, sleep_hours, "
               "timezone.NAME)",
               name);
}

/* [incidentio timestamps] NAME = EVENT: an incident.io timestamp's name and the
 * milestone it is (or note). */
static int incidentio_key(struct load *l, const char *name, const char *value) {
    static const enum mx_evtype ok[] = {MX_EV_STARTED,
                                        MX_EV_DETECTED,
                                        MX_EV_ACKNOWLEDGED,
                                        MX_EV_MITIGATED,
                                        MX_EV_RESOLVED,
                                        MX_EV_POSTMORTEM_PUBLISHED,
                                        MX_EV_REGULATOR_NOTIFIED,
                                        MX_EV_WAR_ROOM_OPENED,
                                        MX_EV_NOTE};
    enum mx_evtype t = MX_EV__COUNT;
    bool found = false;
    for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++)
        if (strcmp(value, mx_event_type_name(ok[k])) == 0) t = ok[k], found = true;
    if (!found)
        return bad(l,
                   "[incidentio timestamps] %s: expected started, detected, acknowledged, "
                   "mitigated, resolved, postmortem_published, regulator_notified, "
                   "war_room_opened or note, got \"%s\"",
                   name, value);
    if (!mx_incidentio_names_set(&l->c->incidentio, name, strlen(name), t))
        return bad(l, "[incidentio timestamps] %s: name too long or too many names", name);
    return 1;
}

static int handler(void *user, const char *section, const char *name, const char *value) {
    struct load *l = user;
    struct mx_config *c = l->c;
    if (strncmp(section, "format ", 7) == 0) return format_key(l, section + 7, name, value);
    if (strcmp(section, "exclude") == 0 || strcmp(section, "service") == 0 ||
        strcmp(section, "checks") == 0 ||
        (strcmp(section, "severity") == 0 && strcmp(name, "from_title") == 0))
        return rule_key(l, section, name, value);
    if (strcmp(section, "severity") == 0) {
        enum mx_severity sev = MX_SEV_NONE;
        if (strcmp(value, "unassigned") != 0 &&
            !(strlen(value) == 4 && strncmp(value, "SEV", 3) == 0 && value[3] >= '1' &&
              value[3] <= '4'))
            return bad(l, "[severity] %s: expected SEV1..SEV4 or unassigned, got \"%s\"", name,
                       value);
        if (value[0] == 'S') sev = (enum mx_severity)(value[3] - '0');
        if (!mx_sevmap_set(&c->sevmap, name, strlen(name), sev))
            return bad(l, "[severity] %s: label too long or too many labels", name);
        return 1;
    }
    if (strcmp(section, "incidentio timestamps") == 0) return incidentio_key(l, name, value);
    if (strcmp(section, "input") == 0) {
        if (strcmp(name, "timezone") == 0) {
            if (strlen(value) >= sizeof c->input_timezone)
                return bad(l, "[input] timezone: name too long");
            struct mx_zone *z;
            const char *why = mx_tz_open(value, &z);
            if (why) return bad(l, "[input] timezone \"%s\": %s", value, why);
            mx_tz_free(z);
            snprintf(c->input_timezone, sizeof c->input_timezone, "%s", value);
            return 1;
        }
        if (strcmp(name, "encoding") == 0) {
            iconv_t cd = iconv_open("UTF-8", value);
            if (cd == (iconv_t)-1 || strlen(value) >= sizeof c->input_encoding) {
                if (cd != (iconv_t)-1) iconv_close(cd);
                return bad(l, "[input] encoding \"%s\": not known to iconv (see iconv -l)", value);
            }
            iconv_close(cd);
            snprintf(c->input_encoding, sizeof c->input_encoding, "%s", value);
            return 1;
        }
        return bad(l, "unknown key \"%s\" in [input]", name);
    }
    if (strcmp(section, "limits") == 0) return limit(l, name, value);
    if (strcmp(section, "targets") == 0) return targets(l, name, value);
    if (strcmp(section, "postmortem") == 0) return postmortem(l, name, value);
    if (strcmp(section, "calendar") == 0) return calendar(l, name, value);
    if (strcmp(section, "noise") == 0) return noise(l, name, value);
    if (strcmp(section, "oncall") == 0) return oncall(l, name, value);
    return bad(l, "unknown section [%s]", section);
}

/* inih's settings: no inline comments (patterns hold ';'), long lines (patterns). */
static void ini_settings(void) {
    ini_allow_inline_comments = false;
    ini_use_stack = false;
    ini_allow_realloc = true;
    ini_initial_alloc = 1024;
    ini_max_line = 16384;
}

/* What inih returned (0, the first bad line, or < 0) as the result of loading name. */
static int finish(struct mx_config *c, struct load *l, const char *name, int line, char *err,
                  size_t errlen) {
    for (size_t i = 0; line == 0 && i < c->n_formats; i++)
        if (!c->formats[i].re) {
            snprintf(err, errlen, "%s: [format %s] has no pattern", name, c->formats[i].name);
            return -1;
        }
    if (line == 0) return 0;
    if (line < 0) {
        snprintf(err, errlen, "%s: cannot read (out of memory?)", name);
        return -1;
    }
    if (!l->why[0])
        snprintf(l->why, sizeof l->why, "not an INI line (expected [section] or key = value)");
    snprintf(err, errlen, "%s:%d: %s", name, line, l->why);
    return -1;
}

/* What inih would read wrongly, found before it reads: a NUL byte (inih's strings end
 * there: the rest of the value would vanish) and a line longer than its buffer (inih
 * cuts it and reads the tail as a line of its own). 0, or -1 with the position in err. */
static int screen(const char *name, const char *text, size_t n, char *err, size_t errlen) {
    size_t line = 1, start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && text[i] == '\0') {
            snprintf(err, errlen, "%s:%zu: NUL byte at column %zu (not a text file?)", name, line,
                     i - start + 1);
            return -1;
        }
        if (i == n || text[i] == '\n') {
            size_t len = i - start;
            if (len && text[i - 1] == '\r') len--;
            if (len > MX_CONFIG_MAX_LINE) {
                snprintf(err, errlen, "%s:%zu: line longer than %d bytes", name, line,
                         MX_CONFIG_MAX_LINE);
                return -1;
            }
            line++;
            start = i + 1;
        }
    }
    return 0;
}

int mx_config_load(struct mx_config *c, const char *path, char *err, size_t errlen) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    /* read at most one byte past the cap: /dev/zero or a log given by mistake ends here */
    char *text = mx_mem_malloc(MX_CONFIG_MAX_BYTES + 2);
    size_t n = fread(text, 1, MX_CONFIG_MAX_BYTES + 1, f);
    int failed = ferror(f);
    fclose(f);
    int rc = -1;
    if (failed)
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
    else if (n > MX_CONFIG_MAX_BYTES)
        snprintf(err, errlen, "%s: larger than %d bytes (not a configuration file?)", path,
                 MX_CONFIG_MAX_BYTES);
    else
        rc = mx_config_parse(c, path, text, n, err, errlen);
    free(text);
    return rc;
}

int mx_config_parse(struct mx_config *c, const char *name, const char *text, size_t n, char *err,
                    size_t errlen) {
    if (screen(name, text, n, err, errlen) != 0) return -1;
    char *copy = mx_mem_malloc(n + 1);
    memcpy(copy, text, n);
    copy[n] = '\0';
    struct load l;
    memset(&l, 0, sizeof l);
    l.c = c;
    ini_settings();
    int rc = finish(c, &l, name, ini_parse_string(copy, handler, &l), err, errlen);
    free(copy);
    return rc;
}
