/* test_layout.c - unit tests for layout, chart, palette, graph texts and the SVG escaping. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "check.h"
#include "folded.h"
#include "graph.h"
#include "layout.h"
#include "palette.h"
#include "svg.h"
#include "trie.h"
#include "util.h"

static const struct fg_layout_opts defaults = {
	1200, 16, 12, 0.1, 0, 0, 0, 0, FG_COL, NULL, NULL, NULL
};

/* Load folded text into t (finished). */
static void
load(struct fg_trie *t, const char *text)
{
	struct fg_folded f;
	struct fg_err err;

	fg_trie_init(t);
	fg_folded_init(&f, t, "in");
	CHECK(fg_folded_buf(&f, text, strlen(text), &err) == 0);
	CHECK(fg_trie_finish(t) == 0);
	fg_folded_free(&f);
}

static const char *
name_of(const struct fg_trie *t, const struct fg_layout *l, size_t i)
{
	return fg_intern_get(&t->names, t->nodes[l->frames[i].node].name)->s;
}

/* Index of the frame named name at depth d, or -1. */
static long
find(const struct fg_trie *t, const struct fg_layout *l, const char *name,
    uint32_t d)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->frames[i].depth == d && strcmp(name_of(t, l, i), name) == 0)
			return (long)i;
	return -1;
}

static int
near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static void
test_positions(void)
{
	struct fg_layout l;
	struct fg_trie t;
	struct fg_err err;
	long i;

	/* totals: a 4 (b 1, c 3), d 4: 8 in all, 147.5 px per count */
	load(&t, "d 4\na;c 3\na;b 1\n");
	CHECK(fg_layout(&l, &t, &defaults, &err) == 0);
	CHECK(l.n == 5);
	CHECK(l.maxdepth == 2);
	CHECK(near(l.widthpertime, 1180.0 / 8));
	CHECK(near(l.timemax, 8));
	/* pre-order, siblings by name: all, a, b, c, d */
	CHECK_STR(name_of(&t, &l, 0), "");
	CHECK_STR(name_of(&t, &l, 1), "a");
	CHECK_STR(name_of(&t, &l, 2), "b");
	CHECK_STR(name_of(&t, &l, 3), "c");
	CHECK_STR(name_of(&t, &l, 4), "d");
	CHECK(near(l.frames[0].x1, 10) && near(l.frames[0].x2, 1190));
	CHECK(near(l.frames[1].x1, 10) && near(l.frames[1].x2, 600));
	CHECK(near(l.frames[2].x1, 10) && near(l.frames[2].x2, 157.5));
	CHECK(near(l.frames[3].x1, 157.5) && near(l.frames[3].x2, 600));
	CHECK(near(l.frames[4].x1, 600) && near(l.frames[4].x2, 1190));
	/* height = 3 rows * 16 + 36 + 34; the root is the bottom row */
	CHECK(near(l.height, 118));
	CHECK(near(l.frames[0].y1, 118 - 34 - 16 + 1) && near(l.frames[0].y2, 84));
	i = find(&t, &l, "b", 2);
	CHECK(i == 2 && near(l.frames[i].y1, 118 - 34 - 48 + 1) &&
	    near(l.frames[i].y2, 118 - 34 - 32));
	fg_layout_free(&l);
	fg_trie_free(&t);

	/* a frame's own count comes before its children, as sorted lines do */
	load(&t, "a;b 2\na 2\n");
	CHECK(fg_layout(&l, &t, &defaults, &err) == 0);
	i = find(&t, &l, "b", 2);
	CHECK(i >= 0 && near(l.frames[i].x1, 10 + 2 * 1180.0 / 4));
	fg_layout_free(&l);
	fg_trie_free(&t);

	/* an empty stack adds to the root only */
	load(&t, " 2\na 2\n");
	CHECK(fg_layout(&l, &t, &defaults, &err) == 0);
	CHECK(l.n == 2 && near(l.frames[1].x1, 600) && l.maxdepth == 1);
	fg_layout_free(&l);
	fg_trie_free(&t);
}

