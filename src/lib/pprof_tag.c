/* pprof_tag.c - pprof's tag filters: -tagfocus and -tagignore on labels, numeric ranges with units. */
#include <stdlib.h>
#include <string.h>

#include "intern.h"
#include "pprof_impl.h"

/*
 * A compiled -tagfocus / -tagignore value, as pprof's compileTagFilter
 * reads it: "KEY=" (optional, an empty KEY is no key), then either a
 * numeric range ("64kb", "1mb:", ":1kb", "16b:8kb") or comma-separated
 * regular expressions.
 */
struct pp_tagf {
	struct str key;		/* len 0: any label */
	char	*keybuf;
	int	 numeric;
	struct pp_range rg;
	/* regular expressions */
	struct rx *rx;
	size_t	 nrx;
};

/* One match of pprof's tagFilterRangeRx, ([+-]?[0-9]+)([A-Za-z]+)?, at or after s[*i]. */
struct rmatch {
	size_t	 start, end;	/* the whole match */
	size_t	 nend;		/* end of the number part */
};

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

static int
isalp(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
range_next(const char *s, size_t n, size_t *i, struct rmatch *m)
{
	size_t p, q;

	for (p = *i; p < n; p++) {
		q = p;
		if ((s[q] == '+' || s[q] == '-') && q + 1 < n && isdig(s[q + 1]))
			q++;
		if (!isdig(s[q]))
			continue;
		while (q < n && isdig(s[q]))
			q++;
		m->start = p;
		m->nend = q;
		while (q < n && isalp(s[q]))
			q++;
		m->end = q;
		*i = q;
		return 1;
	}
	return 0;
}

/* strconv.ParseInt(s[a..b), 10, 64); -1 when out of range. */
static int
parse_i64(const char *s, size_t a, size_t b, int64_t *v)
{
	char buf[64];

	if (b - a >= sizeof(buf))
		return -1;
	memcpy(buf, s + a, b - a);
	buf[b - a] = '\0';
	return fg_parse_i64(buf, v);
}

/*
 * pprof's parseTagFilterRange.  Returns 1 with f filled in when value is
 * a range, 0 when it is to be read as regular expressions, -1 (msg set)
 * when a number does not fit 64 bits (pprof panics there).
 */
int
pp_tag_range(const char *s, struct pp_range *f, char *msg, size_t msz)
{
	size_t n = strlen(s), i = 0;
	struct rmatch m[2];
	int nm = 0, k;
	int64_t v[2];
	struct str u, out;

	memset(f, 0, sizeof(*f));
	while (nm < 2 && range_next(s, n, &i, &m[nm]))
		nm++;
	if (nm == 0)
		return 0;
	for (k = 0; k < nm; k++)
		if (parse_i64(s, m[k].start, m[k].nend, &v[k]) != 0) {
			snprintf(msg, msz, "number out of range: %.*s",
			    (int)(m[k].nend - m[k].start), s + m[k].start);
			return -1;
		}
	/* the first match's unit, as measurement.Scale(v, u, u) names it */
	u.s = s + m[0].nend;
	u.len = (uint32_t)(m[0].end - m[0].nend);
	f->lo = pp_uscale(v[0], u, u, &out);
	f->ustr = out;
	if (nm == 1) {
		size_t a = m[0].start, b = m[0].end;

		if (a == 0 && b == n)
			f->kind = PP_R_EQ;
		else if (a == 0 && b + 1 == n && s[b] == ':')
			f->kind = PP_R_GE;
		else if (a == 1 && b == n && s[0] == ':')
			f->kind = PP_R_LE;
		else
			return 0;
		f->hi = f->lo;
	} else {
		if (m[0].start != 0 || m[1].end != n ||
		    m[1].start != m[0].end + 1 || s[m[0].end] != ':')
			return 0;
		u.s = s + m[1].nend;
		u.len = (uint32_t)(m[1].end - m[1].nend);
		f->hi = pp_uscale(v[1], u, f->ustr, &out);
		if (!str_eq(out, f->ustr))
			return 0;
		f->kind = PP_R_IN;
	}
	/* the unit may point into s: keep a copy */
	f->unit = xstrndup(f->ustr.len > 0 ? f->ustr.s : "", f->ustr.len);
	f->ustr.s = f->unit;
	return 1;
}

int
pp_tagf_comp(struct pp_tagf **out, const char *s, char *msg, size_t msz)
{
	struct pp_tagf *f;
	const char *eq, *v = s, *p, *c;
	char *one;
	int r;

	*out = NULL;
	if (s == NULL || s[0] == '\0')
		return 0;
	eq = strchr(s, '=');
	f = xmalloc(sizeof(*f));
	memset(f, 0, sizeof(*f));
	if (eq != NULL) {
		f->keybuf = xstrndup(s, (size_t)(eq - s));
		f->key.s = f->keybuf;
		f->key.len = (uint32_t)(eq - s);
		v = eq + 1;
	}
	if ((r = pp_tag_range(v, &f->rg, msg, msz)) < 0) {
		pp_tagf_free(f);
		return -1;
	}
	if (r == 1) {
		f->numeric = 1;
		*out = f;
		return 0;
	}
	for (p = v;; p = c + 1) {
		c = strchr(p, ',');
		if (c == NULL)
			c = p + strlen(p);
		f->rx = xreallocarray(f->rx, f->nrx + 1, sizeof(*f->rx));
		memset(&f->rx[f->nrx], 0, sizeof(*f->rx));
		one = xstrndup(p, (size_t)(c - p));
		r = pp_rx_comp(&f->rx[f->nrx], one, 0, msg, msz);
		free(one);
		f->nrx++;
		if (r != 0) {
			char m[256];

			snprintf(m, sizeof(m), "%s", msg);
			snprintf(msg, msz, "bad regular expression: %s", m);
			pp_tagf_free(f);
			return -1;
		}
		if (*c == '\0')
			break;
	}
	*out = f;
	return 0;
}

void
pp_tagf_free(struct pp_tagf *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nrx; i++)
		pp_rx_free(&f->rx[i]);
	free(f->rx);
	free(f->rg.unit);
	free(f->keybuf);
	free(f);
}

