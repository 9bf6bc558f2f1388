/*
 * timeline.c - timeline reconstruction (see timeline.h and docs/spec.md#timeline-rules).
 *
 * Records stay in input order in one array; finishing builds a permutation grouped by
 * incident (a counting sort, stable) and sorts each incident's slice by time with a
 * stable merge sort, so input order breaks ties.
 */
#define _GNU_SOURCE /* qsort_r */
#include "analyzer/timeline.h"

#include <assert.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/titles.h"
#include "parsers/mem.h"

static const char *const anomaly_names[MX_A__COUNT] = {
    "no_detected_event",          "ack_before_detection",      "started_after_detection",
    "mitigated_before_detection", "resolved_before_detection",
};

static const char *const anomaly_texts[MX_A__COUNT] = {
    "no detected event: detection taken from the earliest event",
    "acknowledged before detection (clock skew?): that acknowledgement is not used",
    "started after detection: left out of MTTD",
    "mitigated before detection: left out of MTTM",
    "resolved before detection: left out of MTTR",
};

const char *mx_timeline_anomaly_name(enum mx_anomaly a) {
    return (unsigned)a < MX_A__COUNT ? anomaly_names[a] : "unknown";
}

const char *mx_timeline_anomaly_text(enum mx_anomaly a) {
    return (unsigned)a < MX_A__COUNT ? anomaly_texts[a] : "unknown";
}

/* Per-incident facts gathered while adding. */
/* The value chosen so far for a field: interned id (0 = none), the time of its event
 * and its authority (1 = a summary line, 2 = a field that is the value itself). */
struct value {
    int64_t t;
    uint32_t id;
    uint8_t rank;
};

struct inc {
    struct value title, service, team, channel, number;
    uint32_t alt;        /* interned: another id of the incident (mx_event.alt_id), or 0 */
    bool can_postmortem; /* some event came from a source that can record one */
    bool merged_away;    /* its events were given to the incident its id numbers */
    bool lifecycle;      /* it has an event of its own life: detected, acknowledged ... */
    uint8_t sev, cls;
};

/* A commander_assigned event's commander: record rec (ascending: records are added in
 * order) named person. */
struct commander {
    uint32_t rec, person;
};

/* What an entry has beyond its 24 bytes (mx_entry.extra), by record number. */
struct extra {
    uint32_t rec, src;
    int64_t index;
    uint32_t name, text;
};

_Static_assert(sizeof(struct mx_entry) == 24, "an event is kept in 24 bytes");
_Static_assert(MX_EV__COUNT <= 32 && MX_SEV__COUNT <= 8, "type and severity fit their bits");

struct mx_timelines {
    struct mx_intern ids;     /* incident ids: id - 1 = incident index */
    struct mx_intern strings; /* titles, services, actors, ... */
    struct mx_intern uids;    /* record uids seen */
    uint64_t *uid_dups;       /* records dropped for a repeated uid, per input */
    size_t joined;            /* incidents joined to the one their number names */
    size_t join_ambiguous;    /* such incidents left alone: several have that number */
    char *uid_key;            /* scratch: the kind of a uid, then the uid */
    size_t cap_uid_key;
    size_t cap_uid_dups;
    uint32_t last_inc;     /* 1 + the incident of the last event added, or 0 */
    struct mx_str last_id; /* its id (interned copy) */
    bool skipping;         /* the current record is a uid duplicate */
    bool record_kept;      /* an event of the current record was kept */
    int64_t as_of;         /* events after it are left out (MX_NO_TIME: none) */
    uint64_t *late;        /* per input: events left out as after as_of */
    size_t cap_late;
    bool keep_text; /* mx_entry.text is filled */
    struct inc *incs;
    size_t n_incs, cap_incs;
    struct mx_entry *recs;
    size_t n_recs, cap_recs;
    uint32_t *rec_inc; /* each record's incident index, until finish */
    size_t cap_rec_inc;
    struct extra *extras; /* sorted by rec */
    size_t n_extras, cap_extras;
    uint32_t *order; /* kept events, grouped by incident and sorted */
    size_t n_order;
    struct mx_timeline *tls;
    size_t n_tls;
    struct commander *cmds; /* the commanders named by commander_assigned events */
    size_t n_cmds, cap_cmds;
};

struct mx_timelines *mx_timeline_new(void) {
    struct mx_timelines *tl = mx_mem_calloc(1, sizeof *tl);
    mx_intern_init(&tl->ids);
    mx_intern_init(&tl->strings);
    mx_intern_init(&tl->uids);
    tl->as_of = MX_NO_TIME;
    return tl;
}

void mx_timeline_set_as_of(struct mx_timelines *tl, int64_t as_of) {
    tl->as_of = as_of;
}

uint64_t mx_timeline_after_as_of(const struct mx_timelines *tl, uint32_t src) {
    return src < tl->cap_late ? tl->late[src] : 0;
}

void mx_timeline_keep_text(struct mx_timelines *tl) {
    tl->keep_text = true;
}

void mx_timeline_free(struct mx_timelines *tl) {
    if (!tl) return;
    mx_intern_free(&tl->ids);
    mx_intern_free(&tl->strings);
    mx_intern_free(&tl->uids);
    free(tl->uid_dups);
    free(tl->late);
    free(tl->uid_key);
    free(tl->incs);
    free(tl->recs);
    free(tl->rec_inc);
    free(tl->extras);
    free(tl->order);
    free(tl->tls);
    free(tl->cmds);
    free(tl);
}

static uint32_t intern(struct mx_timelines *tl, struct mx_str s) {
    return s.n ? mx_intern_put(&tl->strings, s.p, s.n, NULL) : 0;
}

/* Whether v sorts before the interned string a, bytewise (shorter first on a common
 * prefix). */
