/*
 * custom.h - custom line formats: plain-text lines (a chat bot's log, syslog, a
 * homegrown tool) read with a PCRE2 pattern from the configuration's [format NAME]
 * section.
 *
 * A format's pattern names its fields with groups: time, incident and event are
 * required; severity, service, title, actor, class and channel are optional. The time is read
 * by time_format (rfc3339, epoch, epoch_ms, or a layout like %d/%b/%Y:%H:%M:%S %z) in
 * the format's zone when it has no offset. event.VALUE = TYPE maps the tool's words to
 * event types. A line that does not match is a rejected record (no_match); a line on
 * which the pattern hits its limits is rejected as regex_limit, and after 100 such
 * lines the file is abandoned with an error.
 */
#ifndef MX_CUSTOM_H
#define MX_CUSTOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parsers/event.h"
#include "parsers/regex.h"
#include "parsers/tz.h"

#define MX_MAX_FORMATS     16
#define MX_MAX_EVENT_WORDS 32
#define MX_LIMIT_BUDGET    100 /* limit hits before a file is abandoned */

enum mx_time_format { MX_TF_RFC3339, MX_TF_EPOCH, MX_TF_EPOCH_MS, MX_TF_LAYOUT };

/* The named groups a pattern may have, in this order (mx_line_format.group). */
enum mx_group {
    MX_G_TIME,
    MX_G_INCIDENT,
    MX_G_EVENT,
    MX_G_SEVERITY,
    MX_G_SERVICE,
    MX_G_TITLE,
    MX_G_ACTOR,
    MX_G_CLASS,
    MX_G_CHANNEL,
    MX_G__COUNT
};

struct mx_line_format {
    char name[64];
    struct mx_regex *re;    /* owned */
    int group[MX_G__COUNT]; /* group numbers in re (0: absent), set by mx_custom_bind */
    enum mx_time_format time_format;
    char layout[128];
    struct mx_zone *zone; /* owned; NULL: the input zone */
    char files[256];      /* glob over the path or its last component; "" none */
    size_t n_words;
    struct {
        char word[64];
        enum mx_evtype type;
    } words[MX_MAX_EVENT_WORDS];
};

struct mx_reader;
struct mx_stream;

/* Reads stream s (input src) line by line with format f. Returns 0, or -1 when the
 * stream failed or the file was abandoned. */
int mx_custom_read(struct mx_reader *rd, struct mx_stream *s, uint32_t src,
                   const struct mx_line_format *f);

/* Sets f->re (owned by f from now on) and looks up its groups once. */
void mx_custom_bind(struct mx_line_format *f, struct mx_regex *re);

/* Releases what the format owns. Accepts NULL. */
void mx_custom_free(struct mx_line_format *f);

/* Whether format f is chosen for the input at path by its files glob. */
bool mx_custom_matches(const struct mx_line_format *f, const char *path);

#endif
