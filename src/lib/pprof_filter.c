/* pprof_filter.c - pprof's filters (RE2 read as POSIX ERE) and label frames. */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "pprof_impl.h"

/* ---------------------------------------------------------------- regular expressions */

/*
 * Compile a Go (RE2) regular expression as a POSIX ERE.  The common RE2
 * extras are translated: (?:...), \d \D \w \W \s \S (also inside
 * brackets where they fit), \A, \z, a leading (?i); other RE2-only syntax
 * (lazy quantifiers, \b, named groups, \pL) is not.
 */
int
pp_rx_comp(struct rx *r, const char *s, int anchored, char *msg, size_t msz)
{
	struct fg_buf b = { 0 };
	int flags = REG_EXTENDED | REG_NOSUB, inbr = 0, rc;
	size_t i = 0, start = 0;

	if (strncmp(s, "(?i)", 4) == 0) {
		flags |= REG_ICASE;
		i = 4;
	}
	if (anchored)
		fg_buf_puts(&b, "^(");
	for (; s[i] != '\0'; i++) {
		char c = s[i], d = s[i + 1];

		if (inbr) {
			if (c == '\\' && d != '\0') {
				i++;
				switch (d) {
				case 'd': fg_buf_puts(&b, "0-9"); break;
				case 'w': fg_buf_puts(&b, "0-9A-Za-z_"); break;
				case 's': fg_buf_puts(&b, "[:space:]"); break;
				case 't': fg_buf_putc(&b, '\t'); break;
				case 'n': fg_buf_putc(&b, '\n'); break;
				default: fg_buf_putc(&b, d); break;
				}
				continue;
			}
			if (c == '[' && d == ':') {
				const char *e = strstr(s + i + 2, ":]");

				if (e != NULL) {
					fg_buf_put(&b, s + i, (size_t)(e + 2 - (s + i)));
					i = (size_t)(e + 1 - s);
					continue;
				}
			}
			if (c == ']' && i > start)
				inbr = 0;
			fg_buf_putc(&b, c);
			continue;
		}
		if (c == '[') {
			inbr = 1;
			fg_buf_putc(&b, c);
			if (s[i + 1] == '^')
				fg_buf_putc(&b, s[++i]);
			if (s[i + 1] == ']')
				fg_buf_putc(&b, s[++i]);
			start = i + 1;
			continue;
		}
		if (c == '(' && d == '?' && s[i + 2] == ':') {
			fg_buf_putc(&b, '(');
			i += 2;
			continue;
		}
		if (c == '\\' && d != '\0') {
			const char *rep = NULL;

			switch (d) {
			case 'd': rep = "[0-9]"; break;
			case 'D': rep = "[^0-9]"; break;
			case 'w': rep = "[0-9A-Za-z_]"; break;
			case 'W': rep = "[^0-9A-Za-z_]"; break;
			case 's': rep = "[[:space:]]"; break;
			case 'S': rep = "[^[:space:]]"; break;
			case 'A': rep = "^"; break;
			case 'z': rep = "$"; break;
			case 't': rep = "\t"; break;
			case 'n': rep = "\n"; break;
			}
			if (rep != NULL) {
				fg_buf_puts(&b, rep);
				i++;
				continue;
			}
			fg_buf_putc(&b, c);
			fg_buf_putc(&b, s[++i]);
			continue;
		}
		fg_buf_putc(&b, c);
	}
	if (anchored)
		fg_buf_puts(&b, ")$");
	fg_buf_putc(&b, '\0');
	rc = regcomp(&r->re, b.p, flags);
	fg_buf_free(&b);
	if (rc != 0) {
		regerror(rc, &r->re, msg, msz);
		return -1;
	}
	r->ok = 1;
	return 0;
}

void
pp_rx_free(struct rx *r)
{
	if (r->ok)
		regfree(&r->re);
	r->ok = 0;
}

int
pp_rx_match(const struct rx *r, struct str s)
{
#ifdef REG_STARTEND
	regmatch_t m[1];

	m[0].rm_so = 0;
	m[0].rm_eo = (regoff_t)s.len;
	return regexec(&r->re, s.s, 1, m, REG_STARTEND) == 0;
#else
	return regexec(&r->re, s.s, 0, NULL, 0) == 0;
#endif
}

/* pprof's simplifyFunc, for drop_frames and prune_from. */
static struct str
simplify(struct str f)
{
	size_t i;

	if (f.len > 0 && f.s[0] == '.') {
		f.s++;
		f.len--;
	}
	for (i = 0; i < f.len;) {
		if (f.len - i >= 21 && memcmp(f.s + i, "(anonymous namespace)", 21) == 0)
			i += 21;
		else if (f.len - i >= 10 && memcmp(f.s + i, "operator()", 10) == 0)
			i += 10;
		else if (f.s[i] == '(') {
			f.len = (uint32_t)i;
			break;
		} else
			i++;
	}
	return f;
}