static bool bytes_before(const struct mx_timelines *tl, struct mx_str v, uint32_t a) {
    struct mx_str x = mx_intern_str(&tl->strings, a);
    size_t n = x.n < v.n ? x.n : v.n;
    int c = n ? memcmp(v.p, x.p, n) : 0;
    return c < 0 || (c == 0 && v.n < x.n);
}

/* Keeps the best value of a field: the most authoritative (rank), then the earliest
 * event carrying one, then the bytewise smallest - so the choice never depends on the
 * order in which inputs are read. */
static void best_value(struct mx_timelines *tl, struct value *slot, struct mx_str v, int64_t t,
                       uint8_t rank) {
    if (!v.n) return;
    bool better =
        slot->id == 0 || rank > slot->rank ||
        (rank == slot->rank && (t < slot->t || (t == slot->t && bytes_before(tl, v, slot->id))));
    if (!better) return;
    slot->id = intern(tl, v);
    slot->t = t;
    slot->rank = rank;
}

static bool same_str(struct mx_str a, struct mx_str b) {
    return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

void mx_timeline_add(void *ctx, const struct mx_event *ev) {
    struct mx_timelines *tl = ctx;
    int added;
    if (!ev->same_record) {
        tl->skipping = false;
        tl->record_kept = false;
        if (ev->uid.n) {
            /* ids of different kinds never collide: the kind is part of the key */
            mx_mem_grow((void **)&tl->uid_key, &tl->cap_uid_key, ev->uid.n + 1, 1);
            tl->uid_key[0] = (char)ev->uid_space;
            memcpy(tl->uid_key + 1, ev->uid.p, ev->uid.n);
            mx_intern_put(&tl->uids, tl->uid_key, ev->uid.n + 1, &added);
            if (!added) {
                size_t had = tl->cap_uid_dups;
                mx_mem_grow((void **)&tl->uid_dups, &tl->cap_uid_dups, ev->pos.src + 1,
                            sizeof *tl->uid_dups);
                memset(tl->uid_dups + had, 0, (tl->cap_uid_dups - had) * sizeof *tl->uid_dups);
                tl->uid_dups[ev->pos.src]++;
                tl->skipping = true;
            }
        }
    }
    if (tl->skipping) return;
    if (tl->as_of != MX_NO_TIME && ev->time_ms > tl->as_of) {
        /* not yet happened at the report's "now": counted, never part of a timeline */
        size_t had = tl->cap_late;
        mx_mem_grow((void **)&tl->late, &tl->cap_late, ev->pos.src + 1, sizeof *tl->late);
        memset(tl->late + had, 0, (tl->cap_late - had) * sizeof *tl->late);
        tl->late[ev->pos.src]++;
        return;
    }
    /* events of one incident often come in a row: the last id is checked first */
    uint32_t inc;
    added = 0;
    if (tl->last_inc && ev->incident.n == tl->last_id.n &&
        memcmp(ev->incident.p, tl->last_id.p, ev->incident.n) == 0) {
        inc = tl->last_inc - 1;
    } else {
        inc = mx_intern_put(&tl->ids, ev->incident.p, ev->incident.n, &added) - 1;
        tl->last_inc = inc + 1;
        tl->last_id = mx_intern_str(&tl->ids, inc + 1);
    }
    if (!added && ev->alt_id.n && tl->incs[inc].alt &&
        !same_str(mx_intern_str(&tl->strings, tl->incs[inc].alt), ev->alt_id)) {
        /* another incident known by the same name (an Opsgenie tiny id given to a
         * second alert): this one goes by its own alternative id */
        inc = mx_intern_put(&tl->ids, ev->alt_id.p, ev->alt_id.n, &added) - 1;
        tl->last_inc = 0;
    }
    if (added) {
        mx_mem_grow((void **)&tl->incs, &tl->cap_incs, inc + 1, sizeof *tl->incs);
        memset(&tl->incs[inc], 0, sizeof tl->incs[inc]);
        tl->n_incs = inc + 1;
    }
    struct inc *in = &tl->incs[inc];
    best_value(tl, &in->title, ev->title, ev->time_ms, ev->title_is_summary ? 1 : 2);
    best_value(tl, &in->service, ev->service, ev->time_ms, 2);
    best_value(tl, &in->team, ev->team, ev->time_ms, 2);
    best_value(tl, &in->channel, ev->channel, ev->time_ms, 2);
    best_value(tl, &in->number, ev->number, ev->time_ms, 2);
    if (ev->alt_id.n && !in->alt && !same_str(ev->alt_id, mx_intern_str(&tl->ids, inc + 1)))
        in->alt = intern(tl, ev->alt_id);
    in->can_postmortem |= ev->can_postmortem;
    in->lifecycle |= ev->type != MX_EV_POSTMORTEM_PUBLISHED && ev->type != MX_EV_NOTE &&
                     ev->type != MX_EV_REGULATOR_NOTIFIED;
    if (ev->severity != MX_SEV_NONE && (in->sev == MX_SEV_NONE || ev->severity < in->sev))
        in->sev = (uint8_t)ev->severity;
    if (ev->has_class && ev->cls > in->cls) in->cls = (uint8_t)ev->cls;

    mx_mem_grow((void **)&tl->recs, &tl->cap_recs, tl->n_recs + 1, sizeof *tl->recs);
    mx_mem_grow((void **)&tl->rec_inc, &tl->cap_rec_inc, tl->n_recs + 1, sizeof *tl->rec_inc);
    tl->rec_inc[tl->n_recs] = inc;
    struct mx_entry *r = &tl->recs[tl->n_recs++];
    memset(r, 0, sizeof *r);
    r->t = ev->time_ms;
    r->line = ev->pos.line > UINT32_MAX ? UINT32_MAX : (uint32_t)ev->pos.line;
    r->actor = intern(tl, ev->actor);
    r->type = (unsigned)ev->type & 31u;
    r->sev = (unsigned)ev->severity & 7u;
    r->system = ev->actor_system;
    uint32_t name = intern(tl, ev->type_name);
    uint32_t text = tl->keep_text ? intern(tl, ev->note.n ? ev->note : ev->title) : 0;
    int64_t index = ev->pos.index < 0 ? -1 : ev->pos.index;
    bool far_src = ev->pos.src >= MX_ENTRY_FAR, far_index = index + 1 >= MX_ENTRY_FAR16;
    r->src_ = far_src ? MX_ENTRY_FAR : ev->pos.src;
    r->index1 = far_index ? MX_ENTRY_FAR16 : (uint16_t)(index + 1);
    if (name || text || far_src || far_index) { /* the few that need more */
        r->extra = 1;
        mx_mem_grow((void **)&tl->extras, &tl->cap_extras, tl->n_extras + 1, sizeof *tl->extras);
        tl->extras[tl->n_extras++] =
            (struct extra){(uint32_t)(tl->n_recs - 1), ev->pos.src, index, name, text};
    }
    unsigned space = ev->uid.n ? (unsigned)ev->uid_space : MX_UID_NONE;
    r->flags =
        (uint8_t)((ev->auto_resolved ? MX_ENTRY_AUTO : 0) |
                  (ev->same_record && tl->record_kept ? MX_ENTRY_CONT : 0) |
                  (space << MX_ENTRY_SPACE_SHIFT) | ((unsigned)ev->via << MX_ENTRY_VIA_SHIFT));
    tl->record_kept = true;
    if (ev->type == MX_EV_COMMANDER_ASSIGNED && ev->commander.n) {
        mx_mem_grow((void **)&tl->cmds, &tl->cap_cmds, tl->n_cmds + 1, sizeof *tl->cmds);
        tl->cmds[tl->n_cmds].rec = (uint32_t)(tl->n_recs - 1);
        tl->cmds[tl->n_cmds++].person = intern(tl, ev->commander);
    }
}

/* Sorts slice[0..n) (indices into recs, ascending: input order) by time, stably, so
 * ties keep input order. Insertion sort for short runs (an incident's events mostly
 * arrive in order), merged through tmp (room for n / 2 indices). The records are
 * passed in, not kept in a file-scope variable: qsort has no context argument in C11. */
static void sort_by_time(uint32_t *slice, size_t n, const struct mx_entry *recs, uint32_t *tmp) {
    if (n <= 16) {
        for (size_t i = 1; i < n; i++) {
            uint32_t v = slice[i];
            int64_t t = recs[v].t;
            size_t j = i;
            for (; j > 0 && recs[slice[j - 1]].t > t; j--) slice[j] = slice[j - 1];
            slice[j] = v;
        }
        return;
    }
    size_t h = n / 2;
    sort_by_time(slice, h, recs, tmp);
    sort_by_time(slice + h, n - h, recs, tmp);
    if (recs[slice[h - 1]].t <= recs[slice[h]].t) return; /* already in order */
    memcpy(tmp, slice, h * sizeof *tmp);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) slice[k++] = recs[slice[j]].t < recs[tmp[i]].t ? slice[j++] : tmp[i++];
    while (i < h) slice[k++] = tmp[i++];
}

