/*
 * stream.c - fd, memory and gzip byte streams (see stream.h).
 *
 * The gzip state machine: inflate until Z_STREAM_END; then, if input remains (or
 * more can be read), it must start with the gzip magic 1f 8b to be another member
 * (inflateReset), otherwise it is trailing garbage: warn once and stop. EOF inside a
 * member is truncation.
 */
#define _POSIX_C_SOURCE 200809L
#include "parsers/stream.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <iconv.h>
#include <nettle/sha2.h>
#include <zlib.h>
#ifdef MX_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

#include "parsers/mem.h"
#include "parsers/utf8.h"

enum kind { K_FD, K_MEM, K_GZIP, K_ICONV, K_FUNC, K_AHEAD };

#define PEEK_MAX ((size_t)64 << 10) /* a file is judged on its first 64 KiB */
#define GZ_IN    65536
#define AHEAD_N  4          /* read-ahead buffers */
#define AHEAD_SZ (1u << 18) /* bytes each: 1 MiB ahead at the most */

/* The read-ahead of K_AHEAD: a worker thread reads the inner stream into a ring of
 * buffers; the reader takes them in order. The worker fills slot (head + filled) %
 * AHEAD_N only while filled < AHEAD_N, so the slot the reader holds (head) is never
 * written: only the counters are shared, under mu. */
struct ahead {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char *buf[AHEAD_N];
    size_t len[AHEAD_N];
    size_t head, filled, off; /* off: bytes of buf[head] already handed out */
    bool running;             /* the worker thread was started */
    bool finished, stop;      /* the worker reached the end / the reader gave up */
    bool failed;              /* the inner stream failed: errbuf says why */
    const char *warning;      /* the inner stream's warning, taken at the end */
};

struct mx_stream {
    enum kind kind;
    int fd;
    bool close_fd;
    struct sha256_ctx *sha;   /* K_FD with a digest: what was read so far */
    struct mx_digest *digest; /* where the digest goes at the end */
    const char *mem;
    size_t mem_len, mem_off;
    /* peek buffer: bytes read ahead of the consumer */
    char *peek;
    size_t peek_len, peek_off;
    bool done;
    bool peek_eof; /* a peek reached the end of the stream */
    const char *error;
    const char *warning;
    char errbuf[160];
    /* gzip */
    struct mx_stream *inner;
    z_stream z;      /* zlib's state; with isa-l only its input window (next_in, avail_in) */
    bool z_live;     /* the decoder is set up */
    bool use_zlib;   /* zlib even where isa-l is built in (mx_stream_gzip_zlib) */
    bool header_due; /* a member begins: its header is yet to be checked */
#ifdef MX_HAVE_ISAL
    struct inflate_state *isal; /* isa-l's decoder (gzip wrapper: header, CRC, length) */
#endif
    bool in_member; /* between a member's header and its end */
    unsigned char *in;
    struct mx_gzip_limits lim;
    uint64_t in_total, out_total, members;
    /* iconv */
    iconv_t cd;
    char *ibuf;
    size_t ilen;        /* unconverted bytes at ibuf */
    uint64_t iconsumed; /* input bytes converted so far */
    char from[40];
    enum { I_CONVERT, I_UNDECIDED, I_PASS } imode; /* see mx_stream_iconv */
    /* func */
    long (*func)(void *ctx, char *buf, size_t n, const char **err);
    void *func_ctx;
    struct ahead *ahead; /* K_AHEAD */
};

struct mx_gzip_limits mx_stream_gzip_limits_default(void) {
    struct mx_gzip_limits l = {(uint64_t)4 << 30, (uint64_t)64 << 20, 500, 100000};
    return l;
}

static long fail(struct mx_stream *s, const char *msg);

static struct mx_stream *make(enum kind k) {
    struct mx_stream *s = mx_mem_calloc(1, sizeof *s);
    s->kind = k;
    s->fd = -1;
    return s;
}

struct mx_stream *mx_stream_fd(int fd, bool close_fd) {
    struct mx_stream *s = make(K_FD);
    s->fd = fd;
    s->close_fd = close_fd;
    return s;
}

