/*
 * record.c - the per-record sink (see record.h).
 */
#include "parsers/record.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"

/* What a recording sink logs: the calls that reach the diagnostics or the event callback.
 * A record without messages is one OP_RECORD; one with messages opens with OP_BEGIN
 * and, when kept, ends with OP_END. */
enum op_kind { OP_BEGIN, OP_REJECT, OP_WARN, OP_END, OP_RECORD };

struct op {
    uint8_t kind;
    uint8_t code;      /* the reason, warning or record kind */
    bool urgency;      /* OP_END, OP_RECORD: an urgency left unmapped */
    struct mx_pos pos; /* all but OP_END (which is at its OP_BEGIN's) */
    size_t msg;        /* OP_REJECT, OP_WARN: offset of the message in text */
    size_t first, n;   /* OP_END, OP_RECORD: the record's events */
};

/* The strings of an event, in the order of a logged event's mask bits. */
static const size_t STRS[] = {
    offsetof(struct mx_event, incident),  offsetof(struct mx_event, type_name),
    offsetof(struct mx_event, service),   offsetof(struct mx_event, team),
    offsetof(struct mx_event, title),     offsetof(struct mx_event, actor),
    offsetof(struct mx_event, commander), offsetof(struct mx_event, channel),
    offsetof(struct mx_event, url),       offsetof(struct mx_event, note),
    offsetof(struct mx_event, into),      offsetof(struct mx_event, number),
    offsetof(struct mx_event, uid),       offsetof(struct mx_event, alt_id)};
#define N_STRS (sizeof STRS / sizeof STRS[0])

/* Every field of an event is logged (log_end) and restored (unlog): one added to
 * struct mx_event must be added there too. */
_Static_assert(sizeof(struct mx_event) == 296 || sizeof(void *) != 8,
               "struct mx_event changed: log its new field in log_end and unlog");

/* An event as logged: its scalars; its position is its record's; each string named by
 * mask is in text at text, as a length (size_t, unaligned) and its bytes. */
struct logged {
    int64_t time_ms;
    size_t text;
    uint16_t mask;
    uint8_t type, severity, cls, via, uid_space;
    uint8_t bits; /* has_class, auto_resolved, title_is_summary, actor_system */
};

struct mx_record_log {
    struct op *ops;
    size_t n_ops, cap_ops;
    struct logged *evs;
    size_t n_evs, cap_evs;
    char *text;
    size_t n_text, cap_text;
};

static size_t log_text(struct mx_record_log *l, const char *p, size_t n) {
    mx_mem_grow((void **)&l->text, &l->cap_text, l->n_text + n + 1, 1);
    size_t at = l->n_text;
    if (n) memcpy(l->text + at, p, n);
    l->text[at + n] = '\0';
    l->n_text += n + 1;
    return at;
}

static struct op *log_op(struct mx_record_log *l, enum op_kind k) {
    mx_mem_grow((void **)&l->ops, &l->cap_ops, l->n_ops + 1, sizeof *l->ops);
    struct op *o = &l->ops[l->n_ops++];
    memset(o, 0, sizeof *o);
    o->kind = (uint8_t)k;
    return o;
}

struct mx_record_log *mx_record_log_new(void) {
    return mx_mem_calloc(1, sizeof(struct mx_record_log));
}

void mx_record_log_clear(struct mx_record_log *l) {
    l->n_ops = l->n_evs = l->n_text = 0;
}

void mx_record_log_free(struct mx_record_log *l) {
    if (!l) return;
    free(l->ops);
    free(l->evs);
    free(l->text);
    free(l);
}

void mx_record_begin(struct mx_record *r, const struct mx_pos *pos) {
    r->pos = *pos;
    r->rejected = false;
    r->urgency_unmapped = false;
    r->n = 0;
    r->n_scratch = 0;
    r->n_text = 0;
    r->what = NULL;
    r->kind = MX_K_NATIVE;
    r->begun = false; /* logged with the record's first message, or as one OP_RECORD */
    if (!r->log) r->diag->inputs[pos->src].records++;
}

/* A logged record's opening, before its first message. */
static void log_begin(struct mx_record *r) {
    if (r->begun) return;
    log_op(r->log, OP_BEGIN)->pos = r->pos;
    r->begun = true;
}

void mx_record_event(struct mx_record *r, const struct mx_event *ev) {
    if (r->rejected) return;
    mx_mem_grow((void **)&r->events, &r->cap, r->n + 1, sizeof *r->events);
    r->events[r->n] = *ev;
    r->events[r->n].pos = r->pos;
    r->events[r->n].same_record = r->n > 0;
    r->n++;
}

