/* diff.h - differential flame graphs: normalisation, widths, colours of a change. */
#ifndef FG_DIFF_H
#define FG_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include "palette.h"
#include "trie.h"
#include "util.h"

/* --diff-width: which counts give a frame its width. */
enum fg_diffwidth { FG_DW_AFTER, FG_DW_BEFORE, FG_DW_MAX };
/* --diff-color: the frame's own change, or its subtree's. */
enum fg_diffcolor { FG_DC_SELF, FG_DC_TOTAL };
/* What fg_diff_kind says of a frame. */
enum fg_diffkind { FG_DK_BOTH, FG_DK_NEW, FG_DK_GONE };

/*
 * A change of FG_DIFF_FULL times the graph's total (5%) or more gets
 * the full red or blue; smaller ones fade linearly towards white.
 */
#define FG_DIFF_FULL	0.05

/* The solid colours of frames present on one side only: darkseagreen
 * for new code, lightgrey for code gone. */
#define FG_DIFF_NEW	((struct fg_rgb){ 143, 188, 143 })
#define FG_DIFF_GONE	((struct fg_rgb){ 211, 211, 211 })

/*
 * How a differential trie (FG_COL = AFTER, FG_BEFORE = BEFORE) is drawn.
 * In a signed trie (two-column input with negative counts, as pb2folded
 * --base writes) both columns hold the same signed change: widths are
 * magnitudes, colours its sign, there is no before or after.
 */
struct fg_diff {
	int	 sign;		/* signed input */
	int	 width;		/* enum fg_diffwidth; unused when sign */
	int	 color;		/* enum fg_diffcolor */
	int	 negate;	/* read the columns as AFTER BEFORE */
	double	 threshold;	/* percent of the total: less is white */
	int64_t	*own, *wid;	/* by node, from fg_diff_widths; NULL:
				   the trie's column 0 (self, total) */
};

/*
 * Scale the BEFORE column of t (not yet finished) to AFTER's total: each
 * self count times total(AFTER) / total(BEFORE), rounded half away from
 * zero in the trie's fixed point, as difffolded -n does.  Returns 0, 1
 * when BEFORE's total is 0 (nothing changed), or -1 with err set on
 * overflow (t unchanged... or partly scaled: give up on it).
 */
int	fg_diff_normalize(struct fg_trie *t, struct fg_err *err);

/*
 * Fill d->own and d->wid for t (finished) unless the widths are AFTER's
 * in a two-sided trie (then both stay NULL and the trie's counts serve).
 * own(n) is BEFORE's self count, max(AFTER's, BEFORE's) or |signed|, at
 * least 0; wid(n) = own(n) + the sum of wid over n's children, summed
 * bottom-up without recursion, so every frame covers its children.
 * Returns 0, or -1 with err set on overflow.
 */
int	fg_diff_widths(struct fg_diff *d, const struct fg_trie *t,
	    struct fg_err *err);
void	fg_diff_free(struct fg_diff *d);

/*
 * The change of node: its own (subtree 0) or its subtree's, after minus
 * before (the signed value in a signed trie), negated by d->negate; in
 * the trie's fixed point.
 */
int64_t	fg_diff_change(const struct fg_diff *d, const struct fg_trie *t,
	    uint32_t node, int subtree);

/* FG_DK_NEW when node's subtree has no BEFORE counts but has AFTER ones,
 * FG_DK_GONE for the reverse (swapped by negate), else FG_DK_BOTH. */
int	fg_diff_kind(const struct fg_diff *d, const struct fg_trie *t,
	    uint32_t node);

/*
 * The fill of node, total > 0 the graph's total in the trie's fixed
 * point: FG_DIFF_NEW or FG_DIFF_GONE; white when the change (d->color)
 * is 0 or under d->threshold percent of total; else red for growth, blue
 * for shrinkage, of intensity min(1, |change| / (total * FG_DIFF_FULL)).
 */
struct fg_rgb fg_diff_color(const struct fg_diff *d, const struct fg_trie *t,
	    uint32_t node, double total);

#endif
