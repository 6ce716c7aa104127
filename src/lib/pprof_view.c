/* pprof_view.c - pprof's merged view: hashed tables, the set, sample types, units, merging. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pprof_impl.h"

const struct str pp_nostr = { "", 0 };

/* ---------------------------------------------------------------- tables */

uint64_t
pp_mix64(uint64_t x)
{
	x ^= x >> 31;
	x *= 0x7fb5d329728ea185ULL;
	x ^= x >> 27;
	x *= 0x81dadef4bc2dd44dULL;
	return x ^ (x >> 33);
}

uint64_t
pp_hcombine(uint64_t h, uint64_t v)
{
	return pp_mix64(h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)));
}

uint64_t
pp_hstr(uint64_t h, struct str s)
{
	return pp_hcombine(h, fg_hash(s.s, s.len));
}

void
pp_tab_init(struct tab *t)
{
	t->mask = 255;
	t->n = 0;
	t->slot = xcalloc(t->mask + 1, sizeof(*t->slot));
}

/*
 * Count an insertion; rehash when half full.  Object k - 1 keeps its hash
 * at hashes + (k - 1) * stride bytes.
 */
void
pp_tab_added(struct tab *t, const uint64_t *hashes, size_t stride)
{
	uint32_t *ns, m, i, j;

	if (++t->n * 2 <= t->mask)
		return;
	m = t->mask * 2 + 1;
	ns = xcalloc((size_t)m + 1, sizeof(*ns));
	for (i = 0; i <= t->mask; i++) {
		uint32_t k = t->slot[i];
		uint64_t h;

		if (k == 0)
			continue;
		h = *(const uint64_t *)((const char *)hashes + (size_t)(k - 1) * stride);
		for (j = (uint32_t)h & m; ns[j] != 0; j = (j + 1) & m)
			;
		ns[j] = k;
	}
	free(t->slot);
	t->slot = ns;
	t->mask = m;
}

/* id -> index for a profile's arbitrary uint64 ids (0 is never stored). */
/* ---------------------------------------------------------------- set */

void
fg_pprof_set_max_inflate(struct fg_pprof_set *set, size_t max)
{
	/* max + 1 bytes are allocated to see the limit passed */
	set->max_inflate = max < SIZE_MAX / 2 ? max : SIZE_MAX / 2;
}

struct fg_pprof_set *
fg_pprof_new(void)
{
	struct fg_pprof_set *set = xcalloc(1, sizeof(*set));

	set->max_inflate = FG_PPROF_MAX_INFLATE;
	pp_tab_init(&set->fntab);
	pp_tab_init(&set->mptab);
	pp_tab_init(&set->lctab);
	pp_tab_init(&set->lstab);
	/* never NULL: samples without locations index it with length 0 */
	set->cstk = 1024;
	set->stk = xmalloc(set->cstk * sizeof(*set->stk));
	/* label set 0: no labels */
	set->cls = 64;
	set->ls = xmalloc(set->cls * sizeof(*set->ls));
	set->lsh = xmalloc(set->cls * sizeof(*set->lsh));
	set->ls[0] = pp_nostr;
	set->lsh[0] = 0;
	set->nls = 1;
	return set;
}

void
pp_slist_free(struct slist *l)
{
	free(l->s);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void
fg_pprof_free(struct fg_pprof_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->nsrc; i++)
		pp_slist_free(&set->src[i]);
	for (i = 0; i < set->nbase; i++)
		pp_slist_free(&set->base[i]);
	free(set->src);
	free(set->base);
	free(set->fn);
	free(set->mp);
	free(set->lc);
	free(set->ln);
	free(set->stk);
	free(set->ls);
	free(set->lsh);
	free(set->nm);
	free(set->fntab.slot);
	free(set->mptab.slot);
	free(set->lctab.slot);
	free(set->lstab.slot);
	fg_arena_free(&set->arena);
	free(set);
}

struct str
pp_set_str(struct fg_pprof_set *set, const void *s, size_t n)
{
	struct str r;

	r.s = n == 0 ? "" : fg_arena_strndup(&set->arena, s, n);
	r.len = (uint32_t)n;
	return r;
}

/* ---------------------------------------------------------------- types */

size_t
fg_pprof_ntypes(const struct fg_pprof_set *set)
{
	return set->nsrc > 0 ? set->src[0].h.nt : 0;
}

