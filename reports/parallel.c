/*
 * parallel.c - a long output formatted on several threads, written in order (see
 * parallel.h).
 *
 * Chunk k is formatted into slot k % n_slots, so at most n_slots chunks are held at a
 * time: a chunk may be claimed only once the one n_slots before it has been written.
 * Claims go in chunk order (skipping direct chunks), by whichever thread is free; the
 * calling thread alone writes, and formats a chunk itself while the next one to write
 * is not ready.
 */
#include "reports/parallel.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "parsers/mem.h"

enum { SLOT_FREE, SLOT_BUSY, SLOT_READY };

/* A slot's buffer is kept for the next chunk unless it grew beyond this; at most
 * MAX_SLOTS slots, whatever the thread count. */
#define SLOT_KEEP ((size_t)4 << 20)
#define MAX_SLOTS 16

struct slot {
    struct mx_buf b;
    size_t chunk;
    int state;
};

struct par {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    const size_t *bounds;
    const unsigned char *direct;
    size_t n_chunks, n_slots;
    size_t next_claim, next_write;
    struct slot *slots;
    mx_parallel_fn fn;
    void *ctx;
};

static bool is_direct(const struct par *p, size_t k) {
    return p->direct && p->direct[k];
}

/* With the lock held: the next chunk to claim, skipping direct ones; false when none may
 * be claimed now (none is left, or its slot is still taken). */
static bool claimable(struct par *p) {
    while (p->next_claim < p->n_chunks && is_direct(p, p->next_claim)) p->next_claim++;
    return p->next_claim < p->n_chunks && p->next_claim < p->next_write + p->n_slots;
}

/* With the lock held: claims the next chunk, formats it unlocked, marks it ready. */
static void format_one(struct par *p) {
    size_t k = p->next_claim++;
    struct slot *s = &p->slots[k % p->n_slots];
    s->chunk = k;
    s->state = SLOT_BUSY;
    pthread_mutex_unlock(&p->mu);
    s->b.n = 0;
    p->fn(&s->b, p->bounds[k], p->bounds[k + 1], p->ctx);
    pthread_mutex_lock(&p->mu);
    s->state = SLOT_READY;
    pthread_cond_broadcast(&p->cv);
}

static void *work(void *arg) {
    struct par *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        if (claimable(p))
            format_one(p);
        else if (p->next_claim >= p->n_chunks)
            break;
        else
            pthread_cond_wait(&p->cv, &p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* The calling thread: writes chunks in order, formatting while the next is not ready. */
static void write_all(struct par *p, struct mx_buf *b) {
    pthread_mutex_lock(&p->mu);
    while (p->next_write < p->n_chunks) {
        size_t k = p->next_write;
        struct slot *s = &p->slots[k % p->n_slots];
        if (is_direct(p, k)) {
            pthread_mutex_unlock(&p->mu);
            p->fn(b, p->bounds[k], p->bounds[k + 1], p->ctx);
            pthread_mutex_lock(&p->mu);
        } else if (s->state == SLOT_READY && s->chunk == k) {
            pthread_mutex_unlock(&p->mu);
            if (s->b.n) mx_buf_put_through(b, s->b.p, s->b.n); /* empty: p may be NULL */
            if (s->b.cap > SLOT_KEEP) mx_buf_free(&s->b);      /* a chunk far above the usual */
            pthread_mutex_lock(&p->mu);
            s->state = SLOT_FREE;
        } else if (claimable(p)) {
            format_one(p);
            continue;
        } else {
            pthread_cond_wait(&p->cv, &p->mu);
            continue;
        }
        p->next_write++;
        pthread_cond_broadcast(&p->cv); /* a slot is free */
    }
    pthread_mutex_unlock(&p->mu);
}

void mx_parallel_format(struct mx_buf *b, const size_t *bounds, const unsigned char *direct,
                        size_t n_chunks, int threads, mx_parallel_fn fn, void *ctx) {
    if (threads > 1 && n_chunks > 1) {
        struct par p = {.bounds = bounds,
                        .direct = direct,
                        .n_chunks = n_chunks,
                        .n_slots =
                            4 * (size_t)threads < MAX_SLOTS ? 4 * (size_t)threads : MAX_SLOTS,
                        .fn = fn,
                        .ctx = ctx};
        p.slots = mx_mem_calloc(p.n_slots, sizeof *p.slots);
        pthread_mutex_init(&p.mu, NULL);
        pthread_cond_init(&p.cv, NULL);
        pthread_t *tid = mx_mem_calloc((size_t)threads - 1, sizeof *tid);
        int started = 0;
        while (started < threads - 1 && pthread_create(&tid[started], NULL, work, &p) == 0)
            started++;
        write_all(&p, b); /* with no worker started, alone: the same bytes */
        for (int i = 0; i < started; i++) pthread_join(tid[i], NULL);
        free(tid);
        for (size_t i = 0; i < p.n_slots; i++) mx_buf_free(&p.slots[i].b);
        free(p.slots);
        pthread_mutex_destroy(&p.mu);
        pthread_cond_destroy(&p.cv);
        return;
    }
    for (size_t k = 0; k < n_chunks; k++) fn(b, bounds[k], bounds[k + 1], ctx);
}
