/* pprof.c - profile.proto to folded stacks: the stages, in go tool pprof's order. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pprof_impl.h"

/* ---------------------------------------------------------------- fold */

/* qsort context: samples compared by their stacks, root first */
static const struct fg_pprof_set *sort_set;
static const struct samp *sort_s;

static int
cmp_stacks(const void *x, const void *y)
{
	const struct samp *p = &sort_s[*(const uint32_t *)x];
	const struct samp *q = &sort_s[*(const uint32_t *)y];
	const uint32_t *a = &sort_set->stk[p->off], *b = &sort_set->stk[q->off];
	uint32_t i, na = p->n, nb = q->n;

	for (i = 0; i < na && i < nb; i++)
		if (a[na - 1 - i] != b[nb - 1 - i])
			return a[na - 1 - i] < b[nb - 1 - i] ? -1 : 1;
	return na < nb ? -1 : na > nb;
}

static int
sample_index(const struct hdr *h, const char *si, int *idx, struct fg_err *err)
{
	const char *p = si;
	size_t noinuse;
	long long v;
	char *end;
	uint32_t k;

	if (h->nt == 0)
		return fg_err_set(err, "profile has no sample types");
	if (si == NULL || si[0] == '\0') {
		*idx = pp_default_index(h);
		return 0;
	}
	if (*p == '+' || *p == '-')
		p++;
	if (*p >= '0' && *p <= '9') {
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == '\0') {
			v = strtoll(si, &end, 10);
			if (v < 0 || v >= (long long)h->nt)
				return fg_err_set(err, "--sample-index: %s is outside "
				    "the range [0..%u]", si, h->nt - 1);
			*idx = (int)v;
			return 0;
		}
	}
	noinuse = strncmp(si, "inuse_", 6) == 0 ? 6 : 0;
	for (k = 0; k < h->nt; k++)
		if (str_is(h->type[k], si) || str_is(h->type[k], si + noinuse)) {
			*idx = (int)k;
			return 0;
		}
	return fg_err_set(err, "--sample-index: no sample type \"%s\" in the "
	    "profile (see --list-types)", si);
}

