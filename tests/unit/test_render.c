/* test_render.c - render.c: PNG pixels decoded back, PDF bytes, labels. */
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

#include "check.h"
#include "graph.h"
#include "render.h"
#include "trie.h"
#include "util.h"

#define W	300
#define H	102	/* 2 rows of 16 px, ypad1 36, ypad2 34 */

static const struct fg_rgb bg1 = { 238, 238, 238 }, bg2 = { 238, 238, 176 };
static const struct fg_rgb black = { 0, 0, 0 };

struct fixture {
	struct fg_trie t;
	struct fg_frame fr[8];
	struct fg_rgb fill[8];
	struct fg_graph g;
};

static uint32_t
add(struct fg_trie *t, uint32_t parent, const char *name, size_t len)
{
	int64_t v[2] = { 1, 1 };
	uint32_t n;

	n = fg_trie_child(t, parent, fg_intern(&t->names, name, len));
	CHECK(fg_trie_add(t, n, v, 0) == 0);
	return n;
}

/* Frame i: node, depth d, from x1 to x2 in a graph H px high. */
static void
frame(struct fixture *f, size_t i, uint32_t node, uint32_t d, double x1,
    double x2, struct fg_rgb c)
{
	f->fr[i].node = node;
	f->fr[i].depth = d;
	f->fr[i].x1 = x1;
	f->fr[i].x2 = x2;
	f->fr[i].y1 = H - 34 - (d + 1) * 16.0 + 1;
	f->fr[i].y2 = H - 34 - d * 16.0;
	f->fill[i] = c;
}

/*
 * all (green) under a (red, left half) and b_[k] (blue, right half);
 * names[] gives a and b.
 */
static void
setup(struct fixture *f, const char *a, size_t alen, const char *b,
    size_t blen)
{
	struct fg_rgb red = { 255, 0, 0 }, blue = { 0, 0, 255 },
	    green = { 0, 200, 0 };
	uint32_t na, nb;

	memset(f, 0, sizeof(*f));
	fg_trie_init(&f->t);
	na = add(&f->t, 0, a, alen);
	nb = add(&f->t, 0, b, blen);
	CHECK(fg_trie_finish(&f->t) == 0);
	frame(f, 0, 0, 0, 10, 290, green);
	frame(f, 1, na, 1, 10, 150, red);
	frame(f, 2, nb, 1, 150, 290, blue);
	f->g.trie = &f->t;
	f->g.layout.frames = f->fr;
	f->g.layout.n = 3;
	f->g.layout.maxdepth = 1;
	f->g.layout.width = W;
	f->g.layout.height = H;
	f->g.layout.timemax = 2;
	f->g.layout.widthpertime = 140;
	f->g.layout.xpad = 10;
	f->g.layout.ypad1 = 36;
	f->g.layout.ypad2 = 34;
	f->g.fill = f->fill;
	f->g.title = "Flame Graph";
	f->g.notes = "";
	f->g.countname = "samples";
	f->g.nametype = "Function:";
	f->g.fonttype = "Verdana";
	f->g.fontsize = 12;
	f->g.fontwidth = 0.59;
	f->g.factor = 1;
	f->g.bg1 = bg1;
	f->g.bg2 = bg2;
	f->g.textcolor = black;
	f->g.labelcolor = black;
}

static char *
render(const struct fg_graph *g, int format, size_t *len, int *rc,
    struct fg_err *err)
{
	char *buf = NULL;
	FILE *fp;

	*len = 0;
	fp = open_memstream(&buf, len);
	*rc = fg_render(g, format, fp, err);
	fclose(fp);
	return buf;
}

struct rd {
	const unsigned char *p;
	size_t len, off;
};

static cairo_status_t
readmem(void *closure, unsigned char *data, unsigned int n)
{
	struct rd *r = closure;

	if (r->len - r->off < n)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->p + r->off, n);
	r->off += n;
	return CAIRO_STATUS_SUCCESS;
}

