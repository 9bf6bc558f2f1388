/*
 * policy.c - defaults and durations of the process policy (see policy.h).
 */
#include "parsers/policy.h"

#include <stdbool.h>
#include <string.h>

#define MIN  (60 * 1000LL)
#define HOUR (60 * MIN)

static const char *const metric_names[MX_TM__COUNT] = {"mtta", "mttr", "mttm", "mttd"};

const char *mx_policy_metric_name(enum mx_target_metric m) {
    return metric_names[m];
}

void mx_policy_default(struct mx_policy *p) {
    memset(p, 0, sizeof *p);
    for (int s = 0; s < MX_SEV__COUNT; s++)
        p->response_ms[s] = p->postmortem_ms[s] = p->cadence_ms[s] = MX_NO_TARGET;
    for (int m = 0; m < MX_TM__COUNT; m++)
        for (int s = 0; s <= MX_SEV__COUNT; s++) p->metric_ms[m][s] = MX_NO_TARGET;
    p->metric_ms[MX_TM_MTTA][MX_SEV_1] = 5 * MIN;
    p->metric_ms[MX_TM_MTTR][MX_SEV_1] = HOUR;
    p->metric_ms[MX_TM_MTTD][MX_TARGET_ALL] = 5 * MIN;
    p->response_ms[MX_SEV_1] = 15 * MIN;
    p->response_ms[MX_SEV_2] = 30 * MIN;
    p->response_ms[MX_SEV_3] = 2 * HOUR;
    p->response_ms[MX_SEV_4] = MX_NEXT_BUSINESS_DAY;
    p->postmortem_ms[MX_SEV_1] = p->postmortem_ms[MX_SEV_2] = 48 * HOUR;
    p->postmortem_ms[MX_SEV_3] = 7 * 24 * HOUR;
    p->cadence_ms[MX_SEV_1] = 30 * MIN;
    p->cadence_ms[MX_SEV_2] = 60 * MIN;
    p->war_room_ms = 30 * MIN;
    p->regulator_ms = 72 * HOUR;
    p->workdays = 0x3E; /* Monday..Friday */
    p->flap_window_ms = 24 * HOUR;
    p->business_from = 8 * 60;
    p->business_to = 18 * 60;
    p->sleep_from = 22 * 60;
    p->sleep_to = 8 * 60;
}

int mx_policy_duration(const char *s, int64_t *ms) {
    if (strcmp(s, "none") == 0) {
        *ms = MX_NO_TARGET;
        return true;
    }
    int64_t total = 0;
    bool any = false;
    while (*s) {
        if (*s < '0' || *s > '9') return false;
        int64_t v = 0;
        while (*s >= '0' && *s <= '9') {
            v = v * 10 + (*s++ - '0');
            if (v > 1000000000) return false;
        }
        int64_t unit;
        switch (*s++) {
        case 's': unit = 1000; break;
        case 'm': unit = MIN; break;
        case 'h': unit = HOUR; break;
        case 'd': unit = 24 * HOUR; break;
        default: return false;
        }
        total += v * unit;
        any = true;
    }
    if (!any) return false;
    *ms = total;
    return true;
}