_Static_assert(MX_UID__COUNT <= 4, "an entry keeps the id's kind in two bits");
_Static_assert(MX_VIA__COUNT <= 8, "an entry keeps a page's medium in three bits");

/* Whether instants a <= b are the same at the precision both share. */
static bool same_instant(int64_t a, int64_t b) {
    if (a == b) return true;
    if (a / 1000 != b / 1000 || a < 0) return false;
    return a % 1000 == 0 || b % 1000 == 0;
}

/* Marks duplicates (see timeline.h) in one incident's sorted events; returns the kept
 * count after compacting slice[0..n). Only kept events within the same second can
 * match, so the inner scan is short. */
static size_t drop_dups(struct mx_timelines *tl, uint32_t *slice, size_t n) {
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        struct mx_entry *r = &tl->recs[slice[i]];
        bool dup = false;
        for (size_t j = kept; j-- > 0 && !dup;) {
            const struct mx_entry *q = &tl->recs[slice[j]];
            if (r->t - q->t >= 1000) break;
            /* two ids of one kind that differ are two events (a repeated id never gets
             * here: its record was dropped when added) */
            unsigned sq = MX_ENTRY_SPACE(q), sr = MX_ENTRY_SPACE(r);
            dup = same_instant(q->t, r->t) && q->type == r->type && q->actor == r->actor &&
                  MX_ENTRY_VIA(q) == MX_ENTRY_VIA(r) && !(sq && sq == sr) &&
                  mx_timeline_entry_name(tl, q) == mx_timeline_entry_name(tl, r);
        }
        if (dup)
            r->flags |= MX_ENTRY_DUP;
        else
            slice[kept++] = slice[i];
    }
    return kept;
}

/* Counts duplicate records: those whose every event was dropped, plus the records
 * dropped for a repeated uid. */
static void count_dups(const struct mx_timelines *tl, uint64_t *dups, size_t n_inputs) {
    for (size_t i = 0; i < tl->n_recs;) {
        bool all = true;
        size_t j = i;
        do {
            all = all && (tl->recs[j].flags & MX_ENTRY_DUP);
            j++;
        } while (j < tl->n_recs && (tl->recs[j].flags & MX_ENTRY_CONT));
        uint32_t src = mx_timeline_entry_src(tl, &tl->recs[i]);
        assert(src < n_inputs);
        if (all) dups[src]++;
        i = j;
    }
    for (size_t s = 0; s < tl->cap_uid_dups && s < n_inputs; s++) dups[s] += tl->uid_dups[s];
}

