/* folded.c - folded stacks: streaming reader into a trie, sorted writer. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folded.h"

void
fg_folded_init(struct fg_folded *f, struct fg_trie *trie, const char *name)
{
	memset(f, 0, sizeof(*f));
	f->trie = trie;
	f->target = -1;
	fg_folded_newfile(f, name);
}

void
fg_folded_newfile(struct fg_folded *f, const char *name)
{
	f->name = name != NULL ? name : "<stdin>";
	f->lineno = 0;
	f->nbad = 0;
	f->badline = 0;
	f->badwhy = NULL;
	f->pn = 0;
	f->prevlen = 0;
}

void
fg_folded_free(struct fg_folded *f)
{
	free(f->prev);
	free(f->pnode);
	free(f->pend);
	free(f->scratch);
	free(f->cache);
	fg_buf_free(&f->rewritten);
	memset(f, 0, sizeof(*f));
}

static int
bad(struct fg_folded *f, const char *why, struct fg_err *err)
{
	if (f->strict) {
		f->errwhy = why;
		return fg_err_set(err, "%s:%llu: %s", f->name,
		    (unsigned long long)f->lineno, why);
	}
	if (f->nbad++ == 0) {
		f->badline = f->lineno;
		f->badwhy = why;
	}
	return 0;
}

/* A line that cannot be skipped: an error "NAME:LINE: why". */
static int
fatal(struct fg_folded *f, const char *why, struct fg_err *err)
{
	f->errwhy = why;
	return fg_err_set(err, "%s:%llu: %s", f->name,
	    (unsigned long long)f->lineno, why);
}

