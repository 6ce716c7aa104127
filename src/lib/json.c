/* json.c - JSON output through jansson. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "json.h"

static json_t *
chk(json_t *j)
{
	if (j == NULL)
		die("out of memory");
	return j;
}

static void
set(json_t *obj, const char *key, json_t *v)
{
	if (json_object_set_new(obj, key, chk(v)) != 0)
		die("out of memory");
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	uint32_t cp;
	size_t k, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		k = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		k = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		k = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return k;
}

/* A JSON string of arbitrary bytes: invalid UTF-8 bytes become U+FFFD. */
static json_t *
jbytes(const char *s, size_t n)
{
	struct fg_buf b = { 0 };
	json_t *j;
	size_t i, k;

	if ((j = json_stringn(s, n)) != NULL)
		return j;
	for (i = 0; i < n; i += k) {
		if ((k = utf8_seq((const unsigned char *)s + i, n - i)) == 0) {
			fg_buf_put(&b, "\xef\xbf\xbd", 3);
			k = 1;
		} else
			fg_buf_put(&b, s + i, k);
	}
	j = chk(json_stringn(b.p != NULL ? b.p : "", b.len));
	fg_buf_free(&b);
	return j;
}

/* A count: an integer, or the exact decimal as a string. */
static json_t *
jcount(int64_t v, int scale)
{
	char buf[48];

	if (scale == 0)
		return json_integer(v);
	buf[fg_fmt_fixed(buf, v, scale)] = '\0';
	return json_string(buf);
}

/* Hundredths as a number: the nearest double, printed in 15 digits. */
static json_t *
jhund(int64_t h)
{
	return json_real((double)h / 100);
}

int
fg_json_top_write(FILE *fp, const struct fg_top *top,
    const struct fg_intern *names, size_t rows, int key, struct fg_err *err)
{
	const struct fg_top_fn *fn;
	const struct fg_name *nm;
	json_t *root, *arr, *row;
	int64_t sum = 0, a, b, delta;
	size_t i;
	int rc = 0;

	root = chk(json_object());
	set(root, "diff", json_boolean(top->diff));
	set(root, "sort", json_string(key == FG_TOP_CUM ? "cum" : "flat"));
	if (top->diff) {
		set(root, "total_before", jcount(top->total[FG_BEFORE], top->scale));
		set(root, "total_after", jcount(top->total[FG_COL], top->scale));
	} else
		set(root, "total", jcount(top->total[FG_COL], top->scale));
	set(root, "functions", json_integer((json_int_t)top->n));
	set(root, "shown", json_integer((json_int_t)rows));
	arr = chk(json_array());
	set(root, "rows", arr);		/* root owns it; arr stays valid */
	for (i = 0; i < rows && i < top->n; i++) {
		fn = &top->fn[i];
		nm = fg_intern_get(names, fn->name);
		row = chk(json_object());
		set(row, "function", jbytes(nm->s, nm->len));
		if (top->diff) {
			a = fn->v[key][FG_BEFORE];
			b = fn->v[key][FG_COL];
			if (__builtin_sub_overflow(b, a, &delta)) {
				json_decref(row);
				rc = fg_err_set(err, "%s: a change overflows 64 bits",
				    nm->s);
				goto out;
			}
			set(row, "before", jcount(a, top->scale));
			set(row, "after", jcount(b, top->scale));
			set(row, "delta", jcount(delta, top->scale));
			set(row, "before_pct", jhund(fg_top_pct(a, top->total[FG_BEFORE])));
			set(row, "after_pct", jhund(fg_top_pct(b, top->total[FG_COL])));
			set(row, "points", jhund(fg_top_points(top, fn, key)));
		} else {
			a = fn->v[FG_TOP_FLAT][FG_COL];
			b = fn->v[FG_TOP_CUM][FG_COL];
			/* |running sum of flat| <= total: no overflow */
			sum += a;
			set(row, "flat", jcount(a, top->scale));
			set(row, "flat_pct", jhund(fg_top_pct(a, top->total[FG_COL])));
			set(row, "sum_pct", jhund(fg_top_pct(sum, top->total[FG_COL])));
			set(row, "cum", jcount(b, top->scale));
			set(row, "cum_pct", jhund(fg_top_pct(b, top->total[FG_COL])));
		}
		if (json_array_append_new(arr, row) != 0)
			die("out of memory");
	}
	if (json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15)) != 0 || fputc('\n', fp) == EOF)
		rc = fg_err_set(err, "write error: %s", strerror(errno));