/* Records milestone m at event k (the first one seen, unless `last`). */
static void mark(struct mx_timeline *t, enum mx_milestone m, int64_t *at, uint32_t k, int64_t when,
                 bool last) {
    if (!last && t->evidence[m] != MX_NO_EVENT) return;
    t->evidence[m] = k;
    *at = when;
}

/* Derives the milestones of one incident from its sorted events (docs/spec.md#timeline-rules). */
static void derive(struct mx_timelines *tl, const struct mx_zone *zone, struct mx_timeline *t) {
    int64_t det = MX_NO_TIME, res = MX_NO_TIME;
    bool res_auto = false;
    t->started_at = t->acknowledged_at = t->mitigated_at = t->postmortem_at = MX_NO_TIME;
    t->regulator_at = t->war_room_at = MX_NO_TIME;
    for (int m = 0; m < MX_MS__COUNT; m++) t->evidence[m] = MX_NO_EVENT;
    for (uint32_t i = 0; i < t->count; i++) {
        uint32_t k = t->first + i;
        const struct mx_entry *r = &tl->recs[tl->order[k]];
        switch (r->type) {
        case MX_EV_STARTED: mark(t, MX_MS_STARTED, &t->started_at, k, r->t, false); break;
        case MX_EV_DETECTED: mark(t, MX_MS_DETECTED, &det, k, r->t, false); break;
        case MX_EV_MITIGATED: mark(t, MX_MS_MITIGATED, &t->mitigated_at, k, r->t, false); break;
        case MX_EV_RESOLVED:
            mark(t, MX_MS_RESOLVED, &res, k, r->t, true);
            res_auto = (r->flags & MX_ENTRY_AUTO) != 0;
            break;
        case MX_EV_REOPENED:
            t->reopens++;
            res = MX_NO_TIME;
            t->evidence[MX_MS_RESOLVED] = MX_NO_EVENT;
            res_auto = false;
            break;
        case MX_EV_MERGED: t->merged = true; break;
        case MX_EV_POSTMORTEM_PUBLISHED:
            mark(t, MX_MS_POSTMORTEM, &t->postmortem_at, k, r->t, false);
            break;
        case MX_EV_REGULATOR_NOTIFIED:
            mark(t, MX_MS_REGULATOR, &t->regulator_at, k, r->t, false);
            break;
        case MX_EV_WAR_ROOM_OPENED: mark(t, MX_MS_WAR_ROOM, &t->war_room_at, k, r->t, false); break;
        case MX_EV_STATUS_UPDATE: t->status_updates++; break;
        default: break;
        }
    }
    if (det == MX_NO_TIME) {
        mark(t, MX_MS_DETECTED, &det, t->first, tl->recs[tl->order[t->first]].t, false);
        t->anomalies |= 1u << MX_A_NO_DETECTED; /* the earliest event of any type */
    }
    for (uint32_t i = 0; i < t->count; i++) {
        const struct mx_entry *r = &tl->recs[tl->order[t->first + i]];
        if (r->type != MX_EV_ACKNOWLEDGED) continue;
        if (r->t < det)
            t->anomalies |= 1u << MX_A_ACK_BEFORE_DETECTION;
        else
            mark(t, MX_MS_ACKNOWLEDGED, &t->acknowledged_at, t->first + i, r->t, false);
    }
    t->detected_at = det;
    t->resolved_at = res;
    t->auto_resolved = res != MX_NO_TIME && res_auto;
    t->open = res == MX_NO_TIME && !t->merged;
    if (t->started_at != MX_NO_TIME && t->started_at > det)
        t->anomalies |= 1u << MX_A_STARTED_AFTER_DETECTION;
    if (t->mitigated_at != MX_NO_TIME && t->mitigated_at < det)
        t->anomalies |= 1u << MX_A_MITIGATED_BEFORE_DETECTION;
    if (res != MX_NO_TIME && res < det) t->anomalies |= 1u << MX_A_RESOLVED_BEFORE_DETECTION;
    struct mx_tm tm;
    mx_tz_local(zone, det, &tm);
    t->month = (int)(tm.year * 12 + tm.month - 1);
}

/* Timeline order: detection, then the id's bytes (qsort_r: ctx is the builder). */
static int cmp_tl(const void *a, const void *b, void *ctx) {
    const struct mx_timelines *tl = ctx;
    const struct mx_timeline *x = a, *y = b;
    if (x->detected_at != y->detected_at) return x->detected_at < y->detected_at ? -1 : 1;
    struct mx_str u = mx_intern_str(&tl->ids, x->id), v = mx_intern_str(&tl->ids, y->id);
    size_t n = u.n < v.n ? u.n : v.n;
    int c = memcmp(u.p, v.p, n);
    if (c) return c;
    return u.n < v.n ? -1 : (u.n > v.n);
}

/* Folds src's chosen value into dst as if src's event had been added to dst. */
static void fold_value(struct mx_timelines *tl, struct value *dst, const struct value *src) {
    if (src->id) best_value(tl, dst, mx_intern_str(&tl->strings, src->id), src->t, src->rank);
}

/* to[x] = x for the n incidents: where each incident's events go. */
static uint32_t *identity(size_t n) {
    uint32_t *to = mx_mem_malloc((n ? n : 1) * sizeof *to);
    for (size_t x = 0; x < n; x++) to[x] = (uint32_t)x;
    return to;
}

/* Incident i joins incident j: its chosen values fold into j's, its events will move
 * there (to[i] = j) and it is left empty. */