static void
test_inverted_subtitle(void)
{
	struct fg_layout_opts o = defaults;
	struct fg_layout l;
	struct fg_trie t;
	struct fg_err err;

	load(&t, "a;b 1\n");
	o.inverted = 1;
	CHECK(fg_layout(&l, &t, &o, &err) == 0);
	CHECK(near(l.height, 3 * 16 + 36 + 34));
	CHECK(near(l.frames[0].y1, 36) && near(l.frames[0].y2, 51));
	CHECK(near(l.frames[2].y1, 36 + 32) && near(l.frames[2].y2, 36 + 47));
	fg_layout_free(&l);
	/* a subtitle adds 2 * fontsize, and pushes an icicle's rows down */
	o.subtitle = 1;
	CHECK(fg_layout(&l, &t, &o, &err) == 0);
	CHECK(near(l.height, 3 * 16 + 36 + 34 + 24));
	CHECK(near(l.frames[0].y1, 36 + 24));
	fg_layout_free(&l);
	o.inverted = 0;
	CHECK(fg_layout(&l, &t, &o, &err) == 0);
	CHECK(near(l.frames[0].y2, l.height - 34));
	fg_layout_free(&l);
	fg_trie_free(&t);
}

static void
test_minwidth(void)
{
	struct fg_layout_opts o = defaults;
	struct fg_layout l;
	struct fg_trie t;
	struct fg_err err;
	long i;

	/* 1180 px for 1000 counts: 1.18 px each */
	load(&t, "a;x;y;z 1\nb 2\nc;k 997\n");
	CHECK(fg_layout(&l, &t, &o, &err) == 0);
	CHECK(l.n == 8 && l.maxdepth == 4);
	fg_layout_free(&l);

	/* 2 px: a (1.18 px) goes with its whole subtree; depth drops to 2 */
	o.minwidth = 2;
	CHECK(fg_layout(&l, &t, &o, &err) == 0);
	CHECK(l.n == 4);
	CHECK(find(&t, &l, "a", 1) < 0 && find(&t, &l, "z", 4) < 0);
	CHECK(l.maxdepth == 2);
	CHECK(near(l.height, 3 * 16 + 70));
	/* widths are not redistributed: b keeps its place after a's gap */
	i = find(&t, &l, "b", 1);
	CHECK(i >= 0 && near(l.frames[i].x1, 10 + 1.18));
	fg_layout_free(&l);

	/* exactly the minimum stays: b is 2.36 px */
	o.minwidth = 2.36;
	CHECK(fg_layout(&l, &t, &o, &err) == 0);
	CHECK(find(&t, &l, "b", 1) >= 0);
	fg_layout_free(&l);

	/* percent of the total: 0.2% of 1000 is 2 counts */
	o.minwidth = 0.2;
	o.minwidth_pct = 1;
	CHECK(fg_layout(&l, &t, &o, &err) == 0);
	CHECK(find(&t, &l, "a", 1) < 0 && find(&t, &l, "b", 1) >= 0);
	fg_layout_free(&l);
	o.minwidth = 0.21;
	CHECK(fg_layout(&l, &t, &o, &err) == 0);
	CHECK(find(&t, &l, "b", 1) < 0 && find(&t, &l, "c", 1) >= 0);
	fg_layout_free(&l);
	fg_trie_free(&t);

	/* zero counts are drawn only with a minimum width of 0 */
	load(&t, "a 0\nb 5\n");
	o = defaults;
	CHECK(fg_layout(&l, &t, &o, &err) == 0);
	CHECK(l.n == 2);
	fg_layout_free(&l);
	o.minwidth = 0;
	CHECK(fg_layout(&l, &t, &o, &err) == 0);
	CHECK(l.n == 3 && find(&t, &l, "a", 1) == 1 &&
	    near(l.frames[1].x1, l.frames[1].x2));
	fg_layout_free(&l);
	fg_trie_free(&t);
}

