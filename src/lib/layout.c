/* layout.c - a finished trie laid out as rectangles, flamegraph.pl's geometry. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"

#define XPAD		10
#define FRAMEPAD	1

/*
 * One pre-order walk (fg_trie_next/skip, no recursion) places every node:
 * a node starts where its previous sibling ended, the first child where
 * its parent's own count ends (flamegraph.pl sorts whole lines, so a
 * stack that ends at a frame comes before the stacks that go on from it).
 * A node narrower than the minimum width is dropped with its subtree, as
 * flamegraph.pl tests each frame alone and children are never wider than
 * their parent: the walk skips the subtree, and the cursor of its depth
 * still moves past it, so the gap stays.  Counts stay in the trie's fixed
 * point until a position is converted to pixels.
 */
int
fg_layout(struct fg_layout *l, const struct fg_trie *t,
    const struct fg_layout_opts *o, struct fg_err *err)
{
	struct lvl {
		int64_t	 cur;		/* start of the next node at this depth */
		int64_t	 lo, hi;	/* the kept node at this depth: its span */
	} *lv = NULL;
	const struct fg_node *nd;
	double div = 1, sum, timemax, wpt, minw, h;
	const int64_t *lead;
	int64_t start, end, self, w;
	size_t cap = 0, lvcap = 0, k;
	uint32_t i, d, maxdepth = 0;
	int col = o->col == FG_BEFORE ? FG_BEFORE : FG_COL;

	memset(l, 0, sizeof(*l));
	if (!t->finished)
		return fg_err_set(err, "internal error: layout of an unfinished trie");
	for (k = 0; k < (size_t)t->scale; k++)
		div *= 10;
	lead = o->wid != NULL ? NULL : o->lead;
	sum = (double)(o->wid != NULL ? o->wid[0] : t->nodes[0].total[col]) /
	    div;
	timemax = o->total > sum ? o->total : sum;
	if (!(timemax > 0) || !isfinite(timemax))
		return fg_err_set(err, "no stack counts found (the total is %s)",
		    sum < 0 ? "negative" : "0");
	if (!(o->imagewidth > 2 * XPAD) || !(o->frameheight > 0) ||
	    !(o->fontsize > 0))
		return fg_err_set(err, "image too small");
	wpt = (o->imagewidth - 2 * XPAD) / timemax;
	minw = o->minwidth_pct ? timemax * o->minwidth / 100 : o->minwidth / wpt;

	l->width = o->imagewidth;
	l->timemax = timemax;
	l->widthpertime = wpt;
	l->xpad = XPAD;
	l->ypad1 = o->fontsize * 3;
	l->ypad2 = o->fontsize * 2 + 10;
	l->ypad3 = o->fontsize * 2;

	i = 0;
	do {
		nd = &t->nodes[i];
		d = nd->depth;
		if (d + 1 >= lvcap) {
			size_t old = lvcap;

			lvcap = lvcap ? lvcap * 2 : 64;
			while (lvcap <= (size_t)d + 1)
				lvcap *= 2;
			lv = xreallocarray(lv, lvcap, sizeof(*lv));
			memset(lv + old, 0, (lvcap - old) * sizeof(*lv));
		}
		start = d == 0 ? 0 : lv[d].cur;
		if (lead != NULL && d > 0 &&
		    __builtin_add_overflow(start, lead[i], &start))
			goto overflow;
		w = o->wid != NULL ? o->wid[i] : nd->total[col];
		if (__builtin_add_overflow(start, w, &end))
			goto overflow;
		lv[d].cur = end;
		/* negative counts could push a child outside its parent */
		if (d > 0) {
			if (start < lv[d - 1].lo)
				start = lv[d - 1].lo;
			if (end > lv[d - 1].hi)
				end = lv[d - 1].hi;
		}
		if (end < start || (double)(end - start) / div < minw) {
			i = fg_trie_skip(t, i);
			continue;
		}
		if (l->n == cap) {
			cap = cap ? cap * 2 : 1024;
			l->frames = xreallocarray(l->frames, cap, sizeof(*l->frames));
		}
		l->frames[l->n].node = i;
		l->frames[l->n].depth = d;
		l->frames[l->n].x1 = XPAD + (double)start / div * wpt;
		/* the root spans --total, not only the counts */
		l->frames[l->n].x2 = d == 0 ? XPAD + timemax * wpt :
		    XPAD + (double)end / div * wpt;
		l->n++;
		if (d > maxdepth)
			maxdepth = d;
		lv[d].lo = start;
		lv[d].hi = end;
		if (o->own != NULL)
			self = o->own[i];
		else
			self = nd->self[col] > 0 && lead == NULL ?
			    nd->self[col] : 0;
		if (__builtin_add_overflow(start, self, &lv[d + 1].cur))
			goto overflow;
		i = fg_trie_next(t, i);
	} while (i != 0);
	free(lv);

	l->maxdepth = maxdepth;
	h = (maxdepth + 1) * o->frameheight + l->ypad1 + l->ypad2;
	if (o->subtitle)
		h += l->ypad3;
	l->height = h;
	for (k = 0; k < l->n; k++) {
		struct fg_frame *f = &l->frames[k];

		if (!o->inverted) {
			f->y1 = h - l->ypad2 - (f->depth + 1) * o->frameheight +
			    FRAMEPAD;
			f->y2 = h - l->ypad2 - f->depth * o->frameheight;
		} else {
			/* unlike flamegraph.pl, a subtitle does not cover row 0 */
			f->y1 = l->ypad1 + (o->subtitle ? l->ypad3 : 0) +
			    f->depth * o->frameheight;
			f->y2 = l->ypad1 + (o->subtitle ? l->ypad3 : 0) +
			    (f->depth + 1) * o->frameheight - FRAMEPAD;
		}
	}
	return 0;
overflow:
	free(lv);
	fg_layout_free(l);
	return fg_err_set(err, "counts overflow a 64-bit position");
}

void
fg_layout_free(struct fg_layout *l)
{
	free(l->frames);
	memset(l, 0, sizeof(*l));
}
