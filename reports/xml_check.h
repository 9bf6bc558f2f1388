/*
 * xml_check.h - a small well-formedness check for the SVG gnuplot writes, before it is
 * inlined into HTML: tags balance, attribute values are quoted, character and entity
 * references are valid, and nothing active is inside (no <script>, no on* attribute,
 * no <foreignObject>).
 */
#ifndef MX_XML_CHECK_H
#define MX_XML_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* Whether s[0..n) is one well-formed XML document (prolog, comments and a doctype
 * allowed) with nothing active in it. On false, *why (may be NULL) says what broke. */
bool mx_xml_check(const char *s, size_t n, const char **why);

#endif
