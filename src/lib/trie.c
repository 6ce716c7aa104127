/* trie.c - merged stacks. */
#include <stdlib.h>
#include <string.h>

#include "trie.h"
#include "util.h"

static inline uint32_t
slot_hash(uint32_t parent, uint32_t name)
{
	uint64_t h = ((uint64_t)parent << 32 | name) * 0x9e3779b97f4a7c15ULL;

	return (uint32_t)(h >> 32);
}

static void
rehash(struct fg_trie *t, uint32_t nslots)
{
	struct fg_trie_slot *slots = xzalloc(nslots, sizeof(*slots));
	uint32_t mask = nslots - 1, i, j;

	for (i = 1; i < t->n; i++) {
		j = slot_hash((uint32_t)(t->up[i] >> 32), (uint32_t)t->up[i]) & mask;
		while (slots[j].node != 0)
			j = (j + 1) & mask;
		slots[j].parent = (uint32_t)(t->up[i] >> 32);
		slots[j].name = (uint32_t)t->up[i];
		slots[j].node = i;
	}
	free(t->slots);
	t->slots = slots;
	t->mask = mask;
}

void
fg_trie_init(struct fg_trie *t)
{
	memset(t, 0, sizeof(*t));
	fg_intern_init(&t->names);
	t->cap = 4096;
	t->nodes = xmalloc(t->cap * sizeof(*t->nodes));
	t->up = xmalloc(t->cap * sizeof(*t->up));
	memset(&t->nodes[0], 0, sizeof(t->nodes[0]));
	t->up[0] = 0;
	t->n = 1;
	rehash(t, 8192);
}

