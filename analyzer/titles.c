/*
 * titles.c - normalised titles (see titles.h). One pass over the words (maximal runs
 * of bytes that are not whitespace): a quoted value opening a word runs to its closing
 * quote; any other word is judged whole and then by its parts.
 */
#include "analyzer/titles.h"

#include <stdbool.h>
#include <string.h>

static bool is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* A quote opening a value; an apostrophe inside a word ("can't") opens nothing. */
static bool is_quote(unsigned char c) {
    return c == '"' || c == '\'' || c == '`';
}

static bool is_digit(unsigned char c) {
    return c >= '0' && c <= '9';
}

static bool is_hex(unsigned char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_sep(unsigned char c) {
    return c == '-' || c == '_' || c == '.' || c == ':' || c == '/' || c == '=';
}

/* Punctuation that ends a word without being part of it ("full," "down." "(db)"). */
static bool is_trail(unsigned char c) {
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
           c == ']' || c == '}';
}

static bool is_lead(unsigned char c) {
    return c == '(' || c == '[' || c == '{';
}

/* Digits, with . , : - separators between them (500, 1.5, 1,024, 12:30, 2026-11-04),
 * an optional leading sign and trailing %. */
static bool number(const char *s, size_t n) {
    size_t i = 0;
    if (n && (s[0] == '-' || s[0] == '+')) i++;
    if (n && s[n - 1] == '%') n--;
    if (i >= n || !is_digit((unsigned char)s[i]) || !is_digit((unsigned char)s[n - 1]))
        return false;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_digit(c)) continue;
        if ((c == '.' || c == ',' || c == ':' || c == '-') && is_digit((unsigned char)s[i + 1]))
            continue;
        return false;
    }
    return true;
}

/* 6 or more hex digits, at least one a digit and one a letter. */
static bool hex_id(const char *s, size_t n) {
    bool digit = false, letter = false;
    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s += 2, n -= 2;
    if (n < 6) return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!is_hex(c)) return false;
        if (is_digit(c))
            digit = true;
        else
            letter = true;
    }
    return digit && letter;
}

/* 8-4-4-4-12 hex digits. */
static bool uuid(const char *s, size_t n) {
    static const size_t dash[4] = {8, 13, 18, 23};
    if (n != 36) return false;
    for (size_t i = 0, d = 0; i < n; i++) {
        if (d < 4 && i == dash[d]) {
            if (s[i] != '-') return false;
            d++;
        } else if (!is_hex((unsigned char)s[i])) {
            return false;
        }
    }
    return true;
}

/* a.b.c.d with 1-3 digits each, then optionally :port or /prefix. */
static bool ipv4(const char *s, size_t n) {
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        size_t k = 0;
        while (i < n && is_digit((unsigned char)s[i]) && k < 3) i++, k++;
        if (k == 0) return false;
        if (part < 3) {
            if (i >= n || s[i] != '.') return false;
            i++;
        }
    }
    if (i == n) return true;
    if (s[i] != ':' && s[i] != '/') return false;
    if (++i == n) return false;
    for (; i < n; i++)
        if (!is_digit((unsigned char)s[i])) return false;
    return true;
}

/* Hex groups and colons with at least two colons and a hex digit ("fe80::1",
 * "2001:db8::ff00:42:8329"), optionally with a /prefix. */
static bool ipv6(const char *s, size_t n) {
    size_t colons = 0, i = 0;
    bool hex = false;
    for (; i < n && s[i] != '/'; i++) {
        if (s[i] == ':')
            colons++;
        else if (is_hex((unsigned char)s[i]))
            hex = true;
        else
            return false;
    }
    if (i < n) {
        if (i + 1 == n) return false;
        for (i++; i < n; i++)
            if (!is_digit((unsigned char)s[i])) return false;
    }
    return colons >= 2 && hex;
}

static size_t put(char *out, size_t k, const char *s, size_t n) {
    memcpy(out + k, s, n);
    return k + n;
}

static size_t placeholder(char *out, size_t k) {
    return put(out, k, MX_TITLES_PLACEHOLDER, sizeof MX_TITLES_PLACEHOLDER - 1);
}

