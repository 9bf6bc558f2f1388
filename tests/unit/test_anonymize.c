/*
 * test_anonymize.c - who is a person, the pseudonyms' numbering by first appearance in
 * time order, and the replacement of names as words in free text (analyzer/anonymize.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "analyzer/anonymize.h"
#include "analyzer/timeline.h"
#include "harness.h"
#include "parsers/tz.h"

static uint32_t next_line;

static void add(struct mx_timelines *tl, const char *inc, enum mx_evtype type, const char *when,
                const char *actor, const char *title, const char *commander, bool automatic) {
    struct mx_event ev;
    memset(&ev, 0, sizeof ev);
    ev.pos.path = "test";
    ev.pos.line = ++next_line;
    ev.pos.index = -1;
    ev.time_ms = T(when);
    ev.incident = S(inc);
    ev.type = type;
    ev.actor = S(actor);
    ev.title = S(title);
    ev.commander = S(commander);
    ev.auto_resolved = automatic;
    mx_timeline_add(tl, &ev);
}

/* The pseudonym of name, or "-" when it is nobody's. */
static const char *pseudo(const struct mx_anonymize *a, const char *name) {
    static char out[32];
    if (!mx_anonymize_pseudonym(a, name, strlen(name), out, sizeof out)) return "-";
    return out;
}

/* s with the names replaced (a static buffer). */
static const char *text(const struct mx_anonymize *a, const char *s) {
    static char *buf;
    static size_t cap;
    if (!s) {
        free(buf);
        buf = NULL, cap = 0;
        return NULL;
    }
    mx_anonymize_text(a, s, strlen(s), &buf, &cap);
    return buf;
}

