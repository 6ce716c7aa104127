/* test_diff.c - differential graphs: normalisation, widths, colours of a change. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diff.h"
#include "folded.h"
#include "layout.h"
#include "trie.h"
#include "util.h"

/* Load folded text into t; finished unless normalize is set (then later). */
static void
load(struct fg_trie *t, const char *text, int finish)
{
	struct fg_folded f;
	struct fg_err err;

	fg_trie_init(t);
	fg_folded_init(&f, t, "in");
	CHECK(fg_folded_buf(&f, text, strlen(text), &err) == 0);
	if (finish)
		CHECK(fg_trie_finish(t) == 0);
	fg_folded_free(&f);
}

/* The node at the end of the ';'-separated path (root first), or 0. */
static uint32_t
node(const struct fg_trie *t, const char *path)
{
	const struct fg_name *nm;
	const char *p = path, *e;
	uint32_t n = 0, c;
	size_t len;

	while (*p != '\0') {
		e = strchr(p, ';');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		for (c = t->nodes[n].child; c != 0; c = t->nodes[c].next) {
			nm = fg_intern_get(&t->names, t->nodes[c].name);
			if (nm->len == len && memcmp(nm->s, p, len) == 0)
				break;
		}
		if (c == 0)
			return 0;
		n = c;
		p += len;
		if (*p == ';')
			p++;
	}
	return n;
}

static int
same(struct fg_rgb c, int r, int g, int b)
{
	return c.r == r && c.g == g && c.b == b;
}

static void
test_normalize(void)
{
	struct fg_trie t;
	struct fg_err err;

	/* BEFORE 1 + 2 = 3 scaled to AFTER's 10: 3.33 -> 3, 6.67 -> 7 */
	load(&t, "a 1 4\nb 2 6\n", 0);
	CHECK(fg_diff_normalize(&t, &err) == 0);
	CHECK(fg_trie_finish(&t) == 0);
	CHECK(t.nodes[node(&t, "a")].self[FG_BEFORE] == 3);
	CHECK(t.nodes[node(&t, "b")].self[FG_BEFORE] == 7);
	CHECK(t.nodes[0].total[FG_BEFORE] == 10);
	CHECK(t.nodes[node(&t, "a")].self[FG_COL] == 4);
	fg_trie_free(&t);

	/* halves round away from zero: 1 * 2 / 4 = 0.5 -> 1, 3 * 2 / 4 -> 2 */
	load(&t, "a 1 1\nb 3 1\n", 0);
	CHECK(fg_diff_normalize(&t, &err) == 0);
	CHECK(t.nodes[node(&t, "a")].self[FG_BEFORE] == 1);
	CHECK(t.nodes[node(&t, "b")].self[FG_BEFORE] == 2);
	fg_trie_free(&t);

	/* decimals keep the trie's precision: 0.5 * 3 / 2 = 0.75 */
	load(&t, "a 0.5 1.5\nb 1.5 1.5\n", 0);
	CHECK(t.scale == 1);
	CHECK(fg_diff_normalize(&t, &err) == 0);
	CHECK(t.nodes[node(&t, "a")].self[FG_BEFORE] == 8);	/* 0.75 -> 0.8 */
	CHECK(t.nodes[node(&t, "b")].self[FG_BEFORE] == 23);	/* 2.25 -> 2.3 */
	fg_trie_free(&t);

	/* nothing before: nothing to scale */
	load(&t, "a 0 5\n", 0);
	CHECK(fg_diff_normalize(&t, &err) == 1);
	CHECK(t.nodes[node(&t, "a")].self[FG_BEFORE] == 0);
	fg_trie_free(&t);

	/* overflow: nothing is changed */
	load(&t, "a 5 9000000000000000000\nb -4 0\n", 0);
	CHECK(fg_diff_normalize(&t, &err) == -1);
	CHECK(t.nodes[node(&t, "a")].self[FG_BEFORE] == 5);
	fg_trie_free(&t);
}