/* A unit after a number ("300ms", "2GB", "1.5s"), ASCII case-insensitively. */
static bool unit(const char *s, size_t n) {
    static const char *const units[] = {"ns",  "us",  "ms", "s",  "sec", "m",   "min", "h",
                                        "d",   "k",   "kb", "mb", "gb",  "tb",  "kib", "mib",
                                        "gib", "tib", "b",  "x",  "rps", "qps", "rpm"};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t k = strlen(units[u]);
        if (k != n) continue;
        size_t i = 0;
        while (i < n && (s[i] | 0x20) == units[u][i]) i++;
        if (i == n) return true;
    }
    return false;
}

/* The length of the number at the start of s[0..n) followed by a unit, or 0. */
static size_t number_with_unit(const char *s, size_t n) {
    size_t k = n;
    while (k > 0 && !is_digit((unsigned char)s[k - 1])) k--;
    return k > 0 && k < n && number(s, k) && unit(s + k, n - k) ? k : 0;
}

/* Where the part of s[0..n) starting at i ends: at a separator, except a '.', ',' or
 * ':' between digits (1.5s, 1,024 stay one part). */
static size_t part_end(const char *s, size_t n, size_t i) {
    size_t j = i;
    while (j < n) {
        unsigned char c = (unsigned char)s[j];
        if (is_sep(c) &&
            !((c == '.' || c == ',' || c == ':') && j > i && is_digit((unsigned char)s[j - 1]) &&
              j + 1 < n && is_digit((unsigned char)s[j + 1])))
            break;
        j++;
    }
    return j;
}

/* A word without its leading and trailing punctuation: the whole replaced, or each part
 * between separators judged on its own; a number with a unit keeps the unit ("<*>ms"). */
static size_t word(const char *s, size_t n, char *out, size_t k) {
    if (uuid(s, n) || ipv4(s, n) || ipv6(s, n) || number(s, n) || hex_id(s, n))
        return placeholder(out, k);
    size_t i = 0;
    while (i < n) {
        size_t j = part_end(s, n, i), u = 0, from = i;
        if (j > i && (number(s + i, j - i) || hex_id(s + i, j - i))) {
            k = placeholder(out, k);
            from = j;
        } else if (j > i && (u = number_with_unit(s + i, j - i)) != 0) {
            k = placeholder(out, k);
            from = i + u;
        }
        for (size_t m = from; m < j; m++) {
            unsigned char c = (unsigned char)s[m];
            out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        if (j < n) out[k++] = s[j++];
        i = j;
    }
    return k;
}

/* The end (one past the closing quote) of a quoted value opening at s[i], or 0: the
 * same quote again, followed by the end, whitespace or trailing punctuation. */
static size_t quoted(const char *s, size_t n, size_t i) {
    for (size_t j = i + 1; j < n; j++)
        if (s[j] == s[i] &&
            (j + 1 == n || is_space((unsigned char)s[j + 1]) || is_trail((unsigned char)s[j + 1])))
            return j + 1;
    return 0;
}

size_t mx_titles_normalize(const char *s, size_t n, char *out) {
    size_t k = 0, i = 0;
    bool space = false;
    while (i < n) {
        if (is_space((unsigned char)s[i])) {
            space = k > 0;
            i++;
            continue;
        }
        if (space) out[k++] = ' ';
        space = false;
        size_t a = i;
        while (a < n && is_lead((unsigned char)s[a])) out[k++] = s[a++];
        size_t q = a < n && is_quote((unsigned char)s[a]) ? quoted(s, n, a) : 0;
        if (q) { /* a quoted value, spaces and all, then what ends its word */
            k = placeholder(out, k);
            i = q;
            while (i < n && !is_space((unsigned char)s[i])) out[k++] = s[i++];
            continue;
        }
        size_t b = a;
        while (b < n && !is_space((unsigned char)s[b])) b++;
        size_t t = b;
        while (t > a && is_trail((unsigned char)s[t - 1])) t--;
        k = word(s + a, t - a, out, k);
        k = put(out, k, s + t, b - t);
        i = b;
    }
    out[k] = '\0';
    return k;
}
