/* graph.c - what the writers of a flame graph share: texts, labels, colours. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "utf8.h"

/* Characters XML 1.0 does not allow, and controls we do not want drawn. */
static int
unwanted(uint32_t c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
	    c == 0xfffe || c == 0xffff;
}

void
fg_text_put(struct fg_buf *b, const char *s, size_t n, int xml)
{
	size_t i = 0, run = 0, k;
	unsigned char c;
	uint32_t cp;

	while (i < n) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && !(xml && (c == '&' || c == '<' ||
		    c == '>' || c == '"' || c == '\''))) {
			i++;
			continue;
		}
		fg_buf_put(b, s + run, i - run);
		if (c < 0x80) {
			k = 1;
			switch (c) {
			case '&':
				fg_buf_put(b, "&amp;", 5);
				break;
			case '<':
				fg_buf_put(b, "&lt;", 4);
				break;
			case '>':
				fg_buf_put(b, "&gt;", 4);
				break;
			case '"':
				fg_buf_put(b, "&quot;", 6);
				break;
			case '\'':
				fg_buf_put(b, "&#39;", 5);
				break;
			case '\n':
				if (xml) {
					fg_buf_putc(b, '\n');
					break;
				}
				/* FALLTHROUGH */
			default:
				fg_buf_put(b, "\xef\xbf\xbd", 3);
				break;
			}
		} else {
			k = fg_utf8_next(s + i, n - i, &cp);
			if (unwanted(cp) || cp == 0xfffd)
				fg_buf_put(b, "\xef\xbf\xbd", 3);
			else
				fg_buf_put(b, s + i, k);
		}
		i += k;
		run = i;
	}
	fg_buf_put(b, s + run, i - run);
}

size_t
fg_name_stripped(const char *s, size_t n)
{
	if (n >= 4 && s[n - 4] == '_' && s[n - 3] == '[' && s[n - 1] == ']' &&
	    (s[n - 2] == 'k' || s[n - 2] == 'j' || s[n - 2] == 'i' ||
	    s[n - 2] == 'w'))
		return n - 4;
	return n;
}

/* Number of characters of s[0..n). */
static size_t
nchars(const char *s, size_t n)
{
	size_t c = 0, i = 0;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80)
			i++;
		else
			i += fg_utf8_next(s + i, n - i, &cp);
		c++;
	}
	return c;
}

/* Byte offset of character number k of s[0..n) (n when k is past the end). */
static size_t
charoff(const char *s, size_t n, size_t k)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n && k > 0) {
		if ((unsigned char)s[i] < 0x80)
			i++;
		else
			i += fg_utf8_next(s + i, n - i, &cp);
		k--;
	}
	return i;
}

void
fg_graph_label(const struct fg_graph *g, size_t i, struct fg_buf *b)
{
	const struct fg_frame *f = &g->layout.frames[i];
	const struct fg_name *nm;
	double fit;
	size_t chars, len, have, off;

	if (f->node == 0)
		return;
	fit = (f->x2 - f->x1) / (g->fontsize * g->fontwidth);
	if (!(fit >= 3))
		return;
	chars = fit < 1e9 ? (size_t)fit : (size_t)1e9;
	nm = fg_intern_get(&g->trie->names, g->trie->nodes[f->node].name);
	len = fg_name_stripped(nm->s, nm->len);
	/* a byte is at most a character: short names need no counting */
	if (len <= chars || (have = nchars(nm->s, len)) <= chars) {
		fg_text_put(b, nm->s, len, 0);
		return;
	}
	if (g->truncate == FG_TRUNC_LEFT) {
		off = charoff(nm->s, len, have - (chars - 2));
		fg_buf_put(b, "..", 2);
		fg_text_put(b, nm->s + off, len - off, 0);
	} else {
		off = charoff(nm->s, len, chars - 2);
		fg_text_put(b, nm->s, off, 0);
		fg_buf_put(b, "..", 2);
	}
}

static const double p10[] = { 1, 10, 100, 1000 };

