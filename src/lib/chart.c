/* chart.c - stacks rearranged before layout: flame chart order, --colors chain rewriting. */
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "folded.h"
#include "palette.h"

void
fg_chart_init(struct fg_chart *c)
{
	memset(c, 0, sizeof(*c));
	fg_trie_init(&c->trie);
	c->lcap = c->trie.cap;
	c->lead = xcalloc(c->lcap, sizeof(*c->lead));
	c->pending = xcalloc(c->lcap, sizeof(*c->pending));
}

void
fg_chart_free(struct fg_chart *c)
{
	fg_trie_free(&c->trie);
	free(c->idmap);
	free(c->prev);
	free(c->open);
	free(c->path);
	free(c->tmp);
	free(c->lead);
	free(c->pending);
	fg_buf_free(&c->buf);
	memset(c, 0, sizeof(*c));
}

/* A new last child of parent (lists are newest first until finish). */
static uint32_t
newnode(struct fg_chart *c, uint32_t parent, uint32_t name)
{
	struct fg_trie *t = &c->trie;
	uint32_t i;

	i = fg_trie_append(t, parent, name);
	if (t->n > c->lcap) {
		c->lcap = t->cap;
		c->lead = xreallocarray(c->lead, c->lcap, sizeof(*c->lead));
		c->pending = xreallocarray(c->pending, c->lcap,
		    sizeof(*c->pending));
	}
	/* the parent's own count so far comes before this child */
	c->lead[i] = c->pending[parent];
	c->pending[parent] = 0;
	c->pending[i] = 0;
	return i;
}

/* The trie multiplied its counts by 10^d: so do lead and pending. */
static int
rescale(struct fg_chart *c, int d)
{
	uint32_t i;
	int k;

	for (i = 0; i < c->trie.n; i++)
		for (k = 0; k < d; k++)
			if (__builtin_mul_overflow(c->lead[i], 10, &c->lead[i]) ||
			    __builtin_mul_overflow(c->pending[i], 10,
			    &c->pending[i]))
				return -1;
	return 0;
}

static void
grow(struct fg_chart *c, size_t need)
{
	if (need <= c->cap)
		return;
	c->cap = need * 2;
	c->prev = xreallocarray(c->prev, c->cap, sizeof(*c->prev));
	c->open = xreallocarray(c->open, c->cap, sizeof(*c->open));
	c->path = xreallocarray(c->path, c->cap, sizeof(*c->path));
	c->tmp = xreallocarray(c->tmp, c->cap, sizeof(*c->tmp));
}

void
fg_chart_add(struct fg_chart *c, const struct fg_trie *src, uint32_t node,
    const int64_t v[2], int scale)
{
	struct fg_trie *t = &c->trie;
	const struct fg_name *nm;
	uint32_t *path, cur;
	size_t d = src->nodes[node].depth, k, same, n;
	int64_t x;
	int old;

	grow(c, d + 3);
	fg_trie_path(src, node, c->tmp);
	if (src->names.n > c->idcap) {
		size_t had = c->idcap;

		c->idcap = (size_t)src->names.n * 2;
		c->idmap = xreallocarray(c->idmap, c->idcap, sizeof(*c->idmap));
		memset(c->idmap + had, 0, (c->idcap - had) * sizeof(*c->idmap));
	}
	for (k = 0; k < d; k++) {
		uint32_t id = c->tmp[k];

		if (c->idmap[id] == 0) {
			nm = fg_intern_get(&src->names, id);
			c->idmap[id] = fg_intern(&t->names, nm->s, nm->len) + 1;
		}
		c->path[k] = c->idmap[id] - 1;
	}
	path = c->path;
	n = d;
	if (c->chain) {
		n = fg_palette_chain(&t->names, c->path, d, c->tmp, &c->buf);
		path = c->tmp;
	}
	/* frames shared with the previous line stay open; the rest are new */
	for (same = 0; same < n && same < c->nprev && path[same] == c->prev[same];)
		same++;
	cur = same > 0 ? c->open[same - 1] : 0;
	for (k = same; k < n; k++) {
		cur = newnode(c, cur, path[k]);
		c->open[k] = cur;
	}
	memcpy(c->prev, path, n * sizeof(*path));
	c->nprev = n;
	old = t->scale;
	if (fg_trie_add(t, cur, v, scale) != 0) {
		c->overflow = 1;
		return;
	}
	if (t->scale > old && rescale(c, t->scale - old) != 0)
		c->overflow = 1;
	x = v[FG_COL];
	for (k = (size_t)scale; k < (size_t)t->scale; k++)
		if (__builtin_mul_overflow(x, 10, &x))
			c->overflow = 1;
	if (__builtin_add_overflow(c->pending[cur], x, &c->pending[cur]))
		c->overflow = 1;
}

int
fg_chart_finish(struct fg_chart *c, struct fg_err *err)
{
	struct fg_trie *t = &c->trie;
	uint32_t i, k, prev, next;

	if (c->overflow || fg_trie_totals(t) != 0)
		return fg_err_set(err, "%s", fg_folded_addwhy(t->scale > 0 ? -2 : -1));
	/* children were linked newest first: reverse to input order */
	for (i = 0; i < t->n; i++) {
		prev = 0;
		for (k = t->nodes[i].child; k != 0; k = next) {
			next = t->nodes[k].next;
			t->nodes[k].next = prev;
			prev = k;
		}
		t->nodes[i].child = prev;
	}
	t->finished = 1;
	return 0;
}

int
fg_chain_trie(struct fg_trie *dst, struct fg_trie *src, struct fg_err *err)
{
	struct fg_buf buf = { 0 };
	const struct fg_name *nm;
	uint32_t *in = NULL, *out = NULL, i, node, n0 = src->n;
	size_t cap = 0, d, n, k;
	int64_t v[2];
	int rc = 0;

	dst->diff = src->diff;
	for (i = 0; i < n0; i++) {
		if (!(src->nodes[i].flags & FG_NODE_END))
			continue;
		d = src->nodes[i].depth;
		if (d + 3 > cap) {
			cap = (d + 3) * 2;
			in = xreallocarray(in, cap, sizeof(*in));
			out = xreallocarray(out, cap, sizeof(*out));
		}
		fg_trie_path(src, i, in);
		n = fg_palette_chain(&src->names, in, d, out, &buf);
		node = 0;
		for (k = 0; k < n; k++) {
			nm = fg_intern_get(&src->names, out[k]);
			node = fg_trie_child(dst, node,
			    fg_intern(&dst->names, nm->s, nm->len));
		}
		v[0] = src->nodes[i].self[0];
		v[1] = src->nodes[i].self[1];
		if ((rc = fg_trie_add(dst, node, v, src->scale)) != 0) {
			rc = fg_err_set(err, "%s", fg_folded_addwhy(rc));
			break;
		}
	}
	free(in);
	free(out);
	fg_buf_free(&buf);
	return rc;
}
