/*
 * pprof_impl.h - the merged view of pprof profiles that the pprof_*.c files
 * share (not for tools: they use pprof.h).  Only pprof_decode.c sees
 * protobuf-c's and zlib's types; the rest works on these.
 */
#ifndef FG_PPROF_IMPL_H
#define FG_PPROF_IMPL_H

#include <regex.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "folded.h"
#include "pprof.h"

#define NONE	UINT32_MAX

/* A byte string owned by the set's arena (or borrowed). */
struct str {
	const char *s;
	uint32_t len;
};

extern const struct str pp_nostr;

static inline int
str_eq(struct str a, struct str b)
{
	return a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
}

static inline int
str_is(struct str a, const char *s)
{
	return a.len == strlen(s) && memcmp(a.s, s, a.len) == 0;
}

/*
 * The set keeps pprof's merged view: functions, mappings and locations
 * deduplicated by content (pprof's Merge keys), shared by every profile
 * loaded; each profile keeps only its samples.
 */
struct fn {
	struct str name, sys, file;
	int64_t	 start;
	uint64_t h;
};

struct mp {
	uint64_t start, limit, offset;
	struct str file, bid;
	uint64_t h;
};

struct ln {
	uint32_t fn;
	int64_t	 line;
};

struct lc {
	uint32_t mp;		/* mapping + 1, 0 = none */
	int	 folded;
	uint64_t addr;		/* rebased on the mapping first seen */
	uint64_t rel;		/* address - mapping start (the merge key) */
	uint32_t l0, nl;	/* lines in set->ln; filters narrow the window */
	uint32_t nm0, nnm;	/* frame names root first in set->nm; nnm 0 = not yet */
	uint64_t h;
};

/* Sample types, period type and the strings pprof carries through a merge. */
struct hdr {
	uint32_t nt;
	struct str *type, *unit;
	struct str ptype, punit, deflt, drop, keep;
};

struct samp {
	uint32_t off, n;	/* location indexes in set->stk, leaf first */
	uint32_t ls;		/* label set */
};

struct slist {
	const char *name;
	struct hdr h;
	struct samp *s;
	int64_t	*v;		/* h.nt values per sample */
	size_t	 n, cap;
};

/* Open addressing over object indexes: slot = index + 1, 0 = empty. */
struct tab {
	uint32_t *slot;
	uint32_t mask, n;
};

struct fg_pprof_set {
	struct fg_arena arena;
	struct fn *fn;
	struct mp *mp;
	struct lc *lc;
	struct ln *ln;
	uint32_t nfn, cfn, nmp, cmp, nlc, clc;
	size_t	 nln, cln;
	struct tab fntab, mptab, lctab, lstab;
	uint32_t *stk;		/* stacks of all samples */
	size_t	 nstk, cstk;
	struct str *ls;		/* label sets, serialised (see labelset()) */
	uint64_t *lsh;
	uint32_t nls, cls;
	uint32_t *nm;		/* frame name ids, per location */
	size_t	 nnm, cnm;
	struct slist *src, *base;
	size_t	 nsrc, nbase;
	size_t	 max_inflate;	/* gzip data may decompress to this much */
	int	 done;
};


#define GROW(p, n, cap) do { \
	if ((n) >= (cap)) { \
		(cap) = (cap) ? (cap) * 2 : 64; \
		(p) = xreallocarray((p), (cap), sizeof(*(p))); \
	} \
} while (0)


/* A cursor over a serialised label set. */
struct lsgroup {
	struct str key;
	const char *strs, *nums, *units;	/* positions of the parts */
	uint32_t ns, nn, nu;
};

struct rx {
	regex_t	 re;
	int	 ok;
};

struct namer {
	struct fg_pprof_set *set;
	const struct fg_pprof_opts *o;
	struct fg_trie *t;
	struct fg_buf b;
	int	 keepname, keepfile, keepline, keepaddr;
};

