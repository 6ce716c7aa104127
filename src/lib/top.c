/* top.c - the hottest functions of a merged profile: foldtop's table. */
#include <stdlib.h>
#include <string.h>

#include "folded.h"
#include "top.h"

typedef __int128 i128;

static int
add(int64_t *acc, int64_t v)
{
	return __builtin_add_overflow(*acc, v, acc);
}

int
fg_top_build(struct fg_top *top, const struct fg_trie *t, struct fg_err *err)
{
	const struct fg_node *nd;
	uint32_t *cnt, *path, i, d, depth = 0, nm;
	uint64_t abs[2] = { 0, 0 }, m;
	int64_t (*acc)[2][2], (*tot)[2];
	size_t k;
	int c, rc = -1;

	memset(top, 0, sizeof(*top));
	top->scale = t->scale;
	top->diff = t->diff;
	for (i = 0; i < t->n; i++)
		for (c = 0; c < 2; c++) {
			m = t->nodes[i].self[c] < 0 ?
			    0 - (uint64_t)t->nodes[i].self[c] :
			    (uint64_t)t->nodes[i].self[c];
			if (m > (uint64_t)INT64_MAX - abs[c])
				return fg_err_set(err, "%s",
				    fg_folded_addwhy(t->scale > 0 ? -2 : -1));
			abs[c] += m;
		}
	top->total[0] = (int64_t)abs[0];
	top->total[1] = (int64_t)abs[1];

	/*
	 * Totals per node, here rather than by fg_trie_finish(), which would
	 * also sort every node's children: parents come before children, so
	 * one backward pass sums them.
	 */
	tot = xmalloc((size_t)t->n * sizeof(*tot));
	for (i = 0; i < t->n; i++) {
		tot[i][0] = t->nodes[i].self[0];
		tot[i][1] = t->nodes[i].self[1];
	}
	for (i = t->n; i-- > 1;)
		for (c = 0; c < 2; c++)
			if (add(&tot[t->nodes[i].parent][c], tot[i][c])) {
				free(tot);
				return fg_err_set(err, "%s",
				    fg_folded_addwhy(t->scale > 0 ? -2 : -1));
			}
	acc = xcalloc(t->names.n, sizeof(*acc));
	cnt = xcalloc(t->names.n, sizeof(*cnt));
	path = xmalloc(((size_t)fg_trie_maxdepth(t) + 1) * sizeof(*path));
	/*
	 * Pre-order walk keeping the path from the root: cnt[name] counts the
	 * nodes of that name on it.  A node whose name is not above it is the
	 * outermost call on every stack through it, so its total goes to cum
	 * once: recursion is counted once per stack, as pprof does.
	 */
	for (i = fg_trie_next(t, 0); i != 0; i = fg_trie_next(t, i)) {
		nd = &t->nodes[i];
		d = nd->depth;
		while (depth >= d) {
			cnt[t->nodes[path[depth]].name]--;
			depth--;
		}
		path[d] = i;
		depth = d;
		nm = nd->name;
		for (c = 0; c < 2; c++)
			if (add(&acc[nm][FG_TOP_FLAT][c], nd->self[c]))
				goto overflow;
		if (cnt[nm]++ == 0)
			for (c = 0; c < 2; c++)
				if (add(&acc[nm][FG_TOP_CUM][c], tot[i][c]))
					goto overflow;
	}
	for (i = 0; i < t->names.n; i++)
		if (acc[i][0][0] | acc[i][0][1] | acc[i][1][0] | acc[i][1][1])
			top->n++;
	top->fn = xmalloc((top->n ? top->n : 1) * sizeof(*top->fn));
	for (i = 0, k = 0; i < t->names.n; i++)
		if (acc[i][0][0] | acc[i][0][1] | acc[i][1][0] | acc[i][1][1]) {
			top->fn[k].name = i;
			memcpy(top->fn[k].v, acc[i], sizeof(acc[i]));
			k++;
		}
	rc = 0;
	goto out;
overflow:
	fg_err_set(err, "a function's value overflows 64 bits");
out:
	free(tot);
	free(acc);
	free(cnt);
	free(path);
	return rc;
}