void mx_stream_fd_digest(struct mx_stream *s, struct mx_digest *d) {
    if (s->kind != K_FD) return;
    memset(d, 0, sizeof *d);
    s->digest = d;
    s->sha = mx_mem_malloc(sizeof *s->sha);
    sha256_init(s->sha);
}

struct mx_stream *mx_stream_mem(const void *buf, size_t n) {
    struct mx_stream *s = make(K_MEM);
    s->mem = buf;
    s->mem_len = n;
    return s;
}

struct mx_stream *mx_stream_gzip(struct mx_stream *inner, const struct mx_gzip_limits *lim) {
    struct mx_stream *s = make(K_GZIP);
    s->inner = inner;
    s->lim = *lim;
    s->in = mx_mem_malloc(GZ_IN);
    return s;
}

struct mx_stream *mx_stream_gzip_zlib(struct mx_stream *inner, const struct mx_gzip_limits *lim) {
    struct mx_stream *s = mx_stream_gzip(inner, lim);
    s->use_zlib = true;
    return s;
}

bool mx_stream_gzip_isal(void) {
#ifdef MX_HAVE_ISAL
    return true;
#else
    return false;
#endif
}

struct mx_stream *mx_stream_func(long (*read)(void *ctx, char *buf, size_t n, const char **err),
                                 void *ctx) {
    struct mx_stream *s = make(K_FUNC);
    s->func = read;
    s->func_ctx = ctx;
    return s;
}

/* Whether cd is a single-byte character set that agrees with ASCII: every byte
 * 0x01-0x7F converts to itself (not so for UTF-16, EBCDIC, UTF-7's '+' or ISO-2022's
 * ESC) and every byte 0x80-0xFF alone is a whole character or invalid, never the start
 * of a longer one (not so for GBK, Shift_JIS, EUC). Only for such sets can the first
 * non-ASCII character tell UTF-8 from the named set. */
static bool single_byte_ascii(iconv_t cd) {
    char probe[127], out[1024];
    for (int b = 1; b < 128; b++) probe[b - 1] = (char)b;
    char *in = probe, *o = out;
    size_t left = sizeof probe, room = sizeof out;
    bool ok = iconv(cd, &in, &left, &o, &room) != (size_t)-1 && left == 0 &&
              (size_t)(o - out) == sizeof probe && memcmp(out, probe, sizeof probe) == 0;
    /* the shift sequences of the stateful 7-bit sets (ISO-2022, UTF-7, HZ) must read as
     * the plain ASCII they are in a single-byte set */
    static const char *const shifts[] = {"\x1b$B", "\x1b(B", "\x1b$)C\x0e", "+-", "+AGE-", "~{"};
    for (size_t k = 0; ok && k < sizeof shifts / sizeof shifts[0]; k++) {
        iconv(cd, NULL, NULL, NULL, NULL);
        char tmp[16];
        size_t len = strlen(shifts[k]);
        memcpy(tmp, shifts[k], len);
        in = tmp;
        left = len;
        o = out;
        room = sizeof out;
        ok = iconv(cd, &in, &left, &o, &room) != (size_t)-1 && left == 0 &&
             (size_t)(o - out) == len && memcmp(out, shifts[k], len) == 0;
    }
    for (int b = 0x80; ok && b < 0x100; b++) {
        iconv(cd, NULL, NULL, NULL, NULL);
        char one = (char)b;
        in = &one;
        left = 1;
        o = out;
        room = sizeof out;
        if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 && errno == EINVAL) ok = false;
    }
    iconv(cd, NULL, NULL, NULL, NULL); /* back to the initial state */
    return ok;
}

struct mx_stream *mx_stream_iconv(struct mx_stream *inner, const char *from) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) {
        mx_stream_free(inner);
        return NULL;
    }
    struct mx_stream *s = make(K_ICONV);
    s->inner = inner;
    s->cd = cd;
    s->ibuf = mx_mem_malloc(GZ_IN);
    snprintf(s->from, sizeof s->from, "%s", from);
    s->imode = single_byte_ascii(cd) ? I_UNDECIDED : I_CONVERT;
    return s;
}

