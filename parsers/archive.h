/*
 * archive.h - tar and zip archives through libarchive, streamed: nothing is extracted
 * to disk.
 *
 * Only what we need is enabled: the tar and streaming zip formats, and the gzip,
 * bzip2, xz and zstd filters - each only when libarchive was built with the library,
 * since otherwise it would run an external program (as support_filter_all can, with
 * lrzip). Every regular entry becomes an input of its own, shown as
 * ARCHIVE!MEMBER, and goes through the same detection as a file (a .gz member is
 * decompressed; an archive inside an archive is read, one level deep). Symlinks,
 * devices and directories are skipped and counted on the archive. Limits: entries per
 * archive, and the decompressed-size and ratio guard of the gzip limits applied to all
 * entries together.
 */
#ifndef MX_ARCHIVE_H
#define MX_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "parsers/input.h"

#define MX_ARCHIVE_MAX_DEPTH 1 /* archives inside archives: one level */

/* What the first bytes of a stream say. */
enum mx_archive_kind {
    MX_ARC_NONE,
    MX_ARC_TAR,       /* ustar magic at offset 257 */
    MX_ARC_ZIP,       /* PK\3\4 or PK\5\6 */
    MX_ARC_COMPRESSED /* bzip2, xz or zstd: a compressed tar, we expect */
};

/* Classifies head[0..n) (the first 512 bytes or fewer). */
enum mx_archive_kind mx_archive_sniff(const unsigned char *head, size_t n);

/* Reads the archive in s (input src, shown as path) with its entries at nesting
 * depth + 1. Takes s. Returns 0, or -1 when the archive is damaged or a limit was hit
 * (what was read before is kept). */
int mx_archive_read(struct mx_reader *rd, struct mx_stream *s, uint32_t src, int depth);

#endif
