/* graph.h - everything a writer (SVG, PNG, PDF) needs to draw one flame graph. */
#ifndef FG_GRAPH_H
#define FG_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "diff.h"
#include "layout.h"
#include "palette.h"
#include "trie.h"
#include "util.h"

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
	struct fg_rgb labelcolor;	/* frame labels: rgb(0,0,0), also with
					   --dark (the frames stay bright) */
	int	 dark;
	int	 inverted;
	int	 truncate;		/* enum fg_truncate */
	int	 diff;			/* differential graph */
	int	 negate;		/* --negate (overrides dv->negate) */
	const struct fg_diff *dv;	/* diff: how; NULL = the defaults (widths
					   from AFTER, colour by own change) */
	double	 difftotal;		/* diff: what changes are a percentage
					   of, as a count; 0 = layout.timemax */
};

/*
 * Append s[0..n) to b as valid UTF-8 that XML 1.0 accepts: invalid bytes
 * and control characters become U+FFFD.  With xml set, & < > " ' become
 * entities and a newline is kept.
 */
void	fg_text_put(struct fg_buf *b, const char *s, size_t n, int xml);

/* Length of name without a trailing annotation _[k] _[j] _[i] _[w]. */
size_t	fg_name_stripped(const char *s, size_t n);

/*
 * Append to b (as fg_text_put without xml) the label flamegraph.pl puts
 * on frame i: the name without its annotation, cut to the
 * int(width / (fontsize * fontwidth)) characters that fit with ".." in
 * place of its last two (FG_TRUNC_LEFT: the end is kept, ".." first);
 * nothing when fewer than 3 characters fit.  The root's label is empty.
 */
void	fg_graph_label(const struct fg_graph *g, size_t i, struct fg_buf *b);

/*
 * Append frame i's tooltip, plain text (not escaped): its first line
 * "NAME (N COUNTNAME, P%)" as flamegraph.pl writes it (N, the count the
 * frame's width stands for, with thousands commas and scaled by factor;
 * the root is "all").  Then lines after a '\n' each:
 * - not differential: "self: M COUNTNAME, Q%" for every frame but the root;
 * - differential: "; +D%" closes the first line, D the change that
 *   colours the frame (dv->color) in percent of difftotal; then
 *   "subtree: before B, after A, change +C (+R%)" (R relative to B;
 *   "(new)" or "(gone)" when one side is 0) and, but for the root, the
 *   same for the frame's own counts after "self: " ("(was 0)" for R when
 *   B is 0); in a signed graph only "subtree: change +C" and
 *   "self: change +C".
 */
void	fg_graph_tooltip(const struct fg_graph *g, size_t i, struct fg_buf *b);

/*
 * Fill g->fill (allocated here, one per layout frame) with flamegraph.pl's
 * precedence: "--" and "-" grey; in a differential graph fg_diff_color
 * (g->dv, g->negate, against difftotal); an entry of map (NULL:
 * no --cp, else new names are added to it); the palette.  Colours are
 * computed once per name.
 */
void	fg_graph_fill(struct fg_graph *g, struct fg_palette *p, struct fg_palmap *map);

/*
 * printf("%.*f", prec, v) for prec 0..3, exactly (round half to even on
 * the binary value, as glibc), without printf's cost.  buf >= 64 bytes.
 * Returns the length.
 */
size_t	fg_fmt_double(char *buf, double v, int prec);
/* Can fg_round_scaled take v at prec (0..3, |v| * 10^prec < 4e15)? */
int	fg_round_ok(double v, int prec);
/* v * 10^prec rounded as printf("%.*f") rounds it, when fg_round_ok. */
int64_t	fg_round_scaled(double v, int prec);
/* r / 10^prec written with prec decimals ("-0.50"); buf >= 32 bytes. */
size_t	fg_fmt_scaled(char *buf, int64_t r, int prec);
/* Perl's default number formatting ("%.15g"); buf >= 64 bytes. */
size_t	fg_fmt_num(char *buf, double v);

#endif
