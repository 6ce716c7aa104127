/* merge.c - the streaming merge of sorted folded inputs (foldmerge --sorted). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "merge.h"
#include "trie.h"

#define INBLOCK	((size_t)64 << 10)

struct input {
	struct fg_folded f;
	int	 fd;		/* -1: from memory */
	int	 eof, first;
	char	*buf;		/* read buffer, or the memory input */
	size_t	 cap, pos, end;
	/* the head: the next line to merge, and its record */
	int	 have;
	const char *line;
	size_t	 linelen;
	struct fg_rec rec;
	/* the line before it, for the order check */
	char	*prev;
	size_t	 prevlen, prevcap;
	int	 hasprev;
	int	 sawdiff;	/* a differential line was read */
};

/* A stack whose lines are merged: open while lines of it may still come. */
struct pend {
	char	*stack;
	size_t	 len;
	int64_t	 v[2];
	int	 scale;
	int	 closed;
	struct fg_buf out;	/* its output line, once closed */
};

struct fg_smerge {
	struct input **in;
	size_t	 nin, incap;
	size_t	*heap;		/* input indices, smallest head first */
	size_t	 nheap;
	struct pend **pend;
	size_t	 npend, pendcap;
	int	 keepzero, strict, diff, stdin_used;
};

static const int64_t pow10_[19] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000, 10000000000, 100000000000, 1000000000000,
	10000000000000, 100000000000000, 1000000000000000,
	10000000000000000, 100000000000000000, 1000000000000000000
};

struct fg_smerge *
fg_smerge_new(int keepzero, int strict)
{
	struct fg_smerge *m = xzalloc(1, sizeof(*m));

	m->keepzero = keepzero;
	m->strict = strict;
	return m;
}

static void
pend_free(struct pend *p)
{
	free(p->stack);
	fg_buf_free(&p->out);
	free(p);
}

void
fg_smerge_free(struct fg_smerge *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nin; i++) {
		struct input *in = m->in[i];

		if (in->fd > 0)
			close(in->fd);
		if (in->fd >= 0)
			free(in->buf);
		free(in->prev);
		fg_folded_free(&in->f);
		free(in);
	}
	for (i = 0; i < m->npend; i++)
		pend_free(m->pend[i]);
	free(m->pend);
	free(m->in);
	free(m->heap);
	free(m);
}

/* Bytewise comparison of a[0..an) and b[0..bn), shorter first on a tie. */
static int
cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	return c != 0 ? c : an < bn ? -1 : an > bn;
}

/* cmp(a, b followed by suffix s). */
static int
cmp2(const char *a, size_t an, const char *b, size_t bn, const char *s)
{
	size_t sn = strlen(s);
	int c = memcmp(a, b, an < bn ? an : bn);

	if (c != 0)
		return c;
	if (an <= bn)
		return an < bn ? -1 : 0;
	return cmp(a + bn, an - bn, s, sn);
}

static int
lineerr(struct input *in, const char *why, struct fg_err *err)
{
	return fg_err_set(err, "%s:%llu: %s", in->f.name,
	    (unsigned long long)in->f.lineno, why);
}

/* Read more of in into its buffer; 0 at the end of the input. */
static int
fill(struct input *in, struct fg_err *err)
{
	ssize_t r;

	if (in->fd < 0 || in->eof)
		return 0;
	if (in->pos > 0) {
		memmove(in->buf, in->buf + in->pos, in->end - in->pos);
		in->end -= in->pos;
		in->pos = 0;
	}
	if (in->cap - in->end < INBLOCK / 2) {
		in->cap *= 2;
		in->buf = xrealloc(in->buf, in->cap);
	}
	do
		r = read(in->fd, in->buf + in->end, in->cap - in->end);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return fg_err_set(err, "%s: %s", in->f.name, strerror(errno));
	if (r == 0) {
		in->eof = 1;
		return 0;
	}
	if (in->first) {
		in->first = 0;
		if (fg_folded_sniff(in->f.name, in->buf + in->end, (size_t)r,
		    err) != 0)
			return -1;
	}
	in->end += (size_t)r;
	return 1;
}

