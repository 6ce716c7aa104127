/* json.c - JSON output through jansson. */
#include <errno.h>
#include <string.h>

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