static inline int
isblank_(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Parse the count that ends s[0..*len): digits, optional '.' and digits,
 * optional leading '-'.  Unless there is no count, *len becomes the start
 * of the count; on success *v and *scale get the fixed-point value.
 * Returns 0, -1 for "no count", -2 for a count out of range, -3 for more
 * than 18 decimals.
 */
static int
count_back(const char *s, size_t *len, int64_t *v, int *scale)
{
	size_t e = *len, p = e, dot = (size_t)-1, i;
	uint64_t m = 0;
	int fr = 0, neg;

	while (p > 0 && ((s[p - 1] >= '0' && s[p - 1] <= '9') ||
	    (s[p - 1] == '.' && dot == (size_t)-1))) {
		if (s[p - 1] == '.')
			dot = p - 1;
		p--;
	}
	if (p == e || s[p] == '.')
		return -1;		/* no digits, or ".5" */
	neg = p > 0 && s[p - 1] == '-';
	*len = neg ? p - 1 : p;		/* also for a count out of range */
	if (dot != (size_t)-1)
		fr = (int)(e - dot - 1 < 19 ? e - dot - 1 : 19);
	if (fr > 18)
		return -3;	/* before the range: the decimals are the cause */
	for (i = p; i < e; i++) {
		if (i == dot)
			continue;
		if (m > (UINT64_MAX - 9) / 10)
			return -2;
		m = m * 10 + (uint64_t)(s[i] - '0');
	}
	if (neg) {
		if (m > (uint64_t)INT64_MAX + 1)
			return -2;
		*v = (int64_t)(0 - m);
	} else {
		if (m > (uint64_t)INT64_MAX)
			return -2;
		*v = (int64_t)m;
	}
	*scale = fr;
	return 0;
}

/*
 * Why s[0..n) (trailing blanks gone) has no count: its last field looks
 * like a number in a form the format does not take (1e3, +5, .5, 1.2.3),
 * or there is none.
 */
static const char *
nocount_why(const char *s, size_t n)
{
	size_t b = n, i;
	int digit = 0;

	while (b > 0 && !isblank_(s[b - 1]))
		b--;
	if (b == 0)
		return "no count";
	for (i = b; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digit = 1;
		else if (strchr(".+-eE", s[i]) == NULL)
			return "no count";
	}
	return digit ? "count is not an integer or decimal (12, -3, 1.5)" :
	    "no count";
}

/*
 * Why a count cannot be held.  Counts are 64-bit fixed point with one
 * scale, the most decimal places of any count read: the same words in
 * every tool, since all of them read through here.
 */
const char fg_folded_toomany_decimals[] =
    "count has more than 18 decimal places (the limit)";
const char fg_folded_toolong_count[] =
    "count out of range (more than 64 bits)";
const char fg_folded_mix_overflow[] =
    "counts mix magnitudes and decimal places beyond 64-bit fixed point "
    "(a count or total times 10^(the most decimal places read) must be "
    "below 2^63)";
const char fg_folded_sum_overflow[] = "counts overflow a 64-bit total";

/* A count that cannot be held: fatal, as a skipped line would change totals. */
static int
toobig(struct fg_folded *f, int r, struct fg_err *err)
{
	return fatal(f, r == -3 ? fg_folded_toomany_decimals :
	    fg_folded_toolong_count, err);
}

/* The reason fg_trie_add's failure r has, in the words above. */
const char *
fg_folded_addwhy(int r)
{
	return r == -2 ? fg_folded_mix_overflow : fg_folded_sum_overflow;
}

static void
remember(struct fg_folded *f, size_t k, uint32_t node, size_t end)
{
	if (k >= f->pcap) {
		f->pcap = f->pcap ? f->pcap * 2 : 256;
		f->pnode = xreallocarray(f->pnode, f->pcap, sizeof(*f->pnode));
		f->pend = xreallocarray(f->pend, f->pcap, sizeof(*f->pend));
	}
	f->pnode[k] = node;
	f->pend[k] = end;
}

/* Walk the stack s[0..n) down the trie, frame by frame; return its last node. */
static uint32_t
walk_frames(struct fg_folded *f, const char *s, size_t n)
{
	struct fg_trie *t = f->trie;
	uint32_t node = 0;
	size_t pos = 0, k = 0, c, e;
	const char *semi;

	if (f->prevlen > 0) {
		c = fg_common_prefix(s, f->prev, n < f->prevlen ? n : f->prevlen);
		/* frames of prev that end (in both) before the first difference */
		while (k < f->pn && (f->pend[k] < c ||
		    (f->pend[k] == c && (c == n || s[c] == ';') &&
		    (c == f->prevlen || f->prev[c] == ';'))))
			k++;
		if (k > 0) {
			node = f->pnode[k - 1];
			pos = f->pend[k - 1] + 1;
		}
	}
	while (pos <= n) {
		semi = memchr(s + pos, ';', n - pos);
		e = semi != NULL ? (size_t)(semi - s) : n;
		node = fg_trie_child(t, node,
		    fg_intern(&t->names, s + pos, e - pos));
		remember(f, k++, node, e);
		pos = e + 1;
		if (semi == NULL)
			break;
	}
	f->pn = k;
	if (n > f->prevcap) {
		f->prevcap = n * 2;
		f->prev = xrealloc(f->prev, f->prevcap);
	}
	memcpy(f->prev, s, n);
	f->prevlen = n;
	return node;
}

/* Does node's path, joined by ';', equal s[0..n)?  Names hold no ';'. */
static int
same_stack(const struct fg_trie *t, uint32_t node, const char *s, size_t n)
{
	const struct fg_name *nm;

	while (node != 0) {
		nm = fg_intern_get(&t->names, (uint32_t)t->up[node]);
		if (nm->len > n || memcmp(s + n - nm->len, nm->s, nm->len) != 0)
			return 0;
		n -= nm->len;
		node = (uint32_t)(t->up[node] >> 32);
		if (node != 0) {
			if (n == 0 || s[n - 1] != ';')
				return 0;
			n--;
		}
	}
	return n == 0;
}

static void
cache_grow(struct fg_folded *f)
{
	size_t nslots = f->cache == NULL ? 4096 : (f->cmask + 1) * 2, i, j;
	struct fg_stackent *c = xzalloc(nslots, sizeof(*c));

	for (i = 0; f->cache != NULL && i <= f->cmask; i++) {
		if (f->cache[i].node == 0)
			continue;
		j = f->cache[i].hash & (nslots - 1);
		while (c[j].node != 0)
			j = (j + 1) & (nslots - 1);
		c[j] = f->cache[i];
	}
	free(f->cache);
	f->cache = c;
	f->cmask = nslots - 1;
}

/*
 * Walk the stack s[0..n) down the trie; return its last node.  Most lines
 * repeat a stack seen before: one hash of the whole stack finds its node,
 * checked byte for byte against the trie path, without a lookup per frame.
 */
static uint32_t
walk(struct fg_folded *f, const char *s, size_t n)
{
	uint64_t h;
	uint32_t node;
	size_t j;

	/* trailing empty frames do not count */
	while (n > 0 && s[n - 1] == ';')
		n--;
	if (n == 0)
		return 0;
	if (f->cache == NULL)
		cache_grow(f);
	h = fg_hash(s, n);
	for (j = h & f->cmask; f->cache[j].node != 0; j = (j + 1) & f->cmask)
		if (f->cache[j].hash == h && f->cache[j].len == n &&
		    same_stack(f->trie, f->cache[j].node, s, n))
			return f->cache[j].node;
	node = walk_frames(f, s, n);
	if (node != 0 && n <= UINT32_MAX) {
		f->cache[j].hash = h;
		f->cache[j].len = (uint32_t)n;
		f->cache[j].node = node;
		if (++f->cn * 2 > f->cmask)
			cache_grow(f);
	}
	return node;
}

/* Walk the frames of s[0..n) leaf first (--reverse). */
static uint32_t
walk_reversed(struct fg_folded *f, const char *s, size_t n)
{
	struct fg_trie *t = f->trie;
	size_t nf = 0, i, b, e;
	uint32_t node = 0;

	while (n > 0 && s[n - 1] == ';')
		n--;
	if (n == 0)
		return 0;
	/* scratch holds frame start/end offsets, root first */
	for (b = 0;; b = e + 1) {
		const char *semi = memchr(s + b, ';', n - b);

		e = semi != NULL ? (size_t)(semi - s) : n;
		if (nf + 2 > f->scap) {
			f->scap = f->scap ? f->scap * 2 : 256;
			f->scratch = xreallocarray(f->scratch, f->scap,
			    sizeof(*f->scratch));
		}
		f->scratch[nf++] = (uint32_t)b;
		f->scratch[nf++] = (uint32_t)e;
		if (semi == NULL)
			break;
	}
	for (i = nf; i > 0; i -= 2)
		node = fg_trie_child(t, node, fg_intern(&t->names,
		    s + f->scratch[i - 2], f->scratch[i - 1] - f->scratch[i - 2]));
	return node;
}

int
fg_folded_parse(struct fg_folded *f, const char *s, size_t len,
    struct fg_rec *rec, struct fg_err *err)
{
	int64_t a, b = 0;
	int sa, sb = 0, r, isdiff = 0;
	size_t n = len, n0, n2;

	f->lineno++;
	if (len > 0 && s[0] == '#')
		return 0;		/* a comment (profilers' metadata) */
	while (n > 0 && (s[n - 1] == '\r' || isblank_(s[n - 1])))
		n--;
	if (n == 0)
		return 0;
	rec->linelen = n;
	n0 = n;
	if ((r = count_back(s, &n, &a, &sa)) == -1)
		return bad(f, nocount_why(s, n0), err);
	if (n == 0)
		return bad(f, "no stack before the count", err);
	if (!isblank_(s[n - 1]))
		return bad(f, nocount_why(s, n0), err);
	if (r != 0)
		return toobig(f, r, err);
	n--;
	n2 = n;
	if (n2 > 0 && (r = count_back(s, &n2, &b, &sb)) != -1 &&
	    (n2 == 0 || isblank_(s[n2 - 1]))) {
		if (r != 0)
			return toobig(f, r, err);
		isdiff = 1;
		n = n2 > 0 ? n2 - 1 : 0;
	}
	if (f->integers && isdiff)
		return fatal(f, "two counts (a differential line): a profile "
		    "has one value a sample here", err);
	if (f->integers && sa > 0)
		return fatal(f, "decimal count (a profile's values are "
		    "integers)", err);
	if (f->rewrite != NULL) {
		f->rewritten.len = 0;
		f->rewrite(s, n, &f->rewritten, f->rewrite_arg);
		s = f->rewritten.p;
		n = f->rewritten.len;
	}
	if (n > UINT32_MAX)
		return bad(f, "line too long", err);
	if (isdiff) {
		if (f->target >= 0)
			return bad(f, "two counts (differential line)", err);
		rec->v[FG_COL] = a;
		rec->v[FG_BEFORE] = b;
		/* bring both to one scale */
		while (sa < sb) {
			if (__builtin_mul_overflow(rec->v[FG_COL], 10,
			    &rec->v[FG_COL]))
				return fatal(f, fg_folded_mix_overflow, err);
			sa++;
		}
		while (sb < sa) {
			if (__builtin_mul_overflow(rec->v[FG_BEFORE], 10,
			    &rec->v[FG_BEFORE]))
				return fatal(f, fg_folded_mix_overflow, err);
			sb++;
		}
	} else if (f->target >= 0) {
		rec->v[f->target] = a;
		rec->v[!f->target] = 0;
	} else
		rec->v[0] = rec->v[1] = a;
	rec->stack = s;
	rec->len = n;
	rec->scale = sa;
	rec->diff = isdiff;
	return 1;
}

int
fg_folded_line(struct fg_folded *f, const char *s, size_t len, struct fg_err *err)
{
	struct fg_rec rec;
	uint32_t node;
	int r;

	if ((r = fg_folded_parse(f, s, len, &rec, err)) <= 0)
		return r;
	if (rec.diff) {
		f->sawdiff = 1;
		f->trie->diff = 1;
	}
	node = f->reverse ? walk_reversed(f, rec.stack, rec.len) :
	    walk(f, rec.stack, rec.len);
	if ((r = fg_trie_add(f->trie, node, rec.v, rec.scale)) != 0)
		return fatal(f, fg_folded_addwhy(r), err);
	f->nlines++;
	if (f->added != NULL)
		f->added(f->arg, node, rec.v, rec.scale);
	return 0;
}

int
fg_folded_buf(struct fg_folded *f, const char *buf, size_t len, struct fg_err *err)
{
	const char *p = buf, *end = buf + len, *nl;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (fg_folded_line(f, p, (size_t)(nl - p), err) != 0)
			return -1;
		p = nl + 1;
	}
	return 0;
}