static void
test_widths(void)
{
	static const struct fg_layout_opts lo = {
		120, 16, 12, 0, 0, 0, 0, 0, FG_COL, NULL, NULL, NULL
	};
	struct fg_layout_opts o = lo;
	struct fg_diff d = { 0 };
	struct fg_layout l;
	struct fg_trie t;
	struct fg_err err;
	uint32_t a, b, c;

	/* a: own 2 before, 1 after; b removed (5 -> 0); c new (0 -> 3) */
	load(&t, "a;b 5 0\na;c 0 3\na 2 1\n", 1);
	a = node(&t, "a");
	b = node(&t, "a;b");
	c = node(&t, "a;c");
	CHECK(fg_diff_widths(&d, &t, &err) == 0);
	CHECK(d.own == NULL && d.wid == NULL);	/* AFTER: the trie's counts */
	d.width = FG_DW_BEFORE;
	CHECK(fg_diff_widths(&d, &t, &err) == 0);
	CHECK(d.wid[a] == 7 && d.own[a] == 2 && d.wid[b] == 5 && d.wid[c] == 0);
	d.width = FG_DW_MAX;
	CHECK(fg_diff_widths(&d, &t, &err) == 0);
	CHECK(d.own[a] == 2 && d.wid[b] == 5 && d.wid[c] == 3);
	CHECK(d.wid[a] == 10 && d.wid[0] == 10);

	/* the layout follows: 100 px for 10, a's own 2 first, then b, c */
	o.own = d.own;
	o.wid = d.wid;
	CHECK(fg_layout(&l, &t, &o, &err) == 0);
	CHECK(l.n == 4 && l.timemax == 10);
	CHECK(l.frames[1].node == a && l.frames[1].x1 == 10 &&
	    l.frames[1].x2 == 110);
	CHECK(l.frames[2].node == b && l.frames[2].x1 == 30 &&
	    l.frames[2].x2 == 80);
	CHECK(l.frames[3].node == c && l.frames[3].x1 == 80 &&
	    l.frames[3].x2 == 110);
	fg_layout_free(&l);

	/* kinds and their colours */
	CHECK(fg_diff_kind(&d, &t, b) == FG_DK_GONE);
	CHECK(fg_diff_kind(&d, &t, c) == FG_DK_NEW);
	CHECK(fg_diff_kind(&d, &t, a) == FG_DK_BOTH);
	CHECK(same(fg_diff_color(&d, &t, b, 10), 211, 211, 211));
	CHECK(same(fg_diff_color(&d, &t, c, 10), 143, 188, 143));
	d.negate = 1;
	CHECK(fg_diff_kind(&d, &t, b) == FG_DK_NEW);
	CHECK(same(fg_diff_color(&d, &t, c, 10), 211, 211, 211));
	d.negate = 0;
	fg_diff_free(&d);
	fg_trie_free(&t);

	/* signed input: magnitudes, whatever the width option */
	load(&t, "a;b -4\na;c 6\na 1\n", 1);
	d.sign = 1;
	d.width = FG_DW_AFTER;
	CHECK(fg_diff_widths(&d, &t, &err) == 0);
	CHECK(d.wid[node(&t, "a;b")] == 4 && d.wid[node(&t, "a")] == 11);
	CHECK(fg_diff_change(&d, &t, node(&t, "a;b"), 0) == -4);
	CHECK(fg_diff_change(&d, &t, node(&t, "a"), 1) == 3);
	CHECK(fg_diff_kind(&d, &t, node(&t, "a;b")) == FG_DK_BOTH);
	fg_diff_free(&d);
	fg_trie_free(&t);

	/* widths that overflow are an error */
	load(&t, "a;b 0 9000000000000000000\na;c 9000000000000000000 0\n", 1);
	d.sign = 0;
	d.width = FG_DW_MAX;
	CHECK(fg_diff_widths(&d, &t, &err) == -1 && d.wid == NULL);
	fg_trie_free(&t);
}

static void
test_colors(void)
{
	struct fg_diff d = { 0 };
	struct fg_trie t;
	uint32_t a, b, c;

	/* a's own change +1, b's -4, c's +2: a's subtree's -1 */
	load(&t, "a 9 10\na;b 20 16\na;c 66 68\nz 4 4\n", 1);
	a = node(&t, "a");
	b = node(&t, "a;b");
	c = node(&t, "a;c");
	CHECK(fg_diff_change(&d, &t, a, 0) == 1);
	CHECK(fg_diff_change(&d, &t, a, 1) == -1);
	/* against a total of 100, 1% is a fifth of the full colour:
	 * 210 * (1 - 1 / 5) = 168; 2% -> 126; 4% -> 42; 5% saturates */
	CHECK(same(fg_diff_color(&d, &t, a, 100), 255, 168, 168));
	CHECK(same(fg_diff_color(&d, &t, c, 100), 255, 126, 126));
	CHECK(same(fg_diff_color(&d, &t, b, 100), 42, 42, 255));
	CHECK(same(fg_diff_color(&d, &t, b, 80), 0, 0, 255));
	CHECK(same(fg_diff_color(&d, &t, b, 40), 0, 0, 255));
	CHECK(same(fg_diff_color(&d, &t, node(&t, "z"), 100), 255, 255, 255));
	fg_trie_free(&t);
	/* one large change elsewhere leaves these colours alone */
	load(&t, "a 9 10\na;b 20 16\na;c 66 68\nz 4 4\nhuge 0 5000\n", 1);
	CHECK(same(fg_diff_color(&d, &t, node(&t, "a"), 100), 255, 168, 168));
	fg_trie_free(&t);

	load(&t, "a 9 10\na;b 20 16\na;c 66 68\nz 4 4\n", 1);
	/* by subtree: a and the root shrank by 1 */
	d.color = FG_DC_TOTAL;
	CHECK(same(fg_diff_color(&d, &t, a, 100), 168, 168, 255));
	CHECK(same(fg_diff_color(&d, &t, 0, 100), 168, 168, 255));
	CHECK(same(fg_diff_color(&d, &t, c, 100), 255, 126, 126));
	d.color = FG_DC_SELF;
	/* the threshold: under 2% white, 2% and 4% coloured */
	d.threshold = 2;
	CHECK(same(fg_diff_color(&d, &t, a, 100), 255, 255, 255));
	CHECK(same(fg_diff_color(&d, &t, c, 100), 255, 126, 126));
	CHECK(same(fg_diff_color(&d, &t, b, 100), 42, 42, 255));
	d.threshold = 0;
	/* --negate swaps the hues and the signs */
	d.negate = 1;
	CHECK(same(fg_diff_color(&d, &t, b, 100), 255, 42, 42));
	CHECK(fg_diff_change(&d, &t, b, 0) == 4);
	fg_trie_free(&t);
}

int
main(void)
{
	test_normalize();
	test_widths();
	test_colors();
	return check_done();
}
