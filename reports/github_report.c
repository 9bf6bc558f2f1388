/*
 * github_report.c - GitHub Actions annotations (see github_report.h).
 */
#define _POSIX_C_SOURCE 200809L /* access */
#include "reports/github_report.h"

#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "reports/esc.h"

/* s[0..n) escaped for a workflow command's message, or (property) one of its values. */
static void put(struct mx_buf *b, const char *s, size_t n, bool property) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%')
            mx_buf_puts(b, "%25");
        else if (c == '\r')
            mx_buf_puts(b, "%0D");
        else if (c == '\n')
            mx_buf_puts(b, "%0A");
        else if (property && c == ':')
            mx_buf_puts(b, "%3A");
        else if (property && c == ',')
            mx_buf_puts(b, "%2C");
        else
            mx_buf_putc(b, c);
    }
}

void mx_github_report_annotation(struct mx_buf *b, const char *kind, const char *path,
                                 uint64_t line, int64_t index, const char *msg) {
    /* inside an archive ("A!M", which is no file on disk): the archive is the file */
    const char *bang = access(path, F_OK) == 0 ? NULL : strchr(path, '!');
    /* a path's controls as the terminal sees them (\xHH), as the message's already are:
     * the annotation is a line of the job's log */
    struct mx_buf esc = {0};
    mx_esc_term(&esc, path);
    mx_buf_putc(&esc, '\0');
    const char *shown = esc.p, *ebang = bang ? strchr(shown, '!') : NULL;
    size_t file_n = ebang ? (size_t)(ebang - shown) : strlen(shown);
    mx_buf_printf(b, "::%s file=", kind);
    put(b, shown, file_n, true);
    if (line > 0 && !bang) mx_buf_printf(b, ",line=%llu", (unsigned long long)line);
    mx_buf_puts(b, ",title=mttx::");
    if (bang || index >= 0) { /* the position the annotation cannot carry */
        put(b, shown, strlen(shown), false);
        if (line > 0) mx_buf_printf(b, ":%llu", (unsigned long long)line);
        if (index >= 0) mx_buf_printf(b, "#%lld", (long long)index);
        mx_buf_puts(b, ": ");
    }
    put(b, msg, strlen(msg), false);
    mx_buf_putc(b, '\n');
    mx_buf_free(&esc);
}

void mx_github_report_summary(struct mx_buf *b, const struct mx_result *r, uint64_t seen,
                              uint64_t annotated) {
    mx_buf_printf(b,
                  "::notice title=mttx::%llu input%s, %llu record%s read, %llu accepted, %llu "
                  "duplicates, %llu rejected",
                  (unsigned long long)r->n_inputs, r->n_inputs == 1 ? "" : "s",
                  (unsigned long long)r->total_records, r->total_records == 1 ? "" : "s",
                  (unsigned long long)r->total.accepted, (unsigned long long)r->total.duplicates,
                  (unsigned long long)r->total_rejected);
    if (r->skipped_files)
        mx_buf_printf(b, ", %llu skipped as unrecognised", (unsigned long long)r->skipped_files);
    if (r->diag->failures)
        mx_buf_printf(b, ", %llu damaged", (unsigned long long)r->diag->failures);
    if (seen > annotated)
        mx_buf_printf(b,
                      "; %llu more diagnostics not annotated (the first %d of each kind are): "
                      "the log has them all",
                      (unsigned long long)(seen - annotated), MX_GITHUB_MAX);
    mx_buf_putc(b, '\n');
}