void
fg_top_free(struct fg_top *top)
{
	free(top->fn);
	memset(top, 0, sizeof(*top));
}

/* The share change as num / den: num = a*Tb - b*Ta, den = Ta*Tb. */
static void
points_frac(const struct fg_top *top, const struct fg_top_fn *fn, int key,
    i128 *num, i128 *den)
{
	int64_t ta = top->total[FG_COL] ? top->total[FG_COL] : 1;
	int64_t tb = top->total[FG_BEFORE] ? top->total[FG_BEFORE] : 1;

	/* |a| <= ta and |b| <= tb, so neither overflows 128 bits */
	*num = (i128)fn->v[key][FG_COL] * tb - (i128)fn->v[key][FG_BEFORE] * ta;
	*den = (i128)ta * tb;
}

/* Both totals below 2^56: 10000 * num fits in 128 bits. */
static int
exact(const struct fg_top *top)
{
	return top->total[0] < (INT64_C(1) << 56) &&
	    top->total[1] < (INT64_C(1) << 56);
}

/* round(x / y) half away from zero, y > 0. */
static i128
div_round(i128 x, i128 y)
{
	i128 q = x / y, r = x % y;

	if (r < 0)
		r = -r;
	if (2 * r >= y)
		q += x < 0 ? -1 : 1;
	return q;
}

int64_t
fg_top_pct(int64_t v, int64_t total)
{
	if (total == 0)
		return 0;
	if (total < 0) {
		total = -total;
		v = -v;
	}
	return (int64_t)div_round((i128)v * 10000, total);
}

int64_t
fg_top_points(const struct fg_top *top, const struct fg_top_fn *fn, int key)
{
	i128 num, den;
	long double x;

	points_frac(top, fn, key, &num, &den);
	if (exact(top))
		return (int64_t)div_round(num * 10000, den);
	x = (long double)num * 10000 / (long double)den;
	return (int64_t)(x < 0 ? x - 0.5L : x + 0.5L);
}

int
fg_top_grew(const struct fg_top *top, const struct fg_top_fn *fn, int key,
    int64_t limit)
{
	i128 num, den;

	points_frac(top, fn, key, &num, &den);
	if (exact(top))
		return num * 10000 > (i128)limit * den;
	return (long double)num * 10000 / (long double)den > (long double)limit;
}

struct sortent {
	i128	 k;		/* larger first */
	uint32_t rank;		/* of the name: then bytewise */
	uint32_t i;
};

static int
cmp_ent(const void *x, const void *y)
{
	const struct sortent *a = x, *b = y;

	if (a->k != b->k)
		return a->k > b->k ? -1 : 1;
	return a->rank < b->rank ? -1 : a->rank > b->rank;
}

void
fg_top_sort(struct fg_top *top, const struct fg_trie *t, int key)
{
	struct sortent *e;
	struct fg_top_fn *fn;
	uint32_t *rank;
	i128 num, den;
	int64_t v;
	size_t i;

	if (top->n < 2)
		return;
	rank = fg_intern_ranks(&t->names);
	e = xmalloc(top->n * sizeof(*e));
	for (i = 0; i < top->n; i++) {
		fn = &top->fn[i];
		if (top->diff) {
			/* one denominator for all: compare numerators */
			points_frac(top, fn, key, &num, &den);
			e[i].k = num;
		} else {
			v = fn->v[key][FG_COL];
			e[i].k = v < 0 ? -(i128)v : v;
		}
		e[i].rank = rank[fn->name];
		e[i].i = (uint32_t)i;
	}
	qsort(e, top->n, sizeof(*e), cmp_ent);
	fn = xmalloc(top->n * sizeof(*fn));
	for (i = 0; i < top->n; i++)
		fn[i] = top->fn[e[i].i];
	free(top->fn);
	top->fn = fn;
	free(e);
	free(rank);
}