static void people_and_numbers(void) {
    struct mx_zone *utc;
    if (mx_tz_open("UTC", &utc)) abort();
    struct mx_timelines *tl = mx_timeline_new();
    /* incident B is detected first, but A's events are earlier than B's responses: the
     * numbering follows the instants, not the incidents' order */
    add(tl, "B", MX_EV_DETECTED, "2026-03-01T09:00:00Z", "Zoë Fairchild", "Disk full", NULL, false);
    add(tl, "B", MX_EV_ACKNOWLEDGED, "2026-03-01T12:00:00Z", "Ana Lima", NULL, NULL, false);
    add(tl, "A", MX_EV_DETECTED, "2026-03-01T10:00:00Z", "datadog", "Checkout for al", NULL, false);
    add(tl, "A", MX_EV_PAGED, "2026-03-01T10:01:00Z", "al", NULL, NULL, false);
    add(tl, "A", MX_EV_COMMANDER_ASSIGNED, "2026-03-01T10:02:00Z", "al", NULL, "Zoë Fairchild",
        false);
    /* the same instant as the commander: timeline order decides, and B (detected first)
     * comes before A */
    add(tl, "B", MX_EV_NOTE, "2026-03-01T10:02:00Z", "Li Wei", NULL, NULL, false);
    add(tl, "A", MX_EV_RESOLVED, "2026-03-01T11:00:00Z", "monitor", NULL, NULL, true);
    add(tl, "A", MX_EV_STARTED, "2026-03-01T08:00:00Z", "someone", NULL, NULL, false);
    add(tl, "A", MX_EV_NOTE, "2026-03-01T10:30:00Z", " - ", NULL, NULL, false);
    /* the same name in lower case is another actor: its own pseudonym, found in text
     * written so; a service's doing is nobody's */
    add(tl, "B", MX_EV_NOTE, "2026-03-01T13:00:00Z", "zoë fairchild", NULL, NULL, false);
    struct mx_event sys;
    memset(&sys, 0, sizeof sys);
    sys.pos.path = "test";
    sys.pos.index = -1;
    sys.time_ms = T("2026-03-01T10:00:30Z");
    sys.incident = S("A");
    sys.type = MX_EV_ESCALATED;
    sys.actor = S("checkout-api");
    sys.actor_system = true;
    mx_timeline_add(tl, &sys);
    uint64_t dups[1] = {0};
    mx_timeline_finish(tl, utc, MX_NO_TIME, MX_NO_TIME, dups, 1);

    struct mx_anonymize a;
    mx_anonymize_init(&a, tl);
    CHECK_I64(mx_anonymize_people(&a), 5);
    CHECK_STR(pseudo(&a, "zoë fairchild"), "responder-5");
    CHECK_STR(pseudo(&a, "checkout-api"), "-");
    CHECK_STR(text(&a, "zoë fairchild, Zoë Fairchild, ZOë FAIRCHILD, zoë FAIRCHILD"),
              "responder-5, responder-3, responder-3, responder-3");
    /* a diagnostic's excerpt cut short in a name; the message's own words stay */
    const char *cut = "field 'time': expected RFC 3339, got \"late, Zoë Fa...\"";
    char *mb = NULL;
    size_t mcap = 0;
    mx_anonymize_message(&a, cut, strlen(cut), &mb, &mcap);
    CHECK_STR(mb, "field 'time': expected RFC 3339, got \"late, responder-3...\"");
    mx_anonymize_message(&a, "got \"Z...\"", 10, &mb, &mcap); /* one byte: too little */
    CHECK_STR(mb, "got \"Z...\"");
    free(mb);
    /* al paged 10:01; Li Wei's note and Zoë named commander both at 10:02, B's note
     * first; Zoë's detection of B at 09:00 does not make her a person, her command does */
    CHECK_STR(pseudo(&a, "al"), "responder-1");
    CHECK_STR(pseudo(&a, "Li Wei"), "responder-2");
    CHECK_STR(pseudo(&a, "Zoë Fairchild"), "responder-3");
    CHECK_STR(pseudo(&a, "Ana Lima"), "responder-4");
    /* detections, starts and automatic resolutions are not a person's doing */
    CHECK_STR(pseudo(&a, "datadog"), "-");
    CHECK_STR(pseudo(&a, "monitor"), "-");
    CHECK_STR(pseudo(&a, "someone"), "-");
    CHECK_STR(pseudo(&a, " - "), "-"); /* nothing that could be a name */
    CHECK_STR(pseudo(&a, "AL"), "-");  /* the lookup is exact; the text is case folded */

    /* names as words, any case, longest first; not inside longer words */
    CHECK_STR(text(&a, "al"), "responder-1");
    CHECK_STR(text(&a, "Notified Zoë Fairchild by SMS"), "Notified responder-3 by SMS");
    CHECK_STR(text(&a, "ZOë FAIRCHILD and li wei"), "responder-3 and responder-2");
    CHECK_STR(text(&a, "al's deploy, ask Al."), "responder-1's deploy, ask responder-1.");
    CHECK_STR(text(&a, "alert: all hands, Zoë Fairchilds"), "alert: all hands, Zoë Fairchilds");
    CHECK_STR(text(&a, "al-notes (al)"), "responder-1-notes (responder-1)");
    CHECK_STR(text(&a, "Ála al_x xal alé"), "Ála al_x xal alé");
    CHECK_STR(text(&a, ""), "");
    CHECK_STR(text(&a, "nobody here"), "nobody here");

    /* the timelines' own strings */
    mx_anonymize_timelines(&a, tl);
    for (size_t i = 0; i < mx_timeline_count(tl); i++) {
        const struct mx_timeline *t = mx_timeline_get(tl, i);
        if (mx_timeline_id(tl, t).p[0] == 'A')
            CHECK(mx_timeline_string(tl, t->title).n == 24 &&
                  memcmp(mx_timeline_string(tl, t->title).p, "Checkout for responder-1", 24) == 0);
        for (uint32_t k = 0; k < t->count; k++) {
            const struct mx_entry *e = mx_timeline_entry(tl, t->first + k);
            struct mx_str s = mx_timeline_string(tl, e->actor);
            if (e->type == MX_EV_PAGED) CHECK(s.n == 11 && memcmp(s.p, "responder-1", 11) == 0);
            if (e->type == MX_EV_DETECTED &&
                mx_timeline_id(tl, t).p[0] == 'B') /* a person raised B */
                CHECK(s.n == 11 && memcmp(s.p, "responder-3", 11) == 0);
            if (e->type == MX_EV_DETECTED && mx_timeline_id(tl, t).p[0] == 'A')
                CHECK(s.n == 7 && memcmp(s.p, "datadog", 7) == 0);
            uint32_t c = mx_timeline_commander(tl, t->first + k);
            if (c) {
                s = mx_timeline_string(tl, c);
                CHECK(s.n == 11 && memcmp(s.p, "responder-3", 11) == 0);
            }
        }
    }
    text(NULL, NULL);
    mx_anonymize_free(&a);
    mx_anonymize_free(NULL);
    mx_timeline_free(tl);
    mx_tz_free(utc);
}

static void nobody(void) {
    struct mx_zone *utc;
    if (mx_tz_open("UTC", &utc)) abort();
    struct mx_timelines *tl = mx_timeline_new();
    uint64_t dups[1] = {0};
    mx_timeline_finish(tl, utc, MX_NO_TIME, MX_NO_TIME, dups, 1);
    struct mx_anonymize a;
    mx_anonymize_init(&a, tl);
    CHECK_I64(mx_anonymize_people(&a), 0);
    CHECK_STR(text(&a, "Zoë"), "Zoë");
    mx_anonymize_timelines(&a, tl);
    text(NULL, NULL);
    mx_anonymize_free(&a);
    mx_timeline_free(tl);
    mx_tz_free(utc);
}

int main(void) {
    people_and_numbers();
    nobody();
    TEST_DONE();
}
