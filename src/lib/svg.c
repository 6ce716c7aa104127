/* svg.c - the interactive SVG: flamegraph.pl's document, escaped, with flame.js. */
#include <errno.h>
#include <string.h>

#include "flame_js.h"	/* fg_flame_js: src/lib/flame.js, by scripts/embed.sh */
#include "svg.h"
#include "utf8.h"

/*
 * The contract between this writer and flame.js (the embedded script):
 *
 * - Order as flamegraph.pl: XML declaration, SVG 1.1 DOCTYPE, <svg
 *   version width height onload="init(evt)" viewBox xmlns xmlns:xlink>,
 *   two comments (the second "NOTES: ..."), <defs> with the
 *   linearGradient "background", <style>, <script type="text/ecmascript">
 *   holding a CDATA section, the background rect, the texts #title,
 *   #subtitle (only with one), #details (" "), #unzoom (class "hide",
 *   "Reset Zoom"), #search ("Search"), #ignorecase ("ic"), #matched
 *   (" "), then <g id="frames"> with one child per frame in pre-order,
 *   root first: <g><title>TOOLTIP</title><rect x y width height
 *   fill="rgb(r,g,b)" rx="2" ry="2"/><text x y>LABEL</text></g>, one
 *   per line and without whitespace inside.
 * - The script is one line "var fg_conf = {JSON};" then flame.js.  Keys:
 *   fontsize, fontwidth, xpad, width (numbers), inverted, diff (bools),
 *   nametype, countname, truncate ("right" or "left"), highlight
 *   ("rgb(230,0,230)") (strings), search (string or null).  JSON strings
 *   never hold a raw < > &.
 * - TOOLTIP is "NAME (N COUNTNAME, P%)" ("; +D%" before the ')' in a
 *   differential graph; the root is "all"), then more lines after "\n"
 *   (fg_graph_tooltip): "self: M COUNTNAME, Q%" for every frame but the
 *   root, or in a differential graph "subtree: before B, after A, change
 *   +C (+R%)" and "self: ..." alike.  The script takes a frame's name as
 *   the first line up to its last " (", and shows all lines joined by
 *   "; " in #details.
 * - CSS classes the script toggles: hide, parent, show (on #search and
 *   #ignorecase).
 * - Every text is XML-escaped (& < > " ') and valid UTF-8.
 */

#define FLUSH_AT	(1u << 20)

static void
num(struct fg_buf *b, double v)
{
	char s[64];

	fg_buf_put(b, s, fg_fmt_num(s, v));
}

static void
fixed(struct fg_buf *b, double v, int prec)
{
	char s[64];

	fg_buf_put(b, s, fg_fmt_double(s, v, prec));
}

static void
color(struct fg_buf *b, struct fg_rgb c)
{
	char s[64];

	fg_buf_put(b, "rgb(", 4);
	fg_buf_put(b, s, fg_fmt_i64(s, c.r));
	fg_buf_putc(b, ',');
	fg_buf_put(b, s, fg_fmt_i64(s, c.g));
	fg_buf_putc(b, ',');
	fg_buf_put(b, s, fg_fmt_i64(s, c.b));
	fg_buf_putc(b, ')');
}

static void
hexcolor(struct fg_buf *b, struct fg_rgb c)
{
	static const char hx[] = "0123456789abcdef";
	char s[7];

	s[0] = '#';
	s[1] = hx[c.r >> 4];
	s[2] = hx[c.r & 15];
	s[3] = hx[c.g >> 4];
	s[4] = hx[c.g & 15];
	s[5] = hx[c.b >> 4];
	s[6] = hx[c.b & 15];
	fg_buf_put(b, s, 7);
}

static void
xml(struct fg_buf *b, const char *s)
{
	fg_text_put(b, s, strlen(s), 1);
}

void
fg_json_str(struct fg_buf *b, const char *s)
{
	static const char hx[] = "0123456789abcdef";
	size_t n = strlen(s), i = 0, k;
	unsigned char c;
	uint32_t cp;

	fg_buf_putc(b, '"');
	while (i < n) {
		c = (unsigned char)s[i];
		if (c >= 0x80) {
			k = fg_utf8_next(s + i, n - i, &cp);
			if (cp == 0xfffd || cp == 0x2028 || cp == 0x2029 ||
			    cp == 0xfffe || cp == 0xffff) {
				fg_buf_put(b, "\\u", 2);
				fg_buf_putc(b, hx[cp >> 12 & 15]);
				fg_buf_putc(b, hx[cp >> 8 & 15]);
				fg_buf_putc(b, hx[cp >> 4 & 15]);
				fg_buf_putc(b, hx[cp & 15]);
			} else
				fg_buf_put(b, s + i, k);
			i += k;
			continue;
		}
		if (c == '"' || c == '\\') {
			fg_buf_putc(b, '\\');
			fg_buf_putc(b, (char)c);
		} else if (c < 0x20 || c == 0x7f || c == '<' || c == '>' ||
		    c == '&') {
			fg_buf_put(b, "\\u00", 4);
			fg_buf_putc(b, hx[c >> 4]);
			fg_buf_putc(b, hx[c & 15]);
		} else
			fg_buf_putc(b, (char)c);
		i++;
	}
	fg_buf_putc(b, '"');
}