/* Pixel (x, y) of a decoded image as 0xRRGGBB. */
static uint32_t
pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	uint32_t v;

	memcpy(&v, d + (size_t)y * cairo_image_surface_get_stride(s) + 4 * x,
	    4);
	return v & 0xffffff;
}

static int
near(uint32_t got, uint32_t want, int tol)
{
	int i, a, b;

	for (i = 0; i < 24; i += 8) {
		a = (got >> i) & 0xff;
		b = (want >> i) & 0xff;
		if (abs(a - b) > tol)
			return 0;
	}
	return 1;
}

/* Count pixels in [x0,x1)x[y0,y1) darker than every channel limit. */
static int
dark(cairo_surface_t *s, int x0, int y0, int x1, int y1, int limit)
{
	int x, y, n = 0;
	uint32_t p;

	for (y = y0; y < y1; y++)
		for (x = x0; x < x1; x++) {
			p = pixel(s, x, y);
			if ((int)(p >> 16 & 0xff) < limit &&
			    (int)(p >> 8 & 0xff) < limit &&
			    (int)(p & 0xff) < limit)
				n++;
		}
	return n;
}

static cairo_surface_t *
decode(const char *buf, size_t len)
{
	struct rd r = { (const unsigned char *)buf, len, 0 };
	cairo_surface_t *s;

	s = cairo_image_surface_create_from_png_stream(readmem, &r);
	CHECK(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS);
	cairo_surface_flush(s);
	return s;
}

static void
test_png(void)
{
	struct fixture f;
	struct fg_err err;
	cairo_surface_t *s;
	char *buf, *buf2;
	size_t len, len2;
	int rc;

	setup(&f, "a", 1, "b_[k]", 5);
	buf = render(&f.g, FG_FMT_PNG, &len, &rc, &err);
	CHECK(rc == 0);
	CHECK(len > 8 && memcmp(buf, "\x89PNG\r\n\x1a\n", 8) == 0);
	s = decode(buf, len);
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
		CHECK(cairo_image_surface_get_width(s) == W);
		CHECK(cairo_image_surface_get_height(s) == H);
		/* frames, away from labels and rounded corners */
		CHECK(near(pixel(s, 140, 40), 0xff0000, 0));
		CHECK(near(pixel(s, 100, 50), 0xff0000, 0));
		CHECK(near(pixel(s, 280, 40), 0x0000ff, 0));
		/* the root: no label */
		CHECK(near(pixel(s, 160, 60), 0x00c800, 0));
		CHECK(dark(s, 11, 53, 289, 68, 100) == 0);
		/* the gap between rows and the margins: background */
		CHECK(near(pixel(s, 140, 52), 0xeeeeee, 40) &&
		    !near(pixel(s, 140, 52), 0xff0000, 40));
		CHECK(near(pixel(s, 5, 40), 0xeeeeee, 40));
		CHECK(near(pixel(s, 295, 60), 0xeeeeb0, 40));
		/* the gradient: bg1 above its 5% stop, bg2 below 95% */
		CHECK(near(pixel(s, 2, 2), 0xeeeeee, 0));
		CHECK(near(pixel(s, 2, H - 2), 0xeeeeb0, 0));
		CHECK(near(pixel(s, 2, H / 2), 0xeeeecf, 2));
		/* rounded corners: the corner pixel is lighter than the fill */
		CHECK(!near(pixel(s, 10, 37), 0xff0000, 10));
		CHECK(near(pixel(s, 12, 39), 0xff0000, 10));
		/* labels "a" and "b" (not "b_[k]"), title centred */
		CHECK(dark(s, 13, 38, 22, 50, 100) > 3);
		CHECK(dark(s, 22, 37, 149, 53, 100) == 0);
		CHECK(dark(s, 153, 38, 162, 50, 100) > 3);
		CHECK(dark(s, 165, 37, 289, 53, 100) == 0);
		CHECK(dark(s, 100, 8, 200, 26, 100) > 20);
		CHECK(dark(s, 0, 0, 90, 30, 100) == 0);
		CHECK(dark(s, 210, 0, W, 30, 100) == 0);
	}
	cairo_surface_destroy(s);

	/* the same graph gives the same bytes */
	buf2 = render(&f.g, FG_FMT_PNG, &len2, &rc, &err);
	CHECK(rc == 0 && len2 == len && memcmp(buf, buf2, len) == 0);
	free(buf2);
	free(buf);

	/* flat background, dark text, subtitle */
	f.g.bg1 = f.g.bg2 = (struct fg_rgb){ 0x20, 0x20, 0x20 };
	f.g.textcolor = (struct fg_rgb){ 0xff, 0xff, 0xff };
	f.g.subtitle = "sub";
	buf = render(&f.g, FG_FMT_PNG, &len, &rc, &err);
	CHECK(rc == 0);
	s = decode(buf, len);
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
		CHECK(near(pixel(s, 2, 2), 0x202020, 0));
		CHECK(near(pixel(s, 2, H - 2), 0x202020, 0));
		/* white title text: no pixel is dark there any more */
		CHECK(dark(s, 100, 8, 200, 26, 0x21) < 18 * 100);
		CHECK(near(pixel(s, 140, 40), 0xff0000, 0));
		/* labels keep labelcolor (black) on the bright frames */
		CHECK(dark(s, 13, 38, 22, 50, 100) > 3);
	}
	cairo_surface_destroy(s);
	free(buf);
	fg_trie_free(&f.t);
}