static void join(struct mx_timelines *tl, uint32_t *to, size_t i, size_t j) {
    struct inc *in = &tl->incs[i], *dst = &tl->incs[j];
    to[i] = (uint32_t)j;
    fold_value(tl, &dst->title, &in->title);
    fold_value(tl, &dst->service, &in->service);
    fold_value(tl, &dst->team, &in->team);
    fold_value(tl, &dst->channel, &in->channel);
    fold_value(tl, &dst->number, &in->number);
    if (in->sev != MX_SEV_NONE && (dst->sev == MX_SEV_NONE || in->sev < dst->sev))
        dst->sev = in->sev;
    if (in->cls > dst->cls) dst->cls = in->cls;
    dst->can_postmortem |= in->can_postmortem;
    dst->lifecycle |= in->lifecycle;
    in->merged_away = true;
}

/* Moves every record to the incident to[] leads to (an incident joined one that joined
 * another later: its records go to the last); frees to (NULL: nothing joined). Joins
 * are only ever made into an incident not joined away yet, so to[] has no cycle. */
static void remap(struct mx_timelines *tl, uint32_t *to) {
    if (!to) return;
    for (size_t x = 0; x < tl->n_incs; x++) {
        uint32_t root = to[x];
        while (to[root] != root) root = to[root];
        to[x] = root;
    }
    for (size_t r = 0; r < tl->n_recs; r++) tl->rec_inc[r] = to[tl->rec_inc[r]];
    free(to);
}

/* An incident whose id is another incident's alternative id (an Opsgenie alert's id,
 * under which its log pages file their entries, beside the tiny id the alert is known
 * by) is that incident: not counted as a join (it never was another incident). An id
 * two incidents claim joins the first. */
static void join_alt(struct mx_timelines *tl) {
    size_t ni = tl->n_incs;
    uint32_t *to = NULL;
    for (size_t j = 0; j < ni; j++) {
        if (!tl->incs[j].alt) continue;
        struct mx_str a = mx_intern_str(&tl->strings, tl->incs[j].alt);
        uint32_t k = mx_intern_find(&tl->ids, a.p, a.n);
        if (!k || k - 1 == j) continue;
        size_t i = k - 1;
        if (tl->incs[i].merged_away || tl->incs[j].merged_away) continue; /* claimed already */
        if (!to) to = identity(ni);
        join(tl, to, i, j);
    }
    remap(tl, to);
}

/* Whether id is an incident number, "101" or "#101"; *digits is then "101". */
static bool number_id(struct mx_str id, struct mx_str *digits) {
    if (id.n && id.p[0] == '#') id.p++, id.n--;
    if (!id.n) return false;
    for (size_t i = 0; i < id.n; i++)
        if (id.p[i] < '0' || id.p[i] > '9') return false;
    *digits = id;
    return true;
}

/* An incident whose id is "101" or "#101", that has no number of its own and no event
 * of an incident's life (only postmortems, regulator notifications, notes) is the
 * incident numbered 101 (a PagerDuty incident's incident_number), when exactly one has
 * it: that is how postmortem dates in native lines join PagerDuty data. An incident
 * "7" with a detection of its own stays itself. The joined one's events move to that
 * incident, its chosen values fold in, and it is left empty; joins are counted. */
static void join_numbered(struct mx_timelines *tl) {
    size_t ni = tl->n_incs;
    struct mx_intern nums;
    mx_intern_init(&nums);
    uint32_t *owner = NULL; /* number id -> 1 + incident, or UINT32_MAX when several */
    size_t cap = 0;
    for (size_t i = 0; i < ni; i++) {
        if (!tl->incs[i].number.id || tl->incs[i].merged_away) continue;
        struct mx_str s = mx_intern_str(&tl->strings, tl->incs[i].number.id);
        int added;
        uint32_t id = mx_intern_put(&nums, s.p, s.n, &added);
        size_t had = cap;
        mx_mem_grow((void **)&owner, &cap, id + 1, sizeof *owner);
        memset(owner + had, 0, (cap - had) * sizeof *owner);
        owner[id] = added ? (uint32_t)i + 1 : UINT32_MAX;
    }
    uint32_t *to = NULL;
    for (size_t i = 0; cap && i < ni; i++) {
        struct inc *in = &tl->incs[i];
        if (in->number.id || in->lifecycle || in->merged_away) continue;
        struct mx_str id;
        if (!number_id(mx_intern_str(&tl->ids, (uint32_t)i + 1), &id)) continue;
        int added;
        uint32_t k = mx_intern_put(&nums, id.p, id.n, &added);
        if (added || k >= cap || owner[k] == 0) continue;
        if (owner[k] == UINT32_MAX) { /* "#7" when two exports both have a #7 */
            tl->join_ambiguous++;
            continue;
        }
        if (!to) to = identity(ni);
        join(tl, to, i, owner[k] - 1);
        tl->joined++;
    }
    remap(tl, to);
    free(owner);
    mx_intern_free(&nums);
}

#define PLACED 0x80000000u /* in_timeline_order: the top bit of an order entry */

/* The first of n elements of size bytes at arr (each starting with its uint32_t record
 * number, sorted by it) whose number is not below rec; n when none. */
static size_t lower_rec(const void *arr, size_t n, size_t size, uint32_t rec) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t at;
        memcpy(&at, (const char *)arr + mid * size, sizeof at);
        if (at < rec)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

_Static_assert(offsetof(struct commander, rec) == 0 && offsetof(struct extra, rec) == 0,
               "lower_rec and by_rec read the record number first");

/* qsort order of commanders and side-table entries: by their leading record number. */
static int by_rec(const void *a, const void *b) {
    uint32_t x, y;
    memcpy(&x, a, sizeof x);
    memcpy(&y, b, sizeof y);
    return x < y ? -1 : x > y;
}

