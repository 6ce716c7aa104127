/* fuzz_flamegraph.c - chart, chain, layout, colours, SVG and JSON writers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "diff.h"
#include "folded.h"
#include "fuzz.h"
#include "graph.h"
#include "json.h"
#include "layout.h"
#include "palette.h"
#include "svg.h"
#include "trie.h"
#include "util.h"

struct ctx {
	struct fg_chart *chart;
	struct fg_trie *src;
};

/* --flamechart: every line, in input order (as the tool does) */
static void
added(void *arg, uint32_t node, const int64_t v[2], int scale)
{
	struct ctx *c = arg;

	fg_chart_add(c->chart, c->src, node, v, scale);
}

/* The SVG must be valid UTF-8 and hold no '<' but the writer's own. */
static void
verify(const char *s, size_t n, size_t nframes)
{
	const char *fr = NULL;
	size_t i = 0, k, gs = 0;
	uint32_t cp;

	while (i < n) {
		k = fg_utf8_next(s + i, n - i, &cp);
		if (cp == 0xfffd && k == 1)
			abort();		/* an invalid byte got through */
		if (cp < 0x20 && cp != '\n' && cp != '\t')
			abort();
		i += k;
	}
	for (i = 0; i + 16 <= n && fr == NULL; i++)
		if (memcmp(s + i, "\n<g id=\"frames\">", 16) == 0)
			fr = s + i;
	if (fr == NULL)
		abort();
	for (i = (size_t)(fr - s); i + 10 <= n; i++)
		if (memcmp(s + i, "<g><title>", 10) == 0)
			gs++;
	if (gs != nframes)
		abort();		/* a name opened or closed an element */
}

/*
 * JSON (d3-flame-graph, speedscope) must be valid UTF-8, strings closed
 * with valid escapes and no raw control bytes, '\n' the only control
 * byte between values, brackets balanced, and no "</" anywhere.
 */
static void
verify_json(const char *s, size_t n)
{
	size_t i = 0, k;
	long depth = 0;
	int instr = 0;
	uint32_t cp;

	while (i < n) {
		k = fg_utf8_next(s + i, n - i, &cp);
		if (cp == 0xfffd && k == 1)
			abort();
		if (cp == '<' && i + 1 < n && s[i + 1] == '/')
			abort();
		if (instr) {
			if (cp < 0x20)
				abort();
			if (cp == '\\') {
				if (i + 1 >= n || strchr("\"\\/bfnrtu", s[i + 1]) == NULL)
					abort();
				k = 2;
			} else if (cp == '"')
				instr = 0;
		} else if (cp == '"')
			instr = 1;
		else if (cp == '{' || cp == '[')
			depth++;
		else if ((cp == '}' || cp == ']') && --depth < 0)
			abort();
		else if (cp < 0x20 && cp != '\n')
			abort();
		i += k;
	}
	if (instr || depth != 0)
		abort();
}