bool mx_record_reject(struct mx_record *r, enum mx_reason reason, const char *fmt, ...) {
    char msg[600];
    va_list ap;
    int k = r->what ? snprintf(msg, sizeof msg, "%s: ", r->what) : 0;
    va_start(ap, fmt);
    vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
    va_end(ap);
    if (!r->rejected && r->log) {
        log_begin(r);
        struct op *o = log_op(r->log, OP_REJECT);
        o->code = (uint8_t)reason;
        o->pos = r->pos;
        o->msg = log_text(r->log, msg, strlen(msg));
    } else if (!r->rejected) {
        mx_diag_reject(r->diag, &r->pos, reason, "%s", msg);
    }
    r->rejected = true;
    return false;
}

static void warn(struct mx_record *r, const struct mx_pos *pos, enum mx_warning w,
                 const char *msg) {
    if (r->log) {
        if (pos == &r->pos) log_begin(r); /* a page's warning belongs to no record */
        struct op *o = log_op(r->log, OP_WARN);
        o->code = (uint8_t)w;
        o->pos = *pos;
        o->msg = log_text(r->log, msg, strlen(msg));
    } else {
        mx_diag_warn(r->diag, pos, w, "%s", msg);
    }
}

void mx_record_warn_at(struct mx_record *r, const struct mx_pos *pos, enum mx_warning w,
                       const char *fmt, ...) {
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    warn(r, pos, w, msg);
}

void mx_record_warn(struct mx_record *r, enum mx_warning w, const char *fmt, ...) {
    char msg[600];
    va_list ap;
    int k = r->what ? snprintf(msg, sizeof msg, "%s: ", r->what) : 0;
    va_start(ap, fmt);
    vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
    va_end(ap);
    warn(r, &r->pos, w, msg);
}

/* An accepted record's effect: counted, its events handed on. */
static void hand_on(struct mx_record *r, uint32_t src, enum mx_kind kind, bool urgency,
                    struct mx_event *events, size_t n) {
    r->diag->inputs[src].emitted++;
    r->diag->inputs[src].by_kind[kind]++;
    r->diag->inputs[src].urgencies_unmapped += urgency;
    /* PagerDuty's exports and payloads have no postmortem record: an incident known
     * only from them cannot show whether one was published */
    bool pm = kind == MX_K_NATIVE || kind == MX_K_CSV || kind == MX_K_CUSTOM ||
              kind == MX_K_FIREHYDRANT; /* its postmortem_completed milestone */
    for (size_t i = 0; i < n; i++) {
        events[i].can_postmortem = pm;
        r->fn(r->ctx, &events[i]);
    }
}

/* The record's events into the log, each string copied. */
static void log_end(struct mx_record *r) {
    struct mx_record_log *l = r->log;
    struct op *o = log_op(l, r->begun ? OP_END : OP_RECORD);
    o->pos = r->pos;
    o->code = (uint8_t)r->kind;
    o->urgency = r->urgency_unmapped;
    o->first = l->n_evs;
    o->n = r->n;
    mx_mem_grow((void **)&l->evs, &l->cap_evs, l->n_evs + r->n, sizeof *l->evs);
    for (size_t i = 0; i < r->n; i++) {
        const struct mx_event *ev = &r->events[i];
        struct logged *e = &l->evs[l->n_evs++];
        e->time_ms = ev->time_ms;
        e->type = (uint8_t)ev->type;
        e->severity = (uint8_t)ev->severity;
        e->cls = (uint8_t)ev->cls;
        e->via = (uint8_t)ev->via;
        e->uid_space = (uint8_t)ev->uid_space;
        e->bits = (uint8_t)(ev->has_class | ev->auto_resolved << 1 | ev->title_is_summary << 2 |
                            ev->actor_system << 3);
        e->mask = 0;
        e->text = l->n_text;
        size_t need = 0;
        for (size_t k = 0; k < N_STRS; k++)
            need += ((const struct mx_str *)((const char *)ev + STRS[k]))->n + sizeof(size_t);
        mx_mem_grow((void **)&l->text, &l->cap_text, l->n_text + need, 1);
        for (size_t k = 0; k < N_STRS; k++) {
            const struct mx_str *s = (const struct mx_str *)((const char *)ev + STRS[k]);
            if (!s->n) continue;
            e->mask |= (uint16_t)(1u << k);
            memcpy(l->text + l->n_text, &s->n, sizeof s->n);
            memcpy(l->text + l->n_text + sizeof s->n, s->p, s->n);
            l->n_text += sizeof s->n + s->n;
        }
    }
}

/* A logged event, whole again, at pos; its strings point into l's text. */
static void unlog(const struct mx_record_log *l, const struct logged *e, const struct mx_pos *pos,
                  bool same_record, struct mx_event *ev) {
    memset(ev, 0, sizeof *ev);
    ev->pos = *pos;
    ev->time_ms = e->time_ms;
    ev->type = (enum mx_evtype)e->type;
    ev->severity = (enum mx_severity)e->severity;
    ev->cls = (enum mx_class)e->cls;
    ev->via = (enum mx_via)e->via;
    ev->uid_space = (enum mx_uid_space)e->uid_space;
    ev->has_class = e->bits & 1;
    ev->auto_resolved = e->bits >> 1 & 1;
    ev->title_is_summary = e->bits >> 2 & 1;
    ev->actor_system = e->bits >> 3 & 1;
    ev->same_record = same_record;
    const char *p = l->text + e->text;
    for (unsigned m = e->mask; m; m &= m - 1) {
        struct mx_str *s = (struct mx_str *)((char *)ev + STRS[__builtin_ctz(m)]);
        memcpy(&s->n, p, sizeof s->n);
        s->p = p + sizeof s->n;
        p += sizeof s->n + s->n;
    }
}