/* An array of n elements of size bytes, each led by its uint32_t record number and sorted
 * by it, renumbered from input order to kept-event order (k: the kept event at order[k]);
 * only records wanted(e) are looked up, the elements of dropped records go, the rest are
 * sorted by their new number. Returns how many are kept. */
static size_t renumber(const struct mx_timelines *tl, void *arr, size_t n, size_t size,
                       bool (*wanted)(const struct mx_entry *)) {
    if (!n) return 0;
    char *a = arr;
    uint32_t *to = mx_mem_malloc(n * sizeof *to); /* UINT32_MAX: dropped */
    for (size_t x = 0; x < n; x++) to[x] = UINT32_MAX;
    for (size_t k = 0; k < tl->n_order; k++) {
        uint32_t rec = tl->order[k], at;
        if (!wanted(&tl->recs[rec])) continue;
        size_t lo = lower_rec(a, n, size, rec);
        if (lo < n && (memcpy(&at, a + lo * size, sizeof at), at == rec)) to[lo] = (uint32_t)k;
    }
    size_t kept = 0;
    for (size_t x = 0; x < n; x++) {
        if (to[x] == UINT32_MAX) continue;
        memmove(a + kept * size, a + x * size, size);
        memcpy(a + kept++ * size, &to[x], sizeof to[x]);
    }
    free(to);
    qsort(a, kept, size, by_rec);
    return kept;
}

/* The records renumber looks up: commander assignments, entries with a side-table row. */
static bool commander_assigned(const struct mx_entry *e) {
    return e->type == MX_EV_COMMANDER_ASSIGNED;
}
static bool has_extra(const struct mx_entry *e) {
    return e->extra;
}

static const struct extra *extra_of(const struct mx_timelines *tl, const struct mx_entry *e) {
    if (!e->extra) return NULL;
    uint32_t rec = (uint32_t)(e - tl->recs);
    size_t lo = lower_rec(tl->extras, tl->n_extras, sizeof *tl->extras, rec);
    return lo < tl->n_extras && tl->extras[lo].rec == rec ? &tl->extras[lo] : NULL;
}

uint32_t mx_timeline_entry_src(const struct mx_timelines *tl, const struct mx_entry *e) {
    const struct extra *x = e->src_ == MX_ENTRY_FAR ? extra_of(tl, e) : NULL;
    return x ? x->src : e->src_;
}

int64_t mx_timeline_entry_index(const struct mx_timelines *tl, const struct mx_entry *e) {
    const struct extra *x = e->index1 == MX_ENTRY_FAR16 ? extra_of(tl, e) : NULL;
    return x ? x->index : (int64_t)e->index1 - 1;
}

uint32_t mx_timeline_entry_name(const struct mx_timelines *tl, const struct mx_entry *e) {
    const struct extra *x = extra_of(tl, e);
    return x ? x->name : 0;
}

uint32_t mx_timeline_entry_text(const struct mx_timelines *tl, const struct mx_entry *e) {
    const struct extra *x = extra_of(tl, e);
    return x ? x->text : 0;
}

/* Puts the records in timeline order, in place: recs[k] becomes the k-th kept event
 * (mx_timeline_entry(k) then needs no indirection), the dropped duplicates go, and the
 * order array is freed. order is completed into a permutation of every record (the
 * dropped ones last) and applied cycle by cycle, its top bit (PLACED) marking what is
 * placed. */
static void in_timeline_order(struct mx_timelines *tl) {
    size_t n = tl->n_recs, kept = tl->n_order;
    assert(n < PLACED); /* the top bit is free */
    tl->n_cmds = renumber(tl, tl->cmds, tl->n_cmds, sizeof *tl->cmds, commander_assigned);
    tl->n_extras = renumber(tl, tl->extras, tl->n_extras, sizeof *tl->extras, has_extra);
    if (n) {
        tl->order = mx_mem_realloc(tl->order, n * sizeof *tl->order);
        uint8_t *used = mx_mem_calloc((n + 7) / 8, 1);
        for (size_t k = 0; k < kept; k++)
            used[tl->order[k] / 8] |= (uint8_t)(1u << tl->order[k] % 8);
        for (size_t r = 0, k = kept; r < n; r++)
            if (!(used[r / 8] >> r % 8 & 1)) tl->order[k++] = (uint32_t)r;
        free(used);
        for (size_t k = 0; k < n; k++) { /* recs[j] = recs[order[j]] along each cycle */
            if (tl->order[k] & PLACED) continue;
            struct mx_entry first = tl->recs[k];
            size_t j = k;
            for (;;) {
                size_t from = tl->order[j];
                tl->order[j] |= PLACED;
                if (from == k) {
                    tl->recs[j] = first;
                    break;
                }
                tl->recs[j] = tl->recs[from];
                j = from;
            }
        }
    }
    free(tl->order);
    tl->order = NULL;
    tl->n_recs = kept;
}