/*
 * pprof's NumLabelUnits over the merged samples, in their order: a key's
 * unit is the first non-empty unit among its values, else "bytes" for
 * "alignment" and "request", else the key itself.
 */
struct pp_kunits {
	struct fg_intern keys;
	struct str *unit;	/* by key id; len 0 with s NULL: none yet */
	uint32_t cap;
};

struct pp_kunits *
pp_kunits_new(const struct fg_pprof_set *set, const struct slist *F)
{
	struct pp_kunits *ku = xmalloc(sizeof(*ku));
	uint8_t *seen = xmalloc(set->nls);
	size_t q;
	uint32_t i, id;

	fg_intern_init(&ku->keys);
	ku->unit = NULL;
	ku->cap = 0;
	memset(seen, 0, set->nls);
	for (q = 0; q < F->n; q++) {
		uint32_t ls = F->s[q].ls;
		const char *p = set->ls[ls].s, *end = p + set->ls[ls].len, *u;
		struct lsgroup g;

		if (seen[ls])
			continue;
		seen[ls] = 1;
		while (pp_ls_next(&p, end, &g)) {
			if (g.nn == 0)
				continue;
			id = fg_intern(&ku->keys, g.key.s, g.key.len);
			while (id >= ku->cap) {
				uint32_t c = ku->cap ? ku->cap * 2 : 16;

				ku->unit = xreallocarray(ku->unit, c, sizeof(*ku->unit));
				memset(ku->unit + ku->cap, 0, (c - ku->cap) * sizeof(*ku->unit));
				ku->cap = c;
			}
			u = g.units;
			for (i = 0; i < g.nu && ku->unit[id].len == 0; i++) {
				struct str s = pp_getstr(&u);

				if (s.len > 0)
					ku->unit[id] = s;
			}
		}
	}
	free(seen);
	for (id = 0; id < ku->keys.n && id < ku->cap; id++)
		if (ku->unit[id].len == 0) {
			const struct fg_name *k = fg_intern_get(&ku->keys, id);

			ku->unit[id].s = k->s;
			ku->unit[id].len = k->len;
			if (str_is(ku->unit[id], "alignment") ||
			    str_is(ku->unit[id], "request")) {
				ku->unit[id].s = "bytes";
				ku->unit[id].len = 5;
			}
		}
	return ku;
}

