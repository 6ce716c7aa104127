/* layout.h - a finished trie laid out as rectangles, flamegraph.pl's geometry. */
#ifndef FG_LAYOUT_H
#define FG_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "trie.h"
#include "util.h"

struct fg_layout_opts {
	double	 imagewidth;	/* --width, 1200 */
	double	 frameheight;	/* --height, 16 (a rect is 1 px less) */
	double	 fontsize;	/* --fontsize, 12: sets the paddings */
	double	 minwidth;	/* --minwidth: pixels, or percent of the total */
	int	 minwidth_pct;	/* minwidth was given as "N%" */
	int	 inverted;	/* icicle: root at the top */
	int	 subtitle;	/* a subtitle row adds ypad3 */
	double	 total;		/* --total: a larger denominator; 0 = sum */
	int	 col;		/* count column that gives widths (FG_COL) */
	/*
	 * NULL, or a flame chart's lead[] by node (fg_chart): the count of
	 * the parent's own time between a node and its previous sibling.
	 * Without it a parent's own time comes before its children.
	 */
	const int64_t *lead;
	/*
	 * NULL, or by node (fg_diff_widths): the width of the node's own
	 * part and of its whole subtree, wid >= own + its children's wid,
	 * in place of self[col] and total[col].  lead is then not used.
	 */
	const int64_t *own, *wid;
};

struct fg_frame {
	uint32_t node;		/* trie node; 0 is the root ("all") */
	uint32_t depth;		/* root 0 */
	double	 x1, x2;	/* pixels: xpad + start * widthpertime, ... */
	double	 y1, y2;	/* pixels: top and bottom of the rect */
};

struct fg_layout {
	struct fg_frame *frames;	/* pre-order: parents first, siblings by name */
	size_t	 n;
	uint32_t maxdepth;	/* over the frames kept */
	double	 width, height;	/* image size */
	double	 timemax;	/* total (or --total), as a count */
	double	 widthpertime;	/* (width - 2 * xpad) / timemax */
	double	 xpad, ypad1, ypad2, ypad3;
};

/*
 * Lay out t (finished).  Frames narrower than minwidth are dropped with
 * their subtrees; widths are not redistributed.  The counts are t's
 * fixed-point values divided by 10^t->scale.  Returns -1 with err set when
 * there is nothing to draw (total 0).
 */
int	fg_layout(struct fg_layout *l, const struct fg_trie *t,
	    const struct fg_layout_opts *o, struct fg_err *err);
void	fg_layout_free(struct fg_layout *l);

#endif