int
fg_folded_sniff(const char *name, const void *buf, size_t n, struct fg_err *err)
{
	const unsigned char *b = buf;
	const char *what = NULL;

	if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		what = "gzip data";
	else if (memchr(b, '\0', n < 4096 ? n : 4096) != NULL)
		what = "binary data";	/* text has no NUL; a profile.proto does */
	if (what == NULL)
		return 0;
	if (strcmp(name, "<stdin>") == 0)
		return fg_err_set(err, "%s: %s, not folded stacks (a pprof "
		    "profile? convert it with: pb2folded PROFILE | %s)", name,
		    what, progname);
	return fg_err_set(err, "%s: %s, not folded stacks (a pprof profile? "
	    "convert it with: pb2folded %s | %s)", name, what, name, progname);
}

#define BLOCK (1u << 20)

/*
 * Parse the lines of fd in blocks: with read() when off is -1 (pipes,
 * stdin), else with pread() over [off, end).  Memory stays one block plus
 * the longest line, whatever the input's size; a mapping would save a
 * copy but costs TLB shootdowns when two threads unmap as they go.
 */
static int
parse_fd(struct fg_folded *f, int fd, off_t off, off_t end, int first,
    struct fg_err *err)
{
	size_t cap = 2 * BLOCK, have = 0, start, i, want;
	char *buf, *nl;
	ssize_t r;
	int rc = -1;

