/* render.c - PNG and PDF flame graphs drawn with cairo (its only user). */
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <zlib.h>

#include "render.h"
#include "utf8.h"

#define FONT_FILE	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define FONT_FAMILY	"DejaVu Sans"
#define TITLE_MAXCH	4096	/* characters of a heading drawn */
#define KAPPA	0.5522847498	/* Bezier handle of a quarter circle */
#define BAND		128	/* PNG rows drawn at a time */
#define PNG_ZLEVEL	1	/* zlib's fastest: flat colours compress */

struct rctx {
	const struct fg_graph *g;
	cairo_scaled_font_t *sf;	/* labels, fontsize px */
	double	 fs;			/* font size */
	double	 minw;			/* no label when narrower */
	double	 dotadv;		/* advance of "." */
	unsigned long dot;		/* glyph of "." */
	char	*text;			/* one label, cleaned */
	size_t	 textcap;
	cairo_glyph_t *tmp;		/* one label's glyphs */
	int	 tmpcap;
	cairo_glyph_t *all;		/* every label's glyphs */
	size_t	 nall, allcap;
	struct fg_buf *labtext;		/* if set, gets the label text */
	struct {
		size_t	 frame;		/* layout frame */
		size_t	 start, n;	/* glyphs in all */
		double	 y;		/* baseline */
	} *lab;				/* every label drawn, in frame order */
	size_t	 nlab, labcap;
	double	 ascent, descent;	/* of the label font */
	int	 ordered;		/* labels may reach other frames */
	cairo_glyph_t *band;		/* the labels one band shows */
	size_t	 bandcap;
	cairo_pattern_t *bg;		/* background */
	unsigned char *hit;		/* per frame: matches g->search */
	char	 matched[32];		/* "Matched: X%", or "" */
};

static cairo_pattern_t *background(const struct fg_graph *);

struct wctx {
	FILE	*fp;
	int	 err;			/* errno of a failed write */
	char	 msg[128];		/* the encoder's complaint */
};

/*
 * The font: DejaVu Sans loaded from its file by FreeType, so the picture
 * does not depend on fontconfig's configuration; fontconfig's best match
 * for the family when the file is elsewhere.  Made once and kept for the
 * life of the process: cairo caches scaled fonts beyond any one drawing.
 */
static cairo_font_face_t *
font_face(void)
{
	static cairo_font_face_t *face;
	static FT_Library lib;
	FT_Face ft;

	if (face != NULL)
		return face;
	if (lib == NULL && FT_Init_FreeType(&lib) != 0)
		lib = NULL;
	if (lib != NULL && FT_New_Face(lib, FONT_FILE, 0, &ft) == 0) {
		face = cairo_ft_font_face_create_for_ft_face(ft, 0);
		if (cairo_font_face_status(face) == CAIRO_STATUS_SUCCESS)
			return face;
		cairo_font_face_destroy(face);
		FT_Done_Face(ft);
	}
	face = cairo_toy_font_face_create(FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
	    CAIRO_FONT_WEIGHT_NORMAL);
	return face;
}

/*
 * A scaled font of size px with fixed options: grey antialiasing, no
 * hinting, unhinted (linear) advances, so PNG and PDF place every glyph
 * alike on any machine.  NULL on failure.
 */
static cairo_scaled_font_t *
scaled_font(double px)
{
	cairo_font_options_t *fo;
	cairo_scaled_font_t *sf;
	cairo_matrix_t fm, ctm;

	cairo_matrix_init_scale(&fm, px, px);
	cairo_matrix_init_identity(&ctm);
	fo = cairo_font_options_create();
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_subpixel_order(fo, CAIRO_SUBPIXEL_ORDER_DEFAULT);
	sf = cairo_scaled_font_create(font_face(), &fm, &ctm, fo);
	cairo_font_options_destroy(fo);
	if (cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS) {
		cairo_scaled_font_destroy(sf);
		return NULL;
	}
	return sf;
}

/*
 * Copy at most maxch characters of s[0..n) to dst as the SVG writes text
 * (fg_text_put): valid UTF-8, each invalid byte and each control
 * character U+FFFD.  dst needs 3 * n + 1 bytes.  Returns the bytes
 * written; *used gets the bytes of s consumed, *nch the characters.
 */
static size_t
utf8_clean(char *dst, const char *s, size_t n, size_t maxch, size_t *used,
    size_t *nch)
{
	size_t i = 0, o = 0, k, ch = 0;
	uint32_t cp;

	while (i < n && ch < maxch) {
		k = fg_utf8_next(s + i, n - i, &cp);
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
		    cp == 0xfffe || cp == 0xffff || cp == 0xfffd) {
			memcpy(dst + o, "\xef\xbf\xbd", 3);
			o += 3;
		} else {
			memcpy(dst + o, s + i, k);
			o += k;
		}
		i += k;
		ch++;
	}
	dst[o] = '\0';
	*used = i;
	*nch = ch;
	return o;
}