/* ---------------------------------------------------------------- filters */

#define LF_FOCUS	1
#define LF_IGNORE	2
#define LF_HIDDEN	4
#define LF_MARK		8	/* prune / show_from / prune_from hit */
#define LF_BENEATH	16	/* prune beneath */

struct str
pp_mapfile(const struct fg_pprof_set *set, const struct lc *l)
{
	return l->mp ? set->mp[l->mp - 1].file : pp_nostr;
}

/* Location's function names, file names or mapping file match (matchesName). */
static int
loc_matches(const struct fg_pprof_set *set, const struct ln *w, const struct lc *l,
    const struct rx *r)
{
	uint32_t i;

	for (i = 0; i < l->nl; i++) {
		const struct fn *f = &set->fn[w[l->l0 + i].fn];

		if (pp_rx_match(r, f->name) || pp_rx_match(r, f->file))
			return 1;
	}
	return l->mp && pp_rx_match(r, pp_mapfile(set, l));
}

static int
line_matches(const struct fg_pprof_set *set, const struct ln *ln, const struct rx *r)
{
	const struct fn *f = &set->fn[ln->fn];

	return pp_rx_match(r, f->name) || pp_rx_match(r, f->file);
}

/* Keep the lines of l that match (show) or do not (hide), in order. */
static void
keep_lines(struct fg_pprof_set *set, struct lc *l, const struct rx *r, int want)
{
	uint32_t i, w = 0;

	for (i = 0; i < l->nl; i++)
		if (line_matches(set, &set->ln[l->l0 + i], r) == want)
			set->ln[l->l0 + w++] = set->ln[l->l0 + i];
	l->nl = w;
}

/* drop_frames/keep_frames as pprof's Prune. */
void
pp_prune(struct fg_pprof_set *set, struct slist *F, uint8_t *lf,
    const struct rx *drop, const struct rx *keep)
{
	uint32_t i, j;
	size_t q;
	int any = 0;

	for (i = 0; i < set->nlc; i++) {
		struct lc *l = &set->lc[i];

		lf[i] = 0;
		for (j = l->nl; j-- > 0;) {
			struct fn *f = &set->fn[set->ln[l->l0 + j].fn];
			struct str s;

			if (f->name.len == 0)
				continue;
			s = simplify(f->name);
			if (pp_rx_match(drop, s) && (keep == NULL || !pp_rx_match(keep, s)))
				break;
		}
		if (j == UINT32_MAX)
			continue;
		any = 1;
		lf[i] = LF_BENEATH;
		if (j == l->nl - 1)
			lf[i] |= LF_MARK;
		else {
			l->l0 += j + 1;
			l->nl -= j + 1;
		}
	}
	if (!any)
		return;
	for (q = 0; q < F->n; q++) {
		struct samp *s = &F->s[q];
		int user = 0;

		for (j = s->n; j-- > 0;) {
			uint8_t f = lf[set->stk[s->off + j]];

			if (f == 0) {
				user = 1;
				continue;
			}
			if (!user)
				continue;
			if (f & LF_MARK) {
				s->off += j + 1;
				s->n -= j + 1;
			} else {
				s->off += j;
				s->n -= j;
			}
			break;
		}
	}
}

/* Pseudo-locations for label keys, interned by (name, file) in tt. */
struct tagtab {
	struct tab t;
	uint64_t *h;		/* by pseudo-location - first */
	uint32_t first, cap;
};

static uint32_t
tag_loc(struct fg_pprof_set *set, struct tagtab *tt, struct str name, struct str file)
{
	uint64_t h = pp_hstr(pp_hstr(5, name), file);
	struct fn f;
	struct lc l;
	uint32_t j, k;

	for (j = (uint32_t)h & tt->t.mask; (k = tt->t.slot[j]) != 0;
	    j = (j + 1) & tt->t.mask) {
		const struct fn *y = &set->fn[set->ln[set->lc[tt->first + k - 1].l0].fn];

		if (tt->h[k - 1] == h && str_eq(y->name, name) && str_eq(y->file, file))
			return tt->first + k - 1;
	}
	memset(&f, 0, sizeof(f));
	f.name = pp_set_str(set, name.s, name.len);
	f.file = pp_set_str(set, file.s, file.len);
	f.sys = pp_nostr;
	GROW(set->fn, set->nfn, set->cfn);
	set->fn[set->nfn++] = f;
	memset(&l, 0, sizeof(l));
	l.l0 = (uint32_t)set->nln;
	l.nl = 1;
	GROW(set->ln, set->nln, set->cln);
	set->ln[set->nln].fn = set->nfn - 1;
	set->ln[set->nln++].line = 0;
	GROW(set->lc, set->nlc, set->clc);
	set->lc[set->nlc++] = l;
	k = set->nlc - tt->first;
	GROW(tt->h, k - 1, tt->cap);
	tt->h[k - 1] = h;
	tt->t.slot[j] = k;
	pp_tab_added(&tt->t, tt->h, sizeof(uint64_t));
	return set->nlc - 1;
}