/* The worker of a read-ahead stream: fills free slots until the end, a failure, or
 * the reader's stop. */
static void *ahead_work(void *arg) {
    struct mx_stream *s = arg;
    struct ahead *a = s->ahead;
    for (;;) {
        pthread_mutex_lock(&a->mu);
        while (a->filled == AHEAD_N && !a->stop) pthread_cond_wait(&a->cv, &a->mu);
        size_t slot = (a->head + a->filled) % AHEAD_N;
        bool stop = a->stop;
        pthread_mutex_unlock(&a->mu);
        if (stop) return NULL;
        long got = mx_stream_read(s->inner, a->buf[slot], AHEAD_SZ);
        pthread_mutex_lock(&a->mu);
        if (got > 0) {
            a->len[slot] = (size_t)got;
            a->filled++;
        } else {
            if (got < 0) {
                snprintf(s->errbuf, sizeof s->errbuf, "%s", mx_stream_error(s->inner));
                a->failed = true;
            }
            a->warning = mx_stream_take_warning(s->inner);
            a->finished = true;
        }
        pthread_cond_signal(&a->cv);
        pthread_mutex_unlock(&a->mu);
        if (got <= 0) return NULL;
    }
}

struct mx_stream *mx_stream_ahead(struct mx_stream *inner) {
    struct mx_stream *s = make(K_AHEAD);
    s->inner = inner;
    struct ahead *a = mx_mem_calloc(1, sizeof *a);
    for (int i = 0; i < AHEAD_N; i++) a->buf[i] = mx_mem_malloc(AHEAD_SZ);
    pthread_mutex_init(&a->mu, NULL);
    pthread_cond_init(&a->cv, NULL);
    s->ahead = a;
    /* without a thread, the reader reads the inner stream itself */
    a->running = pthread_create(&a->thread, NULL, ahead_work, s) == 0;
    return s;
}

/* The reader's side: the next bytes of the ring, waiting for the worker if needed. */
static long ahead_read(struct mx_stream *s, char *buf, size_t n) {
    struct ahead *a = s->ahead;
    if (!a->running) return mx_stream_read(s->inner, buf, n);
    pthread_mutex_lock(&a->mu);
    while (a->filled == 0 && !a->finished) pthread_cond_wait(&a->cv, &a->mu);
    bool empty = a->filled == 0;
    pthread_mutex_unlock(&a->mu);
    if (empty) { /* finished, and everything handed out */
        s->warning = a->warning;
        if (a->failed) return fail(s, s->errbuf);
        s->done = true;
        return 0;
    }
    size_t k = a->len[a->head] - a->off < n ? a->len[a->head] - a->off : n;
    memcpy(buf, a->buf[a->head] + a->off, k);
    a->off += k;
    if (a->off == a->len[a->head]) {
        pthread_mutex_lock(&a->mu);
        a->head = (a->head + 1) % AHEAD_N;
        a->filled--;
        a->off = 0;
        pthread_cond_signal(&a->cv);
        pthread_mutex_unlock(&a->mu);
    }
    return (long)k;
}

static void ahead_free(struct ahead *a) {
    if (!a) return;
    if (a->running) {
        pthread_mutex_lock(&a->mu);
        a->stop = true;
        pthread_cond_signal(&a->cv);
        pthread_mutex_unlock(&a->mu);
        pthread_join(a->thread, NULL);
    }
    pthread_mutex_destroy(&a->mu);
    pthread_cond_destroy(&a->cv);
    for (int i = 0; i < AHEAD_N; i++) free(a->buf[i]);
    free(a);
}

/* Converts into buf, reading more input whenever the buffered input is used up or
 * ends inside a character; returns once something was produced. */
/* While undecided: hands out the ASCII bytes before the first non-ASCII character and
 * decides at that character (see mx_stream_iconv). Returns the bytes copied to buf, 0
 * when buffered input is needed (more to read), or -1 with the stream failed. */