/* Byte offset of character k of the valid UTF-8 string s. */
static size_t
utf8_off(const char *s, size_t k)
{
	size_t o = 0;

	for (; k > 0 && s[o] != '\0'; k--)
		while (((unsigned char)s[++o] & 0xc0) == 0x80)
			;
	return o;
}

static void
text_reserve(struct rctx *c, size_t n)
{
	if (c->textcap < n) {
		free(c->text);
		c->textcap = n + n / 2;
		c->text = xmalloc(c->textcap);
	}
}

static void
band_reserve(struct rctx *c, size_t n)
{
	if (c->bandcap < n) {
		c->bandcap = n > 2 * c->bandcap ? n : 2 * c->bandcap;
		c->band = xreallocarray(c->band, c->bandcap, sizeof(*c->band));
	}
}

static void
all_reserve(struct rctx *c, size_t n)
{
	if (c->allcap - c->nall < n) {
		c->allcap = c->nall + n > 2 * c->allcap ? c->nall + n :
		    2 * c->allcap;
		c->all = xreallocarray(c->all, c->allcap, sizeof(*c->all));
	}
}

/*
 * Shape text[0..len) (NUL terminated, ending in the "." sentinel) into
 * c->tmp; the sentinel's pen position is the text's advance.  Returns the
 * glyph count, 0 on failure.
 */
static int
shape(struct rctx *c, const char *text, size_t len)
{
	cairo_glyph_t *gl = c->tmp;
	int ng = c->tmpcap;

	if (len > INT32_MAX)
		return 0;
	if (cairo_scaled_font_text_to_glyphs(c->sf, 0, 0, text, (int)len, &gl,
	    &ng, NULL, NULL, NULL) != CAIRO_STATUS_SUCCESS)
		return 0;
	if (gl != c->tmp) {	/* cairo allocated a larger array */
		free(c->tmp);
		c->tmp = xreallocarray(NULL, ng, sizeof(*gl));
		c->tmpcap = ng;
		memcpy(c->tmp, gl, ng * sizeof(*gl));
		cairo_glyph_free(gl);
	}
	return ng;
}

/*
 * Append to c->all the glyphs of frame i's label, pen at (x, y), fitted
 * into avail px: the whole name, or its head (its tail with
 * FG_TRUNC_LEFT) and "..", keeping at least one character; nothing when
 * even that does not fit.  Works on glyphs, so a UTF-8 sequence is never
 * split.  Returns the number of glyphs appended.
 */
static size_t
fit_label(struct rctx *c, const char *name, size_t len, double avail,
    double x, double y)
{
	size_t maxch, start = 0, used, nch, tl, k, j, n0 = c->nall;
	double full, dd = 2 * c->dotadv, eps = 1e-9, sh;
	int left = c->g->truncate == FG_TRUNC_LEFT, cut, ng, n;
	cairo_glyph_t *gl;

	len = fg_name_stripped(name, len);
	if (len == 0)
		return 0;
	/* No glyph is narrower than 0.1 em: the rest could not show. */
	maxch = (size_t)(avail / (0.1 * c->fs)) + 2;
	if (left && len > 4 * maxch) {
		start = len - 4 * maxch;
		for (k = 0; k < 3 && ((unsigned char)name[start] & 0xc0) ==
		    0x80; k++)
			start++;
	}
	text_reserve(c, 3 * (len - start) + 2);
	tl = utf8_clean(c->text, name + start, len - start,
	    left ? SIZE_MAX : maxch, &used, &nch);
	cut = start > 0 || start + used < len;
	c->text[tl++] = '.';	/* sentinel: its position is the advance */
	c->text[tl] = '\0';
	if ((ng = shape(c, c->text, tl)) < 2)
		return 0;
	gl = c->tmp;
	n = ng - 1;
	full = gl[n].x;
	if (!cut && full <= avail + eps) {
		if (c->labtext != NULL)
			fg_buf_put(c->labtext, c->text, tl - 1);
		all_reserve(c, n);
		for (j = 0; j < (size_t)n; j++) {
			c->all[c->nall] = gl[j];
			c->all[c->nall].x += x;
			c->all[c->nall++].y = y;
		}
		return n;
	}
	all_reserve(c, n + 2);
	if (!left) {
		/* the longest head that fits beside ".." */
		for (k = 0; k < (size_t)n && gl[k + 1].x + dd <= avail + eps;
		    k++)
			;
		if (k == 0)
			return 0;
		if (c->labtext != NULL) {
			fg_buf_put(c->labtext, c->text, utf8_off(c->text, k));
			fg_buf_puts(c->labtext, "..");
		}
		for (j = 0; j < k; j++) {
			c->all[c->nall] = gl[j];
			c->all[c->nall].x += x;
			c->all[c->nall++].y = y;
		}
		sh = x + gl[k].x;
	} else {
		/* the longest tail that fits after "..": drop k glyphs */
		for (k = 0; k < (size_t)n && full - gl[k].x + dd > avail + eps;
		    k++)
			;
		if (k >= (size_t)n)
			return 0;
		if (c->labtext != NULL) {
			j = utf8_off(c->text, k);
			fg_buf_puts(c->labtext, "..");
			fg_buf_put(c->labtext, c->text + j, tl - 1 - j);
		}
		sh = x;
	}
	c->all[c->nall].index = c->dot;
	c->all[c->nall].x = sh;
	c->all[c->nall++].y = y;
	c->all[c->nall].index = c->dot;
	c->all[c->nall].x = sh + c->dotadv;
	c->all[c->nall++].y = y;
	if (left) {
		sh = x + dd - gl[k].x;
		for (j = k; j < (size_t)n; j++) {
			c->all[c->nall] = gl[j];
			c->all[c->nall].x += sh;
			c->all[c->nall++].y = y;
		}
	}
	return c->nall - n0;
}