/* Split "a,b,,c" into keys, dropping empty ones. */
static size_t
split_keys(const char *s, struct str **out)
{
	size_t n = 0, cap = 0;
	const char *e;

	*out = NULL;
	if (s == NULL)
		return 0;
	for (;;) {
		e = strchr(s, ',');
		if (e == NULL)
			e = s + strlen(s);
		if (e > s) {
			GROW(*out, n, cap);
			(*out)[n].s = s;
			(*out)[n++].len = (uint32_t)(e - s);
		}
		if (*e == '\0')
			break;
		s = e + 1;
	}
	return n;
}

/* formatLabelValues: string values, then numeric ones with units. */
static void
label_values(struct fg_pprof_set *set, uint32_t ls, struct str key, struct str unit,
    struct fg_buf *b)
{
	const char *p = set->ls[ls].s, *end = p + set->ls[ls].len, *q, *u;
	struct lsgroup g;
	uint32_t i;
	int first = 1;

	b->len = 0;
	while (pp_ls_next(&p, end, &g)) {
		if (!str_eq(g.key, key))
			continue;
		q = g.strs;
		for (i = 0; i < g.ns; i++) {
			struct str s = pp_getstr(&q);

			if (!first)
				fg_buf_putc(b, ',');
			fg_buf_put(b, s.s, s.len);
			first = 0;
		}
		if (g.nu != 0 && g.nu != g.nn)
			break;
		u = g.units;
		for (i = 0; i < g.nn; i++) {
			int64_t v;
			struct str su = pp_nostr;

			memcpy(&v, g.nums + (size_t)i * 8, 8);
			if (g.nu != 0)
				su = pp_getstr(&u);
			if (!first)
				fg_buf_putc(b, ',');
			pp_scaled_label(b, v, su, g.nu != 0 ? unit : pp_nostr);
			first = 0;
		}
		break;
	}
}

/* pprof's addLabelNodes: -tagroot / -tagleaf pseudo-frames. */
void
pp_add_tags(struct fg_pprof_set *set, struct slist *F, const struct fg_pprof_opts *o)
{
	struct str *rk, *lk, *keys, unit = { "minimum", 7 };
	size_t nr = split_keys(o->tagroot, &rk), nl = split_keys(o->tagleaf, &lk);
	size_t nk = nr + nl, q, k;
	uint32_t *memo, nls = set->nls;
	struct fg_buf b = { 0 };
	struct tagtab tt;

	if (nk == 0) {
		free(rk);
		free(lk);
		return;
	}
	if (o->unit != NULL && o->unit[0] != '\0') {
		unit.s = o->unit;
		unit.len = (uint32_t)strlen(o->unit);
	}
	memset(&tt, 0, sizeof(tt));
	pp_tab_init(&tt.t);
	tt.first = set->nlc;
	keys = xmalloc(nk * sizeof(*keys));
	for (k = 0; k < nr; k++)
		keys[k] = rk[k];
	for (k = 0; k < nl; k++)
		keys[nr + k] = lk[k];
	memo = xmalloc((size_t)nls * nk * sizeof(*memo));
	memset(memo, 0xff, (size_t)nls * nk * sizeof(*memo));
	for (q = 0; q < F->n; q++) {
		struct samp *s = &F->s[q];
		size_t need = s->n + nk, off;
		uint32_t *m = &memo[(size_t)s->ls * nk];

		for (k = 0; k < nk; k++)
			if (m[k] == NONE) {
				label_values(set, s->ls, keys[k], unit, &b);
				m[k] = tag_loc(set, &tt, (struct str){ b.p ? b.p : "",
				    (uint32_t)b.len }, keys[k]);
			}
		if (set->cstk - set->nstk < need) {
			set->cstk = set->nstk + need + set->cstk;
			set->stk = xreallocarray(set->stk, set->cstk, sizeof(*set->stk));
		}
		if (set->nstk + need > UINT32_MAX)
			die("too many stack frames");
		off = set->nstk;
		/* leaf first: last tagleaf key ... first, stack, last tagroot key ... first */
		for (k = nl; k-- > 0;)
			set->stk[set->nstk++] = m[nr + k];
		memcpy(&set->stk[set->nstk], &set->stk[s->off], s->n * sizeof(uint32_t));
		set->nstk += s->n;
		for (k = nr; k-- > 0;)
			set->stk[set->nstk++] = m[k];
		s->off = (uint32_t)off;
		s->n = (uint32_t)need;
	}
	fg_buf_free(&b);
	free(tt.t.slot);
	free(tt.h);
	free(memo);
	free(keys);
	free(rk);
	free(lk);
}

