/*
 * dump_report.c - the --debug-dump-events line of an event (see dump_report.h).
 */
#include "reports/dump_report.h"

#include "reports/esc.h"
#include "reports/fmt.h"

void mx_dump_report_event(struct mx_buf *b, const struct mx_event *ev) {
    mx_esc_term(b, ev->pos.path);
    mx_buf_printf(b, ":%llu", (unsigned long long)ev->pos.line);
    if (ev->pos.index >= 0) mx_buf_printf(b, "#%lld", (long long)ev->pos.index);
    mx_buf_putc(b, '\t');
    mx_fmt_utc(b, ev->time_ms);
    mx_buf_putc(b, '\t');
    mx_esc_json(b, ev->incident.p, ev->incident.n);
    mx_buf_printf(b, "\t%s\t%s", mx_event_type_name(ev->type),
                  mx_event_severity_name(ev->severity));
    if (ev->auto_resolved) mx_buf_puts(b, "\tauto");
    if (ev->type_name.n) {
        mx_buf_puts(b, "\ttype=");
        mx_esc_json(b, ev->type_name.p, ev->type_name.n);
    }
    const struct mx_str *f[] = {&ev->actor, &ev->service, &ev->title};
    const char *names[] = {"actor", "service", "title"};
    for (int k = 0; k < 3; k++) {
        if (!f[k]->n) continue;
        mx_buf_printf(b, "\t%s=", names[k]);
        mx_esc_json(b, f[k]->p, f[k]->n);
    }
    if (ev->has_class) mx_buf_printf(b, "\tclass=%s", mx_event_class_name(ev->cls));
    if (ev->via != MX_VIA_NONE) mx_buf_printf(b, "\tvia=%s", mx_event_via_name(ev->via));
    mx_buf_putc(b, '\n');
}