/* SVG's rounding of a printed coordinate: "%0.1f". */
static double
round1(double v)
{
	return floor(v * 10 + 0.5) / 10;
}

/*
 * Frame i's rect as the SVG prints it; 0 when it draws nothing.  A rect
 * reaching far outside the image is cut a little beyond its edges, where
 * nothing shows: cairo's fixed-point coordinates end at 2^23.
 */
static int
frame_rect(const struct fg_layout *l, size_t i, double *x, double *y,
    double *w, double *h)
{
	const struct fg_frame *f = &l->frames[i];

	*x = round1(f->x1);
	*w = round1(round1(f->x2) - *x);
	*y = f->y1;
	*h = f->y2 - f->y1;
	if (!(isfinite(*x) && isfinite(*y) && isfinite(*w) && isfinite(*h) &&
	    *w > 0 && *h > 0))
		return 0;
	if (*x < -10) {
		*w += *x + 10;
		*x = -10;
	}
	if (*x + *w > l->width + 10)
		*w = l->width + 10 - *x;
	if (*y < -10) {
		*h += *y + 10;
		*y = -10;
	}
	if (*y + *h > l->height + 10)
		*h = l->height + 10 - *y;
	return *w > 0 && *h > 0;
}

/* The frame name, or NULL when node or name is out of range. */
static const char *
frame_name(const struct fg_graph *g, size_t i, size_t *len)
{
	const struct fg_trie *t = g->trie;
	const struct fg_name *nm;
	uint32_t node = g->layout.frames[i].node;

	if (t == NULL || node >= t->n || t->nodes[node].name >= t->names.n)
		return NULL;
	nm = fg_intern_get(&t->names, t->nodes[node].name);
	*len = nm->len;
	return nm->s;
}

/* Append the label of frame i, if any, to c->all. */
static size_t
label(struct rctx *c, size_t i)
{
	const struct fg_frame *f = &c->g->layout.frames[i];
	double x, y, w, h;
	const char *s;
	size_t len;

	if (!frame_rect(&c->g->layout, i, &x, &y, &w, &h) || w < c->minw)
		return 0;
	/* a frame cut by frame_rect is none the layout makes: no label */
	if (x > f->x1 + 1 || y > f->y1 || h < f->y2 - f->y1)
		return 0;
	if ((s = frame_name(c->g, i, &len)) == NULL)
		return 0;
	return fit_label(c, s, len, w - 3, f->x1 + 3, 3 + (f->y1 + f->y2) / 2);
}

