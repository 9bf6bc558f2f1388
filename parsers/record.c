/*
 * record.c - the per-record sink (see record.h).
 */
#include "parsers/record.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/mem.h"

void mx_record_begin(struct mx_record *r, const struct mx_pos *pos) {
    r->pos = *pos;
    r->rejected = false;
    r->urgency_unmapped = false;
    r->n = 0;
    r->n_scratch = 0;
    r->kind = MX_K_NATIVE;
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
    if (!r->rejected) mx_diag_reject(r->diag, &r->pos, reason, "%s", msg);
    r->rejected = true;
    return false;
}

void mx_record_warn(struct mx_record *r, enum mx_warning w, const char *fmt, ...) {
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mx_diag_warn(r->diag, &r->pos, w, "%s", msg);
}

void mx_record_end(struct mx_record *r) {
    if (r->rejected) return;
    r->diag->inputs[r->pos.src].emitted++;
    r->diag->inputs[r->pos.src].by_kind[r->kind]++;
    r->diag->inputs[r->pos.src].urgencies_unmapped += r->urgency_unmapped;
    /* PagerDuty's exports and payloads have no postmortem record: an incident known
     * only from them cannot show whether one was published */
    bool pm = r->kind == MX_K_NATIVE || r->kind == MX_K_CSV || r->kind == MX_K_CUSTOM;
    for (size_t i = 0; i < r->n; i++) {
        r->events[i].can_postmortem = pm;
        r->fn(r->ctx, &r->events[i]);
    }
    r->n = 0;
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
