/* fuzz_flamegraph.c - chart, chain, layout, colours, SVG and JSON writers. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "diff.h"
#include "flame_js.h"
#include "folded.h"
#include "fuzz.h"
#include "graph.h"
#include "utf8.h"
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

/*
 * A small checker of what fg_svg_write may write, so that no input can
 * add markup: valid UTF-8 without control characters; well-formed
 * (elements nest and close, attributes quoted, entities known); only
 * the elements and attributes the writer has, the one event handler
 * being <svg onload="init(evt)">; exactly two comments, without "--"
 * inside; exactly one <script>, whose CDATA is one line of
 * configuration without < > & followed by flame.js, byte for byte; and
 * one <g><title> per frame.  Anything else abort()s.
 */
static const char *const elements[] = {
	"svg", "defs", "linearGradient", "stop", "style", "script", "rect",
	"text", "g", "title", NULL
};
static const char *const attributes[] = {
	"version", "width", "height", "onload", "viewBox", "xmlns",
	"xmlns:xlink", "id", "y1", "y2", "x1", "x2", "stop-color", "offset",
	"type", "x", "y", "fill", "rx", "ry", "class", NULL
};

static const char prolog[] = "<?xml version=\"1.0\" standalone=\"no\"?>\n"
    "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
    "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n";

/* Length of the name at s[0..n) (letters, digits, - : ), or 0. */
static size_t
name_len(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '-' ||
	    s[i] == ':'))
		i++;
	return i;
}

static int
in_set(const char *const *set, const char *s, size_t n)
{
	for (; *set != NULL; set++)
		if (strlen(*set) == n && memcmp(*set, s, n) == 0)
			return 1;
	return 0;
}

/* Is s[0..n) at a '&' a known entity?  Returns its length, or aborts. */
static size_t
entity(const char *s, size_t n, int comment)
{
	static const char *const known[] = {
		"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", NULL
	};
	const char *const *k;

	for (k = known; *k != NULL; k++)
		if (n >= strlen(*k) && memcmp(s, *k, strlen(*k)) == 0)
			return strlen(*k);
	if (comment && n >= 5 && memcmp(s, "&#45;", 5) == 0)
		return 5;
	abort();
}

static const char *
find(const char *s, size_t n, const char *what)
{
	size_t k = strlen(what), i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(s + i, what, k) == 0)
			return s + i;
	return NULL;
}