/*
 * The notes go into a comment, where "--" may not appear and entities
 * are not expanded: a '-' after a '-' is written as "&#45;", and & < >
 * as entities (a reader sees them as written).
 */
static void
comment(struct fg_buf *b, const char *s)
{
	struct fg_buf t = { 0 };
	size_t i;

	fg_text_put(&t, s, strlen(s), 1);
	for (i = 0; i < t.len; i++) {
		if (t.p[i] == '-' && i > 0 && t.p[i - 1] == '-')
			fg_buf_put(b, "&#45;", 5);
		else
			fg_buf_putc(b, t.p[i]);
	}
	fg_buf_free(&t);
}

/* The script, with any "]]>" split across two CDATA sections. */
static void
script(struct fg_buf *b, const char *s)
{
	const char *e;

	while ((e = strstr(s, "]]>")) != NULL) {
		fg_buf_put(b, s, (size_t)(e - s));
		fg_buf_puts(b, "]]]]><![CDATA[>");
		s = e + 3;
	}
	fg_buf_puts(b, s);
}

/* May a family name be written as CSS identifiers, "Andale Mono"? */
static int
css_plain(const char *s, size_t n)
{
	size_t i;
	int start = 1;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ') {
			if (start)
				return 0;	/* two spaces: not one word gap */
			start = 1;
			continue;
		}
		if (start && ((c >= '0' && c <= '9') || (c == '-' &&
		    i + 1 < n && (s[i + 1] == '-' ||
		    (s[i + 1] >= '0' && s[i + 1] <= '9')))))
			return 0;	/* not the start of an identifier */
		if (!(c >= 0x80 || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_'))
			return 0;
		start = 0;
	}
	return n > 0 && !start;
}

/* Is s[0..n) one CSS string, '...' or "...", with nothing to escape? */
static int
css_string(const char *s, size_t n)
{
	size_t i;

	if (n < 2 || (s[0] != '"' && s[0] != '\'') || s[n - 1] != s[0])
		return 0;
	for (i = 1; i + 1 < n; i++)
		if (s[i] == s[0] || s[i] == '\\' || (unsigned char)s[i] < 0x20)
			return 0;
	return 1;
}

/*
 * --fonttype as a CSS font-family value, to be XML-escaped after: a
 * comma-separated list whose names are kept as written when they are
 * identifiers (Verdana, Andale Mono, monospace) or a CSS string already,
 * and otherwise written as a CSS string with '"', '\\' and control
 * characters escaped, so that no value can end the declaration or the
 * rule (a '"' or ';' or '}' in a name stays inside its string).
 */
static void
css_family(struct fg_buf *out, const char *s)
{
	static const char hx[] = "0123456789abcdef";
	const char *e;
	size_t n, i, nout = 0;

	for (;; s = e + 1) {
		e = strchr(s, ',');
		n = e != NULL ? (size_t)(e - s) : strlen(s);
		while (n > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			n--;
		}
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n > 0) {
			if (nout++ > 0)
				fg_buf_put(out, ", ", 2);
			if (css_plain(s, n) || css_string(s, n))
				fg_buf_put(out, s, n);
			else {
				fg_buf_putc(out, '"');
				for (i = 0; i < n; i++) {
					unsigned char c = (unsigned char)s[i];

					if (c == '"' || c == '\\') {
						fg_buf_putc(out, '\\');
						fg_buf_putc(out, (char)c);
					} else if (c < 0x20 || c == 0x7f) {
						fg_buf_putc(out, '\\');
						fg_buf_putc(out, hx[c >> 4]);
						fg_buf_putc(out, hx[c & 15]);
						fg_buf_putc(out, ' ');
					} else
						fg_buf_putc(out, (char)c);
				}
				fg_buf_putc(out, '"');
			}
		}
		if (e == NULL)
			break;
	}
	if (nout == 0)
		fg_buf_put(out, "\"\"", 2);
}