static void
test_total_scale(void)
{
	struct fg_layout_opts o = defaults;
	struct fg_layout l;
	struct fg_trie t;
	struct fg_err err;

	/* --total: a larger denominator; the root still spans the width */
	load(&t, "a 30\nb 10\n");
	o.total = 80;
	CHECK(fg_layout(&l, &t, &o, &err) == 0);
	CHECK(near(l.timemax, 80));
	CHECK(near(l.frames[0].x2, 1190));
	CHECK(near(l.frames[1].x2, 10 + 30 * 1180.0 / 80));
	fg_layout_free(&l);
	/* a smaller one is ignored */
	o.total = 20;
	CHECK(fg_layout(&l, &t, &o, &err) == 0);
	CHECK(near(l.timemax, 40));
	fg_layout_free(&l);
	fg_trie_free(&t);

	/* decimal counts: fixed point inside, the same geometry */
	load(&t, "a 0.5\nb 1.25\nc 2.25\n");
	CHECK(fg_layout(&l, &t, &defaults, &err) == 0);
	CHECK(near(l.timemax, 4));
	CHECK(near(l.frames[2].x1, 10 + 0.5 * 295) &&
	    near(l.frames[2].x2, 10 + 1.75 * 295));
	fg_layout_free(&l);
	fg_trie_free(&t);

	/* nothing to draw */
	load(&t, "a 0\n");
	CHECK(fg_layout(&l, &t, &defaults, &err) != 0);
	CHECK(strstr(err.msg, "no stack counts") != NULL);
	fg_trie_free(&t);
}

static void
test_deep(void)
{
	struct fg_buf b = { 0 };
	struct fg_layout_opts o = defaults;
	struct fg_layout l;
	struct fg_trie t;
	struct fg_err err;
	int i;

	/* 200000 frames deep: no recursion anywhere */
	for (i = 0; i < 200000; i++)
		fg_buf_puts(&b, i ? ";f" : "f");
	fg_buf_puts(&b, " 1\n");
	fg_buf_putc(&b, '\0');
	load(&t, b.p);
	o.minwidth = 0;
	CHECK(fg_layout(&l, &t, &o, &err) == 0);
	CHECK(l.n == 200001 && l.maxdepth == 200000);
	CHECK(near(l.frames[200000].y1, l.ypad1 + 1));
	fg_layout_free(&l);
	fg_trie_free(&t);
	fg_buf_free(&b);
}

struct chartctx {
	struct fg_chart *c;
	struct fg_trie *src;
};

static void
chart_added(void *arg, uint32_t node, const int64_t v[2], int scale)
{
	struct chartctx *x = arg;

	fg_chart_add(x->c, x->src, node, v, scale);
}

/* The chart of text, as --flamechart builds it. */
static void
chart_of(struct fg_chart *c, struct fg_trie *src, const char *text, int chain)
{
	struct chartctx x = { c, src };
	struct fg_folded f;
	struct fg_err err;

	fg_trie_init(src);
	fg_chart_init(c);
	c->chain = chain;
	fg_folded_init(&f, src, "in");
	f.added = chart_added;
	f.arg = &x;
	CHECK(fg_folded_buf(&f, text, strlen(text), &err) == 0);
	fg_folded_free(&f);
	CHECK(fg_chart_finish(c, &err) == 0);
}