static void
verify(const char *s, size_t n, size_t nframes)
{
	const char *stack[16], *e, *const *el;
	size_t depth = 0, i = 0, k, nl, frames = 0;
	size_t scripts = 0, comments = 0, roots = 0, sl = 0;
	struct fg_buf cdata = { 0 };
	uint32_t cp;

	while (i < n) {
		k = fg_utf8_next(s + i, n - i, &cp);
		if (cp == 0xfffd && k == 1)
			abort();		/* an invalid byte got through */
		if (cp < 0x20 && cp != '\n' && cp != '\t')
			abort();
		i += k;
	}
	if (n < sizeof(prolog) - 1 || memcmp(s, prolog, sizeof(prolog) - 1))
		abort();
	for (i = sizeof(prolog) - 1; i < n; ) {
		if (s[i] == '&') {
			i += entity(s + i, n - i, 0);
			continue;
		}
		if (s[i] != '<') {
			if (depth == 0 && s[i] != '\n')
				abort();	/* text outside the root */
			i++;
			continue;
		}
		if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			if (depth != 1 || (e = find(s + i + 4, n - i - 4,
			    "-->")) == NULL)
				abort();
			for (k = i + 4; k < (size_t)(e - s); k++)
				if (s[k] == '-' && s[k + 1] == '-')
					abort();
				else if (s[k] == '&')
					k += entity(s + k, n - k, 1) - 1;
				else if (s[k] == '<' || s[k] == '>')
					abort();
			comments++;
			i = (size_t)(e - s) + 3;
			continue;
		}
		if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
			if (depth == 0 || strcmp(stack[depth - 1], "script") ||
			    (e = find(s + i + 9, n - i - 9, "]]>")) == NULL)
				abort();
			fg_buf_put(&cdata, s + i + 9, (size_t)(e - s) - i - 9);
			i = (size_t)(e - s) + 3;
			continue;
		}
		if (n - i >= 2 && s[i + 1] == '/') {
			k = name_len(s + i + 2, n - i - 2);
			if (depth == 0 || k != strlen(stack[depth - 1]) ||
			    memcmp(s + i + 2, stack[depth - 1], k) != 0 ||
			    i + 2 + k >= n || s[i + 2 + k] != '>')
				abort();
			depth--;
			i += 3 + k;
			continue;
		}
		/* a start tag: <name (attr="value")* /?> */
		k = name_len(s + i + 1, n - i - 1);
		for (el = elements, e = NULL; *el != NULL; el++)
			if (strlen(*el) == k && memcmp(*el, s + i + 1, k) == 0)
				e = *el;
		if (e == NULL)
			abort();
		if (strcmp(e, "script") == 0)
			scripts++;
		if (strcmp(e, "g") == 0 && n - i >= 10 &&
		    memcmp(s + i, "<g><title>", 10) == 0)
			frames++;
		if ((depth == 0) != (strcmp(e, "svg") == 0))
			abort();	/* <svg> is the root, and only it */
		if (depth == 0)
			roots++;
		i += 1 + k;
		for (;;) {
			if (i < n && s[i] == '>')
				break;
			if (i + 1 < n && s[i] == '/' && s[i + 1] == '>')
				break;
			if (i >= n || s[i] != ' ')
				abort();
			i++;
			k = name_len(s + i, n - i);
			if (!in_set(attributes, s + i, k))
				abort();
			if (k == 6 && memcmp(s + i, "onload", 6) == 0 &&
			    (strcmp(e, "svg") != 0 || n - i < 18 ||
			    memcmp(s + i, "onload=\"init(evt)\"", 18) != 0))
				abort();	/* the one handler */
			i += k;
			if (i + 1 >= n || s[i] != '=' || s[i + 1] != '"')
				abort();
			for (i += 2; i < n && s[i] != '"'; )
				if (s[i] == '<' || s[i] == '>')
					abort();
				else if (s[i] == '&')
					i += entity(s + i, n - i, 0);
				else
					i++;
			if (i >= n)
				abort();
			i++;
		}
		if (s[i] == '/')
			i += 2;
		else {
			if (depth == sizeof(stack) / sizeof(stack[0]))
				abort();
			stack[depth++] = e;
			i++;
		}
	}
	if (depth != 0 || roots != 1 || scripts != 1 || comments != 2 ||
	    frames != nframes)
		abort();
	/* the script: "\n", one line of configuration, then flame.js */
	sl = strlen(fg_flame_js);
	if (cdata.len < 2 || cdata.p[0] != '\n' ||
	    (e = memchr(cdata.p + 1, '\n', cdata.len - 1)) == NULL)
		abort();
	nl = (size_t)(e - cdata.p);
	if (nl < 17 || memcmp(cdata.p + 1, "var fg_conf = {", 15) != 0 ||
	    memcmp(cdata.p + nl - 2, "};", 2) != 0)
		abort();
	for (k = 1; k < nl; k++)
		if (cdata.p[k] == '<' || cdata.p[k] == '>' || cdata.p[k] == '&')
			abort();
	if (cdata.len - nl - 1 != sl || memcmp(e + 1, fg_flame_js, sl) != 0)
		abort();
	fg_buf_free(&cdata);
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
 * included, up to a NUL; after it, NUL-separated, the title, subtitle,
 * notes, countname, nametype and search strings (each missing one keeps
 * its default; an empty subtitle or search is none).
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
	const char *text = (const char *)data + 2, *nul, *str[6];
	size_t textlen, k;
	char *tail = NULL, *q, *end;

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
	textlen = size - 2;
	str[0] = "t";
	str[1] = "";
	str[2] = "n";
	str[3] = "samples";
	str[4] = "Function:";
	str[5] = "";
	if ((nul = memchr(text, '\0', textlen)) != NULL) {
		k = textlen - (size_t)(nul - text) - 1;
		tail = xmalloc(k + 1);
		memcpy(tail, nul + 1, k);
		tail[k] = '\0';
		textlen = (size_t)(nul - text);
		for (q = tail, end = tail + (size - 3 - textlen), k = 0;
		    k < 6 && q <= end; k++, q += strlen(q) + 1)
			str[k] = q;
	}
	lo.subtitle = *str[1] != '\0';
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
	ok = fg_folded_buf(&f, text, textlen, &err) == 0;
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
		g.title = str[0];
		g.subtitle = *str[1] != '\0' ? str[1] : NULL;
		g.notes = str[2];
		g.countname = str[3];
		g.nametype = str[4];
		g.search = *str[5] != '\0' ? str[5] : NULL;
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
	free(tail);
	return 0;
}