static long iconv_decide(struct mx_stream *s, char *buf, size_t n) {
    for (;;) {
        size_t i = 0;
        while (i < s->ilen && (unsigned char)s->ibuf[i] < 0x80) i++;
        if (i > 0 || s->ilen == 0) {
            size_t k = i < n ? i : n;
            if (k == 0 && s->ilen == 0) {
                long got = mx_stream_read(s->inner, s->ibuf, GZ_IN);
                if (got < 0) {
                    snprintf(s->errbuf, sizeof s->errbuf, "%s", mx_stream_error(s->inner));
                    return fail(s, s->errbuf);
                }
                if (got == 0) return 0;
                s->ilen = (size_t)got;
                continue;
            }
            memcpy(buf, s->ibuf, k);
            memmove(s->ibuf, s->ibuf + k, s->ilen - k);
            s->ilen -= k;
            s->iconsumed += k;
            return (long)k;
        }
        /* ibuf starts with a non-ASCII byte: read enough for a whole UTF-8 sequence */
        if (s->ilen < 4) {
            long got = mx_stream_read(s->inner, s->ibuf + s->ilen, GZ_IN - s->ilen);
            if (got < 0) {
                snprintf(s->errbuf, sizeof s->errbuf, "%s", mx_stream_error(s->inner));
                return fail(s, s->errbuf);
            }
            if (got > 0) {
                s->ilen += (size_t)got;
                continue;
            }
        }
        s->imode = mx_utf8_len((const unsigned char *)s->ibuf, s->ilen) ? I_PASS : I_CONVERT;
        return 0;
    }
}

static long iconv_read(struct mx_stream *s, char *buf, size_t n) {
    if (s->imode == I_UNDECIDED) {
        long k = iconv_decide(s, buf, n);
        if (k != 0 || s->imode == I_UNDECIDED) return k; /* bytes, a failure, or the end */
    }
    if (s->imode == I_PASS) { /* UTF-8: what is buffered, then the inner stream as is */
        if (s->ilen) {
            size_t k = s->ilen < n ? s->ilen : n;
            memcpy(buf, s->ibuf, k);
            memmove(s->ibuf, s->ibuf + k, s->ilen - k);
            s->ilen -= k;
            return (long)k;
        }
        long got = mx_stream_read(s->inner, buf, n);
        if (got < 0) {
            snprintf(s->errbuf, sizeof s->errbuf, "%s", mx_stream_error(s->inner));
            return fail(s, s->errbuf);
        }
        return got;
    }
    char *out = buf;
    size_t room = n;
    bool need_more = s->ilen == 0;
    while (room == n) {
        if (need_more) {
            if (s->ilen == GZ_IN) return fail(s, "iconv: character longer than the buffer");
            long got = mx_stream_read(s->inner, s->ibuf + s->ilen, GZ_IN - s->ilen);
            if (got < 0) {
                snprintf(s->errbuf, sizeof s->errbuf, "%s", mx_stream_error(s->inner));
                return fail(s, s->errbuf);
            }
            if (got == 0 && s->ilen == 0) return 0;
            if (got == 0) {
                snprintf(s->errbuf, sizeof s->errbuf, "incomplete %s character at byte offset %llu",
                         s->from, (unsigned long long)s->iconsumed);
                return fail(s, s->errbuf);
            }
            s->ilen += (size_t)got;
            need_more = false;
        }
        char *in = s->ibuf;
        size_t left = s->ilen;
        size_t rc = iconv(s->cd, &in, &left, &out, &room);
        s->iconsumed += s->ilen - left;
        memmove(s->ibuf, in, left);
        s->ilen = left;
        if (rc != (size_t)-1) {
            need_more = true; /* all converted */
        } else if (errno == EINVAL) {
            need_more = true; /* the input ends inside a character */
        } else if (errno == EILSEQ) {
            if (room != n) break; /* hand out what converted first */
            snprintf(s->errbuf, sizeof s->errbuf, "not valid %s at byte offset %llu", s->from,
                     (unsigned long long)s->iconsumed);
            return fail(s, s->errbuf);
        } else {
            break; /* E2BIG: the output is full */
        }
    }
    return (long)(n - room);
}