/* Move in's head to its next record; in->have is 0 at its end. */
static int
advance(struct fg_smerge *m, struct input *in, struct fg_err *err)
{
	const char *nl, *s;
	size_t len, scan = in->pos;
	int r;

	if (in->have) {
		/* the head becomes the line before the next */
		if (in->linelen > in->prevcap) {
			in->prevcap = in->linelen * 2;
			in->prev = xrealloc(in->prev, in->prevcap);
		}
		memcpy(in->prev, in->line, in->linelen);
		in->prevlen = in->linelen;
		in->hasprev = 1;
	}
	in->have = 0;
	for (;;) {
		nl = memchr(in->buf + scan, '\n', in->end - scan);
		if (nl == NULL) {
			scan = in->end - in->pos;
			if ((r = fill(in, err)) < 0)
				return -1;
			scan += in->pos;
			if (r > 0)
				continue;
			if (in->pos == in->end)
				return 0;
			nl = in->buf + in->end;	/* a last line without '\n' */
		}
		s = in->buf + in->pos;
		len = (size_t)(nl - s);
		in->pos = nl < in->buf + in->end ? (size_t)(nl - in->buf) + 1 :
		    in->end;
		scan = in->pos;
		if ((r = fg_folded_parse(&in->f, s, len, &in->rec, err)) < 0)
			return -1;
		if (r == 0)
			continue;
		if (in->rec.diff && !m->diff)
			return lineerr(in, "a differential line in two-column "
			    "output (with --sorted, each input's first line says "
			    "its columns; merge without --sorted)", err);
		/* an empty stack (" 5") adds to no line, as in the trie, but
		 * its columns count as the trie's do */
		in->sawdiff |= in->rec.diff;
		if (in->rec.len == 0)
			continue;
		if (in->rec.stack[in->rec.len - 1] == ';')
			return lineerr(in, "a stack that ends in ';' (--sorted "
			    "reads stacks as foldmerge writes them; merge without "
			    "--sorted)", err);
		if (in->hasprev > 0 &&
		    cmp(s, in->rec.linelen, in->prev, in->prevlen) < 0)
			return lineerr(in, "line out of order (--sorted needs "
			    "each input sorted as LC_ALL=C sort sorts it)", err);
		in->line = s;
		in->linelen = in->rec.linelen;
		in->have = 1;
		return 0;
	}
}

static struct input *
input_new(struct fg_smerge *m, const char *name)
{
	struct input *in = xzalloc(1, sizeof(*in));

	fg_folded_init(&in->f, NULL, name);
	in->f.strict = m->strict;
	in->first = 1;
	if (m->nin == m->incap) {
		m->incap = m->incap ? m->incap * 2 : 16;
		m->in = xreallocarray(m->in, m->incap, sizeof(*m->in));
	}
	m->in[m->nin++] = in;
	return in;
}

/* Read in's first record: it decides the columns of the output. */
static int
start(struct fg_smerge *m, struct input *in, struct fg_err *err)
{
	int d = m->diff;

	m->diff = 1;		/* the first line may be differential */
	if (advance(m, in, err) != 0)
		return -1;
	m->diff = d || in->sawdiff;
	return 0;
}

int
fg_smerge_open(struct fg_smerge *m, const char *path, struct fg_err *err)
{
	int isstdin = path == NULL || strcmp(path, "-") == 0;
	struct input *in;
	int fd = 0;

	if (isstdin && m->stdin_used)
		return fg_err_set(err, "standard input can be read only once");
	if (!isstdin && (fd = open(path, O_RDONLY)) < 0)
		return fg_err_set(err, "%s: %s", fg_inname(path),
		    strerror(errno));
	m->stdin_used |= isstdin;
	in = input_new(m, fg_inname(path));
	in->fd = fd;
	in->cap = INBLOCK;
	in->buf = xmalloc(in->cap);
	return start(m, in, err);
}

int
fg_smerge_mem(struct fg_smerge *m, const char *name, const char *buf,
    size_t len, struct fg_err *err)
{
	struct input *in = input_new(m, name);

	in->fd = -1;
	in->buf = (char *)buf;
	in->cap = in->end = len;
	in->eof = 1;
	if (fg_folded_sniff(in->f.name, buf, len, err) != 0)
		return -1;
	return start(m, in, err);
}