out:
	json_decref(root);
	return rc;
}

/*
 * Flame graphs as JSON.  jansson's encoder recurses once per level of
 * nesting and a stack may be 100,000 frames deep, so the documents are
 * written here, walking the trie without recursion, and only the
 * strings and numbers go through jansson.
 */
struct jw {
	FILE	*fp;
	struct fg_buf b;	/* output, flushed as it grows */
	json_t	*ji, *jr;	/* reused for every integer and real */
	double	 div;		/* 10^scale */
	int	 scale;
	struct fg_buf names;	/* encoded names, once each */
	size_t	*noff;		/* by name id: offset in names + 1, 0 = not yet */
	uint32_t *nlen;
	int	 werr;		/* a write failed */
};

#define JW_FLUSH	(1 << 20)

static void
jw_init(struct jw *w, FILE *fp, const struct fg_trie *t)
{
	int k;

	memset(w, 0, sizeof(*w));
	w->fp = fp;
	w->ji = chk(json_integer(0));
	w->jr = chk(json_real(0));
	w->scale = t->scale;
	w->div = 1;
	for (k = 0; k < t->scale; k++)
		w->div *= 10;
	w->noff = xcalloc(t->names.n ? t->names.n : 1, sizeof(*w->noff));
	w->nlen = xcalloc(t->names.n ? t->names.n : 1, sizeof(*w->nlen));
}

static void
jw_free(struct jw *w)
{
	json_decref(w->ji);
	json_decref(w->jr);
	fg_buf_free(&w->b);
	fg_buf_free(&w->names);
	free(w->noff);
	free(w->nlen);
}

static void
jw_flush(struct jw *w)
{
	if (!w->werr && fg_buf_flush(&w->b, w->fp) != 0)
		w->werr = errno != 0 ? errno : EIO;
	w->b.len = 0;
}

static void
jw_puts(struct jw *w, const char *s)
{
	fg_buf_put(&w->b, s, strlen(s));
	if (w->b.len >= JW_FLUSH)
		jw_flush(w);
}

/* j encoded by jansson, appended to b. */
static void
dump(struct fg_buf *b, const json_t *j, size_t flags)
{
	size_t n;

	flags |= JSON_ENCODE_ANY | JSON_COMPACT;
	if (b->cap - b->len < 64)
		fg_buf_grow(b, 64);
	n = json_dumpb(j, b->p + b->len, b->cap - b->len, flags);
	if (n == 0)
		die("out of memory");
	if (n > b->cap - b->len) {
		fg_buf_grow(b, n);
		n = json_dumpb(j, b->p + b->len, b->cap - b->len, flags);
	}
	b->len += n;
}

/* A name as a JSON string, from the cache. */
static void
jw_name(struct jw *w, const struct fg_trie *t, uint32_t id)
{
	const struct fg_name *nm;
	json_t *j;

	if (w->noff[id] == 0) {
		nm = fg_intern_get(&t->names, id);
		w->noff[id] = w->names.len + 1;
		j = jbytes(nm->s, nm->len);
		dump(&w->names, j, JSON_ESCAPE_SLASH);
		json_decref(j);
		w->nlen[id] = (uint32_t)(w->names.len - (w->noff[id] - 1));
	}
	fg_buf_put(&w->b, w->names.p + w->noff[id] - 1, w->nlen[id]);
}

/*
 * A string; with esc (strings from the input or the user) '/' is escaped
 * too, so "</script>" can sit in an HTML page.
 */
static void
jw_str(struct jw *w, const char *s, int esc)
{
	json_t *j = jbytes(s, strlen(s));

	dump(&w->b, j, esc ? JSON_ESCAPE_SLASH : 0);
	json_decref(j);
}