/*
 * Labels taller than their frames are drawn in the SVG's order, each
 * after its frame, so a later frame covers the part that sticks out.
 */
static void
test_overflow(void)
{
	struct fixture f;
	struct fg_err err;
	cairo_surface_t *s;
	char *buf;
	size_t len;
	int rc;

	setup(&f, "MMM", 3, "b", 1);
	f.g.title = "";
	f.g.fontsize = 30;
	/* a narrow child of MMM (no label: under 2 * 30 * 0.59 px) */
	f.fr[3] = f.fr[1];
	f.fr[3].depth = 2;
	f.fr[3].x1 = 10;
	f.fr[3].x2 = 40;
	f.fr[3].y1 = 21;
	f.fr[3].y2 = 36;
	f.fill[3] = (struct fg_rgb){ 0, 255, 255 };
	f.g.layout.n = 4;
	buf = render(&f.g, FG_FMT_PNG, &len, &rc, &err);
	CHECK(rc == 0);
	s = decode(buf, len);
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
		/* MMM's label reaches up to about y 20 ... */
		CHECK(dark(s, 40, 20, 100, 37, 100) > 20);
		CHECK(dark(s, 12, 37, 40, 52, 100) > 20);
		/* ... but not through the child, drawn after it */
		CHECK(dark(s, 11, 22, 39, 36, 100) == 0);
		CHECK(near(pixel(s, 25, 30), 0x00ffff, 0));
	}
	cairo_surface_destroy(s);
	free(buf);

	/* a label sticking out of its frame into the PNG band above */
	f.g.layout.height = 400;
	f.g.layout.n = 3;
	f.fr[1].y1 = 130;	/* the band edge is at row 128 */
	f.fr[1].y2 = 145;
	buf = render(&f.g, FG_FMT_PNG, &len, &rc, &err);
	CHECK(rc == 0);
	s = decode(buf, len);
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
		CHECK(dark(s, 12, 110, 100, 128, 100) > 20);
		CHECK(dark(s, 12, 128, 100, 145, 100) > 20);
	}
	cairo_surface_destroy(s);
	free(buf);
	fg_trie_free(&f.t);
}