static void
test_chart(void)
{
	struct fg_layout_opts o = defaults;
	struct fg_layout l;
	struct fg_chart c;
	struct fg_trie src;
	struct fg_err err;
	const double w = 1180.0 / 9;

	/*
	 * Only adjacent lines share frames, in input order; a frame's own
	 * time sits where its lines came: a = [0,4) with b at 0 and 2, the
	 * root's own 3 after c, then a second c.
	 */
	chart_of(&c, &src, "a;b 1\na 1\na;b 2\nc 1\n 3\nc;d 1\n", 0);
	o.lead = c.lead;
	CHECK(fg_layout(&l, &c.trie, &o, &err) == 0);
	CHECK(l.n == 7);
	CHECK_STR(name_of(&c.trie, &l, 1), "a");
	CHECK(near(l.frames[1].x1, 10) && near(l.frames[1].x2, 10 + 4 * w));
	CHECK_STR(name_of(&c.trie, &l, 2), "b");
	CHECK(near(l.frames[2].x1, 10) && near(l.frames[2].x2, 10 + w));
	CHECK_STR(name_of(&c.trie, &l, 3), "b");
	CHECK(near(l.frames[3].x1, 10 + 2 * w) && near(l.frames[3].x2, 10 + 4 * w));
	CHECK_STR(name_of(&c.trie, &l, 4), "c");
	CHECK(near(l.frames[4].x1, 10 + 4 * w));
	CHECK_STR(name_of(&c.trie, &l, 5), "c");
	CHECK(near(l.frames[5].x1, 10 + 8 * w));
	CHECK_STR(name_of(&c.trie, &l, 6), "d");
	CHECK(near(l.frames[6].x1, 10 + 8 * w) && near(l.frames[6].x2, 1190));
	fg_layout_free(&l);
	fg_chart_free(&c);
	fg_trie_free(&src);

	/* repeated stacks on adjacent lines merge; the scale may grow later */
	chart_of(&c, &src, "x;y 1\nx;y 2\nx 1\nx;y 0.5\n", 0);
	o.lead = c.lead;
	CHECK(fg_layout(&l, &c.trie, &o, &err) == 0);
	CHECK(l.n == 4 && near(l.timemax, 4.5));
	CHECK(near(l.frames[2].x2, 10 + 3 * 1180 / 4.5));
	CHECK(near(l.frames[3].x1, 10 + 4 * 1180 / 4.5));
	fg_layout_free(&l);
	fg_chart_free(&c);
	fg_trie_free(&src);
}

/* Names of the frames of the stack t has for path, after chain rewriting. */
static void
test_chain(void)
{
	struct fg_trie src, dst;
	struct fg_buf b = { 0 }, out = { 0 };
	struct fg_err err;
	size_t *ends, n, k;
	uint32_t *e, path[16], d, i;

	load(&src, "a;--;b;c 1\nx;y 2\nq;--;r;--;s;--;--;t 3\n-- 1\n 1\n");
	fg_trie_init(&dst);
	CHECK(fg_chain_trie(&dst, &src, &err) == 0);
	CHECK(fg_trie_finish(&dst) == 0);
	e = fg_trie_sorted_ends(&dst, &n);
	for (k = 0; k < n; k++) {
		d = dst.nodes[e[k]].depth;
		fg_trie_path(&dst, e[k], path);
		for (i = 0; i < d; i++) {
			if (i > 0)
				fg_buf_putc(&out, ';');
			fg_buf_puts(&out, fg_intern_get(&dst.names, path[i])->s);
		}
		fg_buf_putc(&out, '\n');
	}
	fg_buf_putc(&out, '\0');
	CHECK_STR(out.p, "--;--\n;--\na;--;b_[w];c_[w]\n"
	    "q;--;r_[w];--;s_[w];--;--_[w];t_[w]\nx;y;--\n");
	(void)ends;
	free(e);
	fg_buf_free(&out);
	fg_buf_free(&b);
	fg_trie_free(&dst);
	fg_trie_free(&src);
}

/* A one-frame graph over t for text tests. */
static void
graph_of(struct fg_graph *g, struct fg_trie *t, const char *text, double width)
{
	struct fg_layout_opts o = defaults;
	struct fg_err err;

	load(t, text);
	memset(g, 0, sizeof(*g));
	g->trie = t;
	g->title = "T";
	g->notes = "";
	g->countname = "samples";
	g->nametype = "Function:";
	g->fonttype = "Verdana";
	g->fontsize = 12;
	g->fontwidth = 0.59;
	g->factor = 1;
	o.imagewidth = width;
	o.minwidth = 0;
	CHECK(fg_layout(&g->layout, t, &o, &err) == 0);
}

