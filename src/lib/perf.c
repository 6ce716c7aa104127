/* perf.c - `perf script` text to folded stacks, with stackcollapse-perf.pl's rules. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "intern.h"
#include "perf.h"

/*
 * The Perl matches each line against three regular expressions; each is
 * worked out below as the scan that finds the same match (Perl's
 * leftmost, greedy-first backtracking order), on bytes: \s is the six
 * ASCII spaces, \w [A-Za-z0-9_], \d [0-9].
 */

/*
 * A count as Perl's += keeps it: an unsigned 64-bit integer while the sum
 * fits, else a double (printed with %.15g, as Perl prints numbers).
 */
struct num {
	uint64_t u;
	double	 d;
	int	 nv;
};

struct group {			/* the frames of one stack line, joined by ';' */
	size_t	 off, len;
};

struct fg_perf {
	struct fg_perf_opts o;
	const char *name;
	uint64_t lineno;
	uint64_t nbad, badline;
	struct fg_buf carry;	/* a line split between two buffers */
	/* the sample being read */
	int	 have;		/* its first line was read (the Perl's $pname) */
	struct fg_buf pname;
	int	 java;		/* pname starts with "java" */
	struct num period;
	struct fg_buf text;	/* its frames, one group per line, leaf first */
	struct group *g;
	size_t	 ng, gcap;
	struct fg_buf stack, tmp;	/* scratch */
	/*
	 * --srcline: the frame line before has functions that each take the
	 * next line as their source line; until they have them the line's
	 * group is open, from gopen, and fend[i] is where function i ends.
	 */
	size_t	 pending, nread, gopen;
	size_t	*fend;
	size_t	 fcap;
	/* events */
	char	*event;		/* the one kept (may hold a NUL: eventlen) */
	size_t	 eventlen;
	int	 defaulted;	/* it is the first seen, not asked for */
	char	*skipped;	/* the first other event skipped, if defaulted */
	/* the stacks */
	struct fg_intern stacks;
	struct num *counts;	/* by stack id */
	size_t	 ccap;
	uint64_t nsamples;
};

