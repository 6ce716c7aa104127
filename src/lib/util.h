/* util.h - messages, checked allocation, numbers, options and safe output files. */
#ifndef FG_UTIL_H
#define FG_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct option;

extern const char *progname;

/* Set progname from argv[0] (its base name). */
void	setprogname(const char *argv0);

/*
 * Messages go to stderr as "progname: text".  A format ending in ':' gets
 * ": strerror(errno)" appended.  die() exits 1, die_usage() exits 2 after
 * pointing at --help.
 */
_Noreturn void die(const char *fmt, ...);
_Noreturn void die_usage(const char *fmt, ...);
void	warnmsg(const char *fmt, ...);
/*
 * After getopt_long (opterr = 0, optstring starting with ':') returned ch
 * ':' or '?': say which option was missing its argument or unknown, and
 * exit 2.
 */
_Noreturn void die_badopt(int ch, char *const argv[]);

/* Allocators that never return NULL: out of memory is fatal. */
void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t size);
/*
 * Zeroed memory written at once: calloc's fresh pages are first mapped
 * to the shared zero page, and the first store to each then costs a
 * copy-on-write fault and, with two threads, a TLB shootdown.  For hash
 * tables that are probed (read) before they are filled.
 */
void	*xzalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t n);
void	*xreallocarray(void *p, size_t n, size_t size);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);

/* Library error: the message a tool prints after "progname: ". */
struct fg_err {
	char	msg[1024];
};
/* Fill err (if not NULL) and return -1. */
int	fg_err_set(struct fg_err *err, const char *fmt, ...);

/*
 * Flush and close a stream; on failure print "progname: name: write error:
 * reason" and return 1, else 0.
 */
int	close_stream(FILE *fp, const char *name);

/*
 * Is the output path a terminal?  NULL and "-" mean stdout; a path is
 * opened (not created or truncated) to ask, so -o /dev/tty counts too.
 */
int	fg_is_terminal(const char *path);

/* Display name of an input operand: "-" and NULL are "<stdin>". */
const char *fg_inname(const char *path);
/* Display name of an output: "-" and NULL are "<stdout>". */
const char *fg_outname(const char *path);

/*
 * Read a whole file ("-" or NULL is stdin) into a malloc'd buffer (NUL
 * terminated, not counted in *len).  Returns 0, or -1 with err set.
 */
int	fg_read_file(const char *path, char **buf, size_t *len, struct fg_err *err);

/*
 * Parse numbers; the whole string must be the number.  Return 0 or -1.
 */
int	fg_parse_i64(const char *s, int64_t *v);
int	fg_parse_double(const char *s, double *v);

/* Write v in decimal to buf (at least 21 bytes); return the length. */
size_t	fg_fmt_i64(char *buf, int64_t v);
/*
 * Write a fixed-point number v / 10^scale (scale 0..18) exactly, without
 * trailing zeros after the point; return the length (buf >= 42 bytes).
 */
size_t	fg_fmt_fixed(char *buf, int64_t v, int scale);

/*
 * Rewrite argv in place so that long options also work with one dash and
 * with '_' for '-', as Perl's Getopt::Long and pprof accept them:
 * "-width=800" -> "--width=800", "-sample_index" -> "--sample-index".
 * A single-dash word is rewritten only when its name (before any '=')
 * exactly matches a long option; everything after "--" is left alone.
 */
void	fg_longopts_fixup(int argc, char **argv, const struct option *lo);

/*
 * An output file that appears only when complete: data goes to a
 * temporary file in the same directory, renamed over path on commit and
 * removed on abort.  path NULL or "-" means stdout (commit only flushes).
 * An existing path that is not a regular file (a device, a pipe) is
 * written in place: renaming over /dev/null would replace the device.
 */
struct fg_ofile {
	FILE	*fp;
	char	*path;
	char	*tmp;
};
int	fg_ofile_open(struct fg_ofile *o, const char *path, struct fg_err *err);
int	fg_ofile_commit(struct fg_ofile *o, struct fg_err *err);
void	fg_ofile_abort(struct fg_ofile *o);

/* Growable byte buffer for building output. */
struct fg_buf {
	char	*p;
	size_t	 len, cap;
};
void	fg_buf_grow(struct fg_buf *b, size_t need);
static inline void
fg_buf_put(struct fg_buf *b, const void *s, size_t n)
{
	if (n == 0)
		return;		/* b->p may still be NULL: no pointer arithmetic */
	if (b->cap - b->len < n)
		fg_buf_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}
static inline void
fg_buf_putc(struct fg_buf *b, char c)
{
	if (b->len == b->cap)
		fg_buf_grow(b, 1);
	b->p[b->len++] = c;
}
void	fg_buf_puts(struct fg_buf *b, const char *s);
void	fg_buf_printf(struct fg_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	fg_buf_free(struct fg_buf *b);
/* Write the buffer to fp and empty it; return 0 or -1 (errno set). */
int	fg_buf_flush(struct fg_buf *b, FILE *fp);

/* The length of the common prefix of a[0..n) and b[0..n), a word at a time. */
static inline size_t
fg_common_prefix(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	size_t c = 0;

	while (c + 8 <= n) {
		memcpy(&x, a + c, 8);
		memcpy(&y, b + c, 8);
		if (x != y)
			break;
		c += 8;
	}
	while (c < n && a[c] == b[c])
		c++;
	return c;
}

/* 64-bit hash of n bytes (fast, not cryptographic). */
static inline uint64_t
fg_rotl64(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

static inline uint64_t
fg_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0xff51afd7ed558ccdULL), v;

	if (n >= 32) {
		/* four independent lanes: long stacks hash at several bytes a cycle */
		uint64_t a = h, b = ~h, c = h * 3, d = h * 5, w[4];

		do {
			memcpy(w, s, 32);
			a = fg_rotl64((a ^ w[0]) * 0x87c37b91114253d5ULL, 31);
			b = fg_rotl64((b ^ w[1]) * 0x4cf5ad432745937fULL, 29);
			c = fg_rotl64((c ^ w[2]) * 0x87c37b91114253d5ULL, 27);
			d = fg_rotl64((d ^ w[3]) * 0x4cf5ad432745937fULL, 33);
			s += 32;
			n -= 32;
		} while (n >= 32);
		h ^= a * 0xbf58476d1ce4e5b9ULL;
		h = fg_rotl64(h, 23) ^ b * 0x94d049bb133111ebULL;
		h = fg_rotl64(h, 23) ^ c * 0xbf58476d1ce4e5b9ULL;
		h = fg_rotl64(h, 23) ^ d * 0x94d049bb133111ebULL;
	}
	while (n >= 8) {
		memcpy(&v, s, 8);
		h = (h ^ v) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
		s += 8;
		n -= 8;
	}
	v = 0;
	while (n > 0)
		v = (v << 8) | s[--n];
	h = (h ^ v) * 0x94d049bb133111ebULL;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	return h ^ (h >> 32);
}

#endif