/*
 * |v| * 10^prec rounded to an integer as printf rounds: x + e is the
 * product exactly (fma gives its rounding error), so a tie is recognised
 * only when the binary value is exactly halfway, and then goes to even.
 */
static uint64_t
round_abs(double v, int prec)
{
	double x, e, f, fr;
	uint64_t r;

	v = fabs(v);
	x = v * p10[prec];
	e = fma(v, p10[prec], -x);
	f = floor(x);
	fr = x - f;
	r = (uint64_t)f;
	if (fr > 0.5 || (fr == 0.5 && (e > 0 || (e == 0 && (r & 1)))))
		r++;
	return r;
}

int
fg_round_ok(double v, int prec)
{
	return prec >= 0 && prec <= 3 && fabs(v) * p10[prec] < 4e15;
}

int64_t
fg_round_scaled(double v, int prec)
{
	int64_t r = (int64_t)round_abs(v, prec);

	return v < 0 ? -r : r;
}

/* r / 10^prec with prec decimals; neg puts a '-' (also before zero). */
static size_t
fmt_scaled(char *buf, uint64_t r, int prec, int neg)
{
	char tmp[32], *p = tmp + sizeof(tmp);
	size_t n = 0, nd = 0;

	do {
		*--p = (char)('0' + r % 10);
		r /= 10;
		nd++;
	} while (r != 0);
	while (nd <= (size_t)prec) {
		*--p = '0';
		nd++;
	}
	if (neg)
		buf[n++] = '-';
	memcpy(buf + n, p, nd - (size_t)prec);
	n += nd - (size_t)prec;
	if (prec > 0) {
		buf[n++] = '.';
		memcpy(buf + n, p + nd - (size_t)prec, (size_t)prec);
		n += (size_t)prec;
	}
	buf[n] = '\0';
	return n;
}

size_t
fg_fmt_scaled(char *buf, int64_t r, int prec)
{
	return fmt_scaled(buf, r < 0 ? -(uint64_t)r : (uint64_t)r, prec, r < 0);
}

size_t
fg_fmt_double(char *buf, double v, int prec)
{
	char big[512];
	int n;

	if (!fg_round_ok(v, prec)) {
		/* beyond 4e15 (absurd counts): printf, or %g past 63 bytes */
		n = snprintf(big, sizeof(big), "%.*f", prec < 0 ? 0 : prec, v);
		if (n < 0 || n > 63)
			n = snprintf(big, sizeof(big), "%.6g", v);
		memcpy(buf, big, (size_t)n + 1);
		return (size_t)n;
	}
	return fmt_scaled(buf, round_abs(v, prec), prec, signbit(v) != 0);
}

size_t
fg_fmt_num(char *buf, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		return fg_fmt_double(buf, v == 0 ? 0 : v, 0);
	if (v * 2 == floor(v * 2) && fabs(v) < 1e14)
		return fg_fmt_double(buf, v, 1);
	return (size_t)snprintf(buf, 64, "%.15g", v);
}

/* Append the digits of s[0..n) with a comma every three from the right. */
static void
commas(struct fg_buf *b, const char *s, size_t n)
{
	size_t i = 0, lead;

	if (n > 0 && s[0] == '-') {
		fg_buf_putc(b, '-');
		s++;
		n--;
	}
	lead = n % 3 == 0 ? 3 : n % 3;
	fg_buf_put(b, s, lead);
	for (i = lead; i + 3 <= n; i += 3) {
		fg_buf_putc(b, ',');
		fg_buf_put(b, s + i, 3);
	}
}

/*
 * Append count v (fixed point at the trie's scale) rounded to an integer,
 * with commas, '+' before a positive one when plus; return the rounded
 * value.  Exact to the last digit whatever its size (a double holds only
 * 53 bits): the fixed-point value is divided and rounded as an integer,
 * a tie to even as printf("%.0f") rounds it.  Only --factor (a double)
 * takes the count through a double.  |v| < 2^64 (a difference of two
 * int64 counts).
 */
