/*
 * test_parallel.c - mx_parallel_format: the bytes of one thread formatting every chunk in
 * turn, at any thread count, with direct and empty chunks, into memory and into a file;
 * under ThreadSanitizer too (test_parallel_tsan), with the time formatter's per-thread day.
 */
#include <unistd.h>

#include "harness.h"
#include "parsers/times.h"
#include "reports/parallel.h"

/* What the formatter of a test sees: its calls, the output, and the chunks (to check that
 * a direct chunk is formatted straight into the output). */
struct ctx {
    size_t calls, misplaced;
    const struct mx_buf *out;
    const size_t *bounds;
    const unsigned char *direct;
    size_t n_chunks;
};

/* Item i is a line of i's digits repeated i % 7 + 1 times (chunk work is uneven) and an
 * instant of its own day (the time formatter's last day is kept per thread: threads that
 * share it would write each other's dates); every eleventh item writes nothing, so a
 * chunk of one item can be empty. */
static void items(struct mx_buf *b, size_t lo, size_t hi, void *arg) {
    struct ctx *c = arg;
    __atomic_add_fetch(&c->calls, 1, __ATOMIC_RELAXED);
    for (size_t k = 0; c->bounds && k < c->n_chunks; k++)
        if (c->bounds[k] == lo && c->direct && c->direct[k] && b != c->out)
            __atomic_add_fetch(&c->misplaced, 1, __ATOMIC_RELAXED);
    for (size_t i = lo; i < hi; i++) {
        if (i % 11 == 0) continue;
        for (size_t k = 0; k <= i % 7; k++) mx_buf_u64(b, i);
        char t[32];
        mx_buf_putc(b, ' ');
        mx_buf_put(b, t, mx_times_format_utc((int64_t)i * 86400000 + (int64_t)i, t));
        mx_buf_putc(b, '\n');
    }
}

/* What one thread writes: every item in order. */
static void expected(struct mx_buf *b, size_t n) {
    struct ctx c = {0};
    items(b, 0, n, &c);
}

/* n items cut into chunks of `per` (the last shorter), every `every`-th chunk direct
 * (0: none). */
static size_t cut(size_t n, size_t per, size_t every, size_t *bounds, unsigned char *direct) {
    size_t k = 0;
    for (size_t lo = 0; lo < n; lo += per, k++) {
        bounds[k] = lo;
        direct[k] = every && k % every == every - 1;
    }
    bounds[k] = n;
    return k;
}

static void in_memory(void) {
    enum { N = 5000 };
    static size_t bounds[N + 1];
    static unsigned char direct[N + 1];
    struct mx_buf want = {0};
    expected(&want, N);
    const size_t pers[] = {1, 3, 64, 5000};
    for (size_t p = 0; p < sizeof pers / sizeof pers[0]; p++)
        for (size_t every = 0; every <= 3; every++)
            for (int threads = 1; threads <= 4; threads++) {
                size_t chunks = cut(N, pers[p], every, bounds, direct);
                struct mx_buf got = {0};
                struct ctx c = {0, 0, &got, bounds, every ? direct : NULL, chunks};
                mx_parallel_format(&got, bounds, every ? direct : NULL, chunks, threads, items, &c);
                CHECK(got.n == want.n && memcmp(got.p, want.p, want.n) == 0);
                CHECK(c.calls == chunks); /* each chunk formatted once */
                CHECK(c.misplaced == 0);  /* direct chunks straight into the output */
                mx_buf_free(&got);
            }
    /* no chunk at all: nothing written, nothing called */
    struct ctx c = {0};
    struct mx_buf got = {0};
    bounds[0] = 0;
    mx_parallel_format(&got, bounds, NULL, 0, 2, items, &c);
    CHECK(got.n == 0 && c.calls == 0);
    mx_buf_free(&got);
    mx_buf_free(&want);
}

/* Into a file through a sink: chunks larger than the drain size go straight to it
 * (mx_buf_put_through), smaller ones through the buffer; the file holds the same bytes. */
static void into_file(void) {
    enum { N = 60000 };
    static size_t bounds[N + 1];
    static unsigned char direct[N + 1];
    struct mx_buf want = {0};
    expected(&want, N);
    const size_t pers[] = {50, 20000};
    for (size_t p = 0; p < 2; p++)
        for (int threads = 1; threads <= 3; threads += 2) {
            size_t chunks = cut(N, pers[p], 2, bounds, direct);
            FILE *f = tmpfile();
            CHECK(f != NULL);
            if (!f) return;
            struct mx_buf b = {.sink = f};
            struct ctx c = {0, 0, &b, bounds, direct, chunks};
            mx_buf_putc(&b, '>'); /* what the buffer held before comes first */
            mx_parallel_format(&b, bounds, direct, chunks, threads, items, &c);
            CHECK(c.misplaced == 0);
            CHECK(mx_buf_drain(&b) == 0);
            CHECK(b.drained == want.n + 1);
            mx_buf_free(&b);
            fflush(f);
            long size = ftell(f);
            CHECK(size == (long)want.n + 1);
            char *back = malloc(want.n + 1);
            rewind(f);
            CHECK(back && fread(back, 1, want.n + 1, f) == want.n + 1);
            CHECK(back && back[0] == '>' && memcmp(back + 1, want.p, want.n) == 0);
            free(back);
            fclose(f);
        }
    mx_buf_free(&want);
}

int main(void) {
    in_memory();
    into_file();
    TEST_DONE();
}