	buf = xmalloc(cap);
	for (;;) {
		if (cap - have < BLOCK) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		want = cap - have;
		if (off < 0)
			r = read(fd, buf + have, want);
		else {
			if ((off_t)want > end - off)
				want = (size_t)(end - off);
			r = want == 0 ? 0 : pread(fd, buf + have, want, off);
		}
		if (r < 0) {
			if (errno == EINTR)
				continue;
			fg_err_set(err, "%s: %s", f->name, strerror(errno));
			goto out;
		}
		if (off >= 0)
			off += r;
		if (first && r > 0) {
			if (fg_folded_sniff(f->name, buf, (size_t)r, err) != 0)
				goto out;
			first = 0;
		}
		if (r == 0) {
			if (have > 0 && fg_folded_line(f, buf, have, err) != 0)
				goto out;
			break;
		}
		i = have;
		have += (size_t)r;
		start = 0;
		while ((nl = memchr(buf + i, '\n', have - i)) != NULL) {
			if (fg_folded_line(f, buf + start,
			    (size_t)(nl - buf) - start, err) != 0)
				goto out;
			start = i = (size_t)(nl - buf) + 1;
		}
		memmove(buf, buf + start, have - start);
		have -= start;
	}
	rc = 0;
out:
	free(buf);
	return rc;
}