/* --search: matching frames filled rgb(230,0,230), "Matched: X%" shown. */
static void
test_search(void)
{
	struct fixture f;
	struct fg_err err;
	cairo_surface_t *s;
	char *buf;
	size_t len;
	int rc, k;
	const struct {
		const char *re;
		int a, b, root;
	} t[] = {
		{ NULL, 0, 0, 0 },
		{ "^a$", 1, 0, 0 },
		{ "^b$", 0, 1, 0 },	/* b_[k] is searched as b */
		{ "k", 0, 0, 0 },
		{ "[ab]", 1, 1, 0 },
		{ "all", 0, 0, 0 },	/* the root is no function */
		{ "(", 0, 0, 0 },	/* invalid: plain text */
		{ "", 0, 0, 0 },
	};

	setup(&f, "a", 1, "b_[k]", 5);
	for (k = 0; k < (int)(sizeof(t) / sizeof(t[0])); k++) {
		f.g.search = t[k].re;
		buf = render(&f.g, FG_FMT_PNG, &len, &rc, &err);
		CHECK(rc == 0);
		s = decode(buf, len);
		if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
			CHECK(near(pixel(s, 140, 40), t[k].a ? 0xe600e6 :
			    0xff0000, 0));
			CHECK(near(pixel(s, 280, 40), t[k].b ? 0xe600e6 :
			    0x0000ff, 0));
			CHECK(near(pixel(s, 160, 60), 0x00c800, 0));
			/* "Matched: X%" at (W - 110, H - 17) */
			if (t[k].re != NULL && *t[k].re != '\0')
				CHECK(dark(s, 190, 72, W, H, 100) > 20);
			else
				CHECK(dark(s, 190, 72, W, H, 100) == 0);
		}
		cairo_surface_destroy(s);
		free(buf);
	}
	fg_trie_free(&f.t);
}

/* PNGs are drawn in bands of rows: a frame and a label across a band edge. */
static void
test_bands(void)
{
	struct fixture f;
	struct fg_err err;
	cairo_surface_t *s;
	char *buf;
	size_t len;
	int rc;

	setup(&f, "Mgq", 3, "b", 1);
	f.g.layout.height = 400;
	f.fr[1].y1 = 121;	/* the band edge is at row 128 */
	f.fr[1].y2 = 136;
	f.fr[1].x2 = 290;
	buf = render(&f.g, FG_FMT_PNG, &len, &rc, &err);
	CHECK(rc == 0);
	s = decode(buf, len);
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
		CHECK(cairo_image_surface_get_height(s) == 400);
		CHECK(near(pixel(s, 280, 121), 0xff0000, 0));
		CHECK(near(pixel(s, 280, 127), 0xff0000, 0));
		CHECK(near(pixel(s, 280, 128), 0xff0000, 0));
		CHECK(near(pixel(s, 280, 135), 0xff0000, 0));
		CHECK(!near(pixel(s, 280, 136), 0xff0000, 40));
		/* "Mgq" on baseline 131.5: ink above and below the edge */
		CHECK(dark(s, 12, 121, 45, 128, 100) > 5);
		CHECK(dark(s, 12, 128, 45, 136, 100) > 5);
		CHECK(dark(s, 45, 121, 289, 136, 100) == 0);
	}
	cairo_surface_destroy(s);
	free(buf);
	fg_trie_free(&f.t);
}