/* focus, ignore, hide, show: pprof's FilterSamplesByName. */
void
pp_filter_names(struct fg_pprof_set *set, struct slist *F, uint8_t *lf,
    const struct rx *focus, const struct rx *ignore, const struct rx *hide,
    const struct rx *show)
{
	uint32_t i, j;
	size_t q, w = 0;
	int hidden = 0;

	for (i = 0; i < set->nlc; i++) {
		struct lc *l = &set->lc[i];

		lf[i] = 0;
		if (ignore && loc_matches(set, set->ln, l, ignore))
			lf[i] = LF_IGNORE;
		else if (focus == NULL || loc_matches(set, set->ln, l, focus))
			lf[i] = LF_FOCUS;
		if (hide && loc_matches(set, set->ln, l, hide)) {
			if (l->mp && pp_rx_match(hide, pp_mapfile(set, l)))
				l->nl = 0;
			else
				keep_lines(set, l, hide, 0);
			if (l->nl == 0) {
				lf[i] |= LF_HIDDEN;
				hidden = 1;
			}
		}
		if (show) {
			if (!(l->mp && pp_rx_match(show, pp_mapfile(set, l))))
				keep_lines(set, l, show, 1);
			if (l->nl == 0) {
				lf[i] |= LF_HIDDEN;
				hidden = 1;
			}
		}
	}
	for (q = 0; q < F->n; q++) {
		struct samp *s = &F->s[q];
		int f = 0;

		for (j = 0; j < s->n; j++) {
			uint8_t x = lf[set->stk[s->off + j]];

			if (x & LF_IGNORE)
				break;
			if (x & LF_FOCUS)
				f = 1;
		}
		if (j < s->n || !f)
			continue;
		if (hidden) {
			uint32_t n = 0;

			for (j = 0; j < s->n; j++)
				if (!(lf[set->stk[s->off + j]] & LF_HIDDEN))
					set->stk[s->off + n++] = set->stk[s->off + j];
			if (n == 0)
				continue;
			s->n = n;
		}
		F->s[w] = *s;
		memmove(&F->v[w * F->h.nt], &F->v[q * F->h.nt], F->h.nt * sizeof(*F->v));
		w++;
	}
	F->n = w;
}

/* pprof's ShowFrom. */
void
pp_show_from(struct fg_pprof_set *set, struct slist *F, uint8_t *lf, const struct rx *r)
{
	uint32_t i, j;
	size_t q, w = 0;

	for (i = 0; i < set->nlc; i++) {
		struct lc *l = &set->lc[i];

		lf[i] = 0;
		if (l->mp && pp_rx_match(r, pp_mapfile(set, l))) {
			lf[i] = LF_MARK;
			continue;
		}
		for (j = l->nl; j-- > 0;)
			if (line_matches(set, &set->ln[l->l0 + j], r)) {
				l->nl = j + 1;
				lf[i] = LF_MARK;
				break;
			}
	}
	for (q = 0; q < F->n; q++) {
		struct samp *s = &F->s[q];

		for (j = s->n; j-- > 0;)
			if (lf[set->stk[s->off + j]] & LF_MARK)
				break;
		if (j == UINT32_MAX)
			continue;
		s->n = j + 1;
		F->s[w] = *s;
		memmove(&F->v[w * F->h.nt], &F->v[q * F->h.nt], F->h.nt * sizeof(*F->v));
		w++;
	}
	F->n = w;
}

/* pprof's PruneFrom. */
void
pp_prune_from(struct fg_pprof_set *set, struct slist *F, uint8_t *lf, const struct rx *r)
{
	uint32_t i, j;
	size_t q;

	for (i = 0; i < set->nlc; i++) {
		struct lc *l = &set->lc[i];

		lf[i] = 0;
		for (j = 0; j < l->nl; j++) {
			struct fn *f = &set->fn[set->ln[l->l0 + j].fn];

			if (f->name.len > 0 && pp_rx_match(r, simplify(f->name))) {
				lf[i] = LF_MARK;
				l->l0 += j;
				l->nl -= j;
				break;
			}
		}
	}
	for (q = 0; q < F->n; q++) {
		struct samp *s = &F->s[q];

		for (j = 0; j < s->n; j++)
			if (lf[set->stk[s->off + j]] & LF_MARK) {
				s->off += j;
				s->n -= j;
				break;
			}
	}
}
