/*
 * parallel.h - a long output formatted on several threads, written in order.
 *
 * The items (incidents, say) are cut into chunks by the caller; worker threads format
 * chunks into buffers of their own, several ahead, and the calling thread appends them
 * to the output in chunk order, formatting chunks itself while none is ready. The bytes
 * are those of one thread formatting every chunk in turn, at any thread count.
 */
#ifndef MX_PARALLEL_H
#define MX_PARALLEL_H

#include <stddef.h>

#include "reports/buf.h"

/* Appends items [lo, hi) to b. Called from several threads at once: it may only read
 * what it shares with the others. */
typedef void (*mx_parallel_fn)(struct mx_buf *b, size_t lo, size_t hi, void *ctx);

/* Chunk k holds items [bounds[k], bounds[k + 1]), for k < n_chunks. A chunk marked in
 * direct (NULL: none) is formatted by the calling thread straight into b when its turn
 * comes, never held in memory whole (a chunk of one huge item). With threads <= 1 or a
 * single chunk, every chunk is formatted straight into b on this thread. */
void mx_parallel_format(struct mx_buf *b, const size_t *bounds, const unsigned char *direct,
                        size_t n_chunks, int threads, mx_parallel_fn fn, void *ctx);

#endif
