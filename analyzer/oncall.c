/*
 * oncall.c - the on-call load (see oncall.h). One pass over the counted incidents'
 * kept events; a person is found by the interned id of the name, through an index
 * that grows with the ids seen.
 */
#include "analyzer/oncall.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/calendar.h"
#include "parsers/mem.h"
#include "parsers/times.h"

const char *mx_oncall_band_name(enum mx_band b) {
    static const char *const names[MX_BAND__COUNT] = {"business", "off_hours", "sleep"};
    return (unsigned)b < MX_BAND__COUNT ? names[b] : "off_hours";
}

/* Whether minute m of the day is in [from, to), which wraps past midnight when to < from. */
static bool within(int m, int from, int to) {
    return from <= to ? m >= from && m < to : m >= from || m < to;
}

enum mx_band mx_oncall_band(const struct mx_policy *p, const struct mx_zone *zone, int64_t t) {
    struct mx_tm tm;
    mx_tz_local(zone, t, &tm);
    int m = tm.hour * 60 + tm.minute;
    if (within(m, p->sleep_from, p->sleep_to)) return MX_BAND_SLEEP;
    int64_t day = mx_times_days_from_civil(tm.year, tm.month, tm.day);
    if (within(m, p->business_from, p->business_to) && mx_calendar_business_day(p, day))
        return MX_BAND_BUSINESS;
    return MX_BAND_OFF_HOURS;
}

uint64_t mx_oncall_total(const struct mx_oncall_person *x) {
    return x->interruptions[MX_BAND_BUSINESS] + x->interruptions[MX_BAND_OFF_HOURS] +
           x->interruptions[MX_BAND_SLEEP];
}

struct build {
    const struct mx_timelines *tl;
    const struct mx_policy *p;
    const struct mx_zone *zone;
    struct mx_oncall *o;
    size_t cap;
    uint32_t *index; /* interned id -> 1 + person, 0 none */
    size_t cap_index;
    uint32_t *seen, *led; /* per person: 1 + the last incident responded to / commanded */
};

/* The person called by interned id, added on first sight. */
static size_t person(struct build *b, uint32_t id) {
    if (id >= b->cap_index) {
        size_t had = b->cap_index;
        mx_mem_grow((void **)&b->index, &b->cap_index, (size_t)id + 1, sizeof *b->index);
        memset(b->index + had, 0, (b->cap_index - had) * sizeof *b->index);
    }
    if (b->index[id]) return b->index[id] - 1;
    struct mx_oncall *o = b->o;
    size_t had = b->cap;
    mx_mem_grow((void **)&o->people, &b->cap, o->n_people + 1, sizeof *o->people);
    if (b->cap != had) {
        b->seen = mx_mem_realloc(b->seen, b->cap * sizeof *b->seen);
        b->led = mx_mem_realloc(b->led, b->cap * sizeof *b->led);
    }
    struct mx_oncall_person *x = &o->people[o->n_people];
    memset(x, 0, sizeof *x);
    x->name = id;
    x->zone = b->zone;
    struct mx_str name = mx_timeline_string(b->tl, id);
    for (size_t k = 0; k < b->p->n_person_zones; k++) {
        const struct mx_person_zone *z = &b->p->person_zones[k];
        if (strlen(z->name) == name.n && memcmp(z->name, name.p, name.n) == 0) x->zone = z->zone;
    }
    b->seen[o->n_people] = b->led[o->n_people] = 0;
    b->index[id] = (uint32_t)++o->n_people;
    return o->n_people - 1;
}

static int cmp_person(const void *a, const void *c, const struct mx_timelines *tl) {
    const struct mx_oncall_person *x = a, *y = c;
    uint64_t tx = mx_oncall_total(x), ty = mx_oncall_total(y);
    if (tx != ty) return tx > ty ? -1 : 1;
    struct mx_str p = mx_timeline_string(tl, x->name), q = mx_timeline_string(tl, y->name);
    size_t n = p.n < q.n ? p.n : q.n;
    int r = n ? memcmp(p.p, q.p, n) : 0;
    return r ? r : (p.n > q.n) - (p.n < q.n);
}