void
fg_trie_free(struct fg_trie *t)
{
	fg_intern_free(&t->names);
	free(t->nodes);
	free(t->up);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

uint32_t
fg_trie_append(struct fg_trie *t, uint32_t parent, uint32_t name)
{
	struct fg_node *nd;
	uint32_t i;

	if (t->n == UINT32_MAX)
		die("too many distinct stacks");
	if (t->n == t->cap) {
		t->cap = t->cap > UINT32_MAX / 2 ? UINT32_MAX : t->cap * 2;
		t->nodes = xreallocarray(t->nodes, t->cap, sizeof(*t->nodes));
		t->up = xreallocarray(t->up, t->cap, sizeof(*t->up));
	}
	i = t->n++;
	nd = &t->nodes[i];
	memset(nd, 0, sizeof(*nd));
	nd->name = name;
	nd->parent = parent;
	nd->depth = t->nodes[parent].depth + 1;
	t->up[i] = (uint64_t)parent << 32 | name;
	/* unsorted links for now: newest child first */
	nd->next = t->nodes[parent].child;
	t->nodes[parent].child = i;
	return i;
}

uint32_t
fg_trie_child(struct fg_trie *t, uint32_t parent, uint32_t name)
{
	uint32_t j = slot_hash(parent, name) & t->mask, i;
	struct fg_trie_slot *sl;

	/* keys live in the slots: a probe never touches the nodes */
	for (; (sl = &t->slots[j])->node != 0; j = (j + 1) & t->mask)
		if (sl->parent == parent && sl->name == name)
			return sl->node;
	i = fg_trie_append(t, parent, name);
	sl->parent = parent;
	sl->name = name;
	sl->node = i;
	if ((uint64_t)t->n * 2 > t->mask)
		rehash(t, (t->mask + 1) * 2);
	return i;
}

static const int64_t pow10[19] = {
	1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
	100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
	1000000000000LL, 10000000000000LL, 100000000000000LL,
	1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
	1000000000000000000LL
};

/* Multiply every count by 10^d; -1 (and no change) on overflow. */
static int
rescale(struct fg_trie *t, int d)
{
	int64_t m = pow10[d], x;
	uint32_t i;
	int c;

	for (i = 0; i < t->n; i++)
		for (c = 0; c < 2; c++)
			if (__builtin_mul_overflow(t->nodes[i].self[c], m, &x))
				return -1;
	for (i = 0; i < t->n; i++)
		for (c = 0; c < 2; c++)
			t->nodes[i].self[c] *= m;
	t->scale += d;
	return 0;
}

int
fg_trie_add(struct fg_trie *t, uint32_t node, const int64_t v[2], int scale)
{
	struct fg_node *nd;
	int64_t a, b;

	if (scale > 18)
		return -2;
	if (scale > t->scale && rescale(t, scale - t->scale) != 0)
		return -2;
	a = v[0];
	b = v[1];
	if (scale < t->scale) {
		int64_t m = pow10[t->scale - scale];

		if (__builtin_mul_overflow(a, m, &a) ||
		    __builtin_mul_overflow(b, m, &b))
			return -2;
	}
	nd = &t->nodes[node];
	if (__builtin_add_overflow(nd->self[0], a, &a) ||
	    __builtin_add_overflow(nd->self[1], b, &b))
		return t->scale > 0 ? -2 : -1;
	nd->self[0] = a;
	nd->self[1] = b;
	nd->flags |= FG_NODE_END;
	return 0;
}

int
fg_trie_merge(struct fg_trie *dst, const struct fg_trie *src)
{
	uint32_t *map = xmalloc((size_t)src->n * sizeof(*map)), i, name;
	const struct fg_name *nm;
	int rc = 0;

	/* parents are created before their children: one forward pass */
	map[0] = 0;
	for (i = 1; i < src->n && rc == 0; i++) {
		nm = fg_intern_get(&src->names, (uint32_t)src->up[i]);
		name = fg_intern(&dst->names, nm->s, nm->len);
		map[i] = fg_trie_child(dst, map[src->up[i] >> 32], name);
		if (src->nodes[i].flags & FG_NODE_END)
			rc = fg_trie_add(dst, map[i], src->nodes[i].self,
			    src->scale);
	}
	if (rc == 0 && (src->nodes[0].flags & FG_NODE_END))
		rc = fg_trie_add(dst, 0, src->nodes[0].self, src->scale);
	dst->diff |= src->diff;
	free(map);
	return rc;
}

static int
cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

int
fg_trie_totals(struct fg_trie *t)
{
	struct fg_node *nd;
	uint32_t i;
	int col;

	for (i = 0; i < t->n; i++) {
		t->nodes[i].total[0] = t->nodes[i].self[0];
		t->nodes[i].total[1] = t->nodes[i].self[1];
	}
	/* parents are created before children: one backward pass sums all */
	for (i = t->n; i-- > 1;) {
		nd = &t->nodes[i];
		for (col = 0; col < 2; col++)
			if (__builtin_add_overflow(t->nodes[nd->parent].total[col],
			    nd->total[col], &t->nodes[nd->parent].total[col]))
				return t->scale > 0 ? -2 : -1;
	}
	return 0;
}

int
fg_trie_finish(struct fg_trie *t)
{
	uint32_t *rank, nk, cap = 0, i, k, c;
	uint64_t *kids = NULL;
	struct fg_node *nd;
	int r;

	if ((r = fg_trie_totals(t)) != 0)
		return r;
	rank = fg_intern_ranks(&t->names);
	for (i = 0; i < t->n; i++) {
		nd = &t->nodes[i];
		if (nd->child == 0 || t->nodes[nd->child].next == 0)
			continue;
		nk = 0;
		for (c = nd->child; c != 0; c = t->nodes[c].next) {
			if (nk == cap) {
				cap = cap ? cap * 2 : 64;
				kids = xreallocarray(kids, cap, sizeof(*kids));
			}
			/* sort key: name rank, then the node */
			kids[nk++] = (uint64_t)rank[t->nodes[c].name] << 32 | c;
		}
		qsort(kids, nk, sizeof(*kids), cmp_u64);
		nd->child = (uint32_t)kids[0];
		for (k = 0; k + 1 < nk; k++)
			t->nodes[(uint32_t)kids[k]].next = (uint32_t)kids[k + 1];
		t->nodes[(uint32_t)kids[nk - 1]].next = 0;
	}
	free(kids);
	free(rank);
	t->finished = 1;
	return 0;
}

uint32_t
fg_trie_skip(const struct fg_trie *t, uint32_t i)
{
	while (i != 0) {
		if (t->nodes[i].next != 0)
			return t->nodes[i].next;
		i = t->nodes[i].parent;
	}
	return 0;
}

uint32_t
fg_trie_next(const struct fg_trie *t, uint32_t i)
{
	if (t->nodes[i].child != 0)
		return t->nodes[i].child;
	return fg_trie_skip(t, i);
}

void
fg_trie_path(const struct fg_trie *t, uint32_t node, uint32_t *path)
{
	uint32_t d = t->nodes[node].depth;

	while (d > 0) {
		path[--d] = (uint32_t)t->up[node];
		node = (uint32_t)(t->up[node] >> 32);
	}
}

int
fg_trie_has_negative(const struct fg_trie *t)
{
	uint32_t i;

	for (i = 0; i < t->n; i++)
		if (t->nodes[i].self[0] < 0 || t->nodes[i].self[1] < 0)
			return 1;
	return 0;
}

uint32_t
fg_trie_maxdepth(const struct fg_trie *t)
{
	uint32_t i, m = 0;

	for (i = 0; i < t->n; i++)
		if (t->nodes[i].depth > m)
			m = t->nodes[i].depth;
	return m;
}

/*
 * Sorting stack ends bytewise.  Each end's path of name ids is stored
 * once; two paths compare like their joined strings: at the first
 * differing name the bytes decide, and when one name is a prefix of the
 * other, the byte after it (';' if its stack goes on, nothing if it ends)
 * decides.  Names never contain ';'.
 */
struct ends_ctx {
	const struct fg_trie *t;
	const uint32_t *paths;	/* concatenated */
	const size_t *off;	/* by end index */
	const uint32_t *len;
	const uint32_t *ends;	/* node by end index */
	int	(*linecmp)(const struct fg_trie *, uint32_t, uint32_t, void *);
	void	*ctx;
};
static struct ends_ctx ectx;

static int
cmp_paths(const void *x, const void *y)
{
	uint32_t ix = *(const uint32_t *)x, iy = *(const uint32_t *)y;
	const uint32_t *a = ectx.paths + ectx.off[ix], *b = ectx.paths + ectx.off[iy];
	uint32_t na = ectx.len[ix], nb = ectx.len[iy], i = 0;
	const struct fg_name *p, *q;
	size_t m;
	int c, ca, cb;

	while (i < na && i < nb && a[i] == b[i])
		i++;
	if (i == na || i == nb)
		return na < nb ? -1 : na > nb;
	p = fg_intern_get(&ectx.t->names, a[i]);
	q = fg_intern_get(&ectx.t->names, b[i]);
	m = p->len < q->len ? p->len : q->len;
	if ((c = memcmp(p->s, q->s, m)) != 0)
		return c;
	if (ectx.linecmp == NULL) {
		ca = p->len > m ? (unsigned char)p->s[m] : i + 1 < na ? ';' : -1;
		cb = q->len > m ? (unsigned char)q->s[m] : i + 1 < nb ? ';' : -1;
		return ca < cb ? -1 : ca > cb;
	}
	/* line order: a stack that ends is followed by ' ' */
	ca = p->len > m ? (unsigned char)p->s[m] : i + 1 < na ? ';' : ' ';
	cb = q->len > m ? (unsigned char)q->s[m] : i + 1 < nb ? ';' : ' ';
	if (ca != cb)
		return ca < cb ? -1 : 1;
	return ectx.linecmp(ectx.t, ectx.ends[ix], ectx.ends[iy], ectx.ctx);
}

uint32_t *
fg_trie_sorted_ends(const struct fg_trie *t, size_t *np)
{
	return fg_trie_sorted_lines(t, np, NULL, NULL);
}

uint32_t *
fg_trie_sorted_lines(const struct fg_trie *t, size_t *np,
    int (*linecmp)(const struct fg_trie *, uint32_t, uint32_t, void *),
    void *lctx)
{
	uint32_t *ends, *idx, *paths, *len, i;
	size_t n = 0, tot = 0, *off, k;

	for (i = 1; i < t->n; i++)
		if (t->nodes[i].flags & FG_NODE_END) {
			n++;
			tot += t->nodes[i].depth;
		}
	ends = xmalloc((n ? n : 1) * sizeof(*ends));
	idx = xmalloc((n ? n : 1) * sizeof(*idx));
	len = xmalloc((n ? n : 1) * sizeof(*len));
	off = xmalloc((n ? n : 1) * sizeof(*off));
	paths = xmalloc((tot ? tot : 1) * sizeof(*paths));
	for (i = 1, k = 0, tot = 0; i < t->n; i++) {
		if (!(t->nodes[i].flags & FG_NODE_END))
			continue;
		ends[k] = i;
		idx[k] = (uint32_t)k;
		off[k] = tot;
		len[k] = t->nodes[i].depth;
		fg_trie_path(t, i, paths + tot);
		tot += len[k];
		k++;
	}
	ectx.t = t;
	ectx.paths = paths;
	ectx.off = off;
	ectx.len = len;
	ectx.ends = ends;
	ectx.linecmp = linecmp;
	ectx.ctx = lctx;
	qsort(idx, n, sizeof(*idx), cmp_paths);
	for (k = 0; k < n; k++)
		idx[k] = ends[idx[k]];
	free(ends);
	free(len);
	free(off);
	free(paths);
	*np = n;
	return idx;
}