/*
 * The first two bytes pick the options: bit 0 flame chart, 1 --colors
 * chain, 2 reverse, 3 inverted, 4 --truncate=left, 5 minwidth 0 (else
 * 0.1 px, or 5% with bit 6), 7 --hash; the second byte sets the width
 * (21 + 8 * b) and, for differential input, its value mod 3 the
 * --diff-width, bit 2 --diff-color total, bit 3 --diff-threshold 2,
 * bit 4 --diff-normalize.  The rest is folded text, negative counts
 * included.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fg_layout_opts lo = {
		1200, 16, 12, 0.1, 0, 0, 0, 0, FG_COL, NULL, NULL, NULL
	};
	struct fg_diff dv = { 0 };
	struct fg_graph g;
	struct fg_trie t, chained, *use = &t;
	struct fg_folded f;
	struct fg_chart chart;
	struct fg_palette pal;
	struct fg_err err;
	struct ctx c = { NULL, &t };
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp;
	int mode, chain, ok, have_chained = 0;

	if (size < 2)
		return 0;
	mode = data[0];
	chain = (mode & 2) != 0;
	lo.imagewidth = 21 + 8 * data[1];
	lo.inverted = (mode & 8) != 0;
	if (mode & 32)
		lo.minwidth = 0;
	else if (mode & 64) {
		lo.minwidth = 5;
		lo.minwidth_pct = 1;
	}
	fg_trie_init(&t);
	fg_folded_init(&f, &t, "fuzz");
	f.reverse = (mode & 4) != 0;
	if (mode & 1) {
		fg_chart_init(&chart);
		chart.chain = chain;
		c.chart = &chart;
		f.added = added;
		f.arg = &c;
	}
	ok = fg_folded_buf(&f, (const char *)data + 2, size - 2, &err) == 0;
	dv.sign = !t.diff && fg_trie_has_negative(&t);
	dv.width = data[1] % 3;
	dv.color = (data[1] & 4) ? FG_DC_TOTAL : FG_DC_SELF;
	dv.threshold = (data[1] & 8) ? 2 : 0;
	if (ok && (mode & 1)) {
		use = &chart.trie;
	} else if (ok && chain) {
		fg_trie_init(&chained);
		have_chained = 1;
		ok = fg_chain_trie(&chained, &t, &err) == 0;
		use = &chained;
	}
	if (ok && (data[1] & 16) && t.diff && !dv.sign)
		ok = fg_diff_normalize(use, &err) >= 0;
	if (ok && (mode & 1)) {
		chart.trie.diff = t.diff;
		ok = fg_chart_finish(&chart, &err) == 0;
		lo.lead = chart.lead;
	} else if (ok)
		ok = fg_trie_finish(use) == 0;
	if (ok && (t.diff || dv.sign)) {
		ok = fg_diff_widths(&dv, use, &err) == 0;
		lo.own = dv.own;
		lo.wid = dv.wid;
	}
	memset(&g, 0, sizeof(g));
	if (ok && fg_layout(&g.layout, use, &lo, &err) == 0) {
		g.trie = use;
		g.title = "t";
		g.notes = "n";
		g.countname = "samples";
		g.nametype = "Function:";
		g.fonttype = "Verdana";
		g.fontsize = 12;
		g.fontwidth = 0.59;
		g.factor = 1;
		g.inverted = lo.inverted;
		g.truncate = (mode & 16) ? FG_TRUNC_LEFT : FG_TRUNC_RIGHT;
		g.diff = use->diff || dv.sign;
		g.negate = (mode & 4) != 0;
		g.dv = g.diff ? &dv : NULL;
		fg_palette_init(&pal, chain ? FG_PAL_CHAIN : FG_PAL_JAVA,
		    (mode & 128) ? FG_COLOR_HASH : FG_COLOR_NAME, 0);
		fg_graph_fill(&g, &pal, NULL);
		if ((fp = open_memstream(&out, &outlen)) == NULL)
			abort();
		if (fg_svg_write(&g, fp, &err) != 0)
			abort();
		fclose(fp);
		verify(out, outlen, g.layout.n);
		free(out);
		free(g.fill);
		fg_palette_free(&pal);
		fg_layout_free(&g.layout);
	}
	if (ok && !(mode & 1)) {
		struct fg_json_graph jg = { use, NULL, "p</", "none", "x" };
		int fmt;

		jg.dv = use->diff || dv.sign ? &dv : NULL;
		for (fmt = 0; fmt < 2; fmt++) {
			if ((fp = open_memstream(&out, &outlen)) == NULL)
				abort();
			ok = (fmt ? fg_json_speedscope_write(fp, &jg, &err) :
			    fg_json_d3_write(fp, &jg, &err)) == 0;
			fclose(fp);
			if (ok)
				verify_json(out, outlen);
			free(out);
		}
	}
	fg_diff_free(&dv);
	if (mode & 1)
		fg_chart_free(&chart);
	if (have_chained)
		fg_trie_free(&chained);
	fg_folded_free(&f);
	fg_trie_free(&t);
	return 0;
}