/* A rect with SVG's rx = ry = 2 corners (clamped to half its sides). */
static void
rrect(cairo_t *cr, double x, double y, double w, double h)
{
	double rx = w / 2 < 2 ? w / 2 : 2, ry = h / 2 < 2 ? h / 2 : 2;
	double kx = rx * (1 - KAPPA), ky = ry * (1 - KAPPA);

	/* under half a pixel the corners change no pixel noticeably */
	if (rx < 0.5 || ry < 0.5) {
		cairo_rectangle(cr, x, y, w, h);
		return;
	}
	cairo_move_to(cr, x + rx, y);
	cairo_line_to(cr, x + w - rx, y);
	cairo_curve_to(cr, x + w - kx, y, x + w, y + ky, x + w, y + ry);
	cairo_line_to(cr, x + w, y + h - ry);
	cairo_curve_to(cr, x + w, y + h - ky, x + w - kx, y + h, x + w - rx,
	    y + h);
	cairo_line_to(cr, x + rx, y + h);
	cairo_curve_to(cr, x + kx, y + h, x, y + h - ky, x, y + h - ry);
	cairo_line_to(cr, x, y + ry);
	cairo_curve_to(cr, x, y + ky, x + kx, y, x + rx, y);
	cairo_close_path(cr);
}

static void
set_rgb(cairo_t *cr, struct fg_rgb c)
{
	cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0);
}

/* Text s at baseline y, centred on x or starting there, px pixels high. */
static int
heading(cairo_t *cr, const char *s, double px, double x, double y, int centre)
{
	cairo_scaled_font_t *sf;
	cairo_text_extents_t te;
	size_t len = strlen(s), used, nch;
	char *t;

	if (len == 0)
		return 0;
	if ((sf = scaled_font(px)) == NULL)
		return -1;
	t = xmalloc(3 * len + 1);
	utf8_clean(t, s, len, TITLE_MAXCH, &used, &nch);
	cairo_set_scaled_font(cr, sf);
	if (centre) {
		cairo_text_extents(cr, t, &te);
		x -= te.x_advance / 2;
	}
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, t);
	cairo_new_path(cr);
	free(t);
	cairo_scaled_font_destroy(sf);
	return 0;
}

