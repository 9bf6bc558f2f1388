/*
 * fuzz_config.c - libFuzzer target for the configuration file: inih and every
 * section's handler (mappings, durations, calendars, limits, formats, rules). When the
 * file loads, a fixed bot log is read with its first format (else as JSON lines), its
 * rules are applied to those incidents and the report and audit writers render them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "analyzer/result.h"
#include "analyzer/rules.h"
#include "parsers/config.h"
#include "reports/audit_report.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/md_report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char LOG[] =
    "2026-03-02T09:00:00Z INC-1 detected sev=SEV2 svc=payments-api chan=#inc-2026-03-02-x :: "
    "[SEV2] Checkout 5xx\n"
    "2026-03-02T09:04:00Z INC-1 acknowledged by @dana\n"
    "2026-03-02T10:00:00Z INC-1 resolved by @dana\n"
    "2026-03-04T10:00:00Z INC-2 detected svc=synthetic-canary :: [TEST] drill\n"
    "{\"time\":\"2026-03-05T10:00:00Z\",\"incident\":\"INC-3\",\"event\":\"detected\","
    "\"title\":\"[SEV1] Game day\",\"service\":\"edge\",\"channel\":\"#war\"}\n"
    "{\"time\":\"2026-03-05T11:00:00Z\",\"incident\":\"INC-3\",\"event\":\"resolved\"}\n";

static void render(const struct mx_config *cfg, struct mx_timelines *tl, struct mx_diag *diag,
                   const struct mx_zone *utc) {
    uint64_t dups[2] = {0, 0};
    mx_timeline_finish(tl, utc, MX_NO_TIME, MX_NO_TIME, dups, diag->n_inputs);
    mx_rules_apply(tl, &cfg->rules, &cfg->sevmap);
    struct mx_result r;
    mx_timeline_normalize_titles(tl);
    mx_result_build(&r, tl, diag, utc, &cfg->policy, &cfg->rules, dups, 1775000000000LL, MX_NO_TIME,
                    MX_NO_TIME);
    mx_result_retro(&r);
    struct mx_buf b = {0};
    mx_json_report_write(&b, &r);
    fz_check_json(b.p, b.n); /* whatever the config's patterns and names, valid JSON */
    b.n = 0;
    mx_audit_report_json(&b, &r);
    fz_check_json(b.p, b.n);
    b.n = 0;
    mx_md_report_write(&b, &r, NULL);
    mx_html_report_write(&b, &r, NULL);
    mx_audit_report_md(&b, &r);
    mx_buf_free(&b);
    mx_result_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const struct mx_zone *utc = fz_utc();
    if (size > 1 << 16) return 0;
    struct mx_config cfg;
    mx_config_default(&cfg);
    char err[600];
    if (mx_config_parse(&cfg, "fuzz.ini", (const char *)data, size, err, sizeof err) == 0) {
        struct mx_diag diag;
        mx_diag_init(&diag, NULL);
        struct mx_timelines *tl = mx_timeline_new();
        struct mx_read_opts opts = cfg.read;
        opts.zone = utc;
        opts.sevmap = &cfg.sevmap;
        opts.formats = cfg.formats;
        opts.n_formats = cfg.n_formats;
        opts.forced = cfg.n_formats ? &cfg.formats[0] : NULL;
        struct mx_reader rd;
        mx_input_init(&rd, &diag, &opts, mx_timeline_add, tl);
        mx_input_read_mem(&rd, "bot.log", LOG, sizeof LOG - 1);
        mx_input_free(&rd);
        fz_check_accounting(&diag);
        render(&cfg, tl, &diag, utc);
        mx_timeline_free(tl);
        mx_diag_free(&diag);
    }
    mx_config_free(&cfg);
    return 0;
}