static double
put_count(const struct fg_graph *g, struct fg_buf *b, __int128 v, int plus)
{
	char num[64];
	uint64_t m, p = 1, q, r;
	int neg = v < 0, k;
	size_t n;

	if (g->factor != 1) {
		double x = (double)v, div = 1;

		for (k = 0; k < g->trie->scale; k++)
			div *= 10;
		n = fg_fmt_double(num, x / div * g->factor, 0);
		if (strcmp(num, "-0") == 0)
			n = fg_fmt_double(num, 0, 0);
		if (plus && num[0] != '-' && strcmp(num, "0") != 0)
			fg_buf_putc(b, '+');
		commas(b, num, n);
		return strtod(num, NULL);
	}
	for (k = 0; k < g->trie->scale; k++)
		p *= 10;
	m = neg ? (uint64_t)-v : (uint64_t)v;
	q = m / p;
	r = m % p;
	if (r > p - r || (r == p - r && (q & 1)))
		q++;
	if (q == 0)
		neg = 0;
	n = fmt_scaled(num, q, 0, neg);
	if (plus && !neg && q != 0)
		fg_buf_putc(b, '+');
	commas(b, num, n);
	return neg ? -(double)q : (double)q;
}

/* " (N COUNTNAME, P%" for count v: N rounded, P from the rounded N. */
static void
amount(const struct fg_graph *g, struct fg_buf *b, int64_t v)
{
	char num[64];
	double rounded;

	rounded = put_count(g, b, v, 0);
	fg_buf_putc(b, ' ');
	fg_buf_puts(b, g->countname);
	fg_buf_put(b, ", ", 2);
	fg_buf_put(b, num, fg_fmt_double(num,
	    100 * rounded / (g->layout.timemax * g->factor), 2));
	fg_buf_putc(b, '%');
}

/* The diff settings of g, its negate included. */
static struct fg_diff
diffof(const struct fg_graph *g)
{
	struct fg_diff d = { 0 };

	if (g->dv != NULL)
		d = *g->dv;
	d.negate = g->negate;
	return d;
}

static double
difftotal(const struct fg_graph *g)
{
	return g->difftotal > 0 ? g->difftotal : g->layout.timemax;
}

/* "\nLABEL: before B, after A, change +C (+R%)", or the signed form. */
static void
change(const struct fg_graph *g, const struct fg_diff *d, struct fg_buf *b,
    const int64_t *v, int subtree)
{
	__int128 bef, aft, c;
	char num[64];
	double pct;

	fg_buf_puts(b, subtree ? "\nsubtree: " : "\nself: ");
	if (d->sign) {
		c = v[FG_COL];
		fg_buf_puts(b, "change ");
		put_count(g, b, d->negate ? -c : c, 1);
		return;
	}
	/* --negate reads the columns as AFTER BEFORE */
	bef = v[d->negate ? FG_COL : FG_BEFORE];
	aft = v[d->negate ? FG_BEFORE : FG_COL];
	c = aft - bef;
	fg_buf_puts(b, "before ");
	put_count(g, b, bef, 0);
	fg_buf_puts(b, ", after ");
	put_count(g, b, aft, 0);
	fg_buf_puts(b, ", change ");
	put_count(g, b, c, 1);
	if (bef == 0 && aft == 0)
		return;
	fg_buf_put(b, " (", 2);
	if (bef == 0)
		fg_buf_puts(b, subtree ? "new" : "was 0");
	else if (aft == 0 && subtree)
		fg_buf_puts(b, "gone");
	else {
		pct = 100 * (double)c / (double)bef;
		if (pct > 0)
			fg_buf_putc(b, '+');
		fg_buf_put(b, num, fg_fmt_double(num, pct == 0 ? 0 : pct, 2));
		fg_buf_putc(b, '%');
	}
	fg_buf_putc(b, ')');
}