static int
interval_cmp(const void *a, const void *b)
{
	const double *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

/*
 * --search as the SVG's script applies it on load: every frame but the
 * root whose name (annotation stripped) matches the regular expression
 * is filled rgb(230,0,230), and "Matched: X%" gives the share of the
 * root's width the matches cover (nested ones counted once).  POSIX
 * extended expressions stand in for JavaScript's; an invalid one is
 * searched for as plain text, as the script does.
 */
static void
search(struct rctx *c)
{
	const struct fg_graph *g = c->g;
	const struct fg_layout *l = &g->layout;
	const char *name, *p;
	double x, y, w, h, rootw = 0, lo = 0, hi = 0, total = 0, pct, r;
	double *iv;
	size_t i, len, k, n = 0;
	regex_t re;
	char *lit;

	if (g->search == NULL || *g->search == '\0' || l->n == 0)
		return;
	if (regcomp(&re, g->search, REG_EXTENDED | REG_NOSUB) != 0) {
		lit = xmalloc(2 * strlen(g->search) + 1);
		for (p = g->search, k = 0; *p != '\0'; p++) {
			if (strchr("\\^$.*+?()[]{}|/", *p) != NULL)
				lit[k++] = '\\';
			lit[k++] = *p;
		}
		lit[k] = '\0';
		k = regcomp(&re, lit, REG_EXTENDED | REG_NOSUB);
		free(lit);
		if (k != 0)
			return;
	}
	c->hit = xcalloc(l->n, 1);
	iv = xreallocarray(NULL, l->n, 2 * sizeof(*iv));
	for (i = 0; i < l->n; i++) {
		if (!frame_rect(l, i, &x, &y, &w, &h))
			continue;
		if (i == 0) {
			rootw = w;
			continue;
		}
		if ((name = frame_name(g, i, &len)) == NULL)
			continue;
		len = fg_name_stripped(name, len);
		text_reserve(c, len + 1);
		memcpy(c->text, name, len);
		c->text[len] = '\0';
		if (regexec(&re, c->text, 0, NULL, 0) != 0)
			continue;
		c->hit[i] = 1;
		iv[2 * n] = x;
		iv[2 * n++ + 1] = x + w;
	}
	regfree(&re);
	qsort(iv, n, 2 * sizeof(*iv), interval_cmp);
	for (i = 0; i < n; i++) {
		if (i == 0 || iv[2 * i] > hi) {
			total += hi - lo;
			lo = iv[2 * i];
			hi = iv[2 * i + 1];
		} else if (iv[2 * i + 1] > hi)
			hi = iv[2 * i + 1];
	}
	total += hi - lo;
	free(iv);
	pct = rootw > 0 ? 100 * total / rootw : 0;
	/* JavaScript's toFixed(1): ties go up */
	r = pct * 10;
	if (r - floor(r) == 0.5)
		pct = ceil(r) / 10;
	snprintf(c->matched, sizeof(c->matched), "Matched: %.1f%%", pct);
	if (strcmp(c->matched, "Matched: 100.0%") == 0)
		snprintf(c->matched, sizeof(c->matched), "Matched: 100%%");
}

static int
ctx_init(struct rctx *c, const struct fg_graph *g)
{
	cairo_font_extents_t fe;
	cairo_glyph_t *gl = NULL;
	int ng = 0;

	memset(c, 0, sizeof(*c));
	c->g = g;
	c->fs = g->fontsize;
	c->minw = 2 * g->fontsize * (g->fontwidth > 0 ? g->fontwidth : 0.59);
	c->bg = background(g);
	if ((c->sf = scaled_font(c->fs)) == NULL)
		return -1;
	if (cairo_scaled_font_text_to_glyphs(c->sf, 0, 0, "..", 2, &gl, &ng,
	    NULL, NULL, NULL) != CAIRO_STATUS_SUCCESS || ng != 2) {
		cairo_glyph_free(gl);
		return -1;
	}
	c->dot = gl[0].index;
	c->dotadv = gl[1].x - gl[0].x;
	cairo_glyph_free(gl);
	cairo_scaled_font_extents(c->sf, &fe);
	c->ascent = fe.ascent;
	c->descent = fe.descent;
	return 0;
}

static void
ctx_free(struct rctx *c)
{
	if (c->sf != NULL)
		cairo_scaled_font_destroy(c->sf);
	if (c->bg != NULL)
		cairo_pattern_destroy(c->bg);
	free(c->lab);
	free(c->band);
	free(c->hit);
	free(c->text);
	free(c->tmp);
	free(c->all);
}

/* The background: the SVG's vertical linearGradient, stops at 5% and 95%. */
static cairo_pattern_t *
background(const struct fg_graph *g)
{
	const struct fg_rgb *a = &g->bg1, *b = &g->bg2;
	cairo_pattern_t *bg;

	if (a->r == b->r && a->g == b->g && a->b == b->b)
		return cairo_pattern_create_rgb(a->r / 255.0, a->g / 255.0,
		    a->b / 255.0);
	bg = cairo_pattern_create_linear(0, 0, 0, g->layout.height);
	cairo_pattern_add_color_stop_rgb(bg, 0.05, a->r / 255.0, a->g / 255.0,
	    a->b / 255.0);
	cairo_pattern_add_color_stop_rgb(bg, 0.95, b->r / 255.0, b->g / 255.0,
	    b->b / 255.0);
	return bg;
}

/*
 * Shape every frame's label once into c->all, noting where each starts
 * and its baseline, so each band draws only the labels it shows.
 */
static void
labels(struct rctx *c)
{
	const struct fg_layout *l = &c->g->layout;
	size_t i, start, n;
	double y;

	for (i = 0; i < l->n; i++) {
		start = c->nall;
		if ((n = label(c, i)) == 0)
			continue;
		if (c->nlab == c->labcap) {
			c->labcap = c->labcap ? 2 * c->labcap : 256;
			c->lab = xreallocarray(c->lab, c->labcap,
			    sizeof(*c->lab));
		}
		y = 3 + (l->frames[i].y1 + l->frames[i].y2) / 2;
		c->lab[c->nlab].frame = i;
		c->lab[c->nlab].start = start;
		c->lab[c->nlab].n = n;
		c->lab[c->nlab++].y = y;
		/* past the 1 px gap between rows: into another frame */
		if (y - c->ascent < l->frames[i].y1 - 1 ||
		    y + c->descent > l->frames[i].y2 + 1)
			c->ordered = 1;
	}
}

/*
 * Draw the rows [y0, y1) of the picture on cr (whose matrix maps them to
 * its surface), in the SVG's order: background, headings, frames, each
 * with its label.  When every label stays inside its frame (the usual
 * font and frame sizes), drawing all labels at the end, in one call,
 * changes nothing and is much faster.  Returns cairo's status.
 */
static cairo_status_t
draw(struct rctx *c, cairo_t *cr, double y0, double y1)
{
	const struct fg_graph *g = c->g;
	const struct fg_layout *l = &g->layout;
	const struct fg_frame *f;
	double x, y, w, h, m, fs = c->fs;
	size_t i, k, j = 0, n = 0;

	cairo_set_source(cr, c->bg);
	cairo_paint(cr);

	/* the SVG centres its headings on int(width / 2) */
	if (y0 < 4 * fs + 2 * (fs + 5)) {
		set_rgb(cr, g->textcolor);
		if (heading(cr, g->title != NULL ? g->title : "", fs + 5,
		    trunc(l->width / 2), 2 * fs, 1) != 0)
			return CAIRO_STATUS_NO_MEMORY;
		if (g->subtitle != NULL && heading(cr, g->subtitle, fs,
		    trunc(l->width / 2), 4 * fs, 1) != 0)
			return CAIRO_STATUS_NO_MEMORY;
	}
	if (c->matched[0] != '\0' && y1 > l->height - l->ypad2 / 2 - 2 * fs &&
	    y0 < l->height - l->ypad2 / 2 + fs) {
		set_rgb(cr, g->textcolor);
		if (heading(cr, c->matched, fs, l->width - l->xpad - 100,
		    l->height - l->ypad2 / 2, 0) != 0)
			return CAIRO_STATUS_NO_MEMORY;
	}

	/* labels sticking out of frames reach about one em further */
	m = c->ordered ? 2 * fs : 0;
	for (i = 0; i < l->n; i++) {
		f = &l->frames[i];
		if (f->y2 + m <= y0 || f->y1 - m >= y1 ||
		    !frame_rect(l, i, &x, &y, &w, &h))
			continue;
		rrect(cr, x, y, w, h);
		if (c->hit != NULL && c->hit[i])
			cairo_set_source_rgb(cr, 0xe6 / 255.0, 0, 0xe6 / 255.0);
		else
			set_rgb(cr, g->fill[i]);
		cairo_fill(cr);
		if (!c->ordered)
			continue;
		while (j < c->nlab && c->lab[j].frame < i)
			j++;
		if (j < c->nlab && c->lab[j].frame == i) {
			cairo_set_scaled_font(cr, c->sf);
			set_rgb(cr, g->labelcolor);
			cairo_show_glyphs(cr, c->all + c->lab[j].start,
			    (int)c->lab[j].n);
		}
	}
	if (c->ordered)
		return cairo_status(cr);

	/* glyphs reach at most about one em above and below the baseline */
	for (i = 0; i < c->nlab; i++) {
		if (c->lab[i].y + 2 * fs <= y0 || c->lab[i].y - 2 * fs >= y1)
			continue;
		if (y0 == 0 && y1 >= l->height) {	/* all: no copy */
			n = c->nall;
			break;
		}
		band_reserve(c, n + c->lab[i].n);
		for (k = 0; k < c->lab[i].n; k++)
			c->band[n++] = c->all[c->lab[i].start + k];
	}
	if (n > 0) {
		cairo_set_scaled_font(cr, c->sf);
		set_rgb(cr, g->labelcolor);
		cairo_show_glyphs(cr, y0 == 0 && y1 >= l->height ? c->all :
		    c->band, n > INT32_MAX ? INT32_MAX : (int)n);
	}
	return cairo_status(cr);
}

static cairo_status_t
write_fp(void *closure, const unsigned char *data, unsigned int len)
{
	struct wctx *w = closure;

	if (fwrite(data, 1, len, w->fp) != len) {
		w->err = errno != 0 ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/*
 * The PNG is encoded here with zlib rather than by
 * cairo_surface_write_to_png_stream, which leaves libpng at zlib level 6
 * with adaptive filters: on the 1200x4502 graph of the 100 MB corpus that
 * took 121 ms of CPU for 381 KB; zlib level 1 without filters takes 36 ms
 * for 526 KB (Z_RLE, "sub", "up" or adaptive filters were all slower).
 * It is fed a band of rows at a time; each row is filter byte 0 and RGB.
 */
struct pngw {
	struct wctx *w;
	z_stream z;
	int	 zok;			/* deflateInit succeeded */
	unsigned char *row;		/* filter byte + RGB */
	unsigned char out[1 << 16];	/* compressed bytes of the next IDAT */
};

static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* One chunk: length, type, data, CRC of type and data. */
static int
png_chunk(struct wctx *w, const char *type, const unsigned char *data,
    size_t len)
{
	unsigned char hdr[8], crc[4];
	uLong c;

	put_be32(hdr, (uint32_t)len);
	memcpy(hdr + 4, type, 4);
	c = crc32(0L, Z_NULL, 0);
	c = crc32(c, hdr + 4, 4);
	if (len > 0)
		c = crc32(c, data, (uInt)len);
	put_be32(crc, (uint32_t)c);
	if (fwrite(hdr, 1, 8, w->fp) != 8 ||
	    (len > 0 && fwrite(data, 1, len, w->fp) != len) ||
	    fwrite(crc, 1, 4, w->fp) != 4) {
		w->err = errno != 0 ? errno : EIO;
		return -1;
	}
	return 0;
}

/* Run deflate over the pending input with flush; emit full IDAT chunks. */
static int
pngw_deflate(struct pngw *p, int flush)
{
	int zr;

	do {
		zr = deflate(&p->z, flush);
		if (zr == Z_STREAM_ERROR) {
			snprintf(p->w->msg, sizeof(p->w->msg), "zlib error");
			return -1;
		}
		if (p->z.avail_out == 0 || (flush == Z_FINISH &&
		    p->z.avail_out < sizeof(p->out))) {
			if (png_chunk(p->w, "IDAT", p->out,
			    sizeof(p->out) - p->z.avail_out) != 0)
				return -1;
			p->z.next_out = p->out;
			p->z.avail_out = sizeof(p->out);
		}
	} while (p->z.avail_in > 0 || (flush == Z_FINISH && zr != Z_STREAM_END));
	return 0;
}

static int
pngw_start(struct pngw *p, struct wctx *w, int wpx, int hpx)
{
	static const unsigned char sig[8] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
	};
	unsigned char ihdr[13];

	memset(&p->z, 0, sizeof(p->z));
	p->w = w;
	p->row = xmalloc(1 + 3 * (size_t)wpx);
	p->zok = deflateInit(&p->z, PNG_ZLEVEL) == Z_OK;
	if (!p->zok) {
		snprintf(w->msg, sizeof(w->msg), "zlib: out of memory");
		return -1;
	}
	p->z.next_out = p->out;
	p->z.avail_out = sizeof(p->out);
	put_be32(ihdr, (uint32_t)wpx);
	put_be32(ihdr + 4, (uint32_t)hpx);
	ihdr[8] = 8;		/* bits per sample */
	ihdr[9] = 2;		/* RGB */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;	/* deflate, filters, no interlace */
	if (fwrite(sig, 1, 8, w->fp) != 8) {
		w->err = errno != 0 ? errno : EIO;
		return -1;
	}
	return png_chunk(w, "IHDR", ihdr, sizeof(ihdr));
}

/* Append the first n rows of image s (RGB24). */
static int
pngw_rows(struct pngw *p, cairo_surface_t *s, int n)
{
	const unsigned char *data, *src;
	int x, y, wpx, stride;
	uint32_t v;

	cairo_surface_flush(s);
	data = cairo_image_surface_get_data(s);
	wpx = cairo_image_surface_get_width(s);
	stride = cairo_image_surface_get_stride(s);
	p->row[0] = 0;		/* filter: none */
	for (y = 0; y < n; y++) {
		src = data + (size_t)y * stride;
		for (x = 0; x < wpx; x++) {
			memcpy(&v, src + 4 * (size_t)x, 4);
			p->row[1 + 3 * x] = (unsigned char)(v >> 16);
			p->row[2 + 3 * x] = (unsigned char)(v >> 8);
			p->row[3 + 3 * x] = (unsigned char)v;
		}
		p->z.next_in = p->row;
		p->z.avail_in = (uInt)(1 + 3 * (size_t)wpx);
		if (pngw_deflate(p, Z_NO_FLUSH) != 0)
			return -1;
	}
	return 0;
}

static int
pngw_finish(struct pngw *p)
{
	if (pngw_deflate(p, Z_FINISH) != 0)
		return -1;
	return png_chunk(p->w, "IEND", NULL, 0);
}

static void
pngw_free(struct pngw *p)
{
	if (p->zok)
		deflateEnd(&p->z);
	free(p->row);
}

static int
fail(struct fg_err *err, const char *what, struct wctx *w, cairo_status_t st)
{
	if (w->err != 0)
		return fg_err_set(err, "write error: %s", strerror(w->err));
	if (w->msg[0] != '\0')
		return fg_err_set(err, "%s: %s", what, w->msg);
	return fg_err_set(err, "%s: %s", what, cairo_status_to_string(st));
}

static int
check_graph(const struct fg_graph *g, struct fg_err *err)
{
	const struct fg_layout *l = &g->layout;

	if (!(g->fontsize > 0 && g->fontsize < 10000))
		return fg_err_set(err, "bad font size %g", g->fontsize);
	if (!(l->width >= 1 && l->height >= 1 && l->width < 1e9 &&
	    l->height < 1e9))
		return fg_err_set(err, "bad image size %gx%g", l->width,
		    l->height);
	if (l->n > 0 && (l->frames == NULL || g->fill == NULL))
		return fg_err_set(err, "no frames or colours to draw");
	return 0;
}

/*
 * PNG: the picture is drawn BAND rows at a time into one small image and
 * each band is compressed as it is done, so memory does not grow with
 * the image's height and the pixels stay in cache: a 1200x4502 graph
 * needs 0.6 MB instead of 21 MB.  Bands are whole pixel rows and cairo's
 * rasterisation is exact under integer translation, so the pixels are
 * those of one big image.
 */
static int
render_png(struct rctx *c, struct wctx *w, struct fg_err *err)
{
	const struct fg_layout *l = &c->g->layout;
	cairo_surface_t *s;
	cairo_status_t st;
	cairo_t *cr;
	struct pngw p;
	int wpx = (int)ceil(l->width), hpx = (int)ceil(l->height), y0, band;
	int rc = 0;

	if (l->width > FG_RENDER_MAXPX || l->height > FG_RENDER_MAXPX)
		return fg_err_set(err, "image too large for PNG: %dx%d pixels, "
		    "at most %d per side (write SVG or PDF, or use a smaller "
		    "width or frame height)", wpx, hpx, FG_RENDER_MAXPX);
	band = hpx < BAND ? hpx : BAND;
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, wpx, band);
	cr = cairo_create(s);
	if ((st = cairo_status(cr)) != CAIRO_STATUS_SUCCESS) {
		cairo_destroy(cr);
		cairo_surface_destroy(s);
		return fail(err, "PNG", w, st);
	}
	if (pngw_start(&p, w, wpx, hpx) != 0)
		rc = -1;
	for (y0 = 0; rc == 0 && y0 < hpx; y0 += band) {
		cairo_identity_matrix(cr);
		cairo_translate(cr, 0, -y0);
		if ((st = draw(c, cr, y0, y0 + band)) != CAIRO_STATUS_SUCCESS ||
		    pngw_rows(&p, s, hpx - y0 < band ? hpx - y0 : band) != 0)
			rc = -1;
	}
	if (rc == 0 && pngw_finish(&p) != 0)
		rc = -1;
	pngw_free(&p);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return rc == 0 ? 0 : fail(err, "PNG", w, st);
}

/* PDF: one page of the image's size, 1 px = 1 pt. */
static int
render_pdf(struct rctx *c, struct wctx *w, struct fg_err *err)
{
	const struct fg_layout *l = &c->g->layout;
	cairo_surface_t *s;
	cairo_status_t st;
	cairo_t *cr;
	size_t n, used, nch;
	char *t;

	s = cairo_pdf_surface_create_for_stream(write_fp, w, l->width,
	    l->height);
	if ((st = cairo_surface_status(s)) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return fail(err, "PDF", w, st);
	}
	/* no CreationDate: the same graph gives the same bytes */
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "flamekit");
	if (c->g->title != NULL && (n = strlen(c->g->title)) > 0) {
		t = xmalloc(3 * n + 1);
		utf8_clean(t, c->g->title, n, TITLE_MAXCH, &used, &nch);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, t);
		free(t);
	}
	cr = cairo_create(s);
	if ((st = draw(c, cr, 0, l->height)) == CAIRO_STATUS_SUCCESS) {
		cairo_show_page(cr);
		st = cairo_status(cr);
	}
	cairo_destroy(cr);
	if (st == CAIRO_STATUS_SUCCESS) {
		cairo_surface_finish(s);
		st = cairo_surface_status(s);
	}
	cairo_surface_destroy(s);
	return st == CAIRO_STATUS_SUCCESS ? 0 : fail(err, "PDF", w, st);
}

