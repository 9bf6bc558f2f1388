/*
 * esc.c - untrusted strings escaped for each output (see esc.h).
 */
#include "reports/esc.h"

#include <stdbool.h>
#include <string.h>

#include "parsers/diag.h"
#include "parsers/utf8.h"

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

void mx_esc_json(struct mx_buf *b, const char *s, size_t n) {
    mx_buf_putc(b, '"');
    mx_esc_json_body(b, s, n);
    mx_buf_putc(b, '"');
}

/* The code point of the valid UTF-8 sequence s[0..k). */
static unsigned code_point(const unsigned char *s, size_t k) {
    unsigned cp = k == 1 ? s[0] : s[0] & (0x3F >> (k - 1));
    for (size_t i = 1; i < k; i++) cp = (cp << 6) | (s[i] & 0x3F);
    return cp;
}

/* C1 controls and bidirectional controls: valid in JSON, but a terminal showing the
 * file (cat, less -r, a CI log) would obey them; JSON writes them as \uXXXX, which
 * decodes to the same text. */
static bool terminal_control(const unsigned char *s, size_t k) {
    unsigned cp = code_point(s, k);
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x61C || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Safe bytes are copied in runs, one put per run; \n \t \r get their short escapes and the
 * other controls \u00XX. */
void mx_esc_json_body(struct mx_buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned char c = u[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            i++;
            run++;
            continue;
        }
        mx_buf_put(b, s + i - run, run);
        run = 0;
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            mx_buf_put(b, e, 2);
            i++;
        } else if (c < 0x20) {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            if (c == '\n')
                mx_buf_put(b, "\\n", 2);
            else if (c == '\t')
                mx_buf_put(b, "\\t", 2);
            else if (c == '\r')
                mx_buf_put(b, "\\r", 2);
            else
                mx_buf_put(b, e, 6);
            i++;
        } else {
            size_t k = mx_utf8_len(u + i, n - i);
            if (k == 0) {
                mx_buf_puts(b, REPLACEMENT);
                i++;
            } else if (terminal_control(u + i, k)) {
                unsigned cp = code_point(u + i, k);
                char e[6] = {'\\',        'u', hex[cp >> 12], hex[cp >> 8 & 15], hex[cp >> 4 & 15],
                             hex[cp & 15]};
                mx_buf_put(b, e, 6);
                i += k;
            } else {
                mx_buf_put(b, s + i, k);
                i += k;
            }
        }
    }
    mx_buf_put(b, s + i - run, run);
}

/* Whether the code point of the valid sequence s[0..k) is a C1 control or a
 * noncharacter (U+FDD0-U+FDEF, U+xxFFFE, U+xxFFFF). */
static bool html_unsafe(const unsigned char *s, size_t k) {
    unsigned cp = code_point(s, k);
    return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

/* Whether s[0..n) holds a bidirectional control (U+061C, U+200E-F, U+202A-E,
 * U+2066-9), looking only at the bytes that can start one. */
static bool has_bidi(const unsigned char *s, size_t n) {
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != 0xE2 && s[i] != 0xD8) continue;
        size_t k = mx_utf8_len(s + i, n - i);
        if (k >= 2 && terminal_control(s + i, k)) return true;
    }
    return false;
}

static void html_body(struct mx_buf *b, const char *s, size_t n);

void mx_esc_html(struct mx_buf *b, const char *s, size_t n) {
    /* a value that could reorder the text around it is isolated (<bdi>): input text is
     * only ever written as element content, never into an attribute */
    if (has_bidi((const unsigned char *)s, n)) {
        mx_buf_puts(b, "<bdi>");
        html_body(b, s, n);
        mx_buf_puts(b, "</bdi>");
    } else {
        html_body(b, s, n);
    }
}

/* DEL counts as a control here; C1 controls and noncharacters need the decoded code point,
 * so html_unsafe checks every valid multi-byte sequence. */
static void html_body(struct mx_buf *b, const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = u[i];
        switch (c) {
        case '&':
            mx_buf_puts(b, "&amp;");
            i++;
            continue;
        case '<':
            mx_buf_puts(b, "&lt;");
            i++;
            continue;
        case '>':
            mx_buf_puts(b, "&gt;");
            i++;
            continue;
        case '"':
            mx_buf_puts(b, "&quot;");
            i++;
            continue;
        case '\'':
            mx_buf_puts(b, "&#39;");
            i++;
            continue;
        case '\n':
        case '\r':
        case '\t':
            mx_buf_putc(b, ' ');
            i++;
            continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7F) {
            mx_buf_puts(b, REPLACEMENT);
            i++;
        } else if (c < 0x80) {
            mx_buf_putc(b, (char)c);
            i++;
        } else {
            size_t k = mx_utf8_len(u + i, n - i);
            if (k == 0 || html_unsafe(u + i, k))
                mx_buf_puts(b, REPLACEMENT);
            else
                mx_buf_put(b, s + i, k);
            i += k ? k : 1;
        }
    }
}