size_t
fg_smerge_count(const struct fg_smerge *m)
{
	return m->nin;
}

const struct fg_folded *
fg_smerge_input(const struct fg_smerge *m, size_t i)
{
	return &m->in[i]->f;
}

/* ---- the heap of inputs, by head line ---- */

static int
less(const struct fg_smerge *m, size_t a, size_t b)
{
	const struct input *x = m->in[a], *y = m->in[b];
	int c = cmp(x->line, x->linelen, y->line, y->linelen);

	return c != 0 ? c < 0 : a < b;
}

static void
sift_down(struct fg_smerge *m, size_t i)
{
	size_t n = m->nheap, k, t;

	for (;;) {
		k = 2 * i + 1;
		if (k >= n)
			break;
		if (k + 1 < n && less(m, m->heap[k + 1], m->heap[k]))
			k++;
		if (!less(m, m->heap[k], m->heap[i]))
			break;
		t = m->heap[i];
		m->heap[i] = m->heap[k];
		m->heap[k] = t;
		i = k;
	}
}

/* ---- pending stacks ---- */

/* Add v at scale to p's counts; -1 or -2 as fg_trie_add on overflow. */
static int
pend_add(struct pend *p, const int64_t v[2], int scale)
{
	int64_t a = v[0], b = v[1];
	int c;

	if (scale > p->scale) {
		for (c = 0; c < 2; c++)
			if (__builtin_mul_overflow(p->v[c],
			    pow10_[scale - p->scale], &p->v[c]))
				return -2;
		p->scale = scale;
	} else if (scale < p->scale &&
	    (__builtin_mul_overflow(a, pow10_[p->scale - scale], &a) ||
	    __builtin_mul_overflow(b, pow10_[p->scale - scale], &b)))
		return -2;
	if (__builtin_add_overflow(p->v[0], a, &p->v[0]) ||
	    __builtin_add_overflow(p->v[1], b, &p->v[1]))
		return p->scale > 0 ? -2 : -1;
	return 0;
}

static struct pend *
pend_get(struct fg_smerge *m, const char *s, size_t n)
{
	struct pend *p;
	size_t i;

	for (i = m->npend; i-- > 0;)
		if (m->pend[i]->len == n && memcmp(m->pend[i]->stack, s, n) == 0)
			return m->pend[i];
	p = xzalloc(1, sizeof(*p));
	p->stack = xmalloc(n + 1);
	memcpy(p->stack, s, n);
	p->len = n;
	if (m->npend == m->pendcap) {
		m->pendcap = m->pendcap ? m->pendcap * 2 : 8;
		m->pend = xreallocarray(m->pend, m->pendcap, sizeof(*m->pend));
	}
	m->pend[m->npend++] = p;
	return p;
}

static void
pend_remove(struct fg_smerge *m, size_t i)
{
	pend_free(m->pend[i]);
	m->pend[i] = m->pend[--m->npend];
}

/*
 * Can output line l come before every line still to be written, when the
 * smallest line still to be read is h?  Lines to come are at least h, and
 * so are their stacks' output lines, but for a stack U that is h cut
 * before one of its blanks: U's lines may come still ("U 95" after
 * "U 9x 1") while its output line ("U -3") is below h.
 */
static int
before_all(const char *l, size_t ln, const char *h, size_t hn)
{
	size_t c = fg_common_prefix(l, h, ln < hn ? ln : hn), k;
	const char *sp;

	if (c < ln && c < hn ? (unsigned char)l[c] > (unsigned char)h[c] :
	    ln > hn)
		return 0;	/* cmp(l, h) > 0 */
	for (k = 1; k < c; k++) {
		if ((sp = memchr(h + k, ' ', c - k)) == NULL)
			break;
		k = (size_t)(sp - h);
		if (k + 1 >= hn || h[k + 1] >= ':')
			continue;	/* no such U, or its lines are done */
		/* l and U's output share U; l goes first if its rest <= " -" */
		if (k + 1 < ln && (l[k + 1] > '-' ||
		    (l[k + 1] == '-' && k + 2 < ln)))
			return 0;
	}
	return 1;
}

