/*
 * run.h - runs a parsed command: reads the inputs, analyses, writes the outputs, and
 * turns what happened into the exit status of docs/spec.md#exit-status.
 */
#ifndef MX_RUN_H
#define MX_RUN_H

#include "cli/options.h"

/* Runs o and returns the exit status (0, 1, 2, 3 or 4). */
int mx_run(const struct mx_options *o);

/* The exit status of `mttx timeline` when no incident matches INCIDENT. */
#define MX_EXIT_NOT_FOUND 5

#endif
