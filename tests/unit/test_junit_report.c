/*
 * test_junit_report.c - the gates as JUnit XML: one testcase per gate, failures and
 * errors counted, text XML-escaped with controls and invalid UTF-8 replaced.
 */
#include "harness.h"
#include "reports/junit_report.h"

int main(void) {
    struct mx_gate_outcome g[3];
    memset(g, 0, sizeof g);
    g[0].rule = "missing-postmortem";
    g[0].result = MX_GATE_FAILED;
    snprintf(g[0].message, sizeof g[0].message, "2 postmortems <missing> & late");
    snprintf(g[0].ids, sizeof g[0].ids, "INC-1\"'\x01\xff, B");
    g[1].rule = "response-compliance<90";
    g[1].result = MX_GATE_PASSED;
    g[2].rule = "late-postmortem";
    g[2].result = MX_GATE_UNMEASURED;
    snprintf(g[2].message, sizeof g[2].message, "cannot be evaluated");
    struct mx_buf b = {0};
    mx_junit_report_write(&b, g, 3);
    mx_buf_putc(&b, '\0');
    CHECK_STR(b.p, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<testsuites name=\"mttx\" tests=\"3\" failures=\"1\" errors=\"1\">\n"
                   "  <testsuite name=\"mttx gates\" tests=\"3\" failures=\"1\" errors=\"1\">\n"
                   "    <testcase classname=\"mttx.gates\" name=\"missing-postmortem\">\n"
                   "      <failure message=\"2 postmortems &lt;missing&gt; &amp; late\">incidents: "
                   "INC-1&quot;&apos;\xEF\xBF\xBD\xEF\xBF\xBD, B</failure>\n"
                   "    </testcase>\n"
                   "    <testcase classname=\"mttx.gates\" name=\"response-compliance&lt;90\"/>\n"
                   "    <testcase classname=\"mttx.gates\" name=\"late-postmortem\">\n"
                   "      <error message=\"cannot be evaluated\">cannot be evaluated</error>\n"
                   "    </testcase>\n"
                   "  </testsuite>\n"
                   "</testsuites>\n");
    mx_buf_free(&b);
    TEST_DONE();
}