static void
test_errors(void)
{
	struct fixture f;
	struct fg_err err;
	char *buf;
	size_t len;
	int rc;

	setup(&f, "a", 1, "b", 1);
	buf = render(&f.g, FG_FMT_SVG, &len, &rc, &err);
	CHECK(rc == -1 && strstr(err.msg, "format") != NULL);
	free(buf);

	f.g.layout.height = 40000;
	buf = render(&f.g, FG_FMT_PNG, &len, &rc, &err);
	CHECK(rc == -1 && len == 0);
	CHECK_STR(err.msg, "image too large for PNG: 300x40000 pixels, at most "
	    "32767 per side (write SVG or PDF, or use a smaller width or "
	    "frame height)");
	free(buf);
	f.g.layout.height = H;

	f.g.fontsize = NAN;
	buf = render(&f.g, FG_FMT_PNG, &len, &rc, &err);
	CHECK(rc == -1);
	free(buf);
	f.g.fontsize = 12;

	/* garbage frames: out-of-range node, NaN and negative geometry */
	f.fr[1].node = 999;
	f.fr[2].x1 = NAN;
	f.fr[0].x2 = -50;
	f.g.search = "a";
	buf = render(&f.g, FG_FMT_PNG, &len, &rc, &err);
	CHECK(rc == 0 && len > 8);
	free(buf);
	f.g.search = NULL;

	/* far outside the image, past cairo's fixed point: cut, drawn */
	f.fr[1].node = 1;
	f.fr[2].x1 = -1e12;
	f.fr[2].x2 = 1e12;
	f.fr[2].y1 = -3e9;
	buf = render(&f.g, FG_FMT_PNG, &len, &rc, &err);
	CHECK(rc == 0 && len > 8);
	if (rc == 0) {
		cairo_surface_t *s = decode(buf, len);

		if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
			CHECK(near(pixel(s, 0, 0), 0x0000ff, 0));
			CHECK(near(pixel(s, W - 1, 40), 0x0000ff, 0));
		}
		cairo_surface_destroy(s);
	}
	free(buf);
	f.fr[2].x1 = 150;
	f.fr[2].x2 = 290;
	f.fr[2].y1 = 37;

	/* no frames at all: background and title */
	f.g.layout.n = 0;
	buf = render(&f.g, FG_FMT_PNG, &len, &rc, &err);
	CHECK(rc == 0 && len > 8);
	free(buf);
	f.g.layout.n = 3;

	/* a write error is reported */
	f.fr[1].node = 1;
	{
		FILE *fp;
		int fd[2];

		/* a pipe nobody reads: EPIPE (SIGPIPE ignored) */
		signal(SIGPIPE, SIG_IGN);
		CHECK(pipe(fd) == 0);
		close(fd[0]);
		if ((fp = fdopen(fd[1], "w")) != NULL) {
			setvbuf(fp, NULL, _IONBF, 0);
			CHECK(fg_render(&f.g, FG_FMT_PNG, fp, &err) == -1);
			CHECK_STR(err.msg, "write error: Broken pipe");
			CHECK(fg_render(&f.g, FG_FMT_PDF, fp, &err) == -1);
			CHECK_STR(err.msg, "write error: Broken pipe");
			fclose(fp);
		}
	}
	fg_trie_free(&f.t);
}

/* Whether s[0..n) contains the string w. */
static int
has(const char *s, size_t n, const char *w, size_t wl)
{
	size_t i;

	for (i = 0; i + wl <= n; i++)
		if (memcmp(s + i, w, wl) == 0)
			return 1;
	return 0;
}

static void
test_pdf(void)
{
	struct fixture f;
	struct fg_err err;
	char *a, *b;
	size_t alen, blen;
	int rc;

	setup(&f, "main", 4, "b\xff", 2);
	f.g.subtitle = "subtitle";
	a = render(&f.g, FG_FMT_PDF, &alen, &rc, &err);
	CHECK(rc == 0);
	CHECK(alen > 5 && memcmp(a, "%PDF-", 5) == 0);
	CHECK(alen > 6 && has(a, alen, "%%EOF", 5));
	CHECK(!has(a, alen, "CreationDate", 12));
	CHECK(!has(a, alen, "ModDate", 7));
	CHECK(has(a, alen, "MediaBox [ 0 0 300 102 ]", 24));
	CHECK(has(a, alen, "/Title (Flame Graph)", 20));
	b = render(&f.g, FG_FMT_PDF, &blen, &rc, &err);
	CHECK(rc == 0 && alen == blen && memcmp(a, b, alen) == 0);
	free(a);
	free(b);
	fg_trie_free(&f.t);
}

