/* diff.c - differential flame graphs: normalisation, widths, colours of a change. */
#include <math.h>
#include <stdlib.h>

#include "diff.h"

/* v * num / den rounded half away from zero; -1 when it overflows. */
static int
scale(int64_t v, int64_t num, int64_t den, int64_t *out)
{
	__int128 p = (__int128)v * num, q, r, ad;

	q = p / den;
	r = p - q * den;
	if (r < 0)
		r = -r;
	ad = den < 0 ? -(__int128)den : (__int128)den;
	if (2 * r >= ad && r != 0)
		q += (p < 0) != (den < 0) ? -1 : 1;
	if (q > INT64_MAX || q < INT64_MIN)
		return -1;
	*out = (int64_t)q;
	return 0;
}

int
fg_diff_normalize(struct fg_trie *t, struct fg_err *err)
{
	int64_t ta = 0, tb = 0, v;
	uint32_t i;

	for (i = 0; i < t->n; i++)
		if (__builtin_add_overflow(ta, t->nodes[i].self[FG_COL], &ta) ||
		    __builtin_add_overflow(tb, t->nodes[i].self[FG_BEFORE],
		    &tb))
			return fg_err_set(err,
			    "--diff-normalize: a total overflows 64 bits");
	if (tb == 0)
		return 1;
	if (ta == tb)
		return 0;
	/* check every count first, so a failure changes nothing */
	for (i = 0; i < t->n; i++)
		if (scale(t->nodes[i].self[FG_BEFORE], ta, tb, &v) != 0)
			return fg_err_set(err, "--diff-normalize: "
			    "a scaled count overflows 64 bits");
	for (i = 0; i < t->n; i++) {
		scale(t->nodes[i].self[FG_BEFORE], ta, tb, &v);
		t->nodes[i].self[FG_BEFORE] = v;
	}
	return 0;
}

int
fg_diff_widths(struct fg_diff *d, const struct fg_trie *t, struct fg_err *err)
{
	const struct fg_node *nd;
	int64_t o, a, b;
	uint32_t i, p;

	fg_diff_free(d);
	if (!d->sign && d->width == FG_DW_AFTER)
		return 0;
	d->own = xreallocarray(NULL, t->n ? t->n : 1, sizeof(*d->own));
	d->wid = xreallocarray(NULL, t->n ? t->n : 1, sizeof(*d->wid));
	for (i = 0; i < t->n; i++) {
		nd = &t->nodes[i];
		a = nd->self[FG_COL];
		b = nd->self[FG_BEFORE];
		if (d->sign)
			o = a == INT64_MIN ? INT64_MAX : a < 0 ? -a : a;
		else if (d->width == FG_DW_BEFORE)
			o = b;
		else
			o = a > b ? a : b;
		d->own[i] = o > 0 ? o : 0;
		d->wid[i] = d->own[i];
	}
	/* parents are created before their children: one backward pass */
	for (i = t->n; i-- > 1;) {
		p = t->nodes[i].parent;
		if (__builtin_add_overflow(d->wid[p], d->wid[i], &d->wid[p])) {
			fg_diff_free(d);
			return fg_err_set(err,
			    "counts overflow a 64-bit width");
		}
	}
	return 0;
}

void
fg_diff_free(struct fg_diff *d)
{
	free(d->own);
	free(d->wid);
	d->own = d->wid = NULL;
}

int64_t
fg_diff_change(const struct fg_diff *d, const struct fg_trie *t,
    uint32_t node, int subtree)
{
	const struct fg_node *nd = &t->nodes[node];
	const int64_t *v = subtree ? nd->total : nd->self;
	int64_t c;

	if (d->sign)
		c = v[FG_COL];
	else if (__builtin_sub_overflow(v[FG_COL], v[FG_BEFORE], &c))
		c = v[FG_COL] > v[FG_BEFORE] ? INT64_MAX : INT64_MIN;
	if (d->negate)
		c = c == INT64_MIN ? INT64_MAX : -c;
	return c;
}

int
fg_diff_kind(const struct fg_diff *d, const struct fg_trie *t, uint32_t node)
{
	const struct fg_node *nd = &t->nodes[node];
	int k = FG_DK_BOTH;

	if (d->sign)
		return FG_DK_BOTH;
	if (nd->total[FG_BEFORE] == 0 && nd->total[FG_COL] != 0)
		k = FG_DK_NEW;
	else if (nd->total[FG_COL] == 0 && nd->total[FG_BEFORE] != 0)
		k = FG_DK_GONE;
	if (d->negate && k != FG_DK_BOTH)
		k = k == FG_DK_NEW ? FG_DK_GONE : FG_DK_NEW;
	return k;
}

/*
 * flamegraph.pl scales every colour by the largest change in the graph,
 * so one large change leaves all others nearly white.  Here the scale is
 * the graph's total: a change of 1% of the total looks the same in every
 * graph, whatever else changed.
 */
struct fg_rgb
fg_diff_color(const struct fg_diff *d, const struct fg_trie *t,
    uint32_t node, double total)
{
	double c, x;
	int v;

	switch (fg_diff_kind(d, t, node)) {
	case FG_DK_NEW:
		return FG_DIFF_NEW;
	case FG_DK_GONE:
		return FG_DIFF_GONE;
	}
	c = (double)fg_diff_change(d, t, node, d->color == FG_DC_TOTAL);
	if (!(total > 0))
		total = 1;
	x = fabs(c) / total;
	if (c == 0 || x * 100 < d->threshold)
		return (struct fg_rgb){ 255, 255, 255 };
	x /= FG_DIFF_FULL;
	if (x > 1)
		x = 1;
	v = (int)(210 * (1 - x));
	if (c > 0)
		return (struct fg_rgb){ 255, (uint8_t)v, (uint8_t)v };
	return (struct fg_rgb){ (uint8_t)v, (uint8_t)v, 255 };
}