static const char *
nz(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

int
fg_pprof_fold(struct fg_pprof_set *set, const struct fg_pprof_opts *o,
    struct fg_trie *t, struct fg_err *err)
{
	struct slist P, B, F, *L[2], **Lp;
	/* pprof's order of compiling: the first bad one is the error */
	enum { FOCUS, IGNORE, HIDE, SHOW, SHOWFROM, TAGFOCUS, TAGIGNORE,
	    PRUNEFROM, TAGSHOW, TAGHIDE, NRX };
	struct rx drop = { 0 }, keep = { 0 }, rx[NRX];
	struct pp_tagf *tf[2] = { NULL, NULL };
	struct pp_kunits *ku = NULL;
	const char *res[NRX], *what[NRX] = { "--focus", "--ignore", "--hide",
	    "--show", "--show-from", "--tagfocus", "--tagignore",
	    "--prune-from", "--tagshow", "--taghide" };
	struct namer nm;
	uint8_t *lf = NULL;
	uint32_t *order = NULL, *path = NULL, cpath = 0, nprev = 0;
	const uint32_t *prev = NULL;
	size_t i, q, no;
	int idx = 0, rc = -1, k;
	char msg[256];

	memset(&P, 0, sizeof(P));
	memset(&B, 0, sizeof(B));
	memset(&F, 0, sizeof(F));
	memset(rx, 0, sizeof(rx));
	memset(&nm, 0, sizeof(nm));
	if (set->done)
		return fg_err_set(err, "profiles already folded");
	set->done = 1;
	if (set->nsrc == 0)
		return fg_err_set(err, "no profile");
	res[FOCUS] = nz(o->focus);
	res[IGNORE] = nz(o->ignore);
	res[HIDE] = nz(o->hide);
	res[SHOW] = nz(o->show);
	res[SHOWFROM] = nz(o->show_from);
	res[TAGFOCUS] = nz(o->tagfocus);
	res[TAGIGNORE] = nz(o->tagignore);
	res[PRUNEFROM] = nz(o->prune_from);
	res[TAGSHOW] = nz(o->tagshow);
	res[TAGHIDE] = nz(o->taghide);
	for (k = 0; k < NRX; k++) {
		if (res[k] == NULL)
			continue;
		if (k == TAGFOCUS || k == TAGIGNORE ?
		    pp_tagf_comp(&tf[k - TAGFOCUS], res[k], msg, sizeof(msg)) != 0 :
		    pp_rx_comp(&rx[k], res[k], 0, msg, sizeof(msg)) != 0) {
			fg_err_set(err, "%s: %s%s", what[k], k == TAGFOCUS ||
			    k == TAGIGNORE ? "" : "bad regular expression: ", msg);
			rc = -2;
			goto out;
		}
	}

	/* merge the sources, then the bases, then subtract */
	Lp = xmalloc((set->nsrc + set->nbase + 1) * sizeof(*Lp));
	for (i = 0; i < set->nsrc; i++)
		Lp[i] = &set->src[i];
	k = pp_merge(set, Lp, set->nsrc, &P, err);
	for (i = 0; k == 0 && i < set->nbase; i++)
		Lp[i] = &set->base[i];
	if (k == 0 && set->nbase > 0)
		k = pp_merge(set, Lp, set->nbase, &B, err);
	free(Lp);
	if (k != 0)
		goto out;
	for (i = 0; i < set->nsrc; i++)
		pp_slist_free(&set->src[i]);
	for (i = 0; i < set->nbase; i++)
		pp_slist_free(&set->base[i]);
	if (set->nbase > 0) {
		double *m1 = xmalloc((B.h.nt + 1) * sizeof(*m1));

		if (o->diff_base)
			pp_label_base(set, &B);
		if (o->normalize && pp_normalize(&P, &B, err) != 0) {
			free(m1);
			goto out;
		}
		for (k = 0; k < (int)B.h.nt; k++)
			m1[k] = -1;
		pp_scale_list(&B, m1);
		free(m1);
		L[0] = &P;
		L[1] = &B;
		if (pp_merge(set, L, 2, &F, err) != 0)
			goto out;
		pp_slist_free(&P);
		pp_slist_free(&B);
	} else {
		F = P;
		memset(&P, 0, sizeof(P));
	}
	if (F.h.nt == 0) {
		fg_err_set(err, "%s: profile has no sample types", F.name);
		goto out;
	}
	if (sample_index(&F.h, o->sample_index, &idx, err) != 0) {
		rc = -2;
		goto out;
	}

	/* pprof's order: drop_frames, tags, focus..show, show_from, prune_from */
	lf = xmalloc(set->nlc + 1);
	if (F.h.drop.len > 0) {
		char *d = xstrndup(F.h.drop.s, F.h.drop.len), *kp = NULL;

		if (strlen(d) == F.h.drop.len &&
		    pp_rx_comp(&drop, d, 1, msg, sizeof(msg)) == 0) {
			if (F.h.keep.len > 0) {
				kp = xstrndup(F.h.keep.s, F.h.keep.len);
				if (strlen(kp) != F.h.keep.len ||
				    pp_rx_comp(&keep, kp, 1, msg, sizeof(msg)) != 0)
					pp_rx_free(&drop);	/* pprof gives up too */
			}
			if (drop.ok)
				pp_prune(set, &F, lf, &drop, keep.ok ? &keep : NULL);
		}
		free(d);
		free(kp);
	}
	/* the units of numeric labels, from the samples before any filter */
	if (tf[0] != NULL || tf[1] != NULL)
		ku = pp_kunits_new(set, &F);
	pp_add_tags(set, &F, o);
	lf = xrealloc(lf, set->nlc + 1);
	if (res[FOCUS] || res[IGNORE] || res[HIDE] || res[SHOW])
		pp_filter_names(set, &F, lf, rx[FOCUS].ok ? &rx[FOCUS] : NULL,
		    rx[IGNORE].ok ? &rx[IGNORE] : NULL,
		    rx[HIDE].ok ? &rx[HIDE] : NULL,
		    rx[SHOW].ok ? &rx[SHOW] : NULL);
	if (res[SHOWFROM])
		pp_show_from(set, &F, lf, &rx[SHOWFROM]);
	pp_filter_tags(set, &F, tf[0], tf[1], ku);
	/*
	 * -tagshow and -taghide would now drop labels by key; the label
	 * frames are made already and nothing after reads labels, so there
	 * is nothing left for them to change (as in pprof's -traces).
	 */
	if (res[PRUNEFROM])
		pp_prune_from(set, &F, lf, &rx[PRUNEFROM]);

	/* name the frames and add the stacks */
	nm.set = set;
	nm.o = o;
	nm.t = t;
	nm.keepname = o->gran != FG_GRAN_FILES;
	nm.keepfile = o->gran != FG_GRAN_FUNCTIONS;
	nm.keepline = o->gran == FG_GRAN_LINES || o->gran == FG_GRAN_ADDRESSES;
	nm.keepaddr = o->gran == FG_GRAN_ADDRESSES;
	/*
	 * Samples in root-first stack order: each one walks the trie only
	 * below the locations it shares with the one before.
	 */
	order = xmalloc((F.n + 1) * sizeof(*order));
	for (q = 0, no = 0; q < F.n; q++)
		if (F.s[q].n > 0)
			order[no++] = (uint32_t)q;
	sort_set = set;
	sort_s = F.s;
	qsort(order, no, sizeof(*order), cmp_stacks);
	for (q = 0; q < no; q++) {
		const struct samp *s = &F.s[order[q]];
		int64_t v = F.v[order[q] * F.h.nt + idx], d, add[2];
		uint32_t node = 0, j, n, x, c = 0;
		const uint32_t *names, *a = &set->stk[s->off];

		if (o->mean && (d = F.v[order[q] * F.h.nt]) != 0)
			v = d == -1 ? (int64_t)(0 - (uint64_t)v) : v / d;
		if (prev != NULL)
			while (c < s->n && c < nprev &&
			    a[s->n - 1 - c] == prev[nprev - 1 - c])
				c++;
		if (s->n > cpath) {
			cpath = s->n * 2;
			path = xreallocarray(path, cpath, sizeof(*path));
		}
		if (c > 0)
			node = path[c - 1];
		for (j = s->n - c; j-- > 0; c++) {
			names = pp_loc_names(&nm, a[j], &n);
			for (x = 0; x < n; x++)
				node = fg_trie_child(t, node, names[x]);
			path[c] = node;
		}
		prev = a;
		nprev = s->n;
		add[0] = v;
		add[1] = 0;
		if (fg_trie_add(t, node, add, 0) != 0) {
			fg_err_set(err, "%s: a stack's value overflows a 64-bit "
			    "integer", F.name);
			goto out;
		}
	}
	rc = 0;
out:
	for (k = 0; k < NRX; k++)
		pp_rx_free(&rx[k]);
	pp_tagf_free(tf[0]);
	pp_tagf_free(tf[1]);
	pp_kunits_free(ku);
	pp_rx_free(&drop);
	pp_rx_free(&keep);
	fg_buf_free(&nm.b);
	free(order);
	free(path);
	free(lf);
	pp_slist_free(&P);
	pp_slist_free(&B);
	pp_slist_free(&F);
	return rc;
}