/* Whether only spaces and tabs come before u[i]: a value may start a line. */
static bool lead(const unsigned char *u, size_t i) {
    for (size_t k = 0; k < i; k++)
        if (u[k] != ' ' && u[k] != '\t') return false;
    return true;
}

static bool ascii_alnum(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether ASCII byte u[i] of a value s[0..n) would change how Markdown (CommonMark with
 * GFM's tables, strikethrough and autolinks) renders the value, where it lands: inline,
 * in text or a table cell. Only those are escaped, so that a path:line, an id or a
 * title stays copyable as written (docs/security.md#markdown). */
static bool md_special(const unsigned char *u, size_t n, size_t i) {
    unsigned char c = u[i];
    switch (c) {
    case '\\': /* escapes */
    case '`':  /* code spans */
    case '*':  /* emphasis */
    case '[':  /* links and images ("![") */
    case ']':
    case '<': /* raw HTML, autolinks */
    case '|': /* table cells */
    case '~': /* strikethrough */
    case '&': /* entity references */ return true;
    case '_': /* emphasis, except inside a word, where GFM never emphasises */
        return !(i > 0 && i + 1 < n && ascii_alnum(u[i - 1]) && ascii_alnum(u[i + 1]));
    case ':': /* "https://" starts an autolink */
        return i + 2 < n && u[i + 1] == '/' && u[i + 2] == '/';
    case '#': /* a heading's closing sequence at the value's end (it ends a heading line) */
        if (i + 1 == n && i > 0 && u[i - 1] == ' ') return true;
        /* fall through */
    case '-': /* headings, lists, block quotes, setext underlines: at a line's start */
    case '+':
    case '>':
    case '=': return lead(u, i);
    case '.': /* "www." starts an autolink; "1." at the start an ordered list */
    case ')': {
        if (c == '.' && i >= 3 && (u[i - 3] | 32) == 'w' && (u[i - 2] | 32) == 'w' &&
            (u[i - 1] | 32) == 'w')
            return true;
        size_t h = 0, k;
        while (h < i && (u[h] == ' ' || u[h] == '\t')) h++;
        for (k = h; k < i && u[k] >= '0' && u[k] <= '9'; k++)
            ;
        return k > h && k == i;
    }
    default: return false;
    }
}

/* The value's own isolates opened and not yet closed, or -1 when it is not isolated. */
static long md_body(struct mx_buf *b, const char *s, size_t n, bool isolated);

void mx_esc_md(struct mx_buf *b, const char *s, size_t n) {
    /* as <bdi> in HTML: a value that could reorder the text around it (the rest of a
     * table row, of a line shown by cat) is isolated, between U+2068 FIRST STRONG
     * ISOLATE and U+2069 POP DIRECTIONAL ISOLATE; the isolates it opens itself are
     * closed before that, and a POP it holds that would close ours becomes U+FFFD */
    if (has_bidi((const unsigned char *)s, n)) {
        mx_buf_puts(b, "\xE2\x81\xA8");
        for (long open = md_body(b, s, n, true); open > 0; open--) mx_buf_puts(b, "\xE2\x81\xA9");
        mx_buf_puts(b, "\xE2\x81\xA9");
    } else {
        md_body(b, s, n, false);
    }
}

static long md_body(struct mx_buf *b, const char *s, size_t n, bool isolated) {
    const unsigned char *u = (const unsigned char *)s;
    long open = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = u[i];
        if (c == '\n' || c == '\r' || c == '\t') {
            mx_buf_putc(b, ' ');
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            mx_buf_puts(b, REPLACEMENT);
            i++;
        } else if (c == '@') {
            /* GFM links e-mail addresses even when '@' is escaped: a zero-width space
             * after it breaks the autolink and stays invisible */
            mx_buf_puts(b, "\\@\xE2\x80\x8B");
            i++;
        } else if (c < 0x80) {
            if (md_special(u, n, i)) mx_buf_putc(b, '\\');
            mx_buf_putc(b, (char)c);
            i++;
        } else {
            size_t k = mx_utf8_len(u + i, n - i);
            /* C1 controls (U+0080-U+009F) are replaced too */
            bool isolate = k == 3 && u[i] == 0xE2 && u[i + 1] == 0x81 && u[i + 2] >= 0xA6 &&
                           u[i + 2] <= 0xA9; /* U+2066-U+2068 open an isolate, U+2069 pops */
            bool pop = isolate && u[i + 2] == 0xA9;
            if (k == 0 || (k == 2 && u[i] == 0xC2 && u[i + 1] < 0xA0) ||
                (isolated && pop && open == 0)) {
                mx_buf_puts(b, REPLACEMENT);
                i += k ? k : 1;
            } else {
                if (isolate) open += pop ? -1 : 1;
                mx_buf_put(b, s + i, k);
                i += k;
            }
        }
    }
    return isolated ? open : -1;
}

size_t mx_esc_term(struct mx_buf *b, const char *s) {
    char tmp[256];
    size_t n = strlen(s), used, total = 0;
    while (n) {
        size_t len = mx_diag_escape(tmp, sizeof tmp, s, n, &used);
        if (b) mx_buf_put(b, tmp, len);
        total += len;
        s += used;
        n -= used;
    }
    return total;
}