void
fg_pprof_type(const struct fg_pprof_set *set, size_t i, const char **type,
    size_t *tlen, const char **unit, size_t *ulen)
{
	const struct hdr *h = &set->src[0].h;

	*type = h->type[i].s;
	*tlen = h->type[i].len;
	*unit = h->unit[i].s;
	*ulen = h->unit[i].len;
}

int
pp_default_index(const struct hdr *h)
{
	uint32_t i;

	if (h->deflt.len > 0)
		for (i = 0; i < h->nt; i++)
			if (str_eq(h->type[i], h->deflt))
				return (int)i;
	return (int)h->nt - 1;
}

int
fg_pprof_default_type(const struct fg_pprof_set *set)
{
	struct hdr h;
	size_t i;

	if (set->nsrc == 0)
		return -1;
	h = set->src[0].h;
	for (i = 0; i < set->nsrc && h.deflt.len == 0; i++)
		h.deflt = set->src[i].h.deflt;
	return pp_default_index(&h);
}

/* ---------------------------------------------------------------- units */

/* pprof's measurement units: memory, time, GCU. */
struct unit {
	const char *name;
	const char *alias[4];
	double	 factor;
};

static const struct unit units[3][10] = {
	{
		{ "B", { "b", "byte" }, 1 },
		{ "kB", { "kb", "kbyte", "kilobyte" }, 1024.0 },
		{ "MB", { "mb", "mbyte", "megabyte" }, 1048576.0 },
		{ "GB", { "gb", "gbyte", "gigabyte" }, 1073741824.0 },
		{ "TB", { "tb", "tbyte", "terabyte" }, 1099511627776.0 },
		{ "PB", { "pb", "pbyte", "petabyte" }, 1125899906842624.0 },
		{ NULL, { NULL }, 0 }
	}, {
		{ "ns", { "ns", "nanosecond" }, 1 },
		{ "us", { "\xce\xbcs", "us", "microsecond" }, 1e3 },
		{ "ms", { "ms", "millisecond" }, 1e6 },
		{ "s", { "s", "sec", "second" }, 1e9 },
		{ "hrs", { "hour", "hr" }, 3600e9 },
		{ NULL, { NULL }, 0 }
	}, {
		{ "n*GCU", { "nanogcu" }, 1e-9 },
		{ "u*GCU", { "microgcu" }, 1e-6 },
		{ "m*GCU", { "milligcu" }, 1e-3 },
		{ "GCU", { "gcu" }, 1 },
		{ "k*GCU", { "kilogcu" }, 1e3 },
		{ "M*GCU", { "megagcu" }, 1e6 },
		{ "G*GCU", { "gigagcu" }, 1e9 },
		{ "T*GCU", { "teragcu" }, 1e12 },
		{ "P*GCU", { "petagcu" }, 1e15 },
		{ NULL, { NULL }, 0 }
	}
};
/* default units: B, s, GCU */
static const int unit_default[3] = { 0, 3, 3 };

/* The unit of family ut named s (lower-cased, one trailing 's' off), or NULL. */
static const struct unit *
sniff(int ut, struct str s)
{
	char b[64];
	size_t n = s.len, i;
	const struct unit *u;

	if (n >= sizeof(b))
		return NULL;
	for (i = 0; i < n; i++)
		b[i] = s.s[i] >= 'A' && s.s[i] <= 'Z' ? s.s[i] - 'A' + 'a' : s.s[i];
	if (n > 2 && b[n - 1] == 's')
		n--;
	b[n] = '\0';
	if (strlen(b) != n)
		return NULL;
	for (u = units[ut]; u->name != NULL; u++)
		for (i = 0; i < 4 && u->alias[i] != NULL; i++)
			if (strcmp(u->alias[i], b) == 0)
				return u;
	return NULL;
}

/* uscale for v >= 0 (or INT64_MIN, as pprof leaves it). */
static double
uscale_abs(int64_t v, struct str from, struct str to, struct str *out)
{
	const struct unit *fu, *tu, *u;
	double x, f;
	int ut;

	for (ut = 0; ut < 3; ut++) {
		if ((fu = sniff(ut, from)) == NULL)
			continue;
		x = (double)v * fu->factor;
		if (str_is(to, "minimum") || str_is(to, "auto")) {
			f = 0;
			tu = NULL;
			for (u = units[ut]; u->name != NULL; u++)
				if (u->factor >= f && x / u->factor >= 1.0) {
					f = u->factor;
					tu = u;
				}
			if (tu == NULL)
				tu = &units[ut][unit_default[ut]];
		} else if ((tu = sniff(ut, to)) == NULL)
			tu = &units[ut][unit_default[ut]];
		out->s = tu->name;
		out->len = (uint32_t)strlen(tu->name);
		return x / tu->factor;
	}
	if (str_is(to, "count") || str_is(to, "sample") || str_is(to, "unit") ||
	    str_is(to, "minimum") || str_is(to, "auto"))
		*out = pp_nostr;
	else
		*out = to;
	return (double)v;
}