#define WINDOW ((size_t)8 << 20)

/*
 * A regular file is mapped rather than read: no copy through a buffer.
 * Pages already parsed are unmapped every WINDOW bytes, so the resident
 * size stays bounded whatever the file's size.  Returns 1 when the file
 * cannot be mapped (the caller reads it instead).
 */
static int
parse_map(struct fg_folded *f, int fd, off_t fsize, struct fg_err *err)
{
	const char *map, *p, *end, *nl;
	size_t size = (size_t)fsize, dropped = 0, upto, page;
	long pg = sysconf(_SC_PAGESIZE);
	int rc = 0;

	page = pg > 0 ? (size_t)pg : 4096;
	if (fsize <= 0 || (uint64_t)fsize > SIZE_MAX)
		return 1;
	map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		return 1;
	(void)posix_madvise((void *)map, size, POSIX_MADV_SEQUENTIAL);
	if (fg_folded_sniff(f->name, map, size, err) != 0) {
		munmap((void *)map, size);
		return -1;
	}
	for (p = map, end = map + size; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (fg_folded_line(f, p, (size_t)(nl - p), err) != 0) {
			rc = -1;
			break;
		}
		upto = (size_t)(nl - map);	/* the line's end, within the file */
		upto -= upto % page;
		if (upto - dropped >= WINDOW) {
			munmap((void *)(map + dropped), upto - dropped);
			dropped = upto;
		}
	}
	/* only what is still mapped: freed ranges may hold malloc's now */
	munmap((void *)(map + dropped), size - dropped);
	return rc;
}

/*
 * The second half of a large file, parsed by a second thread into a trie
 * of its own, merged into the main trie afterwards.
 */
struct half {
	struct fg_folded f;
	struct fg_trie t;
	int	 fd;
	off_t	 start, end;
	int	 rc;
	struct fg_err err;
};

static void *
parse_half(void *arg)
{
	struct half *h = arg;

	/* line numbers count from the middle; the first half's are added after */
	h->rc = parse_fd(&h->f, h->fd, h->start, h->end, 0, &h->err);
	return NULL;
}

/* Smallest file parsed by two threads (FLAMEKIT_PARALLEL_MIN overrides). */
static off_t
parallel_min(void)
{
	const char *e = getenv("FLAMEKIT_PARALLEL_MIN");
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	if (e != NULL && *e != '\0')
		return (off_t)strtoll(e, NULL, 10);
	return ncpu >= 2 ? (off_t)256 << 20 : -1;
}