static inline int
isws(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline int
isdig(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static inline int
isword(unsigned char c)
{
	return isdig(c) || c == '_' || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static inline int
islhex(unsigned char c)
{
	return isdig(c) || (c >= 'a' && c <= 'f');
}

/* memmem and memrchr are not POSIX */
static const char *
memstr(const char *s, size_t n, const char *pat, size_t m)
{
	const char *end = s + n, *q;

	if (m > n)
		return NULL;
	for (q = s; (q = memchr(q, pat[0], (size_t)(end - q) - m + 1)) != NULL; q++)
		if (memcmp(q + 1, pat + 1, m - 1) == 0)
			return q;
	return NULL;
}

static const char *
rchr(const char *s, char c, size_t n)
{
	while (n-- > 0)
		if (s[n] == c)
			return s + n;
	return NULL;
}

struct fg_perf *
fg_perf_new(const struct fg_perf_opts *o)
{
	struct fg_perf *p = xcalloc(1, sizeof(*p));

	p->o = *o;
	if (o->event != NULL && *o->event != '\0') {
		p->event = xstrdup(o->event);
		p->eventlen = strlen(o->event);
	}
	p->o.event = NULL;
	fg_intern_init(&p->stacks);
	p->name = "<stdin>";
	return p;
}

void
fg_perf_free(struct fg_perf *p)
{
	if (p == NULL)
		return;
	fg_buf_free(&p->carry);
	fg_buf_free(&p->pname);
	fg_buf_free(&p->text);
	fg_buf_free(&p->stack);
	fg_buf_free(&p->tmp);
	free(p->g);
	free(p->fend);
	free(p->event);
	free(p->skipped);
	fg_intern_free(&p->stacks);
	free(p->counts);
	free(p);
}

void
fg_perf_newfile(struct fg_perf *p, const char *name)
{
	p->name = name != NULL ? name : "<stdin>";
	p->lineno = 0;
	p->nbad = 0;
	p->badline = 0;
	p->carry.len = 0;
}

static int
fail(struct fg_perf *p, const char *why, struct fg_err *err)
{
	return fg_err_set(err, "%s:%llu: %s", p->name,
	    (unsigned long long)p->lineno, why);
}

static int
unrecognised(struct fg_perf *p)
{
	if (p->nbad++ == 0)
		p->badline = p->lineno;
	return 0;
}

static void
num_add(struct num *a, const struct num *x)
{
	if (!a->nv && !x->nv && a->u <= UINT64_MAX - x->u) {
		a->u += x->u;
		return;
	}
	a->d = (a->nv ? a->d : (double)a->u) + (x->nv ? x->d : (double)x->u);
	a->nv = 1;
}

/* The period: digits; "" and "0" are false to Perl, so 1. */
static void
period(struct num *v, const char *s, size_t n)
{
	char tmp[400];
	size_t i;

	memset(v, 0, sizeof(*v));
	if (n == 0 || (n == 1 && s[0] == '0')) {
		v->u = 1;
		return;
	}
	for (i = 0; i < n; i++) {
		if (v->u > (UINT64_MAX - 9) / 10 && (v->u > UINT64_MAX / 10 ||
		    (uint64_t)(s[i] - '0') > UINT64_MAX - v->u * 10))
			break;
		v->u = v->u * 10 + (uint64_t)(s[i] - '0');
	}
	if (i == n)
		return;
	/* past 2^64 - 1 Perl's number is a double */
	v->nv = 1;
	if (n < sizeof(tmp)) {
		memcpy(tmp, s, n);
		tmp[n] = '\0';
		v->d = strtod(tmp, NULL);
	} else
		v->d = HUGE_VAL;
}

/*
 * The sample's first line: ^(\S.+?)\s+(\d+)\/ *(\d+) *\s+ (without the
 * spaces, which keep this comment open), then :\s*(\d+) *\s+(\S+):\s*$
 * for the period and the event.  Returns 0
 * when the first does not match, else 1 (the line is taken).
 */
static int
header(struct fg_perf *p, const char *s, size_t n)
{
	size_t e, q, d1, d1e = 0, d2 = 0, d2e = 0, c, a, w2, d, w1, i;
	const char *ev;
	size_t evlen;
	struct num per;
	int found = 0, tidok;

	/* the shortest comm (at least 2 bytes) followed by the rest */
	for (e = 2; e < n;) {
		if (!isws((unsigned char)s[e])) {
			e++;
			continue;
		}
		for (q = e; q < n && isws((unsigned char)s[q]); q++)
			;
		for (d1 = q; q < n && isdig((unsigned char)s[q]); q++)
			;
		if (q > d1) {
			d1e = q;
			while (q < n && s[q] == '/')
				q++;
			for (d2 = q; q < n && isdig((unsigned char)s[q]); q++)
				;
			d2e = q;
			if (q < n && isws((unsigned char)s[q])) {
				found = 1;
				break;
			}
		}
		e = q;
	}
	if (!found)
		return 0;

	/* the event: the last word, ending in ':' (trailing spaces aside) */
	for (c = n; c > 0 && isws((unsigned char)s[c - 1]); c--)
		;
	ev = NULL;
	evlen = 0;
	if (c > 0 && s[--c] == ':') {
		for (a = c; a > 0 && !isws((unsigned char)s[a - 1]); a--)
			;
		if (a > 0 && a < c) {
			for (w2 = a - 1; w2 > 0 && isws((unsigned char)s[w2 - 1]); w2--)
				;
			for (d = w2; d > 0 && isdig((unsigned char)s[d - 1]); d--)
				;
			w1 = d;
			if (d < w2)
				while (w1 > 0 && isws((unsigned char)s[w1 - 1]))
					w1--;
			if (w1 > 0 && s[w1 - 1] == ':') {
				ev = s + a;
				evlen = c - a;
				period(&per, s + d, w2 - d);
			}
		}
	}
	if (ev != NULL) {
		if (p->event == NULL) {
			p->event = xstrndup(ev, evlen);
			p->eventlen = evlen;
			p->defaulted = 1;
		} else if (p->eventlen != evlen ||
		    memcmp(p->event, ev, evlen) != 0) {
			if (p->defaulted && p->skipped == NULL)
				p->skipped = xstrndup(ev, evlen);
			return 1;	/* not this event: the line is done */
		}
	} else
		period(&per, "", 0);
	p->period = per;

	/* the root frame: comm, comm-PID or comm-PID/TID, ' ' -> '_' */
	tidok = d2e > d2 && !(d2e - d2 == 1 && s[d2] == '0');
	p->pname.len = 0;
	fg_buf_put(&p->pname, s, e);
	if (p->o.tid || p->o.pid) {
		fg_buf_putc(&p->pname, '-');
		if (tidok)
			fg_buf_put(&p->pname, s + d1, d1e - d1);
		else
			fg_buf_putc(&p->pname, '?');
		if (p->o.tid) {
			fg_buf_putc(&p->pname, '/');
			if (tidok)
				fg_buf_put(&p->pname, s + d2, d2e - d2);
			else
				fg_buf_put(&p->pname, s + d1, d1e - d1);
		}
	}
	for (i = 0; i < p->pname.len; i++)
		if (p->pname.p[i] == ' ')
			p->pname.p[i] = '_';
	p->java = p->pname.len >= 4 && memcmp(p->pname.p, "java", 4) == 0;
	p->have = 1;
	return 1;
}

/* m:/tmp/perf-\d+\.map: */
static int
jitmod(const char *m, size_t n)
{
	const char *q, *end = m + n;
	size_t i;

	while ((q = memstr(m, (size_t)(end - m), "/tmp/perf-", 10)) != NULL) {
		q += 10;
		for (i = 0; q + i < end && isdig((unsigned char)q[i]); i++)
			;
		if (i > 0 && (size_t)(end - (q + i)) >= 4 &&
		    memcmp(q + i, ".map", 4) == 0)
			return 1;
		m = q;
	}
	return 0;
}

/*
 * Append one function name f[0..n) to p->text, tidied as the Perl does:
 * ';' -> ':', from the first '(' on dropped (but "(anonymous namespace)"
 * and Go's "pkg.(*T).M"), quotes dropped, Java's "Lpkg/Class;" loses its
 * L, then the annotation.
 */
static void
put_func(struct fg_perf *p, const char *f, size_t n, int inlined, int kern,
    int jit)
{
	const char *op, *cp;
	size_t cut = n, i, start = p->text.len, len;
	char *t;

	/* Go: m/\.\(.*\)\./ */
	op = memstr(f, n, ".(", 2);
	cp = NULL;
	if (op != NULL)
		for (i = n; i >= (size_t)(op - f) + 4; i--)
			if (f[i - 2] == ')' && f[i - 1] == '.') {
				cp = f + i - 2;
				break;
			}
	if (cp == NULL) {
		/* cut at the first '(' not opening "(anonymous namespace)" */
		for (op = f; (op = memchr(op, '(', (size_t)(f + n - op))) != NULL; op++)
			if ((size_t)(f + n - op - 1) < 20 ||
			    memcmp(op + 1, "anonymous namespace)", 20) != 0) {
				cut = (size_t)(op - f);
				break;
			}
	}
	if (p->text.cap - p->text.len < cut + 4)
		fg_buf_grow(&p->text, cut + 4);
	t = p->text.p + start;
	for (i = 0, len = 0; i < cut; i++) {
		char ch = f[i];

		if (ch == '"' || ch == '\'')
			continue;
		t[len++] = ch == ';' ? ':' : ch;
	}
	if (p->java && len > 0 && t[0] == 'L' && memchr(t, '/', len) != NULL)
		memmove(t, t + 1, --len);
	if (inlined) {
		if (memstr(t, len, "_[i]", 4) == NULL) {
			memcpy(t + len, "_[i]", 4);
			len += 4;
		}
	} else if (kern) {
		memcpy(t + len, "_[k]", 4);
		len += 4;
	} else if (jit && memstr(t, len, "_[j]", 4) == NULL) {
		memcpy(t + len, "_[j]", 4);
		len += 4;
	}
	p->text.len = start + len;
}

/* The frames of the line from p->gopen on are a group. */
static int
close_group(struct fg_perf *p, struct fg_err *err)
{
	struct group *g;

	if (p->text.len + p->ng + p->pname.len > FG_PERF_MAX_STACK)
		return fail(p, "stack longer than 1 GiB", err);
	if (p->ng == p->gcap) {
		p->gcap = p->gcap ? p->gcap * 2 : 64;
		p->g = xreallocarray(p->g, p->gcap, sizeof(*p->g));
	}
	g = &p->g[p->ng++];
	g->off = p->gopen;
	g->len = p->text.len - p->gopen;
	return 0;
}

/*
 * A frame line: /^\s*(\w+)\s*(.+) \((.*)\)/ gives the address, the
 * function (what is before the last " (" that a ')' follows) and the
 * module (up to the last ')').
 */
static int
frame(struct fg_perf *p, const char *s, size_t n, struct fg_err *err)
{
	size_t w0, w1, b, L, I, x, pc1, rn, mn, k, fn, nf, gstart;
	const char *rp, *r, *m, *f, *arrow, *base;
	int kern, jit, munk, unknown = 0;

	for (w0 = 0; w0 < n && isws((unsigned char)s[w0]); w0++)
		;
	if (w0 == n || !isword((unsigned char)s[w0]))
		return unrecognised(p);
	for (w1 = w0; w1 < n && isword((unsigned char)s[w1]); w1++)
		;
	for (b = w1; b < n && isws((unsigned char)s[b]); b++)
		;
	if ((rp = rchr(s, ')', n)) == NULL || (L = (size_t)(rp - s)) < w1 + 2)
		return unrecognised(p);
	for (I = L - 2; !(s[I] == ' ' && s[I + 1] == '('); I--)
		if (I == w1)
			return unrecognised(p);
	/* (.+) needs a byte: \s* then (\w+) give some back if they must */
	pc1 = w1;
	if (b < I)
		x = b;
	else if (I > w1)
		x = I - 1;
	else if (w1 - w0 >= 2)
		x = pc1 = w1 - 1;
	else
		return unrecognised(p);
	if (!p->have)
		return 0;		/* a sample of another event */

	r = s + x;
	rn = I - x;
	m = s + I + 2;
	mn = L - (I + 2);
	/* s/\+0x[\da-f]+$// */
	for (k = rn; k > 0 && islhex((unsigned char)r[k - 1]); k--)
		;
	if (k < rn && k >= 3 && memcmp(r + k - 3, "+0x", 3) == 0)
		rn = k - 3;
	if (rn > 0 && r[0] == '(')
		return 0;		/* a process name */
	/* split /->/ drops trailing empty fields */
	while (rn >= 2 && r[rn - 2] == '-' && r[rn - 1] == '>')
		rn -= 2;
	if (rn == 0)
		return 0;

	munk = mn == 9 && memcmp(m, "[unknown]", 9) == 0;
	kern = p->o.kernel && mn > 0 && (m[0] == '[' || (mn >= 7 &&
	    memcmp(m + mn - 7, "vmlinux", 7) == 0)) &&
	    memstr(m, mn, "unknown", 7) == NULL;
	jit = p->o.jit && jitmod(m, mn);
	gstart = p->text.len;
	for (nf = 0; ; nf++) {
		arrow = memstr(r, rn, "->", 2);
		fn = arrow != NULL ? (size_t)(arrow - r) : rn;
		f = r;
		if (nf > 0)
			fg_buf_putc(&p->text, ';');
		if (fn == 9 && memcmp(f, "[unknown]", 9) == 0) {
			p->tmp.len = 0;
			fg_buf_putc(&p->tmp, '[');
			if (munk)
				fg_buf_put(&p->tmp, "unknown", 7);
			else {
				base = rchr(m, '/', mn);
				base = base != NULL ? base + 1 : m;
				fg_buf_put(&p->tmp, base, (size_t)(m + mn - base));
			}
			if (p->o.addrs) {
				fg_buf_put(&p->tmp, " <", 2);
				fg_buf_put(&p->tmp, s + w0, pc1 - w0);
				fg_buf_putc(&p->tmp, '>');
			}
			fg_buf_putc(&p->tmp, ']');
			unknown |= munk;
			put_func(p, p->tmp.p, p->tmp.len, nf > 0, kern, jit);
		} else
			put_func(p, f, fn, nf > 0, kern, jit);
		/* -F+srcline: each function but unknown ones takes a line */
		if (p->o.srcline && !unknown) {
			if (p->pending == p->fcap) {
				p->fcap = p->fcap ? p->fcap * 2 : 16;
				p->fend = xreallocarray(p->fend, p->fcap,
				    sizeof(*p->fend));
			}
			p->fend[p->pending++] = p->text.len;
		}
		if (arrow == NULL)
			break;
		r = arrow + 2;
		rn -= fn + 2;
	}
	p->gopen = gstart;
	p->nread = 0;
	return p->pending > 0 ? 0 : close_group(p, err);
}

/*
 * --srcline: line s[0..n) is the source line of the next function that
 * waits for one: [...] parts and surrounding spaces dropped, and unless
 * nothing is left, ":LINE" appended to the function.
 */
static int
srcline(struct fg_perf *p, const char *s, size_t n, struct fg_err *err)
{
	struct fg_buf *t = &p->tmp;
	const char *o, *c;
	size_t a, b, i, at, len;

	t->len = 0;
	while (n > 0 && (o = memchr(s, '[', n)) != NULL &&
	    (c = memchr(o, ']', (size_t)(s + n - o))) != NULL) {
		fg_buf_put(t, s, (size_t)(o - s));
		n -= (size_t)(c + 1 - s);
		s = c + 1;
	}
	fg_buf_put(t, s, n);
	for (a = 0; a < t->len && isws((unsigned char)t->p[a]); a++)
		;
	for (b = t->len; b > a && isws((unsigned char)t->p[b - 1]); b--)
		;
	len = b - a;
	if (len > 0) {
		at = p->fend[p->nread];
		if (p->text.cap - p->text.len < len + 1)
			fg_buf_grow(&p->text, len + 1);
		memmove(p->text.p + at + len + 1, p->text.p + at,
		    p->text.len - at);
		p->text.p[at] = ':';
		memcpy(p->text.p + at + 1, t->p + a, len);
		p->text.len += len + 1;
		for (i = p->nread + 1; i < p->pending; i++)
			p->fend[i] += len + 1;
	}
	if (++p->nread < p->pending)
		return 0;
	p->pending = 0;
	return close_group(p, err);
}

/* A blank line: the sample is done. */
static void
endsample(struct fg_perf *p)
{
	struct fg_buf *st = &p->stack;
	size_t i, need;
	uint32_t id;

	if (!p->have)
		return;
	need = p->pname.len + p->text.len + p->ng;
	st->len = 0;
	if (st->cap < need)
		fg_buf_grow(st, need);
	memcpy(st->p, p->pname.p, p->pname.len);
	st->len = p->pname.len;
	for (i = p->ng; i-- > 0;) {
		st->p[st->len++] = ';';
		memcpy(st->p + st->len, p->text.p + p->g[i].off, p->g[i].len);
		st->len += p->g[i].len;
	}
	id = fg_intern(&p->stacks, st->p, st->len);
	if (id >= p->ccap) {
		size_t old = p->ccap;

		p->ccap = p->ccap ? p->ccap * 2 : 1024;
		while (p->ccap <= id)
			p->ccap *= 2;
		p->counts = xreallocarray(p->counts, p->ccap, sizeof(*p->counts));
		memset(p->counts + old, 0, (p->ccap - old) * sizeof(*p->counts));
	}
	num_add(&p->counts[id], &p->period);
	p->nsamples++;
	p->text.len = 0;
	p->ng = 0;
	p->have = 0;
}

static int
line(struct fg_perf *p, const char *s, size_t n, struct fg_err *err)
{
	p->lineno++;
	if (p->pending > 0)
		return srcline(p, s, n, err);	/* whatever the line is */
	if (n == 0) {
		endsample(p);
		return 0;
	}
	if (s[0] == '#')
		return 0;		/* perf's header and comments */
	if (!isws((unsigned char)s[0]) && header(p, s, n))
		return 0;
	return frame(p, s, n, err);
}

static int
carry(struct fg_perf *p, const char *s, size_t n, struct fg_err *err)
{
	if (p->carry.len + n > FG_PERF_MAX_LINE) {
		p->lineno++;
		return fail(p, "line longer than 256 MiB", err);
	}
	fg_buf_put(&p->carry, s, n);
	return 0;
}

int
fg_perf_feed(struct fg_perf *p, const char *buf, size_t len, struct fg_err *err)
{
	const char *s = buf, *end = buf + len, *nl;

	if (len == 0)
		return 0;
	if (p->carry.len > 0) {
		if ((nl = memchr(s, '\n', len)) == NULL)
			return carry(p, s, len, err);
		size_t n;

		if (carry(p, s, (size_t)(nl - s), err) != 0)
			return -1;
		n = p->carry.len;
		p->carry.len = 0;	/* the bytes stay until overwritten */
		if (line(p, p->carry.p, n, err) != 0)
			return -1;
		s = nl + 1;
	}
	while (s < end && (nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		if (line(p, s, (size_t)(nl - s), err) != 0)
			return -1;
		s = nl + 1;
	}
	return s < end ? carry(p, s, (size_t)(end - s), err) : 0;
}

int
fg_perf_endfile(struct fg_perf *p, struct fg_err *err)
{
	size_t n = p->carry.len;

	if (n == 0)
		return 0;
	p->carry.len = 0;
	return line(p, p->carry.p, n, err);
}

void
fg_perf_unrecognised(const struct fg_perf *p, uint64_t *n, uint64_t *first)
{
	*n = p->nbad;
	*first = p->badline;
}

int
fg_perf_event_skipped(const struct fg_perf *p, const char **kept,
    const char **skipped)
{
	if (p->skipped == NULL)
		return 0;
	*kept = p->event;
	*skipped = p->skipped;
	return 1;
}

uint64_t
fg_perf_samples(const struct fg_perf *p)
{
	return p->nsamples;
}

static size_t
fmt_num(char *buf, const struct num *v)
{
	if (!v->nv) {
		char tmp[24], *q = tmp + sizeof(tmp);
		uint64_t u = v->u;
		size_t n;

		do {
			*--q = (char)('0' + u % 10);
			u /= 10;
		} while (u != 0);
		n = (size_t)(tmp + sizeof(tmp) - q);
		memcpy(buf, q, n);
		return n;
	}
	if (isinf(v->d))
		return (size_t)sprintf(buf, "Inf");
	return (size_t)sprintf(buf, "%.15g", v->d);
}

int
fg_perf_write(struct fg_perf *p, FILE *fp, struct fg_err *err)
{
	const struct fg_name *nm;
	struct fg_buf b = { 0 };
	uint32_t *rank, *order, i, n = p->stacks.n;
	char num[64];
	int rc = 0;

	rank = fg_intern_ranks(&p->stacks);
	order = xmalloc((size_t)n * sizeof(*order));
	for (i = 0; i < n; i++)
		order[rank[i]] = i;
	free(rank);
	for (i = 0; i < n; i++) {
		if (order[i] == 0)
			continue;	/* the intern table's "" */
		nm = fg_intern_get(&p->stacks, order[i]);
		fg_buf_put(&b, nm->s, nm->len);
		fg_buf_putc(&b, ' ');
		fg_buf_put(&b, num, fmt_num(num, &p->counts[order[i]]));
		fg_buf_putc(&b, '\n');
		if (b.len >= (1u << 20) && fg_buf_flush(&b, fp) != 0) {
			rc = -1;
			break;
		}
	}
	if (rc == 0 && fg_buf_flush(&b, fp) != 0)
		rc = -1;
	if (rc != 0)
		fg_err_set(err, "write error: %s", strerror(errno));
	fg_buf_free(&b);
	free(order);
	return rc;
}

int
fg_perf_sniff(const char *name, const void *buf, size_t len, struct fg_err *err)
{
	if (len >= 8 && (memcmp(buf, "PERFILE2", 8) == 0 ||
	    memcmp(buf, "PERFFILE", 8) == 0))
		return fg_err_set(err, "%s: a perf.data file, not perf script "
		    "text (convert it: perf script -i %s | %s)", name,
		    strcmp(name, "<stdin>") == 0 ? "perf.data" : name, progname);
	if (memchr(buf, '\0', len < 4096 ? len : 4096) != NULL)
		return fg_err_set(err, "%s: binary data, not perf script text",
		    name);
	return 0;
}