/*
 * pprof's measurement.Scale: value in from, converted to to; *out the unit
 * name.  A negative value is scaled as its magnitude (the unit chosen for
 * "auto" depends on it), then negated.
 */
double
pp_uscale(int64_t v, struct str from, struct str to, struct str *out)
{
	int neg = v < 0 && v != INT64_MIN;
	double x = uscale_abs(neg ? -v : v, from, to, out);

	return neg ? -x : x;
}

/* pprof's measurement.ScaledLabel into b. */
void
pp_scaled_label(struct fg_buf *b, int64_t v, struct str from, struct str to)
{
	struct str u;
	double x = pp_uscale(v, from, to, &u);
	char num[512];
	int n = snprintf(num, sizeof(num), "%.2f", x);

	if (n < 0 || (size_t)n >= sizeof(num))
		n = 0;
	if (n >= 3 && strcmp(num + n - 3, ".00") == 0)
		n -= 3;
	num[n] = '\0';
	if (strcmp(num, "0") == 0 || strcmp(num, "-0") == 0) {
		fg_buf_putc(b, '0');
		return;
	}
	fg_buf_put(b, num, (size_t)n);
	fg_buf_put(b, u.s, u.len);
}

static int
same_family(struct str a, struct str b)
{
	int ut;

	for (ut = 0; ut < 3; ut++)
		if (sniff(ut, a) != NULL && sniff(ut, b) != NULL)
			return 1;
	return 0;
}

static struct str
trim_s(struct str s)
{
	if (s.len > 0 && s.s[s.len - 1] == 's')
		s.len--;
	return s;
}

/* pprof's compatibleValueTypes */
static int
compatible_vt(struct str t1, struct str u1, struct str t2, struct str u2)
{
	if (!str_eq(trim_s(t1), trim_s(t2)))
		return 0;
	return str_eq(u1, u2) || same_family(u1, u2);
}

/* ---------------------------------------------------------------- merging */

/*
 * pprof's ScaleN: values of columns whose ratio is not 1 become
 * round(v * ratio); a sample is kept when one of those is not zero.
 */
static int64_t
round_i64(double x)
{
	x = round(x);
	if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0))
		return INT64_MIN;	/* what Go's conversion gives on amd64 */
	return (int64_t)x;
}

void
pp_scale_list(struct slist *l, const double *r)
{
	uint32_t nt = l->h.nt, k;
	size_t i, w = 0;
	int keep, ones = 1;

	for (k = 0; k < nt; k++)
		if (r[k] != 1)
			ones = 0;
	if (ones)
		return;
	for (i = 0; i < l->n; i++) {
		int64_t *v = &l->v[i * nt];

		keep = 0;
		for (k = 0; k < nt; k++)
			if (r[k] != 1) {
				v[k] = round_i64((double)v[k] * r[k]);
				keep |= v[k] != 0;
			}
		if (!keep)
			continue;
		if (w != i) {
			l->s[w] = l->s[i];
			memmove(&l->v[w * nt], v, nt * sizeof(*v));
		}
		w++;
	}
	l->n = w;
}

/* pprof's measurement.ScaleProfiles: bring the lists to common units. */
static int
scale_profiles(struct slist **L, size_t n, struct fg_err *err)
{
	struct str mt, mu, out;
	size_t i;
	uint32_t k, nt = L[0]->h.nt;

	if (n < 2)
		return 0;
	/* period types */
	mt = L[0]->h.ptype;
	mu = L[0]->h.punit;
	for (i = 1; i < n; i++) {
		if (!compatible_vt(mt, mu, L[i]->h.ptype, L[i]->h.punit))
			return fg_err_set(err, "%s: period type incompatible with %s",
			    L[i]->name, L[0]->name);
		if (pp_uscale(1, L[i]->h.punit, mu, &out) < 1) {
			mt = L[i]->h.ptype;
			mu = L[i]->h.punit;
		}
	}
	for (i = 0; i < n; i++)
		L[i]->h.punit = mu;
	for (i = 1; i < n; i++)
		if (L[i]->h.nt != nt)
			return fg_err_set(err, "%s: %u sample types, %s has %u",
			    L[i]->name, L[i]->h.nt, L[0]->name, nt);
	for (k = 0; k < nt; k++) {
		mt = L[0]->h.type[k];
		mu = L[0]->h.unit[k];
		for (i = 1; i < n; i++) {
			if (!compatible_vt(mt, mu, L[i]->h.type[k], L[i]->h.unit[k]))
				return fg_err_set(err, "%s: sample types "
				    "incompatible with %s", L[i]->name, L[0]->name);
			if (pp_uscale(1, L[i]->h.unit[k], mu, &out) < 1) {
				mt = L[i]->h.type[k];
				mu = L[i]->h.unit[k];
			}
		}
		for (i = 0; i < n; i++) {
			/* the unit arrays live in the arena, one per list */
			L[i]->h.unit[k] = mu;
		}
	}
	(void)mt;
	return 0;
}

