/*
 * test_github_report.c - GitHub workflow-command annotations: properties and messages
 * escaped by GitHub's rules, positions inside archives and JSON pages in the message.
 */
#include "harness.h"
#include "reports/github_report.h"

static void ann(const char *kind, const char *path, uint64_t line, int64_t index, const char *msg,
                const char *want) {
    struct mx_buf b = {0};
    mx_github_report_annotation(&b, kind, path, line, index, msg);
    mx_buf_putc(&b, '\0');
    CHECK_STR(b.p, want);
    mx_buf_free(&b);
}

int main(void) {
    ann("error", "logs/a.jsonl", 12, -1, "field 'time': bad",
        "::error file=logs/a.jsonl,line=12,title=mttx::field 'time': bad\n");
    /* a property's : and , and % are escaped, a message's % CR LF (no new command) */
    ann("warning", "a,b:c%.csv", 3, -1, "50% done\r\n::error::x",
        "::warning file=a%2Cb%3Ac%25.csv,line=3,title=mttx::50%25 done%0D%0A::error::x\n");
    /* inside an archive: the archive is the file, the member and line are said */
    ann("error", "logs.tar.gz!2026/03.jsonl", 41, -1, "bad",
        "::error file=logs.tar.gz,title=mttx::logs.tar.gz!2026/03.jsonl:41: bad\n");
    /* an element of a JSON page: the line is the file's, the element in the message */
    ann("error", "page.json", 1, 3, "not an object",
        "::error file=page.json,line=1,title=mttx::page.json:1#3: not an object\n");
    /* a control in a path reaches the log escaped, as in every diagnostic */
    ann("error", "a\x1b[31m.jsonl", 2, -1, "bad",
        "::error file=a\\x1b[31m.jsonl,line=2,title=mttx::bad\n");
    ann("error", "gone.jsonl", 0, -1, "cannot open",
        "::error file=gone.jsonl,title=mttx::cannot open\n");
    TEST_DONE();
}