/* pprof_view.c: hashing, the set, units, merging */
uint64_t pp_hcombine(uint64_t h, uint64_t v);
uint64_t pp_hstr(uint64_t h, struct str s);
uint64_t pp_mix64(uint64_t x);
void	pp_tab_init(struct tab *t);
void	pp_tab_added(struct tab *t, const uint64_t *hashes, size_t stride);
void	pp_slist_free(struct slist *l);
struct str pp_set_str(struct fg_pprof_set *set, const void *s, size_t n);
int	pp_default_index(const struct hdr *h);
double	pp_uscale(int64_t v, struct str from, struct str to, struct str *out);
void	pp_scaled_label(struct fg_buf *b, int64_t v, struct str from,
    struct str to);
void	pp_scale_list(struct slist *l, const double *r);
int	pp_merge(struct fg_pprof_set *set, struct slist **L, size_t n,
    struct slist *out, struct fg_err *err);
void	pp_label_base(struct fg_pprof_set *set, struct slist *l);
int	pp_normalize(struct slist *src, const struct slist *base,
    struct fg_err *err);

/* pprof_decode.c: label sets */
void	pp_put32(struct fg_buf *b, uint32_t v);
void	pp_putstr(struct fg_buf *b, struct str s);
uint32_t pp_intern_ls(struct fg_pprof_set *set, const char *s, size_t n);
struct str pp_getstr(const char **p);
int	pp_ls_next(const char **p, const char *end, struct lsgroup *g);

/* pprof_filter.c: regular expressions, filters, label frames */
int	pp_rx_comp(struct rx *r, const char *s, int anchored, char *msg,
    size_t msz);
void	pp_rx_free(struct rx *r);
int	pp_rx_match(const struct rx *r, struct str s);
struct str pp_mapfile(const struct fg_pprof_set *set, const struct lc *l);
void	pp_prune(struct fg_pprof_set *set, struct slist *F, uint8_t *lf,
    const struct rx *drop, const struct rx *keep);
void	pp_add_tags(struct fg_pprof_set *set, struct slist *F,
    const struct fg_pprof_opts *o);
void	pp_filter_names(struct fg_pprof_set *set, struct slist *F, uint8_t *lf,
    const struct rx *focus, const struct rx *ignore, const struct rx *hide,
    const struct rx *show);
void	pp_show_from(struct fg_pprof_set *set, struct slist *F, uint8_t *lf,
    const struct rx *r);
void	pp_prune_from(struct fg_pprof_set *set, struct slist *F, uint8_t *lf,
    const struct rx *r);

/* pprof_tag.c: tag filters (-tagfocus, -tagignore, -tagshow, -taghide) */
struct pp_tagf;

/*
 * A numeric tag filter as pprof's parseTagFilterRange reads it: "64kb"
 * (equal), "1mb:" (at least), ":1kb" (at most), "16b:8kb" (between, both
 * included).  lo and hi are in ustr, the unit measurement.Scale names
 * for the first number's suffix (e.g. "kB", "ms", or as written).
 */
enum { PP_R_EQ, PP_R_GE, PP_R_LE, PP_R_IN };
struct pp_range {
	int	 kind;
	double	 lo, hi;
	char	*unit;		/* malloc'd; ustr points at it */
	struct str ustr;
};
/* 1: a range (free r->unit); 0: not one (a regexp); -1: a number overflows, msg set. */
int	pp_tag_range(const char *s, struct pp_range *r, char *msg, size_t msz);
/* Does value v of a label whose unit is unit fall in r? */
int	pp_range_passes(const struct pp_range *r, int64_t v, struct str unit);
int	pp_tagf_comp(struct pp_tagf **out, const char *s, char *msg, size_t msz);
void	pp_tagf_free(struct pp_tagf *f);
struct pp_kunits;
struct pp_kunits *pp_kunits_new(const struct fg_pprof_set *set,
    const struct slist *F);
void	pp_kunits_free(struct pp_kunits *ku);
void	pp_filter_tags(struct fg_pprof_set *set, struct slist *F,
    const struct pp_tagf *focus, const struct pp_tagf *ignore,
    const struct pp_kunits *ku);

/* pprof_name.c: frame names */
const uint32_t *pp_loc_names(struct namer *nm, uint32_t i, uint32_t *n);

#endif
