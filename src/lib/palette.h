/* palette.h - frame colours: flamegraph.pl's palettes, per name, differential. */
#ifndef FG_PALETTE_H
#define FG_PALETTE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "intern.h"
#include "util.h"

struct fg_rgb {
	uint8_t	 r, g, b;
};

/* The palettes of flamegraph.pl's --colors, in its order. */
enum fg_pal {
	FG_PAL_HOT, FG_PAL_MEM, FG_PAL_IO, FG_PAL_WAKEUP, FG_PAL_CHAIN,
	FG_PAL_JAVA, FG_PAL_JS, FG_PAL_PERL, FG_PAL_RED, FG_PAL_GREEN,
	FG_PAL_BLUE, FG_PAL_AQUA, FG_PAL_YELLOW, FG_PAL_PURPLE, FG_PAL_ORANGE
};

/* How a name becomes the palette's values v1, v2, v3 in [0, 1). */
enum fg_colormode {
	FG_COLOR_NAME,		/* default: srand48(sum of code points), one drand48 */
	FG_COLOR_HASH,		/* --hash: flamegraph.pl's namehash of the name and its reverse */
	FG_COLOR_RANDOM		/* --random: not deterministic */
};

/* "hot, mem, ...": the palette names, for messages. */
extern const char fg_palette_names[];

/* The palette called name, or -1. */
int	fg_palette_parse(const char *name);

/*
 * Background gradient for --bgcolors name (yellow, blue, green, grey or a
 * flat "#rrggbb"); NULL or "" picks the palette's default as flamegraph.pl
 * does.  Returns 0, or -1 for an unknown name.
 */
int	fg_palette_bg(const char *name, int pal, struct fg_rgb *top,
	    struct fg_rgb *bottom);

struct fg_palette {
	int	 pal;		/* enum fg_pal */
	int	 mode;		/* enum fg_colormode */
	uint64_t rng;		/* FG_COLOR_RANDOM state */
	uint32_t *cp;		/* scratch: code points of a name */
	size_t	 cpcap;
};

void	fg_palette_init(struct fg_palette *p, int pal, int mode, uint64_t seed);
void	fg_palette_free(struct fg_palette *p);

/*
 * The colour of the frame called name[0..len) (annotation included), as
 * flamegraph.pl's color() gives it.  Deterministic except in
 * FG_COLOR_RANDOM mode.  The names "-" and "--" are not special here.
 */
struct fg_rgb fg_palette_color(struct fg_palette *p, const char *name, size_t len);

/*
 * The differential colour of a frame whose own count changed by delta
 * (already negated for --negate), maxdelta >= 1 the largest change of any
 * stack: red for growth, blue for shrinkage, white for none.
 */
struct fg_rgb fg_palette_delta(double delta, double maxdelta);

/*
 * --colors chain rewrites every stack as flamegraph.pl does: the frames
 * after the first "--" separator (one with frames on both sides) get
 * "_[w]" appended, except later separators, and a stack without a
 * separator gets an extra leaf "--".  in[0..n) are ids in names; out
 * needs n + 2 entries; new names are interned into names.  Returns the
 * length of out.
 */
size_t	fg_palette_chain(struct fg_intern *names, const uint32_t *in, size_t n,
	    uint32_t *out, struct fg_buf *tmp);

/* The value flamegraph.pl's default mode derives from a name (tests). */
double	fg_palette_seedvalue(const char *name, size_t len);

/*
 * --cp: the consistent palette file, "NAME->rgb(R,G,B)" lines.  Entries
 * are looked up by the frame's full name; new names are added as they
 * are coloured, and the file is written back sorted bytewise.
 */
struct fg_palmap {
	struct fg_intern names;
	struct fg_rgb *rgb;	/* by name id */
	uint8_t	*set;		/* rgb[id] is an entry */
	uint32_t cap;
	unsigned long long nbad;	/* malformed lines skipped by parse */
	unsigned long long badline;	/* the first of them */
};

void	fg_palmap_init(struct fg_palmap *m);
void	fg_palmap_free(struct fg_palmap *m);
/*
 * Add the entries of buf[0..len) (a palette.map file).  The colour
 * follows the last "->" of a line.  A line that is not NAME->rgb(R,G,B)
 * (the file is hand-edited) is skipped: m->nbad counts them, m->badline
 * is the first; they are not written back.
 */
void	fg_palmap_parse(struct fg_palmap *m, const char *buf, size_t len);
/* 1 and *c set when name[0..len) has an entry, else 0. */
int	fg_palmap_get(const struct fg_palmap *m, const char *name, size_t len,
	    struct fg_rgb *c);
void	fg_palmap_set(struct fg_palmap *m, const char *name, size_t len,
	    struct fg_rgb c);
/* Write every entry, sorted.  Returns 0, or -1 with err set. */
int	fg_palmap_write(const struct fg_palmap *m, FILE *fp, struct fg_err *err);

#endif