void mx_stream_free(struct mx_stream *s) {
    if (!s) return;
    if (s->kind == K_ICONV) iconv_close(s->cd);
    free(s->ibuf);
    if (s->kind == K_FD && s->close_fd && s->fd >= 0) close(s->fd);
    free(s->sha);
#ifdef MX_HAVE_ISAL
    bool isal = s->isal != NULL;
    free(s->isal);
    if (s->z_live && !isal) inflateEnd(&s->z);
#else
    if (s->z_live) inflateEnd(&s->z);
#endif
    ahead_free(s->ahead); /* joins the worker before its inner stream goes */
    mx_stream_free(s->inner);
    free(s->in);
    free(s->peek);
    free(s);
}

static long fail(struct mx_stream *s, const char *msg) {
    s->error = msg;
    s->done = true;
    return -1;
}

/* Reads more compressed input, keeping the unconsumed bytes at the front. Returns the
 * count read (0 at the end) or -1. */
static long gz_fill(struct mx_stream *s) {
    size_t keep = s->z.avail_in;
    if (keep && s->z.next_in != s->in) memmove(s->in, s->z.next_in, keep);
    long got = mx_stream_read(s->inner, (char *)s->in + keep, GZ_IN - keep);
    if (got < 0) {
        snprintf(s->errbuf, sizeof s->errbuf, "%s", mx_stream_error(s->inner));
        return fail(s, s->errbuf);
    }
    s->z.next_in = s->in;
    s->z.avail_in = (uInt)(keep + (size_t)got);
    s->in_total += (uint64_t)got;
    return got;
}

/* After a member ended: decide between another member, the end, and garbage. */
static long gz_next_member(struct mx_stream *s) {
    if (s->z.avail_in == 0) {
        long got = gz_fill(s);
        if (got < 0) return -1;
        if (got == 0) {
            s->done = true;
            return 0;
        }
    }
    if (s->z.avail_in < 2) {
        long got = gz_fill(s); /* one byte left: read on to see whether a member starts */
        if (got < 0) return -1;
    }
    if (s->z.avail_in < 2) {
        s->warning = "trailing garbage after the last gzip member (ignored)";
        s->done = true;
        return 0;
    }
    if (s->z.next_in[0] != 0x1f || s->z.next_in[1] != 0x8b) {
        s->warning = "trailing garbage after the last gzip member (ignored)";
        s->done = true;
        return 0;
    }
    if (s->members >= s->lim.max_members) {
        snprintf(s->errbuf, sizeof s->errbuf, "more than %llu gzip members (limit)",
                 (unsigned long long)s->lim.max_members);
        return fail(s, s->errbuf);
    }
#ifdef MX_HAVE_ISAL
    if (s->isal) {
        isal_inflate_reset(s->isal);
        s->isal->crc_flag = ISAL_GZIP;
    } else
#endif
        inflateReset(&s->z);
    s->in_member = true;
    s->header_due = true;
    s->members++;
    return 1;
}

/* What went wrong inside a member, worded alike by zlib and isa-l (either may be the
 * decoder of a build): the wrapper, the check values, or the deflate data itself. */
static const char *const GZ_HEADER = "corrupt gzip data (invalid gzip header)";
static const char *const GZ_CHECK = "corrupt gzip data (CRC or length check failed)";
static const char *const GZ_DATA = "corrupt gzip data (invalid deflate data)";

/* zlib's inflate; its messages sorted into the three kinds isa-l tells apart. */
static int decode_zlib(struct mx_stream *s, const char **why) {
    int rc = inflate(&s->z, Z_NO_FLUSH);
    if (rc != Z_DATA_ERROR && rc != Z_NEED_DICT) return rc;
    const char *m = s->z.msg ? s->z.msg : "";
    if (strcmp(m, "incorrect data check") == 0 || strcmp(m, "incorrect length check") == 0 ||
        strcmp(m, "header crc mismatch") == 0) /* a header's CRC too, as isa-l says */
        *why = GZ_CHECK;
    else if (strcmp(m, "incorrect header check") == 0 ||
             strcmp(m, "unknown compression method") == 0 ||
             strcmp(m, "unknown header flags set") == 0)
        *why = GZ_HEADER;
    else
        *why = GZ_DATA;
    return Z_DATA_ERROR;
}

