/*
 * test_regex.c - PCRE2 behind its limits, on UTF-8 subjects. Every subject holds
 * multi-byte characters (accents, CJK, emoji) in every group: Debian 12's PCRE2 10.42
 * JIT does not match them when patterns are compiled with PCRE2_MATCH_INVALID_UTF, so
 * these checks fail on any PCRE2 whose JIT mishandles UTF-8 in the way mttx uses it.
 * Patterns are Unicode-aware (PCRE2_UCP): \w and \d take letters and digits of any
 * script. Invalid UTF-8 is refused before PCRE2 sees it.
 */
#include <stdlib.h>

#include "harness.h"
#include "parsers/regex.h"

static struct mx_regex *compile(const char *pattern) {
    struct mx_regex *re;
    char why[256];
    if (!mx_regex_compile(pattern, &re, why, sizeof why)) {
        fprintf(stderr, "%s: %s\n", pattern, why);
        abort();
    }
    return re;
}

static void group(struct mx_regex *re, const char *s, const char *name, const char *want) {
    struct mx_str g = mx_regex_group(re, s, name);
    size_t n = strlen(want);
    CHECK(g.n == n && (n == 0 || memcmp(g.p, want, n) == 0));
    if (!(g.n == n && (n == 0 || memcmp(g.p, want, n) == 0)))
        fprintf(stderr, "  group %s of \"%s\": got \"%.*s\", want \"%s\"\n", name, s, (int)g.n,
                g.p ? g.p : "", want);
}

static void bot_lines(void) {
    struct mx_regex *re = compile("^(?<time>\\S+) incbot\\[\\d+\\]: (?<incident>\\S+) "
                                  "(?<event>\\w+)(?: by=(?<actor>\\S+))?$");
    CHECK(mx_regex_jit(re)); /* the JIT path is the one under test */
    static const struct {
        const char *line, *incident, *event, *actor;
    } rows[] = {
        {"2025-10-01T19:33:51.000Z incbot[42]: 50560 ack by=émile", "50560", "ack", "émile"},
        {"2025-10-01T19:33:51.000Z incbot[42]: 50560 ack by=emile", "50560", "ack", "emile"},
        {"2025-10-01T19:40:00Z incbot[7]: INC-田中 résolu by=田中太郎", "INC-田中", "résolu",
         "田中太郎"},
        {"2025-10-01T19:41:00Z incbot[7]: 🚒-12 déclenché by=Zoë🚒", "🚒-12", "déclenché", "Zoë🚒"},
        {"2025-10-01T19:42:00Z incbot[7]: Ωmega ĳ", "Ωmega", "ĳ", ""},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const char *s = rows[i].line;
        enum mx_match m = mx_regex_match(re, s, strlen(s));
        CHECK(m == MX_MATCH);
        if (m != MX_MATCH) {
            fprintf(stderr, "  no match: %s\n", s);
            continue;
        }
        group(re, s, "incident", rows[i].incident);
        group(re, s, "event", rows[i].event);
        group(re, s, "actor", rows[i].actor);
    }
    mx_regex_free(re);
}

static void character_classes(void) {
    /* \w is any letter or digit (PCRE2_UCP), and . takes a whole character */
    struct mx_regex *re = compile("^(?<a>\\w+) (?<b>.) (?<c>[^ ]{2})$");
    const char *s = "Çağrı 漢 éé";
    enum mx_match m = mx_regex_match(re, s, strlen(s));
    CHECK(m == MX_MATCH);
    if (m != MX_MATCH) {
        mx_regex_free(re);
        return;
    }
    group(re, s, "a", "Çağrı");
    group(re, s, "b", "漢");
    group(re, s, "c", "éé");
    mx_regex_free(re);
}

static void invalid_subjects(void) {
    struct mx_regex *re = compile("^(?<x>.*)$");
    const char *bad[] = {"caf\xe9", "\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80", "ok \xff ok"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(mx_regex_match(re, bad[i], strlen(bad[i])) == MX_MATCH_BAD_UTF8);
    CHECK(mx_regex_match(re, "café", strlen("café")) == MX_MATCH);
    CHECK(mx_regex_match(re, "", 0) == MX_MATCH);
    mx_regex_free(re);
}

static void limits(void) {
    struct mx_regex *re = compile("^(a+)+$");
    char s[40000];
    memset(s, 'a', sizeof s - 2);
    s[sizeof s - 2] = 'b';
    s[sizeof s - 1] = '\0';
    CHECK(mx_regex_match(re, s, strlen(s)) == MX_MATCH_LIMIT);
    mx_regex_free(re);
}

int main(void) {
    bot_lines();
    character_classes();
    invalid_subjects();
    limits();
    TEST_DONE();
}