static char *
label(const struct fg_graph *g, size_t i)
{
	struct fg_buf b = { 0 };

	fg_graph_label(g, i, &b);
	fg_buf_putc(&b, '\0');
	return b.p;
}

static char *
tooltip(const struct fg_graph *g, size_t i)
{
	struct fg_buf b = { 0 };

	fg_graph_tooltip(g, i, &b);
	fg_buf_putc(&b, '\0');
	return b.p;
}

static void
test_labels(void)
{
	struct fg_graph g;
	struct fg_trie t;
	char *s;

	/* 100.3 px for one frame: int(100.3 / 7.08) = 14 characters */
	graph_of(&g, &t, "runtime.mallocgc_[k] 1\n", 120.3);
	CHECK((s = label(&g, 0)) != NULL && strcmp(s, "") == 0);
	free(s);
	CHECK_STR((s = label(&g, 1)), "runtime.mall..");
	free(s);
	g.truncate = FG_TRUNC_LEFT;
	CHECK_STR((s = label(&g, 1)), "..ime.mallocgc");
	free(s);
	fg_layout_free(&g.layout);
	fg_trie_free(&t);

	/* a name that fits exactly keeps its annotation stripped, no dots */
	graph_of(&g, &t, "abcdefghijklmn_[j] 1\n", 120.3);
	CHECK_STR((s = label(&g, 1)), "abcdefghijklmn");
	free(s);
	fg_layout_free(&g.layout);
	fg_trie_free(&t);

	/* characters, not bytes: 4 fit, the 3-byte ones stay whole */
	graph_of(&g, &t, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe9\x96\xa2 1\n",
	    20 + 4 * 7.08 + 0.01);
	CHECK_STR((s = label(&g, 1)), "\xe6\x97\xa5\xe6\x9c\xac..");
	free(s);
	g.truncate = FG_TRUNC_LEFT;
	CHECK_STR((s = label(&g, 1)), "..\xe3\x81\xae\xe9\x96\xa2");
	free(s);
	fg_layout_free(&g.layout);
	fg_trie_free(&t);

	/* invalid UTF-8 and control bytes become U+FFFD, one character each */
	graph_of(&g, &t, "a\xff\x01z 1\n", 1200);
	CHECK_STR((s = label(&g, 1)), "a\xef\xbf\xbd\xef\xbf\xbdz");
	free(s);
	fg_layout_free(&g.layout);
	fg_trie_free(&t);

	/* fewer than 3 characters fit: no label */
	graph_of(&g, &t, "abcdef 1\n", 20 + 3 * 7.08 - 0.01);
	CHECK_STR((s = label(&g, 1)), "");
	free(s);
	fg_layout_free(&g.layout);
	fg_trie_free(&t);
}

