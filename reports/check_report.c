/*
 * check_report.c - mttx check's per-input table (see check_report.h). Columns are
 * aligned to the longest path, capped at 100 characters so one long archive member
 * does not push every number off the screen.
 */
#include "reports/check_report.h"

#include <stdio.h>
#include <string.h>

#include "reports/esc.h"

/* The lines under an input's row: kinds of records (when they say more than the
 * format does), skipped archive entries, rejections per reason, the damage. */
static void details(struct mx_buf *b, const struct mx_input_stat *st) {
    if (!mx_diag_kinds_plain(st)) {
        mx_buf_puts(b, "  records:");
        for (int k = 0, first = 1; k < MX_K__COUNT; k++) {
            if (!st->by_kind[k]) continue;
            mx_buf_printf(b, "%s %s %llu", first ? "" : ",", mx_diag_kind_name((enum mx_kind)k),
                          (unsigned long long)st->by_kind[k]);
            first = 0;
        }
        mx_buf_putc(b, '\n');
    }
    if (st->skipped_entries)
        mx_buf_printf(b, "  skipped entries (not regular files): %llu\n",
                      (unsigned long long)st->skipped_entries);
    for (int k = 0; k < MX_R__COUNT; k++)
        if (st->by_reason[k])
            mx_buf_printf(b, "  rejected %s: %llu\n", mx_diag_reason_name((enum mx_reason)k),
                          (unsigned long long)st->by_reason[k]);
    if (st->skipped)
        mx_buf_puts(b, "  skipped: not a recognised format (nothing read; --strict fails)\n");
    if (st->failure) {
        mx_buf_puts(b, "  damaged: ");
        mx_esc_term(b, st->failure);
        mx_buf_putc(b, '\n');
    }
}

void mx_check_report_text(struct mx_buf *b, const struct mx_result *r, bool verbose) {
    int w = 5;
    for (size_t i = 0; i < r->n_inputs; i++) {
        int n = (int)mx_esc_term(NULL, r->inputs[i].stat->path);
        if (n > w) w = n > 100 ? 100 : n;
    }
    mx_buf_printf(b, "%-*s  %-14s %9s %9s %10s %9s\n", w, "INPUT", "FORMAT", "RECORDS", "ACCEPTED",
                  "DUPLICATES", "REJECTED");
    for (size_t i = 0; i < r->n_inputs; i++) {
        const struct mx_input_sum *in = &r->inputs[i];
        char fmt[32];
        snprintf(fmt, sizeof fmt, "%s%s%s", in->stat->format, in->stat->compression ? "+" : "",
                 in->stat->compression ? in->stat->compression : "");
        int pad = w - (int)mx_esc_term(b, in->stat->path);
        mx_buf_printf(b, "%*s  %-14s %9llu %9llu %10llu %9llu\n", pad > 0 ? pad : 0, "", fmt,
                      (unsigned long long)in->stat->records, (unsigned long long)in->accepted,
                      (unsigned long long)in->duplicates, (unsigned long long)in->stat->rejected);
        details(b, in->stat);
        if (in->after_as_of)
            mx_buf_printf(b, "  events after --as-of (left out): %llu\n",
                          (unsigned long long)in->after_as_of);
        if (verbose && in->duplicates)
            mx_buf_printf(b, "  duplicates: %llu repeated_id, %llu same_event\n",
                          (unsigned long long)in->repeated_ids,
                          (unsigned long long)(in->duplicates - in->repeated_ids));
    }
    mx_buf_printf(b, "%-*s  %-14s %9llu %9llu %10llu %9llu\n", w, "total", "",
                  (unsigned long long)r->total_records, (unsigned long long)r->total.accepted,
                  (unsigned long long)r->total.duplicates, (unsigned long long)r->total_rejected);
}
