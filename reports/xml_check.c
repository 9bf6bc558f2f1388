/*
 * xml_check.c - a tokenizer strict enough for gnuplot's SVG (see xml_check.h). Not a
 * validating parser: it checks the structure our inlining relies on.
 */
#include "reports/xml_check.h"

#include <string.h>
#include <strings.h>

#define MAX_DEPTH 64

struct cur {
    const char *s;
    size_t n, i;
    const char *why;
};

/* Keeps the first failure only; always false, so a caller can return it. */
static bool fail(struct cur *c, const char *why) {
    if (!c->why) c->why = why;
    return false;
}

static bool starts(const struct cur *c, const char *lit) {
    size_t k = strlen(lit);
    return c->n - c->i >= k && memcmp(c->s + c->i, lit, k) == 0;
}

/* Skips to just after lit; false when it never comes. */
static bool skip_past(struct cur *c, const char *lit) {
    size_t k = strlen(lit);
    for (; c->i + k <= c->n; c->i++)
        if (memcmp(c->s + c->i, lit, k) == 0) {
            c->i += k;
            return true;
        }
    return false;
}

/* ASCII only, stricter than XML: a non-ASCII name fails the check as a bad name. */
static bool name_char(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '_' || ch == ':' || ch == '.';
}

/* Consumes a name; returns its length (0: none there). */
static size_t name(struct cur *c) {
    size_t start = c->i;
    while (c->i < c->n && name_char(c->s[c->i])) c->i++;
    return c->i - start;
}

static void space(struct cur *c) {
    while (c->i < c->n &&
           (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\n' || c->s[c->i] == '\r'))
        c->i++;
}

/* &name; (one of the predefined five) &#123; &#x1F; */
static bool reference(struct cur *c) {
    c->i++; /* '&' */
    if (c->i < c->n && c->s[c->i] == '#') {
        c->i++;
        bool hex = c->i < c->n && c->s[c->i] == 'x';
        if (hex) c->i++;
        size_t digits = 0;
        while (c->i < c->n && ((c->s[c->i] >= '0' && c->s[c->i] <= '9') ||
                               (hex && ((c->s[c->i] | 32) >= 'a' && (c->s[c->i] | 32) <= 'f'))))
            c->i++, digits++;
        if (!digits) return fail(c, "bad character reference");
    } else {
        /* only XML's five predefined entities: the SVG has no DTD that could define more */
        size_t at = c->i;
        if (!name(c)) return fail(c, "bad entity reference");
        static const char *const known[] = {"amp", "lt", "gt", "quot", "apos"};
        bool found = false;
        for (size_t k = 0; k < 5 && !found; k++)
            found = c->i - at == strlen(known[k]) && memcmp(c->s + at, known[k], c->i - at) == 0;
        if (!found) return fail(c, "unknown entity (only amp, lt, gt, quot and apos exist)");
    }
    if (c->i >= c->n || c->s[c->i] != ';') return fail(c, "unterminated reference");
    c->i++;
    return true;
}

/* Attributes up to '>' or '/>'; *empty tells which. Every value must be quoted, and a name
 * longer than "on" that starts with it fails as an event handler. */
static bool attributes(struct cur *c, bool *empty) {
    for (;;) {
        space(c);
        if (c->i >= c->n) return fail(c, "unterminated tag");
        if (c->s[c->i] == '>') {
            c->i++;
            *empty = false;
            return true;
        }
        if (starts(c, "/>")) {
            c->i += 2;
            *empty = true;
            return true;
        }
        size_t at = c->i, k = name(c);
        if (!k) return fail(c, "bad attribute name");
        if (k > 2 && strncasecmp(c->s + at, "on", 2) == 0)
            return fail(c, "event handler attribute");
        space(c);
        if (c->i >= c->n || c->s[c->i] != '=') return fail(c, "attribute without a value");
        c->i++;
        space(c);
        if (c->i >= c->n || (c->s[c->i] != '"' && c->s[c->i] != '\''))
            return fail(c, "unquoted attribute value");
        char q = c->s[c->i++];
        while (c->i < c->n && c->s[c->i] != q) {
            if (c->s[c->i] == '<') return fail(c, "'<' in an attribute value");
            if (c->s[c->i] == '&') {
                if (!reference(c)) return false;
            } else {
                c->i++;
            }
        }
        if (c->i >= c->n) return fail(c, "unterminated attribute value");
        c->i++;
    }
}

/* One pass: the stack holds each open element's name for its end tag; the first failure
 * (c.why) ends the loop. */
bool mx_xml_check(const char *s, size_t n, const char **why) {
    struct cur c = {s, n, 0, NULL};
    const char *stack[MAX_DEPTH];
    size_t len[MAX_DEPTH];
    int depth = 0, roots = 0;
    while (c.i < c.n && !c.why) {
        char ch = c.s[c.i];
        if (ch != '<') {
            if (ch == '&') {
                reference(&c);
            } else {
                if (depth == 0 && !(ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t'))
                    fail(&c, "text outside the root element");
                c.i++;
            }
            continue;
        }
        if (starts(&c, "<?")) {
            if (!skip_past(&c, "?>")) fail(&c, "unterminated processing instruction");
        } else if (starts(&c, "<!--")) {
            if (!skip_past(&c, "-->")) fail(&c, "unterminated comment");
        } else if (starts(&c, "<![CDATA[")) {
            if (depth == 0 || !skip_past(&c, "]]>")) fail(&c, "bad CDATA section");
        } else if (starts(&c, "<!DOCTYPE")) {
            if (depth || roots || !skip_past(&c, ">")) fail(&c, "misplaced doctype");
        } else if (starts(&c, "</")) {
            c.i += 2;
            size_t at = c.i, k = name(&c);
            space(&c);
            if (!depth || k != len[depth - 1] || memcmp(c.s + at, stack[depth - 1], k) != 0 ||
                c.i >= c.n || c.s[c.i] != '>')
                fail(&c, "mismatched end tag");
            c.i++;
            depth--;
        } else {
            c.i++;
            size_t at = c.i, k = name(&c);
            bool empty;
            if (!k) {
                fail(&c, "bad tag name");
                break;
            }
            if ((k == 6 && strncasecmp(c.s + at, "script", 6) == 0) ||
                (k == 13 && strncasecmp(c.s + at, "foreignObject", 13) == 0)) {
                fail(&c, "active content (script or foreignObject)");
                break;
            }
            if (depth == 0 && roots++) {
                fail(&c, "more than one root element");
                break;
            }
            if (!attributes(&c, &empty)) break;
            if (!empty) {
                if (depth == MAX_DEPTH) {
                    fail(&c, "nested too deeply");
                    break;
                }
                stack[depth] = c.s + at;
                len[depth++] = k;
            }
        }
    }
    if (!c.why && depth) fail(&c, "unclosed element");
    if (!c.why && !roots) fail(&c, "no root element");
    if (why) *why = c.why;
    return c.why == NULL;
}