static int
compatible_exact(const struct slist *a, const struct slist *b, struct fg_err *err)
{
	uint32_t k;

	if (!str_eq(a->h.ptype, b->h.ptype) || !str_eq(a->h.punit, b->h.punit))
		return fg_err_set(err, "%s: period type differs from %s's",
		    b->name, a->name);
	if (a->h.nt != b->h.nt)
		return fg_err_set(err, "%s: sample types differ from %s's",
		    b->name, a->name);
	for (k = 0; k < a->h.nt; k++)
		if (!str_eq(a->h.type[k], b->h.type[k]) ||
		    !str_eq(a->h.unit[k], b->h.unit[k]))
			return fg_err_set(err, "%s: sample types differ from %s's",
			    b->name, a->name);
	return 0;
}

struct stab {
	struct tab t;
	uint64_t *h;
};

static uint64_t
samp_hash(const struct fg_pprof_set *set, const struct samp *s)
{
	uint64_t h = pp_hcombine(4, s->ls);

	h = pp_hcombine(h, fg_hash(&set->stk[s->off], (size_t)s->n * sizeof(uint32_t)));
	return h;
}

/*
 * pprof's Merge: scale to common units, then add every non-zero sample to
 * the one with the same stack and labels.  out gets the header of L[0]
 * with the first non-empty default_sample_type.  (Merging also pays off
 * when only the sums matter: profiles repeat stacks, and every merged
 * sample is one walk less down the trie.)
 */
int
pp_merge(struct fg_pprof_set *set, struct slist **L, size_t n, struct slist *out,
    struct fg_err *err)
{
	struct str *orig;
	double *r;
	struct tab t;
	uint64_t *hs = NULL;
	size_t i, q, tot = 0;
	uint32_t nt, k, j, x;

	/* unit ratios, from each list's units to the common ones */
	nt = L[0]->h.nt;
	if (n >= 2) {
		orig = xcalloc((size_t)n * nt + 1, sizeof(*orig));
		for (i = 0; i < n; i++) {
			struct str *nu;

			if (L[i]->h.nt == nt)
				memcpy(&orig[i * nt], L[i]->h.unit, nt * sizeof(*orig));
			/* give each list its own unit array before renaming */
			nu = fg_arena_alloc(&set->arena, (L[i]->h.nt + 1) * sizeof(*nu));
			memcpy(nu, L[i]->h.unit, L[i]->h.nt * sizeof(*nu));
			L[i]->h.unit = nu;
		}
		if (scale_profiles(L, n, err) != 0) {
			free(orig);
			return -1;
		}
		r = xcalloc(nt + 1, sizeof(*r));
		for (i = 0; i < n; i++) {
			struct str u;

			for (k = 0; k < nt; k++)
				r[k] = pp_uscale(1, orig[i * nt + k], L[i]->h.unit[k], &u);
			pp_scale_list(L[i], r);
		}
		free(r);
		free(orig);
		for (i = 1; i < n; i++)
			if (compatible_exact(L[0], L[i], err) != 0)
				return -1;
	}
	memset(out, 0, sizeof(*out));
	out->name = L[0]->name;
	out->h = L[0]->h;
	for (i = 0; i < n && out->h.deflt.len == 0; i++)
		out->h.deflt = L[i]->h.deflt;
	for (i = 0; i < n; i++)
		tot += L[i]->n;
	out->cap = tot + 1;
	out->s = xmalloc(out->cap * sizeof(*out->s));
	out->v = xmalloc(out->cap * (nt ? nt : 1) * sizeof(*out->v));
	hs = xmalloc(out->cap * sizeof(*hs));
	t.mask = 255;
	while (t.mask < tot * 2)
		t.mask = t.mask * 2 + 1;
	t.slot = xcalloc((size_t)t.mask + 1, sizeof(*t.slot));
	for (i = 0; i < n; i++) {
		for (q = 0; q < L[i]->n; q++) {
			const struct samp *s = &L[i]->s[q];
			const int64_t *v = &L[i]->v[q * nt];
			uint64_t h;

			for (k = 0; k < nt && v[k] == 0; k++)
				;
			if (k == nt)
				continue;
			h = samp_hash(set, s);
			for (j = (uint32_t)h & t.mask; (x = t.slot[j]) != 0;
			    j = (j + 1) & t.mask) {
				const struct samp *y = &out->s[x - 1];

				if (hs[x - 1] == h && y->ls == s->ls && y->n == s->n &&
				    memcmp(&set->stk[y->off], &set->stk[s->off],
				    (size_t)s->n * sizeof(uint32_t)) == 0)
					break;
			}
			if (x != 0) {
				int64_t *w = &out->v[(size_t)(x - 1) * nt];

				/* Go's int64 arithmetic wraps */
				for (k = 0; k < nt; k++)
					w[k] = (int64_t)((uint64_t)w[k] + (uint64_t)v[k]);
				continue;
			}
			out->s[out->n] = *s;
			memcpy(&out->v[out->n * nt], v, nt * sizeof(*v));
			hs[out->n] = h;
			t.slot[j] = (uint32_t)++out->n;
		}
	}
	free(t.slot);
	free(hs);
	return 0;
}