/* Offset just past the first newline at or after off, or -1. */
static off_t
line_after(int fd, off_t off, off_t size)
{
	char b[4096], *nl;
	ssize_t r;

	while (off < size) {
		r = pread(fd, b, sizeof(b), off);
		if (r <= 0)
			return -1;
		if ((nl = memchr(b, '\n', (size_t)r)) != NULL)
			return off + (nl - b) + 1;
		off += r;
	}
	return -1;
}

/*
 * A large regular file: the first half here, the second in a thread, each
 * into its own trie; then the second is merged into the first.  Returns
 * 1 (nothing read) when it cannot be split.
 */
static int
read_halves(struct fg_folded *f, int fd, off_t size, struct fg_err *err)
{
	struct half h;
	pthread_t th;
	off_t mid;
	int rc;

	mid = line_after(fd, size / 2, size);
	if (mid < 0 || mid >= size)
		return 1;
	memset(&h, 0, sizeof(h));
	fg_trie_init(&h.t);
	fg_folded_init(&h.f, &h.t, f->name);
	h.f.target = f->target;
	h.f.reverse = f->reverse;
	h.f.strict = f->strict;
	h.f.integers = f->integers;
	h.f.rewrite = f->rewrite;
	h.f.rewrite_arg = f->rewrite_arg;
	h.fd = fd;
	h.start = mid;
	h.end = size;
	if (pthread_create(&th, NULL, parse_half, &h) != 0) {
		fg_folded_free(&h.f);
		fg_trie_free(&h.t);
		return 1;
	}
	rc = parse_fd(f, fd, 0, mid, 1, err);
	pthread_join(th, NULL);
	if (rc == 0 && h.rc != 0 && h.f.errwhy != NULL)
		rc = fg_err_set(err, "%s:%llu: %s", f->name,
		    (unsigned long long)(f->lineno + h.f.lineno), h.f.errwhy);
	else if (rc == 0 && h.rc != 0) {
		*err = h.err;		/* a read error: no line number */
		rc = -1;
	}
	if (rc == 0 && (rc = fg_trie_merge(f->trie, &h.t)) != 0)
		rc = fg_err_set(err, "%s: %s", f->name, fg_folded_addwhy(rc));
	if (rc == 0) {
		if (f->nbad == 0) {
			f->badline = f->lineno + h.f.badline;
			f->badwhy = h.f.badwhy;
		}
		f->nbad += h.f.nbad;
		f->nlines += h.f.nlines;
		f->lineno += h.f.lineno;
		f->sawdiff |= h.f.sawdiff;
		/* the main parser's caches may not describe merged nodes */
		f->prevlen = 0;
		f->pn = 0;
	}
	fg_folded_free(&h.f);
	fg_trie_free(&h.t);
	return rc;
}