/* s is well-formed UTF-8: no overlong forms, surrogates, > U+10FFFF. */
static int
valid_utf8(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t cp, min;
	int n, k;

	while (*s != 0) {
		if (*s < 0x80) {
			s++;
			continue;
		}
		if ((*s & 0xe0) == 0xc0)
			n = 1, cp = *s & 0x1f, min = 0x80;
		else if ((*s & 0xf0) == 0xe0)
			n = 2, cp = *s & 0x0f, min = 0x800;
		else if ((*s & 0xf8) == 0xf0)
			n = 3, cp = *s & 0x07, min = 0x10000;
		else
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		s += n + 1;
	}
	return 1;
}

static void
test_utf8_oracle(void)
{
	CHECK(valid_utf8("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x94\xa5"));
	CHECK(!valid_utf8("\xc3"));
	CHECK(!valid_utf8("\xc0\xaf"));		/* overlong */
	CHECK(!valid_utf8("\xed\xa0\x80"));		/* surrogate */
	CHECK(!valid_utf8("\xf4\x90\x80\x80"));	/* > U+10FFFF */
	CHECK(!valid_utf8("\xff"));
}

static void
test_labels(void)
{
	const char *alpha = "abcdefghijklmnopqrstuvwxyz0123456789abcdefghij";
	char e[200], lab[256], name[64];
	struct fixture f;
	size_t n, i;

	setup(&f, alpha, strlen(alpha), "x\xff\xfe" "y\xc3_[j]", 9);
	CHECK(fg_render_label(&f.g, 0, lab, sizeof(lab)) == 0);
	CHECK_STR(lab, "");

	n = fg_render_label(&f.g, 1, lab, sizeof(lab));
	CHECK(n == strlen(lab) && n > 10 && n < strlen(alpha));
	CHECK(strncmp(lab, alpha, n - 2) == 0);
	CHECK(n > 2 && strcmp(lab + n - 2, "..") == 0);
	/* invalid bytes become U+FFFD; the annotation goes */
	fg_render_label(&f.g, 2, lab, sizeof(lab));
	CHECK_STR(lab, "x\xef\xbf\xbd\xef\xbf\xbdy\xef\xbf\xbd");

	/* a wider frame (and image): the whole name */
	f.g.layout.width = 700;
	f.fr[1].x2 = 600;
	fg_render_label(&f.g, 1, lab, sizeof(lab));
	CHECK_STR(lab, alpha);
	/* a small buffer gets a NUL terminated head; the length stays */
	CHECK(fg_render_label(&f.g, 1, lab, 5) == strlen(alpha));
	CHECK_STR(lab, "abcd");
	f.fr[1].x2 = 150;
	f.g.layout.width = W;

	/* left truncation keeps the tail */
	f.g.truncate = FG_TRUNC_LEFT;
	n = fg_render_label(&f.g, 1, lab, sizeof(lab));
	CHECK(n > 10 && n < strlen(alpha));
	CHECK(strncmp(lab, "..", 2) == 0);
	CHECK(strcmp(lab + 2, alpha + strlen(alpha) - (n - 2)) == 0);
	f.g.truncate = FG_TRUNC_RIGHT;

	/* no label under 2 * fontsize * fontwidth = 14.16 px */
	f.fr[1].x2 = 10 + 14.1;
	CHECK(fg_render_label(&f.g, 1, lab, sizeof(lab)) == 0);
	/* 20 px: 17 px hold one character and ".." */
	f.fr[1].x2 = 10 + 20;
	fg_render_label(&f.g, 1, lab, sizeof(lab));
	CHECK_STR(lab, "a..");
	fg_trie_free(&f.t);

	/* multibyte names are cut between characters, never inside one */
	for (i = 0; i < 30; i++)
		memcpy(e + 2 * i, "\xc3\xa9", 2);	/* e acute */
	memcpy(e + 60, "\xe2\x82\xac\xf0\x9f\x94\xa5", 7);
	setup(&f, e, 67, "\xf0\x9f\x94\xa5\xf0\x9f\x94\xa5x", 9);
	for (i = 15; i < 300; i += 3) {
		f.fr[1].x2 = 10 + i;
		f.fr[2].x1 = 290 - i;
		f.g.truncate = i % 2 ? FG_TRUNC_LEFT : FG_TRUNC_RIGHT;
		fg_render_label(&f.g, 1, lab, sizeof(lab));
		CHECK(valid_utf8(lab));
		fg_render_label(&f.g, 2, lab, sizeof(lab));
		CHECK(valid_utf8(lab));
	}
	fg_trie_free(&f.t);

	/* NUL and control bytes inside a name */
	memcpy(name, "a\0b\tc", 5);
	setup(&f, name, 5, "\x7f", 1);
	fg_render_label(&f.g, 1, lab, sizeof(lab));
	CHECK(memcmp(lab, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c", 9) == 0);
	fg_render_label(&f.g, 2, lab, sizeof(lab));
	CHECK_STR(lab, "\xef\xbf\xbd");
	fg_trie_free(&f.t);

	/* as the SVG writes them: one U+FFFD per bad byte, C1 controls too */
	setup(&f, "\xe2\x82z", 3, "\xc2\x85\xc2\xa0", 4);
	fg_render_label(&f.g, 1, lab, sizeof(lab));
	CHECK_STR(lab, "\xef\xbf\xbd\xef\xbf\xbdz");
	fg_render_label(&f.g, 2, lab, sizeof(lab));
	CHECK_STR(lab, "\xef\xbf\xbd\xc2\xa0");
	fg_trie_free(&f.t);
}

/* A long-named, deep random-ish graph: no crash, labels stay in frames. */
static void
test_many(void)
{
	struct fg_trie t;
	struct fg_frame *fr;
	struct fg_rgb *fill;
	struct fg_graph g;
	struct fg_err err;
	char name[600], lab[1024];
	char *buf;
	size_t len, i, n = 2000;
	uint32_t node = 0;
	int64_t v[2] = { 1, 1 };
	int rc;

	fg_trie_init(&t);
	fr = xcalloc(n, sizeof(*fr));
	fill = xcalloc(n, sizeof(*fill));
	for (i = 0; i < n; i++) {
		size_t k, nl = 1 + (i * 7919) % sizeof(name);

		for (k = 0; k < nl; k++)
			name[k] = (char)(0x20 + (i * 31 + k * 17) % 0xe0);
		node = fg_trie_child(&t, i % 3 == 0 ? 0 : node,
		    fg_intern(&t.names, name, nl));
		fg_trie_add(&t, node, v, 0);
		fr[i].node = node;
		fr[i].depth = i % 40;
		fr[i].x1 = 10 + (i * 13) % 1000 + 0.37;
		fr[i].x2 = fr[i].x1 + (i % 17) * 11.3 + 0.05;
		fr[i].y1 = 36 + (i % 40) * 16;
		fr[i].y2 = fr[i].y1 + 15;
		fill[i] = (struct fg_rgb){ (uint8_t)i, (uint8_t)(i >> 3), 99 };
	}
	CHECK(fg_trie_finish(&t) == 0);
	memset(&g, 0, sizeof(g));
	g.trie = &t;
	g.layout.frames = fr;
	g.layout.n = n;
	g.layout.width = 1200;
	g.layout.height = 40 * 16 + 70;
	g.fill = fill;
	g.title = "\xff title \xc3";
	g.fontsize = 12;
	g.fontwidth = 0.59;
	g.truncate = FG_TRUNC_LEFT;
	buf = render(&g, FG_FMT_PNG, &len, &rc, &err);
	CHECK(rc == 0 && len > 8);
	free(buf);
	buf = render(&g, FG_FMT_PDF, &len, &rc, &err);
	CHECK(rc == 0 && len > 8);
	free(buf);
	for (i = 0; i < n; i += 7) {
		fg_render_label(&g, i, lab, sizeof(lab));
		CHECK(valid_utf8(lab));
	}
	free(fr);
	free(fill);
	fg_trie_free(&t);
}

int
main(void)
{
	test_utf8_oracle();
	test_png();
	test_bands();
	test_search();
	test_overflow();
	test_errors();
	test_pdf();
	test_labels();
	test_many();
	return check_done();
}