void
fg_graph_tooltip(const struct fg_graph *g, size_t i, struct fg_buf *b)
{
	const struct fg_frame *f = &g->layout.frames[i];
	const struct fg_trie *t = g->trie;
	const struct fg_node *nd = &t->nodes[f->node];
	const struct fg_name *nm;
	struct fg_diff dv = diffof(g);
	double div = 1, d;
	int64_t w;
	char num[64];
	int k;

	for (k = 0; k < t->scale; k++)
		div *= 10;
	w = dv.wid != NULL ? dv.wid[f->node] : nd->total[FG_COL];
	if (f->node == 0) {
		fg_buf_put(b, "all (", 5);
		/* exact, unless --total made the graph wider than its counts */
		if ((double)w / div == g->layout.timemax)
			put_count(g, b, w, 0);
		else {
			fg_fmt_double(num, g->layout.timemax * g->factor, 0);
			commas(b, num, strlen(num));
		}
		fg_buf_putc(b, ' ');
		fg_buf_puts(b, g->countname);
		fg_buf_put(b, ", 100%)", 7);
		if (g->diff)
			change(g, &dv, b, nd->total, 1);
		return;
	}
	nm = fg_intern_get(&t->names, nd->name);
	fg_buf_put(b, nm->s, fg_name_stripped(nm->s, nm->len));
	fg_buf_put(b, " (", 2);
	amount(g, b, w);
	if (!g->diff) {
		fg_buf_put(b, ")\nself: ", 8);
		amount(g, b, nd->self[FG_COL]);
		return;
	}
	d = (double)fg_diff_change(&dv, t, f->node, dv.color == FG_DC_TOTAL) /
	    div;
	fg_buf_put(b, "; ", 2);
	if (d > 0)
		fg_buf_putc(b, '+');
	fg_buf_put(b, num, fg_fmt_double(num,
	    100 * d / (difftotal(g) * g->factor), 2));
	fg_buf_put(b, "%)", 2);
	change(g, &dv, b, nd->total, 1);
	change(g, &dv, b, nd->self, 0);
}

void
fg_graph_fill(struct fg_graph *g, struct fg_palette *p, struct fg_palmap *map)
{
	const struct fg_trie *t = g->trie;
	const struct fg_node *nd;
	const struct fg_name *nm;
	struct fg_rgb *cache, c;
	struct fg_diff dv = diffof(g);
	uint8_t *have;
	double div = 1;
	size_t i;
	int k;

	for (k = 0; k < t->scale; k++)
		div *= 10;
	g->fill = xreallocarray(g->fill, g->layout.n ? g->layout.n : 1,
	    sizeof(*g->fill));
	cache = xmalloc((size_t)t->names.n * sizeof(*cache));
	have = xcalloc(t->names.n, 1);
	for (i = 0; i < g->layout.n; i++) {
		nd = &t->nodes[g->layout.frames[i].node];
		nm = fg_intern_get(&t->names, nd->name);
		if (nm->len == 2 && nm->s[0] == '-' && nm->s[1] == '-') {
			g->fill[i] = (struct fg_rgb){ 160, 160, 160 };
			continue;
		}
		if (nm->len == 1 && nm->s[0] == '-') {
			g->fill[i] = (struct fg_rgb){ 200, 200, 200 };
			continue;
		}
		if (g->diff) {
			g->fill[i] = fg_diff_color(&dv, t,
			    g->layout.frames[i].node, difftotal(g) * div);
			continue;
		}
		if (!have[nd->name]) {
			if (map == NULL ||
			    !fg_palmap_get(map, nm->s, nm->len, &c)) {
				c = fg_palette_color(p, nm->s, nm->len);
				if (map != NULL)
					fg_palmap_set(map, nm->s, nm->len, c);
			}
			/* --random: a new colour for every frame */
			if (p->mode != FG_COLOR_RANDOM || map != NULL) {
				cache[nd->name] = c;
				have[nd->name] = 1;
			}
		} else
			c = cache[nd->name];
		g->fill[i] = c;
	}
	free(cache);
	free(have);
}