/*
 * A count in the trie's fixed point: an integer, or (decimal input) the
 * real in the fewest digits (15 to 17) that read back as the same
 * double.
 */
static void
jw_count(struct jw *w, int64_t v)
{
	char tmp[64];
	double d;
	int p;

	if (w->scale == 0) {
		json_integer_set(w->ji, v);
		dump(&w->b, w->ji, 0);
		return;
	}
	d = (double)v / w->div;
	for (p = 15; p < 17; p++) {
		snprintf(tmp, sizeof(tmp), "%.*g", p, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	json_real_set(w->jr, d);
	dump(&w->b, w->jr, JSON_REAL_PRECISION(p));
}

static void
jw_int(struct jw *w, int64_t v)
{
	json_integer_set(w->ji, v);
	dump(&w->b, w->ji, 0);
}

static int64_t
own_of(const struct fg_json_graph *g, uint32_t n)
{
	return g->dv != NULL && g->dv->own != NULL ? g->dv->own[n] :
	    g->trie->nodes[n].self[FG_COL];
}

static int64_t
wid_of(const struct fg_json_graph *g, uint32_t n)
{
	return g->dv != NULL && g->dv->wid != NULL ? g->dv->wid[n] :
	    g->trie->nodes[n].total[FG_COL];
}

/* Widths must be 0 or more and sum to more than 0. */
static int
check_widths(const struct fg_json_graph *g, struct fg_err *err)
{
	const struct fg_trie *t = g->trie;
	uint32_t i;

	if (!t->finished)
		return fg_err_set(err, "internal error: JSON of an unfinished trie");
	for (i = 0; i < t->n; i++)
		if (own_of(g, i) < 0)
			return fg_err_set(err, "a count below 0 in a "
			    "differential input: JSON widths cannot be "
			    "negative");
	if (wid_of(g, 0) <= 0)
		return fg_err_set(err, "no stack counts found (the total is 0)");
	return 0;
}

static int
jw_end(struct jw *w, struct fg_err *err)
{
	int rc = 0;

	jw_flush(w);
	if (!w->werr && fflush(w->fp) != 0)
		w->werr = errno != 0 ? errno : EIO;
	if (w->werr != 0)
		rc = fg_err_set(err, "write error: %s", strerror(w->werr));
	jw_free(w);
	return rc;
}

int
fg_json_d3_write(FILE *fp, const struct fg_json_graph *g, struct fg_err *err)
{
	const struct fg_trie *t = g->trie;
	const struct fg_node *nd;
	struct jw w;
	uint32_t n = 0;

	if (check_widths(g, err) != 0)
		return -1;
	jw_init(&w, fp, t);
	for (;;) {
		nd = &t->nodes[n];
		jw_puts(&w, "{\"name\":");
		if (n == 0)
			jw_str(&w, "root", 0);
		else
			jw_name(&w, t, nd->name);
		jw_puts(&w, ",\"value\":");
		jw_count(&w, wid_of(g, n));
		if (g->dv != NULL) {
			jw_puts(&w, ",\"delta\":");
			jw_count(&w, fg_diff_change(g->dv, t, n, 0));
		}
		if (nd->child != 0) {
			jw_puts(&w, ",\"children\":[\n");
			n = nd->child;
			continue;
		}
		jw_puts(&w, "}");
		/* close every level this node ends */
		while (n != 0 && t->nodes[n].next == 0) {
			n = t->nodes[n].parent;
			jw_puts(&w, "]}");
		}
		if (n == 0)
			break;
		jw_puts(&w, ",\n");
		n = t->nodes[n].next;
	}
	jw_puts(&w, "\n");
	return jw_end(&w, err);
}

/* Next node of a walk that skips subtrees without width. */
static uint32_t
next_wide(const struct fg_json_graph *g, uint32_t n)
{
	const struct fg_trie *t = g->trie;

	n = fg_trie_next(t, n);
	while (n != 0 && wid_of(g, n) == 0)
		n = fg_trie_skip(t, n);
	return n;
}

int
fg_json_speedscope_write(FILE *fp, const struct fg_json_graph *g,
    struct fg_err *err)
{
	const struct fg_trie *t = g->trie;
	uint32_t *fidx, *order, *path = NULL, nframes = 0, n, d, k, pcap = 0;
	const char *sep;
	struct jw w;
	int pass;

	if (g->dv != NULL && g->dv->sign)
		return fg_err_set(err, "speedscope: counts below 0 (a signed "
		    "change, as pb2folded --base writes) cannot be weights");
	if (check_widths(g, err) != 0)
		return -1;
	jw_init(&w, fp, t);

	/* frames numbered at first use, in the order samples are written */
	fidx = xmalloc((t->names.n ? t->names.n : 1) * sizeof(*fidx));
	order = xmalloc((t->names.n ? t->names.n : 1) * sizeof(*order));
	memset(fidx, 0xff, (t->names.n ? t->names.n : 1) * sizeof(*fidx));
	for (n = next_wide(g, 0); n != 0; n = next_wide(g, n))
		if (fidx[t->nodes[n].name] == UINT32_MAX) {
			fidx[t->nodes[n].name] = nframes;
			order[nframes++] = t->nodes[n].name;
		}

	jw_puts(&w, "{\"$schema\":");
	jw_str(&w, "https://www.speedscope.app/file-format-schema.json", 0);
	jw_puts(&w, ",\"name\":");
	jw_str(&w, g->name, 1);
	jw_puts(&w, ",\"activeProfileIndex\":0,\"exporter\":");
	jw_str(&w, g->exporter, 0);
	jw_puts(&w, ",\n\"shared\":{\"frames\":[\n");
	for (k = 0; k < nframes; k++) {
		jw_puts(&w, k > 0 ? ",\n{\"name\":" : "{\"name\":");
		jw_name(&w, t, order[k]);
		jw_puts(&w, "}");
	}
	jw_puts(&w, "]},\n\"profiles\":[{\"type\":\"sampled\",\"name\":");
	jw_str(&w, g->name, 1);
	jw_puts(&w, ",\"unit\":");
	jw_str(&w, g->unit, 0);
	jw_puts(&w, ",\"startValue\":0,\"endValue\":");
	jw_count(&w, wid_of(g, 0));

	/* pass 0: the stacks, pass 1: their weights, in the same order */
	for (pass = 0; pass < 2; pass++) {
		jw_puts(&w, pass == 0 ? ",\n\"samples\":[\n" : "],\n\"weights\":[\n");
		sep = "";
		n = 0;
		do {
			d = t->nodes[n].depth;
			if (d > pcap) {
				pcap = d > 2 * pcap ? d : 2 * pcap;
				path = xreallocarray(path, pcap, sizeof(*path));
			}
			if (d > 0)
				path[d - 1] = fidx[t->nodes[n].name];
			if (own_of(g, n) <= 0)
				continue;
			jw_puts(&w, sep);
			sep = ",\n";
			if (pass == 1) {
				jw_count(&w, own_of(g, n));
				continue;
			}
			fg_buf_putc(&w.b, '[');
			for (k = 0; k < d; k++) {
				if (k > 0)
					fg_buf_putc(&w.b, ',');
				jw_int(&w, path[k]);
			}
			fg_buf_putc(&w.b, ']');
		} while ((n = next_wide(g, n)) != 0);
	}
	jw_puts(&w, "]}]}\n");
	free(path);
	free(fidx);
	free(order);
	return jw_end(&w, err);
}

const char *
fg_json_unit(const char *c)
{
	static const char *const units[][5] = {
		{ "nanoseconds", "nanosecond", "ns", NULL },
		{ "microseconds", "microsecond", "us", "\xc2\xb5s", NULL },
		{ "milliseconds", "millisecond", "ms", NULL },
		{ "seconds", "second", "s", "sec", "secs" },
		{ "bytes", "byte", NULL },
	};
	size_t i, k;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		for (k = 0; k < 5 && units[i][k] != NULL; k++)
			if (strcasecmp(c, units[i][k]) == 0)
				return units[i][0];
	return "none";
}