/* One call of the stream's decoder on the input window of s->z; rc as zlib's: Z_OK,
 * Z_STREAM_END, or an error with *why. */
static int decode(struct mx_stream *s, const char **why) {
#ifdef MX_HAVE_ISAL
    struct inflate_state *st = s->isal;
    if (!st) return decode_zlib(s, why);
    st->next_in = s->z.next_in;
    st->avail_in = s->z.avail_in;
    st->next_out = s->z.next_out;
    st->avail_out = s->z.avail_out;
    int rc = isal_inflate(st);
    s->z.next_in = st->next_in;
    s->z.avail_in = st->avail_in;
    s->z.next_out = st->next_out;
    s->z.avail_out = st->avail_out;
    switch (rc) {
    case ISAL_DECOMP_OK:
    case ISAL_END_INPUT:
    case ISAL_OUT_OVERFLOW: return st->block_state == ISAL_BLOCK_FINISH ? Z_STREAM_END : Z_OK;
    case ISAL_INVALID_WRAPPER:
    case ISAL_UNSUPPORTED_METHOD: *why = GZ_HEADER; return Z_DATA_ERROR;
    case ISAL_INCORRECT_CHECKSUM: *why = GZ_CHECK; return Z_DATA_ERROR;
    default: *why = GZ_DATA; return Z_DATA_ERROR;
    }
#else
    return decode_zlib(s, why);
#endif
}

/* One step of inflate into the caller's buffer; returns 0 to go on, 1 when the output
 * is full, -1 on failure (s->error set). */
static int gz_step(struct mx_stream *s) {
    if (!s->in_member) {
        long r = gz_next_member(s);
        if (r < 0) return -1;
        if (r == 0) return 1; /* the end */
    }
    if (s->z.avail_in == 0) {
        long got = gz_fill(s);
        if (got < 0) return -1;
        if (got == 0) return (int)fail(s, "truncated gzip stream (unexpected end of input)");
    }
    if (s->header_due) { /* magic, method and reserved flags, judged alike by both decoders */
        while (s->z.avail_in < 4) { /* a pipe may hand them out a byte at a time */
            long got = gz_fill(s);
            if (got < 0) return -1;
            if (got == 0) break; /* a shorter input ends as truncated */
        }
        const unsigned char *h = s->z.next_in;
        size_t k = s->z.avail_in;
        if (h[0] != 0x1f || (k > 1 && h[1] != 0x8b) || (k > 2 && h[2] != 8) ||
            (k > 3 && (h[3] & 0xe0)))
            return (int)fail(s, GZ_HEADER);
        s->header_due = false;
    }
    const char *why = GZ_DATA;
    int rc = decode(s, &why);
    if (rc == Z_STREAM_END) {
        s->in_member = false;
    } else if (rc == Z_DATA_ERROR) {
        return (int)fail(s, why);
    } else if (rc == Z_MEM_ERROR) {
        return (int)fail(s, "zlib: out of memory");
    }
    return 0;
}

static long gz_read(struct mx_stream *s, char *buf, size_t n) {
    if (!s->z_live) {
        memset(&s->z, 0, sizeof s->z);
#ifdef MX_HAVE_ISAL
        if (!s->use_zlib) {
            s->isal = mx_mem_malloc(sizeof *s->isal);
            isal_inflate_init(s->isal);
            s->isal->crc_flag = ISAL_GZIP;
        } else
#endif
            if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK)
            return fail(s, "zlib: cannot initialise");
        s->z_live = true;
        s->in_member = true;
        s->header_due = true;
        s->members = 1;
    }
    s->z.next_out = (Bytef *)buf;
    s->z.avail_out = (uInt)(n > (1u << 30) ? (1u << 30) : n);
    size_t asked = s->z.avail_out;
    while (s->z.avail_out > 0 && !s->done) {
        if (gz_step(s) != 0) break;
        uint64_t out = s->out_total + (asked - s->z.avail_out);
        if (out > s->lim.max_output) {
            fail(s, "decompressed size over the limit");
        } else if (out > s->lim.ratio_min_output && s->in_total > 0 &&
                   out / s->in_total > s->lim.max_ratio) {
            fail(s, "compression ratio over the limit (decompression bomb?)");
        }
    }
    long produced = (long)(asked - s->z.avail_out);
    s->out_total += (uint64_t)produced;
    /* bytes decoded before a failure are handed out first; the error comes next */
    if (produced == 0 && s->error) return -1;
    return produced;
}