/* The output line of closed p, into p->out; 0 when p is dropped (zero). */
static int
pend_close(struct fg_smerge *m, struct pend *p)
{
	char num[48];

	p->closed = 1;
	if (!m->keepzero && p->v[FG_COL] == 0 &&
	    (!m->diff || p->v[FG_BEFORE] == 0))
		return 0;
	fg_buf_put(&p->out, p->stack, p->len);
	if (m->diff) {
		fg_buf_putc(&p->out, ' ');
		fg_buf_put(&p->out, num, fg_fmt_fixed(num, p->v[FG_BEFORE],
		    p->scale));
	}
	fg_buf_putc(&p->out, ' ');
	fg_buf_put(&p->out, num, fg_fmt_fixed(num, p->v[FG_COL], p->scale));
	return 1;
}

/*
 * Close the stacks no line of which can come (all are, at the end: h
 * NULL), then write, smallest first, those that no line still to be
 * written can precede.
 */
static int
flush(struct fg_smerge *m, const char *h, size_t hn, struct fg_buf *ob)
{
	struct pend *p, *best;
	size_t i, bi;

	for (i = 0; i < m->npend; i++) {
		p = m->pend[i];
		if (!p->closed && (h == NULL ||
		    cmp2(h, hn, p->stack, p->len, " :") >= 0) &&
		    !pend_close(m, p))
			pend_remove(m, i--);
	}
	for (;;) {
		best = NULL;
		bi = 0;
		for (i = 0; i < m->npend; i++) {
			p = m->pend[i];
			if (p->closed && (best == NULL || cmp(p->out.p,
			    p->out.len, best->out.p, best->out.len) < 0)) {
				best = p;
				bi = i;
			}
		}
		if (best == NULL)
			return 0;
		if (h != NULL && !before_all(best->out.p, best->out.len, h, hn))
			return 0;
		for (i = 0; i < m->npend; i++) {
			p = m->pend[i];
			if (!p->closed && cmp2(best->out.p, best->out.len,
			    p->stack, p->len, " -") > 0)
				return 0;
		}
		fg_buf_put(ob, best->out.p, best->out.len);
		fg_buf_putc(ob, '\n');
		pend_remove(m, bi);
	}
}

int
fg_smerge_run(struct fg_smerge *m, FILE *fp, struct fg_err *err)
{
	struct fg_buf ob = { 0 };
	struct input *in;
	struct pend *p;
	size_t i;
	int rc = -1, r;

	m->heap = xreallocarray(m->heap, m->nin ? m->nin : 1, sizeof(*m->heap));
	m->nheap = 0;
	for (i = 0; i < m->nin; i++)
		if (m->in[i]->have)
			m->heap[m->nheap++] = i;
	for (i = m->nheap / 2 + 1; i-- > 0;)
		sift_down(m, i);
	while (m->nheap > 0) {
		in = m->in[m->heap[0]];
		p = pend_get(m, in->rec.stack, in->rec.len);
		if ((r = pend_add(p, in->rec.v, in->rec.scale)) != 0) {
			lineerr(in, fg_folded_addwhy(r), err);
			goto out;
		}
		if (advance(m, in, err) != 0)
			goto out;
		if (!in->have)
			m->heap[0] = m->heap[--m->nheap];
		sift_down(m, 0);
		if (m->nheap > 0) {
			in = m->in[m->heap[0]];
			flush(m, in->line, in->linelen, &ob);
		} else
			flush(m, NULL, 0, &ob);
		if (ob.len >= (1u << 20) && fg_buf_flush(&ob, fp) != 0) {
			rc = fg_err_set(err, "write error: %s", strerror(errno)) - 1;
			goto out;
		}
	}
	if (fg_buf_flush(&ob, fp) != 0) {
		rc = fg_err_set(err, "write error: %s", strerror(errno)) - 1;
		goto out;
	}
	rc = 0;
out:
	fg_buf_free(&ob);
	return rc;
}