void mx_timeline_finish(struct mx_timelines *tl, const struct mx_zone *zone, int64_t from,
                        int64_t to, uint64_t *dups, size_t n_inputs) {
    join_alt(tl);
    join_numbered(tl);
    size_t ni = tl->n_incs;
    /* what the timelines need of each incident's builder state, in a quarter of its
     * size: the state is freed before the timelines are made (a peak of the run) */
    struct slim {
        uint32_t title, service, team, channel, number;
        uint8_t sev, cls;
        bool can_postmortem, merged_away;
    } *slim = mx_mem_malloc((ni ? ni : 1) * sizeof *slim);
    for (size_t i = 0; i < ni; i++) {
        const struct inc *in = &tl->incs[i];
        slim[i] = (struct slim){in->title.id,   in->service.id,     in->team.id,
                                in->channel.id, in->number.id,      in->sev,
                                in->cls,        in->can_postmortem, in->merged_away};
    }
    free(tl->incs);
    tl->incs = NULL;
    tl->n_incs = tl->cap_incs = 0;
    uint32_t *start = mx_mem_calloc(ni + 1, sizeof *start);
    for (size_t i = 0; i < tl->n_recs; i++) start[tl->rec_inc[i] + 1]++;
    for (size_t i = 0; i < ni; i++) start[i + 1] += start[i];
    tl->order = mx_mem_malloc((tl->n_recs ? tl->n_recs : 1) * sizeof *tl->order);
    uint32_t *fill = mx_mem_malloc((ni ? ni : 1) * sizeof *fill);
    memcpy(fill, start, ni * sizeof *fill);
    for (size_t i = 0; i < tl->n_recs; i++) tl->order[fill[tl->rec_inc[i]]++] = (uint32_t)i;
    free(fill);
    free(tl->rec_inc); /* grouped by incident now */
    tl->rec_inc = NULL;
    tl->cap_rec_inc = 0;

    tl->tls = mx_mem_calloc(ni ? ni : 1, sizeof *tl->tls);
    size_t longest = 1;
    for (size_t i = 0; i < ni; i++)
        if (start[i + 1] - start[i] > longest) longest = start[i + 1] - start[i];
    uint32_t *tmp = mx_mem_malloc(longest * sizeof *tmp);
    size_t out = 0, nt = 0; /* kept events are compacted towards the front of order */
    for (size_t i = 0; i < ni; i++) {
        if (slim[i].merged_away) continue; /* no events left: no timeline */
        uint32_t *slice = tl->order + start[i];
        size_t n = start[i + 1] - start[i];
        sort_by_time(slice, n, tl->recs, tmp);
        size_t kept = drop_dups(tl, slice, n);
        memmove(tl->order + out, slice, kept * sizeof *slice);
        struct mx_timeline *t = &tl->tls[nt++];
        const struct slim *in = &slim[i];
        t->id = (uint32_t)i + 1;
        t->title = in->title;
        t->service = in->service;
        t->team = in->team;
        t->channel = in->channel;
        t->number = in->number;
        t->postmortem_measurable = in->can_postmortem;
        t->service_data = t->service;
        t->severity = (enum mx_severity)in->sev;
        t->cls = (enum mx_class)in->cls;
        t->first = (uint32_t)out;
        t->count = (uint32_t)kept;
        out += kept;
        derive(tl, zone, t);
        t->in_window = (from == MX_NO_TIME || t->detected_at >= from) &&
                       (to == MX_NO_TIME || t->detected_at < to);
    }
    count_dups(tl, dups, n_inputs);
    tl->n_order = out;
    tl->n_tls = nt;
    free(tmp);
    free(start);
    in_timeline_order(tl);
    free(slim);
    qsort_r(tl->tls, nt, sizeof *tl->tls, cmp_tl, tl);
}

/* Whether s[0..n) equals the NUL-terminated id, ASCII case folded when fold. */
static bool same_id(struct mx_str s, const char *id, size_t n, bool fold) {
    if (s.n != n) return false;
    for (size_t i = 0; i < n; i++) {
        int a = (unsigned char)s.p[i], b = (unsigned char)id[i];
        if (fold) a = mx_event_lower(a), b = mx_event_lower(b);
        if (a != b) return false;
    }
    return true;
}

size_t mx_timeline_find(const struct mx_timelines *tl, const char *id) {
    size_t n = strlen(id);
    for (size_t i = 0; i < tl->n_tls; i++)
        if (same_id(mx_intern_str(&tl->ids, tl->tls[i].id), id, n, false)) return i;
    /* "#101" or "101": the incident whose number is 101 (PagerDuty's incident_number) */
    struct mx_str num;
    if (number_id((struct mx_str){id, n}, &num)) {
        size_t hit = (size_t)-1, hits = 0;
        for (size_t i = 0; i < tl->n_tls; i++)
            if (same_id(mx_intern_str(&tl->strings, tl->tls[i].number), num.p, num.n, false))
                hit = i, hits++;
        if (hits == 1) return hit;
        if (hits > 1) return MX_TIMELINE_SEVERAL; /* two exports number alike */
    }
    for (size_t i = 0; i < tl->n_tls; i++)
        if (same_id(mx_intern_str(&tl->ids, tl->tls[i].id), id, n, true)) return i;
    return MX_TIMELINE_NONE;
}

/* Levenshtein distance of a and b, ASCII case folded, capped at cap + 1 (ids are
 * compared for suggestions only: long ones are cut at 64 bytes). */
static size_t distance(struct mx_str a, const char *b, size_t bn, size_t cap) {
    size_t an = a.n < 64 ? a.n : 64;
    if (bn > 64) bn = 64;
    size_t row[65];
    for (size_t j = 0; j <= bn; j++) row[j] = j;
    for (size_t i = 1; i <= an; i++) {
        size_t diag = row[0], best = row[0] = i;
        for (size_t j = 1; j <= bn; j++) {
            int x = mx_event_lower((unsigned char)a.p[i - 1]);
            int y = mx_event_lower((unsigned char)b[j - 1]);
            size_t v = diag + (x != y);
            if (row[j] + 1 < v) v = row[j] + 1;
            if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
            diag = row[j];
            row[j] = v;
            if (v < best) best = v;
        }
        if (best > cap) return cap + 1;
    }
    return row[bn];
}

