/*
 * main.c - the mttx executable: parse the command line, run, exit.
 */
#include "cli/options.h"
#include "cli/run.h"

int main(int argc, char **argv) {
    struct mx_options o;
    int rc = mx_options_parse(argc, argv, &o);
    if (rc == 1) return 0;
    if (rc) return rc;
    return mx_run(&o);
}
