/* graph.h - everything a writer (SVG, PNG, PDF) needs to draw one flame graph. */
#ifndef FG_GRAPH_H
#define FG_GRAPH_H

#include <stdint.h>

#include "layout.h"
#include "trie.h"

struct fg_rgb {
	uint8_t	 r, g, b;
};

enum fg_truncate { FG_TRUNC_RIGHT, FG_TRUNC_LEFT };

/*
 * Filled in by the flamegraph tool; read by svg.c and render.c, which
 * must draw the same picture: same geometry, colours, texts.
 */
struct fg_graph {
	const struct fg_trie *trie;	/* finished */
	struct fg_layout layout;
	struct fg_rgb *fill;		/* per layout frame */
	const char *title;		/* never NULL */
	const char *subtitle;		/* NULL = none */
	const char *notes;		/* "" = none */
	const char *countname;		/* "samples" */
	const char *nametype;		/* "Function:" */
	const char *fonttype;		/* "Verdana" */
	const char *search;		/* --search: NULL = none */
	double	 fontsize, fontwidth;
	double	 factor;		/* --factor: scales displayed counts */
	struct fg_rgb bg1, bg2;		/* background gradient top, bottom */
	struct fg_rgb textcolor;	/* rgb(0,0,0), or light with --dark */
	int	 dark;
	int	 inverted;
	int	 truncate;		/* enum fg_truncate */
	int	 diff;			/* differential graph */
	int	 negate;
};

#endif