/* SetLabel("pprof::base", ["true"]) on every sample of l. */
void
pp_label_base(struct fg_pprof_set *set, struct slist *l)
{
	static const struct str key = { "pprof::base", 11 }, val = { "true", 4 };
	uint32_t *memo = xmalloc(set->nls * sizeof(*memo)), nls = set->nls;
	struct fg_buf b = { 0 };
	struct lsgroup g;
	const char *p, *end;
	size_t i;
	int done;

	memset(memo, 0xff, nls * sizeof(*memo));
	for (i = 0; i < l->n; i++) {
		uint32_t ls = l->s[i].ls;

		if (memo[ls] != NONE) {
			l->s[i].ls = memo[ls];
			continue;
		}
		b.len = 0;
		done = 0;
		p = set->ls[ls].s;
		end = p + set->ls[ls].len;
		for (;;) {
			const char *gs = p;
			int more = pp_ls_next(&p, end, &g), c = -1;

			if (more) {
				size_t m = g.key.len < key.len ? g.key.len : key.len;

				c = memcmp(key.s, g.key.s, m);
				if (c == 0)
					c = key.len < g.key.len ? -1 : key.len > g.key.len;
			}
			if (!done && c <= 0) {
				pp_putstr(&b, key);
				pp_put32(&b, 1);
				pp_putstr(&b, val);
				done = 1;
				if (more && c == 0) {
					/* keep the key's numeric values */
					fg_buf_put(&b, g.nums - 4,
					    (size_t)(p - (g.nums - 4)));
					continue;
				}
				pp_put32(&b, 0);
				pp_put32(&b, 0);
			}
			if (!more)
				break;
			fg_buf_put(&b, gs, (size_t)(p - gs));
		}
		memo[ls] = pp_intern_ls(set, b.p, b.len);
		l->s[i].ls = memo[ls];
	}
	free(memo);
	fg_buf_free(&b);
}

/* pprof's Normalize: scale src per type by sum(base) / sum(src). */
int
pp_normalize(struct slist *src, const struct slist *base, struct fg_err *err)
{
	uint32_t nt = src->h.nt, k;
	uint64_t *bs, *ss;
	double *r;
	size_t i;

	if (compatible_exact(src, base, err) != 0)
		return -1;
	bs = xcalloc(nt + 1, sizeof(*bs));
	ss = xcalloc(nt + 1, sizeof(*ss));
	r = xcalloc(nt + 1, sizeof(*r));
	for (i = 0; i < base->n; i++)
		for (k = 0; k < nt; k++)
			bs[k] += (uint64_t)base->v[i * nt + k];
	for (i = 0; i < src->n; i++)
		for (k = 0; k < nt; k++)
			ss[k] += (uint64_t)src->v[i * nt + k];
	for (k = 0; k < nt; k++)
		r[k] = ss[k] == 0 ? 0.0 : (double)(int64_t)bs[k] / (double)(int64_t)ss[k];
	pp_scale_list(src, r);
	free(bs);
	free(ss);
	free(r);
	return 0;
}