static void
test_tooltips(void)
{
	struct fg_graph g;
	struct fg_trie t;
	char *s;

	graph_of(&g, &t, "a;b 1500\na 500\nc_[k] 1000.5\n", 1200);
	CHECK_STR((s = tooltip(&g, 0)), "all (3,000 samples, 100%)");
	free(s);
	CHECK_STR((s = tooltip(&g, 1)),
	    "a (2,000 samples, 66.66%)\nself: 500 samples, 16.66%");
	free(s);
	/* 1000.5 shows as 1,000 (half to even), and 1000 / 3000.5 is 33.33% */
	CHECK_STR((s = tooltip(&g, 3)),
	    "c (1,000 samples, 33.33%)\nself: 1,000 samples, 33.33%");
	free(s);
	/* %.0f rounds half to even, and P comes from the rounded N */
	g.factor = 0.029;	/* 1000.5 * 0.029 = 29.0145 */
	g.countname = "ms";
	CHECK_STR((s = tooltip(&g, 3)),
	    "c (29 ms, 33.33%)\nself: 29 ms, 33.33%");
	free(s);
	fg_layout_free(&g.layout);
	fg_trie_free(&t);

	graph_of(&g, &t, "x 87\ny 268\n", 1200);
	g.factor = 0.5;		/* 43.5 -> 44, 134 -> 134 */
	CHECK_STR((s = tooltip(&g, 1)), "x (44 samples, 24.79%)\nself: 44 samples, 24.79%");
	free(s);
	CHECK_STR((s = tooltip(&g, 2)), "y (134 samples, 75.49%)\nself: 134 samples, 75.49%");
	free(s);
	fg_layout_free(&g.layout);
	fg_trie_free(&t);

	/* differential: the frame's own change against the total, then
	 * before, after and the change of the subtree and of the frame */
	graph_of(&g, &t, "a;b 10 30\na 5 1\n", 1200);
	g.diff = 1;
	CHECK_STR((s = tooltip(&g, 0)), "all (31 samples, 100%)\n"
	    "subtree: before 15, after 31, change +16 (+106.67%)");
	free(s);
	CHECK_STR((s = tooltip(&g, 1)), "a (31 samples, 100.00%; -12.90%)\n"
	    "subtree: before 15, after 31, change +16 (+106.67%)\n"
	    "self: before 5, after 1, change -4 (-80.00%)");
	free(s);
	CHECK_STR((s = tooltip(&g, 2)), "b (30 samples, 96.77%; +64.52%)\n"
	    "subtree: before 10, after 30, change +20 (+200.00%)\n"
	    "self: before 10, after 30, change +20 (+200.00%)");
	free(s);
	/* --negate reads the columns as AFTER BEFORE */
	g.negate = 1;
	CHECK_STR((s = tooltip(&g, 2)), "b (30 samples, 96.77%; -64.52%)\n"
	    "subtree: before 30, after 10, change -20 (-66.67%)\n"
	    "self: before 30, after 10, change -20 (-66.67%)");
	free(s);
	fg_layout_free(&g.layout);
	fg_trie_free(&t);
}

static void
test_fmt(void)
{
	char a[128], b[128];
	uint64_t x = 88172645463325252ULL;
	double v;
	int i, prec, bad = 0;

	fg_fmt_double(a, 0.125, 2);
	CHECK_STR(a, "0.12");
	fg_fmt_double(a, 0.375, 2);
	CHECK_STR(a, "0.38");
	fg_fmt_double(a, 0.15, 1);	/* 0.1499999... */
	CHECK_STR(a, "0.1");
	fg_fmt_double(a, 2.5, 0);
	CHECK_STR(a, "2");
	fg_fmt_double(a, -0.001, 2);
	CHECK_STR(a, "-0.00");
	fg_fmt_double(a, 1e30, 1);
	snprintf(b, sizeof(b), "%.1f", 1e30);
	CHECK_STR(a, b);
	fg_fmt_num(a, 342);
	CHECK_STR(a, "342");
	fg_fmt_num(a, 143.5);
	CHECK_STR(a, "143.5");
	fg_fmt_num(a, 1.0 / 3);
	CHECK_STR(a, "0.333333333333333");
	/* against printf: random values, ties and near-ties */
	for (i = 0; i < 300000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		prec = (int)(x % 4);
		switch (i % 3) {
		case 0:
			v = (double)(x >> 11) / (double)(1ULL << 40);
			break;
		case 1:
			v = (double)(x % 2000000) / 8 / (prec == 3 ? 1000 : 100);
			break;
		default:
			v = (double)(x % 100000) / 1000 + 0.0005;
			break;
		}
		if (x & 1)
			v = -v;
		fg_fmt_double(a, v, prec);
		snprintf(b, sizeof(b), "%.*f", prec, v);
		if (strcmp(a, b) != 0 && bad++ < 5)
			fprintf(stderr, "fmt %.17g %d: %s != %s\n", v, prec, a, b);
	}
	CHECK(bad == 0);
}