size_t mx_timeline_suggest(const struct mx_timelines *tl, const char *id, size_t *out, size_t max) {
    size_t n = strlen(id), cap = n / 3 > 1 ? n / 3 : 1, found = 0;
    size_t dist[8];
    if (max > 8) max = 8;
    if (max == 0) return 0;
    struct mx_str num = {0};
    bool numeric = number_id((struct mx_str){id, n}, &num);
    for (size_t i = 0; i < tl->n_tls; i++) {
        /* incidents numbered as asked come first (distance 0): several share it */
        size_t d =
            numeric && same_id(mx_intern_str(&tl->strings, tl->tls[i].number), num.p, num.n, false)
                ? 0
                : distance(mx_intern_str(&tl->ids, tl->tls[i].id), id, n, cap);
        if (d > cap) continue;
        /* keep the max nearest, ties by timeline order (detection, then id) */
        size_t k = found < max ? found++ : max;
        if (k == max && d >= dist[max - 1]) continue;
        if (k == max) k = max - 1;
        while (k > 0 && dist[k - 1] > d) {
            dist[k] = dist[k - 1];
            out[k] = out[k - 1];
            k--;
        }
        dist[k] = d;
        out[k] = i;
    }
    return found;
}

size_t mx_timeline_count(const struct mx_timelines *tl) {
    return tl->n_tls;
}

const struct mx_timeline *mx_timeline_get(const struct mx_timelines *tl, size_t i) {
    return &tl->tls[i];
}

struct mx_timeline *mx_timeline_edit(struct mx_timelines *tl, size_t i) {
    return &tl->tls[i];
}

const struct mx_entry *mx_timeline_entry(const struct mx_timelines *tl, size_t i) {
    return &tl->recs[i];
}

uint32_t mx_timeline_commander(const struct mx_timelines *tl, size_t i) {
    uint32_t rec = (uint32_t)i;
    const struct mx_entry *e = &tl->recs[rec];
    if (e->type != MX_EV_COMMANDER_ASSIGNED) return 0;
    size_t lo = lower_rec(tl->cmds, tl->n_cmds, sizeof *tl->cmds, rec);
    return lo < tl->n_cmds && tl->cmds[lo].rec == rec ? tl->cmds[lo].person : e->actor;
}

size_t mx_timeline_joined(const struct mx_timelines *tl) {
    return tl->joined;
}

size_t mx_timeline_join_ambiguous(const struct mx_timelines *tl) {
    return tl->join_ambiguous;
}

uint64_t mx_timeline_repeated_ids(const struct mx_timelines *tl, uint32_t src) {
    return src < tl->cap_uid_dups ? tl->uid_dups[src] : 0;
}

void mx_timeline_normalize_titles(struct mx_timelines *tl) {
    size_t n = tl->strings.count;
    uint32_t *norm = mx_mem_calloc(n + 1, sizeof *norm); /* title id -> its normal form's */
    bool *done = mx_mem_calloc(n + 1, sizeof *done);
    char *scratch = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < tl->n_tls; i++) {
        struct mx_timeline *t = &tl->tls[i];
        uint32_t id = t->title;
        if (id && id <= n && !done[id]) {
            struct mx_str title = mx_intern_str(&tl->strings, id);
            mx_mem_grow((void **)&scratch, &cap, 3 * title.n + 1, 1);
            size_t k = mx_titles_normalize(title.p, title.n, scratch);
            norm[id] = k ? mx_intern_put(&tl->strings, scratch, k, NULL) : 0;
            done[id] = true;
        }
        t->norm_title = id && id <= n ? norm[id] : 0;
    }
    free(scratch);
    free(done);
    free(norm);
}

/* The strings of a timeline that mx_timeline_map_strings rewrites. */
#define MAPPED 7
static void mapped(struct mx_timeline *t, uint32_t *f[MAPPED]) {
    f[0] = &t->title, f[1] = &t->service, f[2] = &t->team, f[3] = &t->channel;
    f[4] = &t->number, f[5] = &t->service_data, f[6] = &t->norm_title;
}

void mx_timeline_map_strings(struct mx_timelines *tl, mx_timeline_map_fn fn, void *ctx) {
    struct mx_intern fresh;
    mx_intern_init(&fresh);
    size_t n = tl->strings.count;
    uint32_t *to = mx_mem_calloc(n + 1, sizeof *to); /* old id -> new id (0 stays 0) */
    for (uint32_t id = 1; id <= n; id++) {
        struct mx_str out = {NULL, 0};
        fn(ctx, tl->strings.strs[id], &out);
        to[id] = out.n ? mx_intern_put(&fresh, out.p, out.n, NULL) : 0;
    }
    for (size_t r = 0; r < tl->n_recs; r++) {
        struct mx_entry *e = &tl->recs[r];
        e->actor = to[e->actor];
    }
    for (size_t x = 0; x < tl->n_extras; x++)
        tl->extras[x].name = to[tl->extras[x].name], tl->extras[x].text = to[tl->extras[x].text];
    for (size_t c = 0; c < tl->n_cmds; c++) tl->cmds[c].person = to[tl->cmds[c].person];
    for (size_t i = 0; i < tl->n_incs; i++) {
        struct inc *in = &tl->incs[i];
        struct value *v[5] = {&in->title, &in->service, &in->team, &in->channel, &in->number};
        for (int k = 0; k < 5; k++) v[k]->id = to[v[k]->id];
    }
    for (size_t i = 0; i < tl->n_tls; i++) {
        uint32_t *f[MAPPED];
        mapped(&tl->tls[i], f);
        for (int k = 0; k < MAPPED; k++) *f[k] = to[*f[k]];
    }
    free(to);
    mx_intern_free(&tl->strings);
    tl->strings = fresh;
}

struct mx_str mx_timeline_string(const struct mx_timelines *tl, uint32_t id) {
    return mx_intern_str(&tl->strings, id);
}

struct mx_str mx_timeline_id(const struct mx_timelines *tl, const struct mx_timeline *t) {
    return mx_intern_str(&tl->ids, t->id);
}

uint32_t mx_timeline_intern(struct mx_timelines *tl, const char *s, size_t n) {
    return n ? mx_intern_put(&tl->strings, s, n, NULL) : 0;
}