static void
conf(struct fg_buf *b, const struct fg_graph *g)
{
	fg_buf_puts(b, "var fg_conf = {\"fontsize\":");
	num(b, g->fontsize);
	fg_buf_puts(b, ",\"fontwidth\":");
	num(b, g->fontwidth);
	fg_buf_puts(b, ",\"xpad\":");
	num(b, g->layout.xpad);
	fg_buf_puts(b, ",\"width\":");
	num(b, g->layout.width);
	fg_buf_puts(b, g->inverted ? ",\"inverted\":true" :
	    ",\"inverted\":false");
	fg_buf_puts(b, ",\"nametype\":");
	fg_json_str(b, g->nametype);
	fg_buf_puts(b, ",\"countname\":");
	fg_json_str(b, g->countname);
	fg_buf_puts(b, ",\"search\":");
	if (g->search != NULL)
		fg_json_str(b, g->search);
	else
		fg_buf_puts(b, "null");
	fg_buf_puts(b, g->truncate == FG_TRUNC_LEFT ? ",\"truncate\":\"left\"" :
	    ",\"truncate\":\"right\"");
	fg_buf_puts(b, g->diff ? ",\"diff\":true" : ",\"diff\":false");
	fg_buf_puts(b, ",\"highlight\":\"rgb(230,0,230)\"};\n");
}

/* <text id="ID" x="X" y="Y"[ class="hide"]>TEXT</text> */
static void
text(struct fg_buf *b, const char *id, double x, double y, const char *s,
    int hide)
{
	fg_buf_puts(b, "<text id=\"");
	fg_buf_puts(b, id);
	fg_buf_puts(b, "\" x=\"");
	fixed(b, x, 2);
	fg_buf_puts(b, "\" y=\"");
	num(b, y);
	fg_buf_puts(b, hide ? "\" class=\"hide\">" : "\">");
	xml(b, s);
	fg_buf_puts(b, "</text>\n");
}

static void
header(struct fg_buf *b, const struct fg_graph *g)
{
	const struct fg_layout *l = &g->layout;
	double w = l->width, h = l->height, fs = g->fontsize;
	struct fg_buf fam = { 0 };

	fg_buf_puts(b, "<?xml version=\"1.0\" standalone=\"no\"?>\n"
	    "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
	    "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
	    "<svg version=\"1.1\" width=\"");
	num(b, w);
	fg_buf_puts(b, "\" height=\"");
	num(b, h);
	fg_buf_puts(b, "\" onload=\"init(evt)\" viewBox=\"0 0 ");
	num(b, w);
	fg_buf_putc(b, ' ');
	num(b, h);
	fg_buf_puts(b, "\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"
	    "<!-- Flame graph stack visualization, drawn by flamekit's "
	    "flamegraph after https://github.com/brendangregg/FlameGraph; "
	    "see http://www.brendangregg.com/flamegraphs.html -->\n"
	    "<!-- NOTES: ");
	comment(b, g->notes != NULL ? g->notes : "");
	fg_buf_puts(b, " -->\n<defs>\n"
	    "\t<linearGradient id=\"background\" y1=\"0\" y2=\"1\" x1=\"0\" "
	    "x2=\"0\">\n\t\t<stop stop-color=\"");
	hexcolor(b, g->bg1);
	fg_buf_puts(b, "\" offset=\"5%\"/>\n\t\t<stop stop-color=\"");
	hexcolor(b, g->bg2);
	fg_buf_puts(b, "\" offset=\"95%\"/>\n\t</linearGradient>\n</defs>\n"
	    "<style type=\"text/css\">\n\ttext { font-family:");
	fam.len = 0;
	css_family(&fam, g->fonttype);
	fg_text_put(b, fam.p, fam.len, 1);
	fg_buf_free(&fam);
	fg_buf_puts(b, "; font-size:");
	num(b, fs);
	fg_buf_puts(b, "px; fill:");
	color(b, g->textcolor);
	fg_buf_puts(b, "; }\n\t#frames text { fill:");
	color(b, g->labelcolor);
	fg_buf_puts(b, "; }\n"
	    "\t#search, #ignorecase { opacity:0.1; cursor:pointer; }\n"
	    "\t#search:hover, #search.show, #ignorecase:hover, "
	    "#ignorecase.show { opacity:1; }\n"
	    "\t#subtitle { text-anchor:middle; }\n"
	    "\t#title { text-anchor:middle; font-size:");
	num(b, fs + 5);
	fg_buf_puts(b, "px; }\n"
	    "\t#unzoom { cursor:pointer; }\n"
	    "\t#frames > *:hover { stroke:");
	fg_buf_puts(b, g->dark ? "white" : "black");
	fg_buf_puts(b, "; stroke-width:0.5; cursor:pointer; }\n"
	    "\t.hide { display:none; }\n"
	    "\t.parent { opacity:0.5; }\n"
	    "</style>\n"
	    "<script type=\"text/ecmascript\"><![CDATA[\n");
	conf(b, g);
	script(b, fg_flame_js);
	fg_buf_puts(b, "]]></script>\n<rect x=\"0.0\" y=\"0\" width=\"");
	fixed(b, w, 1);
	fg_buf_puts(b, "\" height=\"");
	fixed(b, h, 1);
	fg_buf_puts(b, "\" fill=\"url(#background)\"/>\n");
	text(b, "title", (double)(long long)(w / 2), fs * 2, g->title, 0);
	if (g->subtitle != NULL)
		text(b, "subtitle", (double)(long long)(w / 2), fs * 4,
		    g->subtitle, 0);
	text(b, "details", l->xpad, h - l->ypad2 / 2, " ", 0);
	text(b, "unzoom", l->xpad, fs * 2, "Reset Zoom", 1);
	text(b, "search", w - l->xpad - 100, fs * 2, "Search", 0);
	text(b, "ignorecase", w - l->xpad - 16, fs * 2, "ic", 0);
	text(b, "matched", w - l->xpad - 100, h - l->ypad2 / 2, " ", 0);
}