static void
test_palette(void)
{
	struct fg_palette p;
	struct fg_rgb c, d, top, bottom;

	/* Perl: srand(unpack("%32W*", "main")); rand(1) */
	CHECK(near(fg_palette_seedvalue("main", 4), 0.778599984319047));
	fg_palette_init(&p, FG_PAL_HOT, FG_COLOR_NAME, 0);
	c = fg_palette_color(&p, "main", 4);
	CHECK(c.r == 243 && c.g == 179 && c.b == 42);
	/* code points, not bytes: 0.38356099005705246 and 0.97035136057911942 */
	c = fg_palette_color(&p, "h\xc3\xa9llo", 6);
	CHECK(c.r == 224 && c.g == 88 && c.b == 21);
	c = fg_palette_color(&p, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 9);
	CHECK(c.r == 253 && c.g == 223 && c.b == 53);
	/* the same name, the same colour, in any graph */
	d = fg_palette_color(&p, "main", 4);
	CHECK(c.r != d.r && d.r == 243);
	fg_palette_free(&p);

	/* --hash: namehash 0.36335138216015961, reversed 0.85437446565973207 */
	fg_palette_init(&p, FG_PAL_HOT, FG_COLOR_HASH, 0);
	c = fg_palette_color(&p, "main", 4);
	CHECK(c.r == 247 && c.g == 83 && c.b == 46);
	/* "libc.so`malloc": the module is dropped (0.4890282131661442) */
	p.pal = FG_PAL_RED;
	c = fg_palette_color(&p, "libc.so`malloc", 14);
	CHECK(c.r == 200 + 26 && c.g == 50 + 39);
	fg_palette_free(&p);

	/* multi palettes pick a flat one by name */
	fg_palette_init(&p, FG_PAL_JAVA, FG_COLOR_NAME, 0);
	c = fg_palette_color(&p, "java/lang/Thread.run", 20);
	CHECK(c.g >= 200 && c.r < 120);			/* green */
	c = fg_palette_color(&p, "Interpreter_[i]", 15);
	CHECK(c.r < 120 && c.g >= 165 && c.g == c.b);	/* aqua */
	c = fg_palette_color(&p, "do_syscall_64_[k]", 17);
	CHECK(c.r >= 190 && c.b == 0);			/* orange */
	c = fg_palette_color(&p, "std::vector::push", 17);
	CHECK(c.r == c.g && c.b < 80);			/* yellow */
	fg_palette_free(&p);
	fg_palette_init(&p, FG_PAL_JS, FG_COLOR_NAME, 0);
	c = fg_palette_color(&p, " ", 1);
	CHECK(c.g >= 200 && c.r < 120);
	c = fg_palette_color(&p, "run /app/x.js:3", 15);
	CHECK(c.g >= 200 && c.r < 120);
	fg_palette_free(&p);

	CHECK(fg_palette_parse("aqua") == FG_PAL_AQUA);
	CHECK(fg_palette_parse("nope") < 0);
	CHECK(fg_palette_bg(NULL, FG_PAL_MEM, &top, &bottom) == 0 &&
	    bottom.r == 0xe0 && bottom.g == 0xff);
	CHECK(fg_palette_bg("#12ab9F", FG_PAL_HOT, &top, &bottom) == 0 &&
	    top.r == 0x12 && top.g == 0xab && bottom.b == 0x9f);
	CHECK(fg_palette_bg("#12ab9", FG_PAL_HOT, &top, &bottom) != 0);
	CHECK(fg_palette_bg("#<scrip", FG_PAL_HOT, &top, &bottom) != 0);

	/* differential scale */
	c = fg_palette_delta(5, 10);
	CHECK(c.r == 255 && c.g == 105 && c.b == 105);
	c = fg_palette_delta(-10, 10);
	CHECK(c.r == 0 && c.g == 0 && c.b == 255);
	c = fg_palette_delta(0, 10);
	CHECK(c.r == 255 && c.g == 255 && c.b == 255);
}