/* A stable merge sort through tmp (room for n / 2 + 1), with the timelines as context:
 * qsort has none in C11. */
static void sort_people(struct mx_oncall_person *v, size_t n, struct mx_oncall_person *tmp,
                        const struct mx_timelines *tl) {
    if (n < 2) return;
    size_t h = n / 2;
    sort_people(v, h, tmp, tl);
    sort_people(v + h, n - h, tmp, tl);
    memcpy(tmp, v, h * sizeof *v);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) v[k++] = cmp_person(&v[j], &tmp[i], tl) < 0 ? v[j++] : tmp[i++];
    while (i < h) v[k++] = tmp[i++];
}

void mx_oncall_build(struct mx_oncall *o, const struct mx_timelines *tl, const struct mx_policy *p,
                     const struct mx_zone *zone) {
    memset(o, 0, sizeof *o);
    struct build b = {tl, p, zone, o, 0, NULL, 0, NULL, NULL};
    size_t n = mx_timeline_count(tl);
    for (size_t i = 0; i < n && !o->from_pages; i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (!mx_timeline_counted(t)) continue;
        for (uint32_t k = 0; k < t->count && !o->from_pages; k++)
            o->from_pages = mx_timeline_entry(tl, t->first + k)->type == MX_EV_PAGED;
    }
    for (size_t i = 0; i < n; i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (!mx_timeline_counted(t)) continue;
        for (uint32_t k = 0; k < t->count; k++) {
            const struct mx_entry *e = mx_timeline_entry(tl, t->first + k);
            uint32_t cmd = mx_timeline_commander(tl, t->first + k);
            if (cmd) {
                size_t x = person(&b, cmd);
                if (b.led[x] != i + 1) o->people[x].commanded++;
                b.led[x] = (uint32_t)(i + 1);
            }
            if (e->type == MX_EV_PAGED) {
                o->pages++;
                if (!e->actor) {
                    o->pages_without_person++;
                    continue;
                }
                size_t xi = person(&b, e->actor); /* may move people: index first */
                struct mx_oncall_person *x = &o->people[xi];
                if (MX_ENTRY_VIA(e) == MX_VIA_EMAIL)
                    x->email++;
                else
                    x->interruptions[mx_oncall_band(p, x->zone, e->t)]++;
                continue;
            }
            /* what an integration or a timeout did is nobody's response, and raising an
             * incident (often a monitor's doing) is not responding to it */
            if (!e->actor || e->system || (e->flags & MX_ENTRY_AUTO) || e->type == MX_EV_DETECTED ||
                e->type == MX_EV_STARTED)
                continue;
            size_t xi = person(&b, e->actor);
            struct mx_oncall_person *x = &o->people[xi];
            if (b.seen[xi] != i + 1) x->incidents++;
            b.seen[xi] = (uint32_t)(i + 1);
            if (e->type != MX_EV_ACKNOWLEDGED) continue;
            x->acknowledged++;
            if (!o->from_pages) x->interruptions[mx_oncall_band(p, x->zone, e->t)]++;
        }
    }
    struct mx_oncall_person *tmp = mx_mem_malloc((o->n_people / 2 + 1) * sizeof *tmp);
    sort_people(o->people, o->n_people, tmp, tl);
    free(tmp);
    free(b.index);
    free(b.seen);
    free(b.led);
}

void mx_oncall_sum(const struct mx_oncall *o, size_t from, struct mx_oncall_person *out) {
    memset(out, 0, sizeof *out);
    for (size_t i = from; i < o->n_people; i++) {
        const struct mx_oncall_person *x = &o->people[i];
        for (int k = 0; k < MX_BAND__COUNT; k++) out->interruptions[k] += x->interruptions[k];
        out->email += x->email;
        out->acknowledged += x->acknowledged;
        out->incidents += x->incidents;
        out->commanded += x->commanded;
    }
}

void mx_oncall_free(struct mx_oncall *o) {
    if (!o) return;
    free(o->people);
    memset(o, 0, sizeof *o);
}