int
fg_render(const struct fg_graph *g, int format, FILE *out, struct fg_err *err)
{
	struct wctx w = { out, 0, "" };
	struct rctx c;
	int rc;

	if (format != FG_FMT_PNG && format != FG_FMT_PDF)
		return fg_err_set(err, "fg_render: unsupported format %d",
		    format);
	if (check_graph(g, err) != 0)
		return -1;
	if (ctx_init(&c, g) != 0) {
		ctx_free(&c);
		return fg_err_set(err, "%s: cannot load the font %s",
		    format == FG_FMT_PNG ? "PNG" : "PDF", FONT_FAMILY);
	}
	labels(&c);
	search(&c);
	if (format == FG_FMT_PNG)
		rc = render_png(&c, &w, err);
	else
		rc = render_pdf(&c, &w, err);
	ctx_free(&c);
	return rc;
}

size_t
fg_render_label(const struct fg_graph *g, size_t i, char *buf, size_t size)
{
	struct fg_buf b = { NULL, 0, 0 };
	struct rctx c;
	size_t n = 0;

	if (size > 0)
		buf[0] = '\0';
	if (i >= g->layout.n || check_graph(g, NULL) != 0)
		return 0;
	if (ctx_init(&c, g) == 0) {
		c.labtext = &b;
		label(&c, i);
		if ((n = b.len) > 0 && size > 0) {
			memcpy(buf, b.p, n < size ? n : size - 1);
			buf[n < size ? n : size - 1] = '\0';
		}
	}
	ctx_free(&c);
	fg_buf_free(&b);
	return n;
}
