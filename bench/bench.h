/* gost-bench: rows registered by the bench_*.c files.
 *
 * A row measures one operation. Sized rows (unit MB/s) run their operation
 * on a buffer of each size in the size list; unsized rows (unit ops/s) run a
 * whole operation (sign, verify, exchange) and are reported once.
 *
 * ours() / openssl() perform the operation `iters` times on `size` bytes and
 * return 0, or -1 if unavailable (the table then prints "n/a"). They keep
 * their state in static storage set up by setup(), which runs once before the
 * row is timed. */
#ifndef GOST_BENCH_H
#define GOST_BENCH_H

#include <stddef.h>
#include <stdint.h>

typedef struct bench_row {
    const char *name;  /* as in DESIGN.md: "kuznyechik-ctr", "gost3410-256a-sign" */
    int sized;         /* 1: MB/s over the size list; 0: ops/s */
    int (*setup)(void);                        /* may be NULL; -1 skips the row */
    int (*ours)(size_t size, size_t iters);
    int (*openssl)(size_t size, size_t iters); /* may be NULL */
    /* Where OpenSSL lacks the row (openssl NULL), work that any version of
     * it on OpenSSL's cipher could not avoid, so that OpenSSL would take at
     * least this long: for MGM its CTR over twice the bytes (MGM's two
     * counter streams, without the multiplications). Printed as bounds
     * ("<" OpenSSL's MB/s, ">" the ratio); may be NULL. */
    int (*openssl_bound)(size_t size, size_t iters);
} bench_row;

void bench_register(const bench_row *row);

#define BENCH_ROW(id, ...)                                                    \
    __attribute__((constructor)) static void bench_register_##id(void)       \
    {                                                                         \
        static const bench_row r = __VA_ARGS__;                               \
        bench_register(&r);                                                   \
    }

/* Shared buffers of the largest size (1 MiB + 64), filled with pseudo-random
 * bytes at start; rows may read and overwrite them. */
extern uint8_t *bench_in, *bench_out;
#define BENCH_MAX_SIZE ((size_t)1 << 20)

/* OpenSSL with the GOST provider and engine, loaded on first use;
 * NULL if unavailable. Defined in bench_openssl.c. */
struct ossl_lib_ctx_st;
struct engine_st;
struct ossl_lib_ctx_st *bench_ossl_libctx(void);
struct engine_st *bench_ossl_gost_engine(void);

/* `iters` times `size` bytes of bench_in through OpenSSL's cipher `name`
 * (enc: 1 encrypts, 0 decrypts; key_mesh: its ACPKM section size, 0 for
 * none) keyed with key and iv, without padding. The keyed context is made
 * on first use and kept, so a row streams through the same context call
 * after call, as ours do; -1 where OpenSSL lacks the cipher. */
int bench_ossl_cipher(const char *name, int enc, size_t key_mesh, const uint8_t key[32], const uint8_t *iv,
                      size_t size, size_t iters);

/* `iters` messages of `size` bytes of bench_in through OpenSSL's MAC `name`
 * of library context libctx (NULL: the default one) with a `tag`-byte tag,
 * each from a copy of one context keyed with key once (kept across calls);
 * -1 where OpenSSL lacks it. */
int bench_ossl_mac(struct ossl_lib_ctx_st *libctx, const char *name, size_t tag, const uint8_t key[32], size_t size,
                   size_t iters);

/* --vs-peers: nettle's and libgcrypt's function for the row named `row`
 * (NULL where that library lacks it), in the order of bench_peer_names;
 * returns 0 if the row has no peer at all. */
#define BENCH_PEERS 2
extern const char *const bench_peer_names[BENCH_PEERS];
int bench_peers_of(const char *row, int (*fn[BENCH_PEERS])(size_t, size_t));

/* Sink that keeps the compiler from removing measured work. */
extern volatile uint8_t bench_sink;

#endif
