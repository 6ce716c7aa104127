/*
 * json.c - JSON through jansson: foldtop's table, the d3-flame-graph and
 * speedscope writers, and the V8 .cpuprofile reader (the only file using
 * jansson).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "cpuprofile.h"
#include "folded.h"
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

static void
jw_int(struct jw *w, int64_t v)
{
	json_integer_set(w->ji, v);
	dump(&w->b, w->ji, 0);
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
		jw_int(w, v);
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

int
fg_json_check(const struct fg_json_graph *g, int speedscope,
    struct fg_err *err)
{
	if (speedscope && g->dv != NULL && g->dv->sign)
		return fg_err_set(err, "counts below 0 (a signed change, as "
		    "pb2folded --base writes) cannot be speedscope weights");
	return check_widths(g, err);
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

	if (fg_json_check(g, 0, err) != 0)
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

	if (fg_json_check(g, 1, err) != 0)
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

/* ---- V8 .cpuprofile reader (cpuprofile.h) ---- */

#define CP_NONE	UINT32_MAX

struct pnode {
	int64_t	 id;
	int64_t	 w;		/* weight of the samples on this node */
	uint64_t hits;		/* samples on it (kept: they may weigh 0) */
	uint32_t parent;	/* index, CP_NONE for the root */
	uint32_t name;		/* interned frame name */
	uint32_t tn;		/* trie node */
	uint32_t cfirst, cn;	/* children: kids[cfirst .. cfirst+cn) */
	int	 idle;
};

struct ident {
	int64_t	 id;
	uint32_t i;
};

struct cp {
	const char *name;
	struct fg_err *err;
	struct pnode *nd;
	size_t	 n;
	uint32_t *kids;
	/*
	 * id -> index: V8 numbers nodes 1..n, so a dense range is an array
	 * (byid); other ids are found by binary search in ids, sorted.  No
	 * hashing: crafted ids cannot make a lookup slow.
	 */
	struct ident *ids;
	uint32_t *byid;
	int64_t	 minid;
	struct fg_buf b;
};