static long raw_read(struct mx_stream *s, char *buf, size_t n) {
    if (s->kind == K_MEM) {
        size_t k = s->mem_len - s->mem_off < n ? s->mem_len - s->mem_off : n;
        memcpy(buf, s->mem + s->mem_off, k);
        s->mem_off += k;
        return (long)k;
    }
    if (s->kind == K_GZIP) return gz_read(s, buf, n);
    if (s->kind == K_ICONV) return iconv_read(s, buf, n);
    if (s->kind == K_AHEAD) return ahead_read(s, buf, n);
    if (s->kind == K_FUNC) {
        const char *err = "read error";
        long got = s->func(s->func_ctx, buf, n, &err);
        if (got < 0) {
            snprintf(s->errbuf, sizeof s->errbuf, "%s", err);
            return fail(s, s->errbuf);
        }
        return got;
    }
    for (;;) {
        ssize_t r = read(s->fd, buf, n);
        if (r > 0 && s->sha) {
            sha256_update(s->sha, (size_t)r, (const uint8_t *)buf);
            s->digest->size += (uint64_t)r;
        } else if (r == 0 && s->sha) { /* the end: every byte went through here */
            sha256_digest(s->sha, sizeof s->digest->sha256, s->digest->sha256);
            s->digest->done = true;
            free(s->sha);
            s->sha = NULL;
        }
        if (r >= 0) return (long)r;
        if (errno == EINTR) continue;
        snprintf(s->errbuf, sizeof s->errbuf, "read error: %s", strerror(errno));
        return fail(s, s->errbuf);
    }
}

long mx_stream_read(struct mx_stream *s, char *buf, size_t n) {
    if (s->peek_off < s->peek_len) {
        size_t k = s->peek_len - s->peek_off < n ? s->peek_len - s->peek_off : n;
        memcpy(buf, s->peek + s->peek_off, k);
        s->peek_off += k;
        return (long)k;
    }
    if (s->done) return s->error ? -1 : 0;
    if (n == 0) return 0;
    return raw_read(s, buf, n);
}

long mx_stream_peek(struct mx_stream *s, const char **p, size_t n) {
    if (n > PEEK_MAX) n = PEEK_MAX;
    if (!s->peek) s->peek = mx_mem_malloc(PEEK_MAX);
    while (s->peek_len < n && !s->done) {
        long r = raw_read(s, s->peek + s->peek_len, n - s->peek_len);
        if (r < 0 && s->peek_len) break; /* what came before the damage first */
        if (r < 0) return -1;
        if (r == 0) {
            s->peek_eof = true; /* the peek holds the whole stream */
            break;
        }
        s->peek_len += (size_t)r;
    }
    *p = s->peek;
    return (long)s->peek_len;
}

bool mx_stream_peek_is_all(const struct mx_stream *s) {
    return s->done || s->peek_eof;
}

int mx_stream_seekable_fd(const struct mx_stream *s) {
    struct stat st;
    if (s->kind != K_FD || fstat(s->fd, &st) != 0 || !S_ISREG(st.st_mode)) return -1;
    return s->fd;
}

const char *mx_stream_error(const struct mx_stream *s) {
    return s->error;
}

const char *mx_stream_take_warning(struct mx_stream *s) {
    const char *w = s->warning;
    /* a read-ahead's inner stream belongs to its worker: its warning comes at the end */
    if (!w && s->inner && s->kind != K_AHEAD) w = mx_stream_take_warning(s->inner);
    s->warning = NULL;
    return w;
}