static void
test_palmap(void)
{
	static const char in[] = "zeta->rgb(1,2,3)\r\n\nop->()->rgb(255,0,9)\n"
	    "->rgb(7,7,7)\n";
	struct fg_palmap m;
	struct fg_rgb c;
	struct fg_err err;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	fg_palmap_init(&m);
	fg_palmap_parse(&m, in, strlen(in));
	CHECK(m.nbad == 0);
	CHECK(fg_palmap_get(&m, "op->()", 6, &c) && c.r == 255 && c.b == 9);
	CHECK(fg_palmap_get(&m, "", 0, &c) && c.g == 7);
	CHECK(!fg_palmap_get(&m, "op", 2, &c));
	fg_palmap_set(&m, "alpha", 5, (struct fg_rgb){ 4, 5, 6 });
	fp = open_memstream(&out, &len);
	CHECK(fg_palmap_write(&m, fp, &err) == 0);
	fclose(fp);
	CHECK_STR(out, "->rgb(7,7,7)\nalpha->rgb(4,5,6)\nop->()->rgb(255,0,9)\n"
	    "zeta->rgb(1,2,3)\n");
	free(out);
	fg_palmap_free(&m);
	/* malformed lines are skipped, counted, and not written back */
	fg_palmap_init(&m);
	fg_palmap_parse(&m, "a->rgb(1,2)\nok->rgb(1,2,3)\nb->rgb(1,2,256)\n"
	    "b->\"/><script>\nz->rgb(9,9,9)", 71);
	CHECK(m.nbad == 3 && m.badline == 1);
	CHECK(fg_palmap_get(&m, "ok", 2, &c) && c.b == 3);
	CHECK(fg_palmap_get(&m, "z", 1, &c) && c.r == 9);
	CHECK(!fg_palmap_get(&m, "a", 1, &c) && !fg_palmap_get(&m, "b", 1, &c));
	fp = open_memstream(&out, &len);
	CHECK(fg_palmap_write(&m, fp, &err) == 0);
	fclose(fp);
	CHECK_STR(out, "ok->rgb(1,2,3)\nz->rgb(9,9,9)\n");
	free(out);
	fg_palmap_free(&m);
}

static char *
put(const char *s, size_t n, int xml)
{
	struct fg_buf b = { 0 };

	fg_text_put(&b, s, n, xml);
	fg_buf_putc(&b, '\0');
	return b.p;
}

static void
test_escape(void)
{
	struct fg_buf b = { 0 };
	char *s;

	CHECK_STR((s = put("<script>\"x\"&'y'</script>", 24, 1)),
	    "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;");
	free(s);
	CHECK_STR((s = put("a]]>b\n", 6, 1)), "a]]&gt;b\n");
	free(s);
	CHECK_STR((s = put("a<\x01\xc0\xaf\xed\xa0\x80\xef\xbf\xbe\n", 13, 0)),
	    "a<\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	free(s);
	CHECK_STR((s = put("\xe2\x82\xac\xf0\x9f\x94\xa5", 7, 1)),
	    "\xe2\x82\xac\xf0\x9f\x94\xa5");
	free(s);
	fg_json_str(&b, "a\"\\</script>]]>&\n\xe2\x80\xa8\xff");
	fg_buf_putc(&b, '\0');
	CHECK_STR(b.p, "\"a\\\"\\\\\\u003c/script\\u003e]]\\u003e\\u0026\\u000a"
	    "\\u2028\\ufffd\"");
	fg_buf_free(&b);
	CHECK(fg_name_stripped("f_[k]", 5) == 1);
	CHECK(fg_name_stripped("f_[x]", 5) == 5);
	CHECK(fg_name_stripped("_[w]", 4) == 0);
}

int
main(void)
{
	test_positions();
	test_inverted_subtitle();
	test_minwidth();
	test_total_scale();
	test_deep();
	test_chart();
	test_chain();
	test_labels();
	test_tooltips();
	test_fmt();
	test_palette();
	test_palmap();
	test_escape();
	return check_done();
}
