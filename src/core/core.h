/*
 * core.h — the few primitives every stage shares: an arena allocator, a
 * growable byte buffer, and UTF-8 helpers.
 *
 * Design: one document = one arena. Every string, block and field a stage
 * produces for a document is carved from that document's arena, so a
 * document is released in one step (winnow_doc_free) and no stage has to
 * track ownership of the pieces it hands on. Buffers (wn_buf) are the one
 * exception: they grow with realloc while a stage builds text, and the
 * result is copied into the arena when it is final.
 *
 * Allocation failure: wn_arena_alloc and wn_buf_* never return NULL to
 * the caller; they abort the process with a message. A news extractor has no
 * sensible way to go on without memory, and limits on input size (checked
 * before any work) keep a hostile document from asking for too much.
 */
#ifndef WN_CORE_H
#define WN_CORE_H

#include <stddef.h>
#include <stdint.h>

/* ---- arena ------------------------------------------------------------ */

typedef struct wn_arena_chunk wn_arena_chunk;
typedef struct wn_arena {
    wn_arena_chunk *head;
    size_t total; /* bytes handed out, for limits and stats */
} wn_arena;

void wn_arena_init(wn_arena *a);
void wn_arena_release(wn_arena *a); /* frees every chunk; arena reusable */
void *wn_arena_alloc(wn_arena *a, size_t n);  /* 16-byte aligned, zeroed */
/* Out of memory: a message on stderr, then abort (see above). */
void wn_oom(void);
/* realloc that never returns NULL (wn_oom); n == 0 asks for 1 byte. */
void *wn_xrealloc(void *p, size_t n);
char *wn_arena_strndup(wn_arena *a, const char *s, size_t n);
char *wn_arena_strdup(wn_arena *a, const char *s);
char *wn_arena_printf(wn_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A growable array of pointers in an arena (old storage is abandoned to the
 * arena on growth, which is fine for the small lists we keep). */
typedef struct wn_ptrvec {
    void **v;
    size_t n, cap;
} wn_ptrvec;
void wn_ptrvec_push(wn_arena *a, wn_ptrvec *pv, void *p);

/* ---- buffer ----------------------------------------------------------- */

typedef struct wn_buf {
    char *data; /* always NUL-terminated when len > 0 or after wn_buf_cstr */
    size_t len, cap;
} wn_buf;

void wn_buf_init(wn_buf *b);
void wn_buf_free(wn_buf *b);
void wn_buf_reserve(wn_buf *b, size_t extra);
void wn_buf_append(wn_buf *b, const char *s, size_t n);
void wn_buf_puts(wn_buf *b, const char *s);
void wn_buf_putc(wn_buf *b, char c);
void wn_buf_printf(wn_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *wn_buf_cstr(wn_buf *b);
void wn_buf_clear(wn_buf *b);
/* hands the storage to the caller (malloc'd, NUL-terminated) */
char *wn_buf_detach(wn_buf *b, size_t *len);

/* ---- UTF-8 ------------------------------------------------------------ */

/* Decodes one code point at s (n >= 1 bytes available). Returns its length
 * in bytes (1..4) and stores the code point; for an invalid or truncated
 * sequence (overlongs and surrogates are invalid) stores -1 and returns the
 * length of its maximal valid prefix (>= 1), to be replaced by one U+FFFD. */
int wn_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
/* Encodes cp into out (>= 4 bytes); returns bytes written. */
int wn_utf8_encode(int32_t cp, char *out);
/* 1 when the whole buffer is valid UTF-8. */
int wn_utf8_valid(const char *s, size_t n);
/* Copy of s with invalid sequences replaced by U+FFFD and NUL bytes
 * dropped; the result is valid UTF-8. Counts replacements in *bad. */
char *wn_utf8_sanitize(wn_arena *a, const char *s, size_t n, size_t *out_len,
                       size_t *bad);

/* Unicode class helpers (via utf8proc). */
int wn_uc_is_space(int32_t cp);     /* Zs, tabs, newlines, NBSP, ... */
int wn_uc_is_invisible(int32_t cp); /* zero-width, BOM, soft hyphen, bidi marks */
int wn_uc_is_word(int32_t cp);      /* letter, mark, digit, connector: \w */
int wn_uc_is_upper(int32_t cp);
int wn_uc_is_lower(int32_t cp);
int wn_uc_is_letter(int32_t cp);
int32_t wn_uc_tolower(int32_t cp);

#endif