int
fg_folded_read(struct fg_folded *f, const char *path, struct fg_err *err)
{
	const char *name = fg_inname(path);
	int isstdin = path == NULL || strcmp(path, "-") == 0;
	struct stat st;
	off_t min;
	int fd = 0, rc = 1;

	if (!isstdin && (fd = open(path, O_RDONLY)) < 0)
		return fg_err_set(err, "%s: %s", name, strerror(errno));
	fg_folded_newfile(f, name);
	/*
	 * Named regular files are mapped, or split between two threads;
	 * standard input is read from where it stands, whatever it is.
	 */
	min = parallel_min();
	if (!isstdin && f->added == NULL && min >= 0 && fstat(fd, &st) == 0 &&
	    S_ISREG(st.st_mode) && st.st_size >= min && st.st_size > 1) {
		char b[4096];
		ssize_t r = pread(fd, b, sizeof(b), 0);

		if (r > 0 && fg_folded_sniff(name, b, (size_t)r, err) != 0)
			rc = -1;
		else
			rc = read_halves(f, fd, st.st_size, err);
	}
	if (rc == 1 && !isstdin && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		rc = parse_map(f, fd, st.st_size, err);
	if (rc == 1)
		rc = parse_fd(f, fd, -1, 0, 1, err);
	if (!isstdin)
		close(fd);
	return rc;
}

void
fg_folded_summary(const struct fg_folded *f, char *buf, size_t size)
{
	if (f->nbad == 0) {
		if (size > 0)
			buf[0] = '\0';
		return;
	}
	snprintf(buf, size, "skipped %llu malformed line%s (first: line %llu: %s)",
	    (unsigned long long)f->nbad, f->nbad == 1 ? "" : "s",
	    (unsigned long long)f->badline, f->badwhy);
}

/* Append node's output line (without '\n') to b; path is scratch. */
static void
put_line(struct fg_buf *b, const struct fg_trie *t, uint32_t node, int flags,
    uint32_t **path, uint32_t *pcap)
{
	const struct fg_node *nd = &t->nodes[node];
	const struct fg_name *nm;
	char num[48];
	uint32_t d, k;

	if (nd->depth > *pcap) {
		*pcap = nd->depth * 2;
		*path = xreallocarray(*path, *pcap, sizeof(**path));
	}
	fg_trie_path(t, node, *path);
	for (d = 0; d < nd->depth; d++) {
		nm = fg_intern_get(&t->names, (*path)[d]);
		if (d > 0)
			fg_buf_putc(b, ';');
		fg_buf_put(b, nm->s, nm->len);
	}
	for (k = (flags & FG_W_DIFF) ? 2 : 1; k-- > 0;) {
		fg_buf_putc(b, ' ');
		fg_buf_put(b, num, fg_fmt_fixed(num, nd->self[k], t->scale));
	}
}

/* Whole-line comparison, for the rare stacks that only lines can order. */
static int
line_cmp(const struct fg_trie *t, uint32_t x, uint32_t y, void *ctx)
{
	struct fg_buf a = { 0 }, b = { 0 };
	uint32_t *path = NULL, pcap = 0;
	int flags = *(int *)ctx, c;
	size_t m;

	put_line(&a, t, x, flags, &path, &pcap);
	put_line(&b, t, y, flags, &path, &pcap);
	m = a.len < b.len ? a.len : b.len;
	if ((c = memcmp(a.p, b.p, m)) == 0)
		c = a.len < b.len ? -1 : a.len > b.len;
	fg_buf_free(&a);
	fg_buf_free(&b);
	free(path);
	return c;
}

int
fg_folded_write(const struct fg_trie *t, FILE *fp, int flags, struct fg_err *err)
{
	struct fg_buf b = { 0 };
	uint32_t *ends, *path = NULL, pcap = 0;
	const struct fg_node *nd;
	size_t n, i;
	int rc = 0;

	ends = fg_trie_sorted_lines(t, &n, line_cmp, &flags);
	for (i = 0; i < n; i++) {
		nd = &t->nodes[ends[i]];
		if (!(flags & FG_W_ZERO) && nd->self[0] == 0 &&
		    (!(flags & FG_W_DIFF) || nd->self[1] == 0))
			continue;
		put_line(&b, t, ends[i], flags, &path, &pcap);
		fg_buf_putc(&b, '\n');
		if (b.len >= (1u << 20) && fg_buf_flush(&b, fp) != 0) {
			rc = fg_err_set(err, "write error: %s", strerror(errno));
			break;
		}
	}
	if (rc == 0 && fg_buf_flush(&b, fp) != 0)
		rc = fg_err_set(err, "write error: %s", strerror(errno));
	fg_buf_free(&b);
	free(path);
	free(ends);
	return rc;
}

void
fg_folded_frame_clean(char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ';')
			s[i] = ':';
		else if (c < 0x20 || c == 0x7f)
			s[i] = ' ';
	}
}