/*
 * x and width as flamegraph.pl writes them: both ends rounded to one
 * decimal first, the width the difference of the rounded ends.
 */
static void
frame(struct fg_buf *b, struct fg_buf *tmp, const struct fg_graph *g, size_t i)
{
	const struct fg_frame *f = &g->layout.frames[i];
	char s[64];

	fg_buf_put(b, "<g><title>", 10);
	tmp->len = 0;
	fg_graph_tooltip(g, i, tmp);
	fg_text_put(b, tmp->p, tmp->len, 1);
	fg_buf_put(b, "</title><rect x=\"", 17);
	if (fg_round_ok(f->x1, 1) && fg_round_ok(f->x2, 1)) {
		int64_t r1 = fg_round_scaled(f->x1, 1);
		int64_t r2 = fg_round_scaled(f->x2, 1);

		fg_buf_put(b, s, fg_fmt_scaled(s, r1, 1));
		fg_buf_put(b, "\" y=\"", 5);
		num(b, f->y1);
		fg_buf_put(b, "\" width=\"", 9);
		fg_buf_put(b, s, fg_fmt_scaled(s, r2 - r1, 1));
	} else {
		fixed(b, f->x1, 1);
		fg_buf_put(b, "\" y=\"", 5);
		num(b, f->y1);
		fg_buf_put(b, "\" width=\"", 9);
		fixed(b, f->x2 - f->x1, 1);
	}
	fg_buf_put(b, "\" height=\"", 10);
	fixed(b, f->y2 - f->y1, 1);
	fg_buf_put(b, "\" fill=\"", 8);
	color(b, g->fill[i]);
	fg_buf_put(b, "\" rx=\"2\" ry=\"2\"/><text x=\"", 26);
	fixed(b, f->x1 + 3, 2);
	fg_buf_put(b, "\" y=\"", 5);
	num(b, 3 + (f->y1 + f->y2) / 2);
	fg_buf_put(b, "\">", 2);
	tmp->len = 0;
	fg_graph_label(g, i, tmp);
	fg_text_put(b, tmp->p, tmp->len, 1);
	fg_buf_put(b, "</text></g>\n", 12);
}

int
fg_svg_write(const struct fg_graph *g, FILE *fp, struct fg_err *err)
{
	struct fg_buf b = { 0 }, tmp = { 0 };
	size_t i;
	int rc = 0;

	header(&b, g);
	fg_buf_puts(&b, "<g id=\"frames\">\n");
	for (i = 0; i < g->layout.n; i++) {
		frame(&b, &tmp, g, i);
		if (b.len >= FLUSH_AT && fg_buf_flush(&b, fp) != 0)
			goto fail;
	}
	fg_buf_puts(&b, "</g>\n</svg>\n");
	if (fg_buf_flush(&b, fp) != 0)
		goto fail;
	goto out;
fail:
	rc = fg_err_set(err, "write error: %s", strerror(errno));
out:
	fg_buf_free(&b);
	fg_buf_free(&tmp);
	return rc;
}
