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

/* What a recording sink logs: the calls that reach the diagnostics or the event callback. */
enum op_kind { OP_BEGIN, OP_REJECT, OP_WARN, OP_END };

struct op {
    uint8_t kind;
    uint8_t code;      /* the reason, warning or record kind */
    bool urgency;      /* OP_END: an urgency left unmapped */
    struct mx_pos pos; /* OP_BEGIN, OP_REJECT, OP_WARN */
    size_t msg;        /* OP_REJECT, OP_WARN: offset of the message in text */
    size_t first, n;   /* OP_END: the record's events */
};

/* The strings of an event, copied into the log's text. */
static const size_t STRS[] = {
    offsetof(struct mx_event, incident),  offsetof(struct mx_event, type_name),
    offsetof(struct mx_event, service),   offsetof(struct mx_event, team),
    offsetof(struct mx_event, title),     offsetof(struct mx_event, actor),
    offsetof(struct mx_event, commander), offsetof(struct mx_event, channel),
    offsetof(struct mx_event, url),       offsetof(struct mx_event, note),
    offsetof(struct mx_event, into),      offsetof(struct mx_event, number),
    offsetof(struct mx_event, uid)};
#define N_STRS (sizeof STRS / sizeof STRS[0])

struct logged {
    struct mx_event ev; /* its strings' pointers are meaningless here: */
    size_t off[N_STRS]; /* where they are in text */
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
    r->kind = MX_K_NATIVE;
    if (r->log)
        log_op(r->log, OP_BEGIN)->pos = *pos;
    else
        r->diag->inputs[pos->src].records++;
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
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!r->rejected && r->log) {
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
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
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
    bool pm = kind == MX_K_NATIVE || kind == MX_K_CSV || kind == MX_K_CUSTOM;
    for (size_t i = 0; i < n; i++) {
        events[i].can_postmortem = pm;
        r->fn(r->ctx, &events[i]);
    }
}

/* The record's events into the log, each string copied. */
static void log_end(struct mx_record *r) {
    struct mx_record_log *l = r->log;
    struct op *o = log_op(l, OP_END);
    o->code = (uint8_t)r->kind;
    o->urgency = r->urgency_unmapped;
    o->first = l->n_evs;
    o->n = r->n;
    for (size_t i = 0; i < r->n; i++) {
        mx_mem_grow((void **)&l->evs, &l->cap_evs, l->n_evs + 1, sizeof *l->evs);
        struct logged *e = &l->evs[l->n_evs++];
        e->ev = r->events[i];
        for (size_t k = 0; k < N_STRS; k++) {
            const struct mx_str *s = (const struct mx_str *)((const char *)&r->events[i] + STRS[k]);
            e->off[k] = s->n ? log_text(l, s->p, s->n) : 0;
        }
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
        case OP_END: {
            struct mx_event *v = evs;
            if (o->n > 8) v = many = mx_mem_malloc(o->n * sizeof *v);
            for (size_t k = 0; k < o->n; k++) {
                const struct logged *e = &l->evs[o->first + k];
                v[k] = e->ev;
                for (size_t f = 0; f < N_STRS; f++) {
                    struct mx_str *s = (struct mx_str *)((char *)&v[k] + STRS[f]);
                    if (s->n) s->p = l->text + e->off[f];
                }
            }
            hand_on(r, r->pos.src, (enum mx_kind)o->code, o->urgency, v, o->n);
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

struct mx_str mx_record_int(struct mx_record *r, int64_t v) {
    struct mx_str out = {NULL, 0};
    if (r->n_scratch >= 8) return out;
    char *buf = r->scratch[r->n_scratch++];
    out.n = (size_t)snprintf(buf, sizeof r->scratch[0], "%lld", (long long)v);
    out.p = buf;
    return out;
}
