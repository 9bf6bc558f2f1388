/*
 * test_xml_check.c - the well-formedness check that stands between gnuplot's SVG and
 * report.html: every rejection branch (active content, references, structure) and the
 * documents it must accept.
 */
#include "harness.h"
#include "reports/xml_check.h"

static void ok(const char *doc) {
    const char *why = NULL;
    bool good = mx_xml_check(doc, strlen(doc), &why);
    CHECK(good);
    if (!good) fprintf(stderr, "  rejected (%s): %s\n", why ? why : "?", doc);
}

static void bad(const char *doc) {
    const char *why = NULL;
    bool good = mx_xml_check(doc, strlen(doc), &why);
    CHECK(!good && why != NULL);
    if (good) fprintf(stderr, "  accepted: %s\n", doc);
}

int main(void) {
    ok("<svg xmlns=\"http://www.w3.org/2000/svg\"><g><text x='1'>a &amp; b &#60; "
       "&#x3c;</text></g></svg>");
    ok("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG "
       "1.1//EN\" "
       "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<!-- gnuplot "
       "-->\n<svg><rect/></svg>\n");
    ok("<svg><title>MTTR &gt; 1 h</title><desc><![CDATA[ a < b ]]></desc></svg>");
    /* active content, whatever the case or nesting */
    bad("<svg><script>alert(1)</script></svg>");
    bad("<svg><g><SCRIPT>x</SCRIPT></g></svg>");
    bad("<svg><foreignObject><div/></foreignObject></svg>");
    bad("<svg><rect onload=\"alert(1)\"/></svg>");
    bad("<svg><a onclick='x'>t</a></svg>");
    /* references */
    bad("<svg><text>a & b</text></svg>");
    bad("<svg><text>&nosuch;</text></svg>");
    bad("<svg><text>&#xZZ;</text></svg>");
    bad("<svg><text>&#;</text></svg>");
    bad("<svg><text>&amp</text></svg>");
    bad("<svg><text x=\"&bogus;\">t</text></svg>");
    /* structure */
    bad("<svg><g></svg>");
    bad("<svg></g></svg>");
    bad("<svg><text x=1>t</text></svg>");
    bad("<svg><text x=\"1>t</text></svg>");
    bad("<svg></svg><svg></svg>");
    bad("text before <svg></svg>");
    bad("<svg>");
    bad("");
    bad("<svg><desc><![CDATA[ never closed </desc></svg>");
    TEST_DONE();
}