void mx_record_end(struct mx_record *r) {
    if (r->rejected) return;
    if (r->log)
        log_end(r);
    else
        hand_on(r, r->pos.src, r->kind, r->urgency_unmapped, r->events, r->n);
    r->n = 0;
}

void mx_record_log_replay(struct mx_record *r, const struct mx_record_log *l) {
    struct mx_event evs[8], *many = NULL;
    for (size_t i = 0; i < l->n_ops; i++) {
        const struct op *o = &l->ops[i];
        switch ((enum op_kind)o->kind) {
        case OP_BEGIN:
            r->diag->inputs[o->pos.src].records++;
            r->pos = o->pos;
            break;
        case OP_REJECT:
            mx_diag_reject(r->diag, &o->pos, (enum mx_reason)o->code, "%s", l->text + o->msg);
            break;
        case OP_WARN:
            mx_diag_warn(r->diag, &o->pos, (enum mx_warning)o->code, "%s", l->text + o->msg);
            break;
        case OP_RECORD:
        case OP_END: {
            if (o->kind == OP_RECORD) r->diag->inputs[o->pos.src].records++;
            struct mx_event *v = evs;
            if (o->n > 8) v = many = mx_mem_malloc(o->n * sizeof *v);
            for (size_t k = 0; k < o->n; k++)
                unlog(l, &l->evs[o->first + k], &o->pos, k > 0, &v[k]);
            hand_on(r, o->pos.src, (enum mx_kind)o->code, o->urgency, v, o->n);
            free(many);
            many = NULL;
            break;
        }
        }
    }
}

void mx_record_free(struct mx_record *r) {
    if (!r) return;
    free(r->events);
    r->events = NULL;
    r->n = r->cap = 0;
}

void mx_record_urgency(struct mx_record *r, struct mx_str urgency, enum mx_severity *sev) {
    if (!urgency.n) return;
    if (!mx_sevmap_urgency(r->sevmap, urgency.p, urgency.n, sev)) r->urgency_unmapped = true;
}

void mx_record_severity(struct mx_record *r, struct mx_str label,
                        const struct mx_record_sevname *defaults, enum mx_severity *sev) {
    if (!label.n || mx_sevmap_lookup(r->sevmap, label.p, label.n, sev)) return;
    for (const struct mx_record_sevname *d = defaults; d && d->label; d++) {
        if (strlen(d->label) != label.n) continue;
        size_t i = 0;
        while (i < label.n && mx_event_lower((unsigned char)label.p[i]) == d->label[i]) i++;
        if (i == label.n) {
            *sev = d->sev;
            return;
        }
    }
    char ex[200];
    mx_diag_excerpt(ex, sizeof ex, label.p, label.n);
    mx_record_warn(r, MX_W_UNKNOWN_SEVERITY, "severity %s is not in the severity mapping (ignored)",
                   ex);
}

void mx_record_via(struct mx_record *r, struct mx_str via, struct mx_event *ev) {
    if (!via.n || ev->type != MX_EV_PAGED) return;
    if (mx_event_via_parse(via.p, via.n, &ev->via)) return;
    char ex[200];
    mx_diag_excerpt(ex, sizeof ex, via.p, via.n);
    mx_record_warn(r, MX_W_IGNORED_FIELD,
                   "field 'via': expected phone, sms, push or email, got %s (ignored)", ex);
}

void mx_record_blank(const struct mx_record *r, struct mx_event *ev) {
    memset(ev, 0, sizeof *ev);
    ev->pos = r->pos;
    ev->type = MX_EV_NOTE;
}

struct mx_str mx_record_join(struct mx_record *r, const char *prefix, struct mx_str s) {
    struct mx_str out = {NULL, 0};
    size_t k = strlen(prefix);
    if (k + s.n > sizeof r->text - r->n_text) return out;
    char *p = r->text + r->n_text;
    memcpy(p, prefix, k);
    if (s.n) memcpy(p + k, s.p, s.n);
    r->n_text += k + s.n;
    out.p = p;
    out.n = k + s.n;
    return out;
}

struct mx_str mx_record_int(struct mx_record *r, int64_t v) {
    struct mx_str out = {NULL, 0};
    if (r->n_scratch >= 8) return out;
    char *buf = r->scratch[r->n_scratch++];
    out.n = (size_t)snprintf(buf, sizeof r->scratch[0], "%lld", (long long)v);
    out.p = buf;
    return out;
}