void
pp_kunits_free(struct pp_kunits *ku)
{
	if (ku == NULL)
		return;
	free(ku->unit);
	fg_intern_free(&ku->keys);
	free(ku);
}

static struct str
kunit(const struct pp_kunits *ku, struct str key)
{
	uint32_t id = fg_intern_find(&ku->keys, key.s, key.len);

	return id < ku->cap ? ku->unit[id] : pp_nostr;
}

int
pp_range_passes(const struct pp_range *f, int64_t v, struct str unit)
{
	struct str su;
	double x = pp_uscale(v, unit, f->ustr, &su);

	if (!str_eq(su, f->ustr))
		return 0;
	switch (f->kind) {
	case PP_R_EQ: return x == f->lo;
	case PP_R_GE: return x >= f->lo;
	case PP_R_LE: return x <= f->lo;
	default: return x >= f->lo && x <= f->hi;
	}
}

/* Does label set ls pass filter f (pprof's closures of compileTagFilter)? */
static int
tagf_match(const struct fg_pprof_set *set, uint32_t ls, const struct pp_tagf *f,
    const struct pp_kunits *ku, struct fg_buf *b)
{
	const char *p0 = set->ls[ls].s, *end = p0 + set->ls[ls].len, *p, *q;
	struct lsgroup g;
	uint32_t i;
	size_t r;
	int any;

	if (f->numeric) {
		p = p0;
		while (pp_ls_next(&p, end, &g)) {
			struct str unit;

			if (g.nn == 0 || (f->key.len > 0 && !str_eq(g.key, f->key)))
				continue;
			unit = kunit(ku, g.key);
			for (i = 0; i < g.nn; i++) {
				int64_t v;

				memcpy(&v, g.nums + (size_t)i * 8, 8);
				if (pp_range_passes(&f->rg, v, unit))
					return 1;
			}
		}
		return 0;
	}
	if (f->key.len > 0) {
		/* KEY=RE1,RE2: any value of KEY matching any of them */
		p = p0;
		while (pp_ls_next(&p, end, &g)) {
			if (g.ns == 0 || !str_eq(g.key, f->key))
				continue;
			for (r = 0; r < f->nrx; r++)
				for (q = g.strs, i = 0; i < g.ns; i++)
					if (pp_rx_match(&f->rx[r], pp_getstr(&q)))
						return 1;
		}
		return 0;
	}
	/* RE1,RE2: each matching some "key:value" */
	for (r = 0; r < f->nrx; r++) {
		any = 0;
		p = p0;
		while (!any && pp_ls_next(&p, end, &g))
			for (q = g.strs, i = 0; !any && i < g.ns; i++) {
				struct str s = pp_getstr(&q);

				b->len = 0;
				fg_buf_put(b, g.key.s, g.key.len);
				fg_buf_putc(b, ':');
				fg_buf_put(b, s.s, s.len);
				fg_buf_putc(b, '\0');
				any = pp_rx_match(&f->rx[r],
				    (struct str){ b->p, (uint32_t)b->len - 1 });
			}
		if (!any)
			return 0;
	}
	return 1;
}

/* pprof's FilterSamplesByTag: keep samples focused and not ignored. */
void
pp_filter_tags(struct fg_pprof_set *set, struct slist *F,
    const struct pp_tagf *focus, const struct pp_tagf *ignore,
    const struct pp_kunits *ku)
{
	/* per label set: 0 unknown, 1 dropped, 2 kept */
	uint8_t *memo;
	struct fg_buf b = { 0 };
	size_t q, w = 0;

	if (focus == NULL && ignore == NULL)
		return;
	memo = xmalloc(set->nls);
	memset(memo, 0, set->nls);
	for (q = 0; q < F->n; q++) {
		uint32_t ls = F->s[q].ls;

		if (memo[ls] == 0) {
			int keep = focus == NULL || tagf_match(set, ls, focus, ku, &b);

			if (keep && ignore != NULL && tagf_match(set, ls, ignore, ku, &b))
				keep = 0;
			memo[ls] = keep ? 2 : 1;
		}
		if (memo[ls] == 1)
			continue;
		F->s[w] = F->s[q];
		memmove(&F->v[w * F->h.nt], &F->v[q * F->h.nt], F->h.nt * sizeof(*F->v));
		w++;
	}
	F->n = w;
	free(memo);
	fg_buf_free(&b);
}