static int bad(struct cp *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

static int
bad(struct cp *c, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return fg_err_set(c->err, "%s: %s", c->name, msg);
}

static int
identcmp(const void *a, const void *b)
{
	const struct ident *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Index the ids (c->ids[k].id of node c->ids[k].i, filled); refuse repeats. */
static int
index_ids(struct cp *c)
{
	size_t k, first = CP_NONE, other = 0;

	if (c->n == 0)
		return 0;
	qsort(c->ids, c->n, sizeof(*c->ids), identcmp);
	/* the first node, in file order, whose id an earlier node has */
	for (k = 1; k < c->n; k++)
		if (c->ids[k].id == c->ids[k - 1].id && c->ids[k].i < first) {
			first = c->ids[k].i;
			other = c->ids[k - 1].i;
		}
	if (first != CP_NONE)
		return bad(c, "nodes[%zu]: id %" PRId64 " repeated (nodes[%zu] "
		    "has it too)", first, c->nd[first].id, other);
	c->minid = c->ids[0].id;
	if ((uint64_t)c->ids[c->n - 1].id - (uint64_t)c->minid == c->n - 1) {
		c->byid = xreallocarray(NULL, c->n, sizeof(*c->byid));
		for (k = 0; k < c->n; k++)
			c->byid[k] = c->ids[k].i;
	}
	return 0;
}

/* Index of node id, or CP_NONE. */
static uint32_t
lookup(const struct cp *c, int64_t id)
{
	size_t lo = 0, hi = c->n, mid;
	uint64_t off = (uint64_t)id - (uint64_t)c->minid;

	if (c->byid != NULL)
		return off < c->n ? c->byid[off] : CP_NONE;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->ids[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n && c->ids[lo].id == id ? c->ids[lo].i : CP_NONE;
}

/* v as an int64, or -1 when it is no JSON integer. */
static int
getint(const json_t *v, int64_t *out)
{
	if (!json_is_integer(v))
		return -1;
	*out = (int64_t)json_integer_value(v);
	return 0;
}

/* A string member: "" when absent; -1 when of another type. */
static int
getstr(const json_t *obj, const char *key, const char **s, size_t *len)
{
	const json_t *v = json_object_get(obj, key);

	if (v == NULL || json_is_null(v)) {
		*s = "";
		*len = 0;
		return 0;
	}
	if (!json_is_string(v))
		return -1;
	*s = json_string_value(v);
	*len = json_string_length(v);
	return 0;
}

/* Intern node i's frame name from its callFrame. */
static int
name_node(struct cp *c, struct fg_trie *t, size_t i, const json_t *node,
    const struct fg_cpuprofile_opts *o)
{
	const json_t *cf = json_object_get(node, "callFrame"), *ln;
	const char *fn, *url;
	size_t fl, ul;
	int64_t line = -1;
	char num[24];

	if (!json_is_object(cf))
		return bad(c, "nodes[%zu]: no callFrame object", i);
	if (getstr(cf, "functionName", &fn, &fl) != 0)
		return bad(c, "nodes[%zu].callFrame.functionName: not a string", i);
	if (getstr(cf, "url", &url, &ul) != 0)
		return bad(c, "nodes[%zu].callFrame.url: not a string", i);
	ln = json_object_get(cf, "lineNumber");
	if (ln != NULL && !json_is_null(ln) && getint(ln, &line) != 0)
		return bad(c, "nodes[%zu].callFrame.lineNumber: not an integer", i);
	c->nd[i].idle = fl == 6 && memcmp(fn, "(idle)", 6) == 0;
	c->b.len = 0;
	if (fl == 0)
		fg_buf_puts(&c->b, "(anonymous)");	/* as DevTools shows it */
	else
		fg_buf_put(&c->b, fn, fl);
	if (o->lines && ul > 0) {
		fg_buf_putc(&c->b, ' ');
		fg_buf_put(&c->b, url, ul);
		if (line >= 0) {	/* 0-based in the file, 1-based here */
			fg_buf_putc(&c->b, ':');
			fg_buf_put(&c->b, num,
			    (size_t)snprintf(num, sizeof(num), "%" PRIu64,
			    (uint64_t)line + 1));
		}
	}
	fg_folded_frame_clean(c->b.p, c->b.len);
	c->nd[i].name = fg_intern(&t->names, c->b.p, c->b.len);
	return 0;
}

/* Read the nodes: ids, names, children; check the graph is one tree. */
static int
read_nodes(struct cp *c, struct fg_trie *t, const json_t *nodes,
    const struct fg_cpuprofile_opts *o, uint32_t *order)
{
	size_t i, k, nk = 0, root = CP_NONE, head, tail;
	const json_t *node, *ch, *v;
	uint32_t j;
	int64_t id;

	c->ids = xreallocarray(NULL, c->n + 1, sizeof(*c->ids));
	for (i = 0; i < c->n; i++) {
		node = json_array_get(nodes, i);
		if (!json_is_object(node))
			return bad(c, "nodes[%zu]: not an object", i);
		if (getint(json_object_get(node, "id"), &id) != 0)
			return bad(c, "nodes[%zu].id: missing or not an integer", i);
		c->nd[i].id = id;
		c->nd[i].parent = CP_NONE;
		c->ids[i].id = id;
		c->ids[i].i = (uint32_t)i;
		if (name_node(c, t, i, node, o) != 0)
			return -1;
		ch = json_object_get(node, "children");
		if (ch != NULL && !json_is_null(ch) && !json_is_array(ch))
			return bad(c, "nodes[%zu].children: not an array", i);
		c->nd[i].cfirst = (uint32_t)nk;
		c->nd[i].cn = (uint32_t)json_array_size(ch);
		nk += json_array_size(ch);
		if (nk > UINT32_MAX - 1)
			return bad(c, "too many children");
	}
	if (index_ids(c) != 0)
		return -1;
	c->kids = xreallocarray(NULL, nk + 1, sizeof(*c->kids));
	for (i = 0; i < c->n; i++) {
		ch = json_object_get(json_array_get(nodes, i), "children");
		for (k = 0; k < c->nd[i].cn; k++) {
			v = json_array_get(ch, k);
			if (getint(v, &id) != 0)
				return bad(c, "nodes[%zu].children[%zu]: not an "
				    "integer", i, k);
			if ((j = lookup(c, id)) == CP_NONE)
				return bad(c, "nodes[%zu].children[%zu]: no node "
				    "has id %" PRId64, i, k, id);
			if (j == i)
				return bad(c, "node id %" PRId64 " is its own "
				    "child", id);
			if (c->nd[j].parent == i)
				return bad(c, "nodes[%zu].children: id %" PRId64
				    " listed twice", i, id);
			if (c->nd[j].parent != CP_NONE)
				return bad(c, "node id %" PRId64 " is a child of "
				    "both id %" PRId64 " and id %" PRId64, id,
				    c->nd[c->nd[j].parent].id, c->nd[i].id);
			c->nd[j].parent = (uint32_t)i;
			c->kids[c->nd[i].cfirst + k] = j;
		}
	}
	if (c->n == 0)
		return 0;
	for (i = 0; i < c->n; i++) {
		if (c->nd[i].parent != CP_NONE)
			continue;
		if (root != CP_NONE)
			return bad(c, "two root nodes: ids %" PRId64 " and %"
			    PRId64 " are nobody's children", c->nd[root].id,
			    c->nd[i].id);
		root = i;
	}
	if (root == CP_NONE)
		return bad(c, "no root node: every node is a child (a cycle)");
	/* breadth first from the root: parents come before their children */
	order[0] = (uint32_t)root;
	for (head = 0, tail = 1; head < tail; head++) {
		const struct pnode *p = &c->nd[order[head]];

		for (k = 0; k < p->cn; k++)
			order[tail++] = c->kids[p->cfirst + k];
	}
	if (tail < c->n) {
		/*
		 * Each node has one parent: what the root misses is a cycle.
		 * Mark the reached nodes (hits is free until weigh()).
		 */
		for (i = 0; i < tail; i++)
			c->nd[order[i]].hits = 1;
		for (i = 0; c->nd[i].hits != 0; i++)
			;
		return bad(c, "node id %" PRId64 " is not reachable from the "
		    "root (a cycle of children)", c->nd[i].id);
	}
	return 0;
}

struct stamp {
	int64_t	 t;
	uint32_t k;
};

static int
stampcmp(const void *a, const void *b)
{
	const struct stamp *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

static int
getstamp(struct cp *c, const json_t *top, const char *key, int64_t *v)
{
	if (getint(json_object_get(top, key), v) != 0)
		return bad(c, "%s: missing or not an integer", key);
	return 0;
}

/* Add w to node i's weight and count one more sample. */
static int
credit(struct cp *c, uint32_t i, int64_t w, uint64_t hits)
{
	if (__builtin_add_overflow(c->nd[i].w, w, &c->nd[i].w))
		return bad(c, "a stack's value overflows a 64-bit integer");
	c->nd[i].hits += hits;
	return 0;
}

/*
 * Weigh the samples by time, as DevTools' CPUProfileDataModel times them:
 * timestamps from startTime and the deltas, samples in time order (a
 * stable sort: deltas can be negative), each lasting up to the next one;
 * the last one lasts up to endTime (DevTools guesses the mean interval).
 */
static int
weigh_time(struct cp *c, const json_t *top, const uint32_t *idx, size_t ns)
{
	const json_t *td = json_object_get(top, "timeDeltas");
	int64_t now = 0, end = 0, d, w;
	struct stamp *st;
	size_t k;
	int sorted = 1, rc = -1;

	if (td == NULL || json_is_null(td))
		return bad(c, "no timeDeltas: cannot weigh samples by time "
		    "(--samples counts them)");
	if (!json_is_array(td))
		return bad(c, "timeDeltas: not an array");
	if (json_array_size(td) != ns)
		return bad(c, "%zu timeDeltas for %zu samples",
		    json_array_size(td), ns);
	if (ns == 0)
		return 0;
	if (getstamp(c, top, "startTime", &now) != 0 ||
	    getstamp(c, top, "endTime", &end) != 0)
		return -1;
	st = xreallocarray(NULL, ns, sizeof(*st));
	for (k = 0; k < ns; k++) {
		if (getint(json_array_get(td, k), &d) != 0) {
			bad(c, "timeDeltas[%zu]: not an integer", k);
			goto out;
		}
		if (__builtin_add_overflow(now, d, &now)) {
			bad(c, "timeDeltas[%zu]: the time overflows", k);
			goto out;
		}
		if (k > 0 && now < st[k - 1].t)
			sorted = 0;
		st[k].t = now;
		st[k].k = (uint32_t)k;
	}
	if (!sorted)
		qsort(st, ns, sizeof(*st), stampcmp);
	for (k = 0; k < ns; k++) {
		now = k + 1 < ns ? st[k + 1].t : end > st[k].t ? end : st[k].t;
		if (__builtin_sub_overflow(now, st[k].t, &w)) {
			bad(c, "samples span more than 2^63 microseconds");
			goto out;
		}
		if (credit(c, idx[st[k].k], w, 1) != 0)
			goto out;
	}
	rc = 0;
out:
	free(st);
	return rc;
}

/* Weigh each node by its samples, or by its hitCount without samples. */
static int
weigh(struct cp *c, const json_t *top, const json_t *nodes,
    const struct fg_cpuprofile_opts *o)
{
	const json_t *smp = json_object_get(top, "samples");
	uint32_t *idx;
	int64_t id, h;
	size_t k, ns;
	int rc = -1;

	if (smp == NULL || json_is_null(smp)) {
		/* hitCounts only: counts, not times (an empty profile is fine) */
		for (k = 0; k < c->n; k++) {
			const json_t *v = json_object_get(
			    json_array_get(nodes, k), "hitCount");

			if (v == NULL || json_is_null(v))
				continue;
			if (getint(v, &h) != 0 || h < 0)
				return bad(c, "nodes[%zu].hitCount: not a "
				    "count", k);
			if (h > 0 && !o->samples)
				return bad(c, "no samples: cannot weigh by time "
				    "(--samples counts each node's hitCount)");
			if (h > 0 && credit(c, (uint32_t)k, h, 1) != 0)
				return -1;
		}
		return 0;
	}
	if (!json_is_array(smp))
		return bad(c, "samples: not an array");
	ns = json_array_size(smp);
	if (ns > UINT32_MAX)
		return bad(c, "too many samples");
	idx = xreallocarray(NULL, ns + 1, sizeof(*idx));
	for (k = 0; k < ns; k++) {
		if (getint(json_array_get(smp, k), &id) != 0) {
			bad(c, "samples[%zu]: not an integer", k);
			goto out;
		}
		if ((idx[k] = lookup(c, id)) == CP_NONE) {
			bad(c, "samples[%zu]: no node has id %" PRId64, k, id);
			goto out;
		}
	}
	if (!o->samples)
		rc = weigh_time(c, top, idx, ns);
	else {
		for (k = 0; k < ns; k++)
			if (credit(c, idx[k], 1, 1) != 0)
				goto out;
		rc = 0;
	}
out:
	free(idx);
	return rc;
}

static int
fold(struct cp *c, struct fg_trie *t, const json_t *top,
    const struct fg_cpuprofile_opts *o)
{
	const json_t *nodes;
	uint32_t *order, i, r;
	int64_t v[2];
	size_t k;
	int rc = -1;

	if (json_is_array(top))
		return bad(c, "a JSON array, not a .cpuprofile (a trace event "
		    "file is not read)");
	nodes = json_object_get(top, "nodes");
	if (!json_is_array(nodes)) {
		if (json_object_get(top, "traceEvents") != NULL)
			return bad(c, "a trace event file (traceEvents), not a "
			    ".cpuprofile");
		if (json_object_get(top, "head") != NULL)
			return bad(c, "the old .cpuprofile format (a head tree, "
			    "no nodes array) is not read");
		return bad(c, "no nodes array: not a .cpuprofile");
	}
	c->n = json_array_size(nodes);
	if (c->n > UINT32_MAX / 4)
		return bad(c, "too many nodes");
	c->nd = xcalloc(c->n + 1, sizeof(*c->nd));
	order = xreallocarray(NULL, c->n + 1, sizeof(*order));
	if (read_nodes(c, t, nodes, o, order) != 0 || weigh(c, top, nodes, o) != 0)
		goto out;
	if (c->n == 0) {
		rc = 0;
		goto out;
	}
	/* order[0] is the root: not a frame, unless samples end on it */
	r = order[0];
	c->nd[r].tn = c->nd[r].hits > 0 ? fg_trie_child(t, 0, c->nd[r].name) : 0;
	for (k = 1; k < c->n; k++) {
		i = order[k];
		c->nd[i].tn = fg_trie_child(t, c->nd[i].parent == r ? 0 :
		    c->nd[c->nd[i].parent].tn, c->nd[i].name);
	}
	for (k = 0; k < c->n; k++) {
		i = order[k];
		if (c->nd[i].hits == 0 || (o->noidle && c->nd[i].idle))
			continue;
		v[0] = c->nd[i].w;
		v[1] = 0;
		if (fg_trie_add(t, c->nd[i].tn, v, 0) != 0) {
			bad(c, "a stack's value overflows a 64-bit integer");
			goto out;
		}
	}
	rc = 0;
out:
	free(order);
	return rc;
}

int
fg_cpuprofile_fold(struct fg_trie *t, const char *name, const char *buf,
    size_t len, const struct fg_cpuprofile_opts *o, struct fg_err *err)
{
	struct cp c;
	json_error_t je;
	json_t *top;
	char *s;
	int rc;

	memset(&c, 0, sizeof(c));
	c.name = name;
	c.err = err;
	/* JSON_ALLOW_NUL: a \u0000 in a name becomes a space like other controls */
	top = json_loadb(buf, len, JSON_ALLOW_NUL, &je);
	if (top == NULL) {
		for (s = je.text; *s != '\0'; s++)	/* one line */
			if ((unsigned char)*s < 0x20 || *s == 0x7f)
				*s = '?';
		return fg_err_set(err, "%s:%d:%d: %s", name, je.line,
		    je.column, je.text);
	}
	rc = fold(&c, t, top, o);
	json_decref(top);
	free(c.nd);
	free(c.kids);
	free(c.ids);
	free(c.byid);
	fg_buf_free(&c.b);
	return rc;
}
