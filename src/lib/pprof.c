/* pprof.c - profile.proto (gzip or not) to folded stacks, with go tool pprof's semantics. */
#include <limits.h>
#include <math.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "arena.h"
#include "folded.h"
#include "pprof.h"
#include "profile.pb-c.h"

typedef Perftools__Profiles__Profile Profile;
typedef Perftools__Profiles__Sample Sample;
typedef Perftools__Profiles__Location Location;
typedef Perftools__Profiles__Function Function;
typedef Perftools__Profiles__Mapping Mapping;
typedef Perftools__Profiles__Label Label;

#define NONE	UINT32_MAX

/* A byte string owned by the set's arena (or borrowed). */
struct str {
	const char *s;
	uint32_t len;
};

static const struct str nostr = { "", 0 };

static int
str_eq(struct str a, struct str b)
{
	return a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
}

static int
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

/* ---------------------------------------------------------------- tables */

static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 31;
	x *= 0x7fb5d329728ea185ULL;
	x ^= x >> 27;
	x *= 0x81dadef4bc2dd44dULL;
	return x ^ (x >> 33);
}

static uint64_t
hcombine(uint64_t h, uint64_t v)
{
	return mix64(h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)));
}

static uint64_t
hstr(uint64_t h, struct str s)
{
	return hcombine(h, fg_hash(s.s, s.len));
}

static void
tab_init(struct tab *t)
{
	t->mask = 255;
	t->n = 0;
	t->slot = xcalloc(t->mask + 1, sizeof(*t->slot));
}

/*
 * Count an insertion; rehash when half full.  Object k - 1 keeps its hash
 * at hashes + (k - 1) * stride bytes.
 */
static void
tab_added(struct tab *t, const uint64_t *hashes, size_t stride)
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
struct idmap {
	uint64_t *key;
	uint32_t *val;
	uint32_t mask;
	uint32_t *dense;	/* val by id, when the ids are small */
	uint64_t max;		/* largest id */
};

static void
idmap_init(struct idmap *m, size_t n)
{
	size_t cap = 16;

	while (cap < n * 2 + 1)
		cap *= 2;
	m->mask = (uint32_t)(cap - 1);
	m->key = xcalloc(cap, sizeof(*m->key));
	m->val = xmalloc(cap * sizeof(*m->val));
}

static void
idmap_free(struct idmap *m)
{
	free(m->key);
	free(m->val);
	free(m->dense);
}

/* Ids 1..n (Go's usual numbering) get a direct table: no hashing. */
static void
idmap_densify(struct idmap *m, size_t n)
{
	uint64_t i;

	if (m->max > 4 * (uint64_t)n + 64)
		return;
	m->dense = xmalloc((m->max + 1) * sizeof(*m->dense));
	for (i = 0; i <= m->max; i++)
		m->dense[i] = NONE;
	for (i = 0; i <= m->mask; i++)
		if (m->key[i] != 0)
			m->dense[m->key[i]] = m->val[i];
}

/* Insert; returns 0, or -1 when id is already there. */
static int
idmap_put(struct idmap *m, uint64_t id, uint32_t v)
{
	uint32_t j = (uint32_t)mix64(id) & m->mask;

	while (m->key[j] != 0) {
		if (m->key[j] == id)
			return -1;
		j = (j + 1) & m->mask;
	}
	m->key[j] = id;
	m->val[j] = v;
	if (id > m->max)
		m->max = id;
	return 0;
}

static uint32_t
idmap_get(const struct idmap *m, uint64_t id)
{
	uint32_t j = (uint32_t)mix64(id) & m->mask;

	if (m->dense != NULL)
		return id <= m->max ? m->dense[id] : NONE;
	if (id == 0)
		return NONE;
	while (m->key[j] != 0) {
		if (m->key[j] == id)
			return m->val[j];
		j = (j + 1) & m->mask;
	}
	return NONE;
}

#define GROW(p, n, cap) do { \
	if ((n) >= (cap)) { \
		(cap) = (cap) ? (cap) * 2 : 64; \
		(p) = xreallocarray((p), (cap), sizeof(*(p))); \
	} \
} while (0)

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
	tab_init(&set->fntab);
	tab_init(&set->mptab);
	tab_init(&set->lctab);
	tab_init(&set->lstab);
	/* never NULL: samples without locations index it with length 0 */
	set->cstk = 1024;
	set->stk = xmalloc(set->cstk * sizeof(*set->stk));
	/* label set 0: no labels */
	set->cls = 64;
	set->ls = xmalloc(set->cls * sizeof(*set->ls));
	set->lsh = xmalloc(set->cls * sizeof(*set->lsh));
	set->ls[0] = nostr;
	set->lsh[0] = 0;
	set->nls = 1;
	return set;
}

static void
slist_free(struct slist *l)
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
		slist_free(&set->src[i]);
	for (i = 0; i < set->nbase; i++)
		slist_free(&set->base[i]);
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

static struct str
set_str(struct fg_pprof_set *set, const void *s, size_t n)
{
	struct str r;

	r.s = n == 0 ? "" : fg_arena_strndup(&set->arena, s, n);
	r.len = (uint32_t)n;
	return r;
}

/* ---------------------------------------------------------------- input */

/* "1 GiB", "640 KiB", or bytes: a limit as the user would write it. */
static void
fmt_size(char *buf, size_t size, size_t v)
{
	static const char *unit[] = { "TiB", "GiB", "MiB", "KiB" };
	int i;

	for (i = 0; i < 4; i++) {
		size_t u = (size_t)1 << (10 * (4 - i));

		if (v >= u && v % u == 0) {
			snprintf(buf, size, "%zu %s", v / u, unit[i]);
			return;
		}
	}
	snprintf(buf, size, "%zu bytes", v);
}

/*
 * Inflate one gzip member.  pprof's reader would go on to further
 * members; a second member is refused here instead (no real profile has
 * one), so nothing is silently dropped.  Past max bytes it stops (a few
 * MB of gzip can expand to many GB); the buffer never grows past max + 1.
 */
static int
gunzip(const char *name, const unsigned char *in, size_t len, size_t max,
    unsigned char **outp, size_t *outlen, struct fg_err *err)
{
	z_stream z;
	unsigned char *out;
	size_t cap = len < ((size_t)1 << 28) ? len * 4 + 4096 : len, n = 0, left = len;
	int r, rc = -1;
	char lim[32];

	if (cap > max)
		cap = max + 1;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return fg_err_set(err, "%s: cannot initialise zlib", name);
	out = xmalloc(cap);
	z.next_in = (unsigned char *)in;
	for (;;) {
		if (z.avail_in == 0 && left > 0) {
			z.avail_in = left > UINT_MAX ? UINT_MAX : (uInt)left;
			left -= z.avail_in;
		}
		if (n > max) {
			fmt_size(lim, sizeof(lim), max);
			fg_err_set(err, "%s: more than %s when decompressed: "
			    "refused (not a profile, or a gzip bomb; "
			    "--max-inflate raises the limit)", name, lim);
			goto out;
		}
		if (n == cap) {
			/* one byte past the limit tells that it was passed */
			cap = cap > max / 2 ? max + 1 : cap * 2;
			out = xrealloc(out, cap);
		}
		z.next_out = out + n;
		z.avail_out = cap - n > UINT_MAX ? UINT_MAX : (uInt)(cap - n);
		r = inflate(&z, Z_NO_FLUSH);
		n = (size_t)(z.next_out - out);
		if (n > max)
			continue;	/* refused at the top of the loop */
		if (r == Z_STREAM_END)
			break;
		if (r == Z_OK)
			continue;
		if (r == Z_BUF_ERROR && (z.avail_in > 0 || left > 0 || n == cap))
			continue;
		if (r == Z_BUF_ERROR) {
			fg_err_set(err, "%s: truncated gzip data", name);
			goto out;
		}
		/* zlib's words for the trailer's checks, said plainly */
		fg_err_set(err, "%s: corrupt gzip data (%s)", name,
		    z.msg == NULL ? "inflate failed" :
		    strcmp(z.msg, "incorrect data check") == 0 ?
		    "CRC mismatch: the data is damaged" :
		    strcmp(z.msg, "incorrect length check") == 0 ?
		    "length mismatch: the data is damaged" : z.msg);
		goto out;
	}
	if (z.avail_in > 0 || left > 0) {
		fg_err_set(err, "%s: data after the end of the gzip stream "
		    "(concatenated gzip members are not supported)", name);
		goto out;
	}
	*outp = out;
	*outlen = n;
	out = NULL;
	rc = 0;
out:
	free(out);
	inflateEnd(&z);
	return rc;
}

static int
hasprefix(const unsigned char *b, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && memcmp(b, p, k) == 0;
}

static uint64_t
word(const unsigned char *b, int size, int big)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < size; i++)
		v |= (uint64_t)b[big ? i : size - 1 - i] << (8 * (size - 1 - i));
	return v;
}

/* The formats pprof's legacy parsers read, refused with a hint. */
static int
legacy(const char *name, const unsigned char *b, size_t n, struct fg_err *err)
{
	static const char *text[] = {
		"heap profile:", "heap_v2/", "--- contention", "--- mutex",
		"--- threadz", "--- heapz", "--- contentionz", "--- profile",
		NULL
	};
	size_t i;
	int size, big;

	for (i = 0; text[i] != NULL; i++)
		if (hasprefix(b, n, text[i]))
			goto text;
	/* Go's debug=1 counts: "goroutine profile: total 12" */
	for (i = 0; i < n && i < 64 && ((b[i] >= 'a' && b[i] <= 'z') || b[i] == '_'); i++)
		;
	if (i > 0 && hasprefix(b + i, n - i, " profile: total "))
		goto text;
	/* gperftools CPU profile: header words 0, 3, 0 */
	for (size = 4; size <= 8; size += 4)
		for (big = 0; big < 2; big++)
			if (n >= (size_t)size * 5 && word(b, size, big) == 0 &&
			    word(b + size, size, big) == 3 &&
			    word(b + 2 * size, size, big) == 0)
				return fg_err_set(err, "%s: legacy gperftools CPU "
				    "profile format is not supported (convert it "
				    "with: pprof -proto)", name);
	return 0;
text:
	return fg_err_set(err, "%s: legacy text profile format (debug=1) is "
	    "not supported: fetch the profile with debug=0", name);
}

static size_t
varint(const unsigned char *b, size_t n, size_t *i, uint64_t *v)
{
	size_t start = *i;
	int sh;

	*v = 0;
	for (sh = 0; *i < n && sh < 70; sh += 7) {
		*v |= (uint64_t)(b[*i] & 0x7f) << (sh < 64 ? sh : 63);
		if (!(b[(*i)++] & 0x80))
			return *i - start;
	}
	return 0;
}

/*
 * Split the top level of a Profile: the samples (field 2) are unpacked
 * one at a time later, everything else is copied to rest and unpacked at
 * once.  So a large profile never exists unpacked in memory as a whole.
 * pprof refuses a second non-zero time_nanos (field 9) as concatenated
 * profiles; protobuf-c would merge them silently.
 * Returns 0, 1 (concatenated) or 2 (malformed).
 */
struct range {
	size_t	 off, len;
};

static int
split_top(const unsigned char *b, size_t n, struct fg_buf *rest,
    struct range **rv, size_t *nr)
{
	size_t i = 0, start, cap = 0;
	uint64_t tag, v, t = 0;

	*rv = NULL;
	*nr = 0;
	while (i < n) {
		start = i;
		if (varint(b, n, &i, &tag) == 0)
			return 2;
		switch (tag & 7) {
		case 0:
			if (varint(b, n, &i, &v) == 0)
				return 2;
			if ((tag >> 3) == 9) {
				if (t != 0)
					return 1;
				t = v;
			}
			break;
		case 1:
		case 5:
			if (n - i < ((tag & 7) == 1 ? 8u : 4u))
				return 2;
			i += (tag & 7) == 1 ? 8 : 4;
			break;
		case 2:
			if (varint(b, n, &i, &v) == 0 || v > n - i)
				return 2;
			i += v;
			if ((tag >> 3) == 2) {
				GROW(*rv, *nr, cap);
				(*rv)[*nr].off = i - v;
				(*rv)[(*nr)++].len = v;
				continue;
			}
			break;
		default:
			return 2;
		}
		fg_buf_put(rest, b + start, i - start);
	}
	return 0;
}

/* ---------------------------------------------------------------- validation */

struct lab;

struct ctx {
	const char *name;
	Profile *p;
	struct str *S;		/* string table (copied into the set's arena) */
	struct idmap mid, fid, lid;
	uint32_t *mcan, *fcan, *lcan;
	int64_t	*mofs;		/* canonical mapping start - this start */
	size_t	 nsamples;
	struct lab *L;		/* a sample's labels */
	size_t	 cL;
	struct fg_buf b;
};

/* Every string index pprof resolves must be in range. */
static int
check_strings(struct ctx *c, struct fg_err *err)
{
	Profile *p = c->p;
	uint64_t ns = p->n_string_table;
	size_t i;
	int64_t bad = 0;

#define CHK(x) do { if ((uint64_t)(x) >= ns) { bad = (x); goto fail; } } while (0)
	if (ns == 0)
		return fg_err_set(err, "%s: malformed profile: no string table",
		    c->name);
	if (p->string_table[0].len != 0)
		return fg_err_set(err, "%s: malformed profile: string_table[0] "
		    "is not empty", c->name);
	for (i = 0; i < p->n_mapping; i++) {
		CHK(p->mapping[i]->filename);
		CHK(p->mapping[i]->build_id);
	}
	for (i = 0; i < p->n_function; i++) {
		CHK(p->function[i]->name);
		CHK(p->function[i]->system_name);
		CHK(p->function[i]->filename);
	}
	for (i = 0; i < p->n_sample_type; i++) {
		CHK(p->sample_type[i]->type);
		CHK(p->sample_type[i]->unit);
	}
	CHK(p->drop_frames);
	CHK(p->keep_frames);
	if (p->period_type != NULL) {
		CHK(p->period_type->type);
		CHK(p->period_type->unit);
	}
	for (i = 0; i < p->n_comment; i++)
		CHK(p->comment[i]);
	CHK(p->default_sample_type);
	return 0;
#undef CHK
fail:
	return fg_err_set(err, "%s: malformed profile: string index %lld out "
	    "of range (%llu strings)", c->name, (long long)bad,
	    (unsigned long long)ns);
}

/* pprof's CheckValid, plus id -> index maps for the conversion. */
static int
check_refs(struct ctx *c, struct fg_err *err)
{
	Profile *p = c->p;
	size_t i, j;

	if (p->n_sample_type == 0 && c->nsamples != 0)
		return fg_err_set(err, "%s: malformed profile: samples but no "
		    "sample types", c->name);
	idmap_init(&c->mid, p->n_mapping);
	idmap_init(&c->fid, p->n_function);
	idmap_init(&c->lid, p->n_location);
	for (i = 0; i < p->n_mapping; i++) {
		if (p->mapping[i]->id == 0)
			return fg_err_set(err, "%s: malformed profile: mapping "
			    "with id 0", c->name);
		if (idmap_put(&c->mid, p->mapping[i]->id, (uint32_t)i) != 0)
			return fg_err_set(err, "%s: malformed profile: duplicate "
			    "mapping id %llu", c->name,
			    (unsigned long long)p->mapping[i]->id);
	}
	for (i = 0; i < p->n_function; i++) {
		if (p->function[i]->id == 0)
			return fg_err_set(err, "%s: malformed profile: function "
			    "with id 0", c->name);
		if (idmap_put(&c->fid, p->function[i]->id, (uint32_t)i) != 0)
			return fg_err_set(err, "%s: malformed profile: duplicate "
			    "function id %llu", c->name,
			    (unsigned long long)p->function[i]->id);
	}
	for (i = 0; i < p->n_location; i++) {
		Location *l = p->location[i];

		if (l->id == 0)
			return fg_err_set(err, "%s: malformed profile: location "
			    "with id 0", c->name);
		if (idmap_put(&c->lid, l->id, (uint32_t)i) != 0)
			return fg_err_set(err, "%s: malformed profile: duplicate "
			    "location id %llu", c->name, (unsigned long long)l->id);
		for (j = 0; j < l->n_line; j++)
			if (idmap_get(&c->fid, l->line[j]->function_id) == NONE)
				return fg_err_set(err, "%s: malformed profile: "
				    "location %llu: unknown function id %llu",
				    c->name, (unsigned long long)l->id,
				    (unsigned long long)l->line[j]->function_id);
	}
	idmap_densify(&c->mid, p->n_mapping);
	idmap_densify(&c->fid, p->n_function);
	idmap_densify(&c->lid, p->n_location);
	return 0;
}

/* ---------------------------------------------------------------- canonical objects */

static uint32_t
canon_fn(struct fg_pprof_set *set, struct ctx *c, uint32_t i)
{
	Function *f = c->p->function[i];
	struct fn x;
	uint32_t j, k;

	if (c->fcan[i] != NONE)
		return c->fcan[i];
	x.name = c->S[f->name];
	x.sys = c->S[f->system_name];
	x.file = c->S[f->filename];
	x.start = f->start_line;
	x.h = hcombine(hstr(hstr(hstr(1, x.name), x.sys), x.file), (uint64_t)x.start);
	for (j = (uint32_t)x.h & set->fntab.mask; (k = set->fntab.slot[j]) != 0;
	    j = (j + 1) & set->fntab.mask) {
		struct fn *y = &set->fn[k - 1];

		if (y->h == x.h && y->start == x.start && str_eq(y->name, x.name) &&
		    str_eq(y->sys, x.sys) && str_eq(y->file, x.file))
			return c->fcan[i] = k - 1;
	}
	GROW(set->fn, set->nfn, set->cfn);
	set->fn[set->nfn] = x;
	set->fntab.slot[j] = ++set->nfn;
	tab_added(&set->fntab, &set->fn[0].h, sizeof(struct fn));
	return c->fcan[i] = set->nfn - 1;
}

static uint32_t
canon_mp(struct fg_pprof_set *set, struct ctx *c, uint32_t i)
{
	Mapping *m = c->p->mapping[i];
	struct mp x;
	struct str key;
	uint64_t size;
	uint32_t j, k;

	if (c->mcan[i] != NONE)
		return c->mcan[i];
	x.start = m->memory_start;
	x.limit = m->memory_limit;
	x.offset = m->file_offset;
	x.file = c->S[m->filename];
	x.bid = c->S[m->build_id];
	/* pprof's key: size rounded up to 4 KiB, offset, build id or file */
	size = x.limit - x.start;
	size = size + 0xfff;
	size -= size % 0x1000;
	key = x.bid.len > 0 ? x.bid : x.file;
	x.h = hstr(hcombine(hcombine(2, size), x.offset), key);
	for (j = (uint32_t)x.h & set->mptab.mask; (k = set->mptab.slot[j]) != 0;
	    j = (j + 1) & set->mptab.mask) {
		struct mp *y = &set->mp[k - 1];
		uint64_t ys = y->limit - y->start + 0xfff;

		ys -= ys % 0x1000;
		if (y->h == x.h && ys == size && y->offset == x.offset &&
		    str_eq(y->bid.len > 0 ? y->bid : y->file, key)) {
			c->mofs[i] = (int64_t)(y->start - x.start);
			return c->mcan[i] = k - 1;
		}
	}
	GROW(set->mp, set->nmp, set->cmp);
	set->mp[set->nmp] = x;
	set->mptab.slot[j] = ++set->nmp;
	tab_added(&set->mptab, &set->mp[0].h, sizeof(struct mp));
	c->mofs[i] = 0;
	return c->mcan[i] = set->nmp - 1;
}

static uint32_t
canon_lc(struct fg_pprof_set *set, struct ctx *c, uint32_t i)
{
	Location *l = c->p->location[i];
	struct lc x;
	uint32_t j, k, mi;
	size_t q;

	if (c->lcan[i] != NONE)
		return c->lcan[i];
	memset(&x, 0, sizeof(x));
	x.folded = l->is_folded != 0;
	x.addr = l->address;
	x.rel = l->address;
	if ((mi = idmap_get(&c->mid, l->mapping_id)) != NONE) {
		k = canon_mp(set, c, mi);
		x.mp = k + 1;
		x.addr = l->address + (uint64_t)c->mofs[mi];
		x.rel = x.addr - set->mp[k].start;
	}
	/* lines go to the end of set->ln; dropped again if not new */
	if (set->cln - set->nln < l->n_line) {
		set->cln = set->nln + l->n_line + set->cln + 64;
		set->ln = xreallocarray(set->ln, set->cln, sizeof(*set->ln));
	}
	x.l0 = (uint32_t)set->nln;
	x.nl = (uint32_t)l->n_line;
	x.h = hcombine(hcombine(hcombine(3, x.mp), x.rel), (uint64_t)x.folded);
	for (q = 0; q < l->n_line; q++) {
		struct ln *ln = &set->ln[set->nln + q];

		ln->fn = canon_fn(set, c, idmap_get(&c->fid, l->line[q]->function_id));
		ln->line = l->line[q]->line;
		x.h = hcombine(hcombine(x.h, ln->fn), (uint64_t)ln->line);
	}
	for (j = (uint32_t)x.h & set->lctab.mask; (k = set->lctab.slot[j]) != 0;
	    j = (j + 1) & set->lctab.mask) {
		struct lc *y = &set->lc[k - 1];

		if (y->h == x.h && y->mp == x.mp && y->rel == x.rel &&
		    y->folded == x.folded && y->nl == x.nl) {
			for (q = 0; q < x.nl; q++)
				if (set->ln[y->l0 + q].fn != set->ln[x.l0 + q].fn ||
				    set->ln[y->l0 + q].line != set->ln[x.l0 + q].line)
					break;
			if (q == x.nl)
				return c->lcan[i] = k - 1;
		}
	}
	if (set->nlc == UINT32_MAX - 1 || set->nln + x.nl > UINT32_MAX)
		die("too many locations");
	set->nln += x.nl;
	GROW(set->lc, set->nlc, set->clc);
	set->lc[set->nlc] = x;
	set->lctab.slot[j] = ++set->nlc;
	tab_added(&set->lctab, &set->lc[0].h, sizeof(struct lc));
	return c->lcan[i] = set->nlc - 1;
}

/* ---------------------------------------------------------------- label sets */

/*
 * A label set is serialised canonically, like pprof's sample key: per key
 * (sorted bytewise), its string values in order, then its numeric values
 * and their units (padded with "" when any value has a unit).  Layout:
 * u32 keylen, key, u32 nstr, {u32 len, bytes}, u32 nnum, {i64},
 * u32 nunit, {u32 len, bytes}.
 */
struct lab {
	struct str key, sval, unit;
	int	 isstr, hasunit;
	int64_t	 num;
	uint32_t ord;
};

static int
lab_cmp(const void *x, const void *y)
{
	const struct lab *a = x, *b = y;
	size_t m = a->key.len < b->key.len ? a->key.len : b->key.len;
	int c = memcmp(a->key.s, b->key.s, m);

	if (c != 0)
		return c;
	if (a->key.len != b->key.len)
		return a->key.len < b->key.len ? -1 : 1;
	return a->ord < b->ord ? -1 : a->ord > b->ord;
}

static void
put32(struct fg_buf *b, uint32_t v)
{
	fg_buf_put(b, &v, 4);
}

static void
putstr(struct fg_buf *b, struct str s)
{
	put32(b, s.len);
	fg_buf_put(b, s.s, s.len);
}

static void
ser_labels(struct fg_buf *b, struct lab *L, size_t n)
{
	size_t i, j, k;
	uint32_t ns, nn, nu;

	b->len = 0;
	if (n > 1)
		qsort(L, n, sizeof(*L), lab_cmp);
	for (i = 0; i < n; i = j) {
		ns = nn = nu = 0;
		for (j = i; j < n && str_eq(L[j].key, L[i].key); j++) {
			if (L[j].isstr)
				ns++;
			else {
				nn++;
				nu |= L[j].hasunit;
			}
		}
		putstr(b, L[i].key);
		put32(b, ns);
		for (k = i; k < j; k++)
			if (L[k].isstr)
				putstr(b, L[k].sval);
		put32(b, nn);
		for (k = i; k < j; k++)
			if (!L[k].isstr)
				fg_buf_put(b, &L[k].num, 8);
		put32(b, nu ? nn : 0);
		for (k = i; nu && k < j; k++)
			if (!L[k].isstr)
				putstr(b, L[k].hasunit ? L[k].unit : nostr);
	}
}

static uint32_t
intern_ls(struct fg_pprof_set *set, const char *s, size_t n)
{
	uint64_t h;
	uint32_t j, k;

	if (n == 0)
		return 0;
	h = fg_hash(s, n) | 1;
	for (j = (uint32_t)h & set->lstab.mask; (k = set->lstab.slot[j]) != 0;
	    j = (j + 1) & set->lstab.mask)
		if (set->lsh[k - 1] == h && set->ls[k - 1].len == n &&
		    memcmp(set->ls[k - 1].s, s, n) == 0)
			return k - 1;
	if (set->nls == set->cls) {
		set->cls *= 2;
		set->ls = xreallocarray(set->ls, set->cls, sizeof(*set->ls));
		set->lsh = xreallocarray(set->lsh, set->cls, sizeof(*set->lsh));
	}
	set->ls[set->nls] = set_str(set, s, n);
	set->lsh[set->nls] = h;
	set->lstab.slot[j] = ++set->nls;
	tab_added(&set->lstab, set->lsh, sizeof(uint64_t));
	return set->nls - 1;
}

/* A cursor over a serialised label set. */
struct lsgroup {
	struct str key;
	const char *strs, *nums, *units;	/* positions of the parts */
	uint32_t ns, nn, nu;
};

static uint32_t
get32(const char **p)
{
	uint32_t v;

	memcpy(&v, *p, 4);
	*p += 4;
	return v;
}

static struct str
getstr(const char **p)
{
	struct str s;

	s.len = get32(p);
	s.s = *p;
	*p += s.len;
	return s;
}

/* Next group at *p (< end); returns 0 at the end. */
static int
ls_next(const char **p, const char *end, struct lsgroup *g)
{
	uint32_t i;

	if (*p >= end)
		return 0;
	g->key = getstr(p);
	g->ns = get32(p);
	g->strs = *p;
	for (i = 0; i < g->ns; i++)
		(void)getstr(p);
	g->nn = get32(p);
	g->nums = *p;
	*p += (size_t)g->nn * 8;
	g->nu = get32(p);
	g->units = *p;
	for (i = 0; i < g->nu; i++)
		(void)getstr(p);
	return 1;
}

/* ---------------------------------------------------------------- loading */

static void
hdr_set(struct fg_pprof_set *set, struct ctx *c, struct hdr *h)
{
	Profile *p = c->p;
	uint32_t i;

	h->nt = (uint32_t)p->n_sample_type;
	h->type = fg_arena_alloc(&set->arena, (h->nt + 1) * sizeof(*h->type));
	h->unit = fg_arena_alloc(&set->arena, (h->nt + 1) * sizeof(*h->unit));
	for (i = 0; i < h->nt; i++) {
		h->type[i] = c->S[p->sample_type[i]->type];
		h->unit[i] = c->S[p->sample_type[i]->unit];
	}
	h->ptype = p->period_type ? c->S[p->period_type->type] : nostr;
	h->punit = p->period_type ? c->S[p->period_type->unit] : nostr;
	h->deflt = c->S[p->default_sample_type];
	h->drop = c->S[p->drop_frames];
	h->keep = c->S[p->keep_frames];
}

static void
convert_init(struct fg_pprof_set *set, struct ctx *c, struct slist *out)
{
	Profile *p = c->p;
	size_t nt = p->n_sample_type;

	c->mcan = xmalloc((p->n_mapping + 1) * sizeof(*c->mcan));
	c->fcan = xmalloc((p->n_function + 1) * sizeof(*c->fcan));
	c->lcan = xmalloc((p->n_location + 1) * sizeof(*c->lcan));
	c->mofs = xcalloc(p->n_mapping + 1, sizeof(*c->mofs));
	memset(c->mcan, 0xff, (p->n_mapping + 1) * sizeof(*c->mcan));
	memset(c->fcan, 0xff, (p->n_function + 1) * sizeof(*c->fcan));
	memset(c->lcan, 0xff, (p->n_location + 1) * sizeof(*c->lcan));
	/* pprof's merge takes the main binary's mapping first */
	if (set->nmp == 0 && p->n_mapping > 0)
		canon_mp(set, c, 0);
	hdr_set(set, c, &out->h);
	/* grown as samples come: only those hold their values in the input */
	out->cap = 64;
	out->s = xmalloc(out->cap * sizeof(*out->s));
	out->v = xmalloc(out->cap * (nt ? nt : 1) * sizeof(*out->v));
}

/* Validate sample i (pprof's checks) and add it to out. */
static int
add_sample(struct fg_pprof_set *set, struct ctx *c, size_t i,
    const unsigned char *buf, size_t len, struct slist *out, struct fg_err *err)
{
	Sample *s = perftools__profiles__sample__unpack(NULL, len, buf);
	uint64_t ns = c->p->n_string_table;
	size_t nL = 0, j, k, nt = c->p->n_sample_type;
	struct samp *o;
	int rc = -1;

	if (s == NULL)
		return fg_err_set(err, "%s: not a pprof profile (protobuf "
		    "decoding failed)", c->name);
	if (s->n_value != nt) {
		fg_err_set(err, "%s: malformed profile: sample %zu has %zu "
		    "values for %zu sample types", c->name, i, s->n_value, nt);
		goto out;
	}
	for (j = 0; j < s->n_label; j++) {
		Label *l = s->label[j];
		int64_t bad = l->key;

		if ((uint64_t)l->key < ns && (l->str != 0 ?
		    (uint64_t)(bad = l->str) < ns :
		    l->num_unit == 0 || (uint64_t)(bad = l->num_unit) < ns))
			continue;
		fg_err_set(err, "%s: malformed profile: string index %lld out "
		    "of range (%llu strings)", c->name, (long long)bad,
		    (unsigned long long)ns);
		goto out;
	}
	for (j = 0; j < s->n_location_id; j++)
		if (idmap_get(&c->lid, s->location_id[j]) == NONE) {
			fg_err_set(err, "%s: malformed profile: sample %zu: "
			    "unknown location id %llu", c->name, i,
			    (unsigned long long)s->location_id[j]);
			goto out;
		}
	rc = 0;
	for (j = 0; j < nt && s->value[j] == 0; j++)
		;
	if (j == nt)
		goto out;	/* pprof's merge drops all-zero samples */
	if (out->n == out->cap) {
		out->cap *= 2;
		out->s = xreallocarray(out->s, out->cap, sizeof(*out->s));
		out->v = xreallocarray(out->v, out->cap, (nt ? nt : 1) * sizeof(*out->v));
	}
	o = &out->s[out->n];
	if (set->cstk - set->nstk < s->n_location_id) {
		set->cstk = set->nstk + s->n_location_id + set->cstk + 1024;
		set->stk = xreallocarray(set->stk, set->cstk, sizeof(*set->stk));
	}
	if (set->nstk + s->n_location_id > UINT32_MAX)
		die("too many stack frames");
	o->off = (uint32_t)set->nstk;
	o->n = (uint32_t)s->n_location_id;
	for (j = 0; j < s->n_location_id; j++)
		set->stk[set->nstk++] = canon_lc(set, c,
		    idmap_get(&c->lid, s->location_id[j]));
	for (j = 0; j < s->n_label; j++) {
		Label *l = s->label[j];

		if (l->str == 0 && l->num == 0 && l->num_unit == 0)
			continue;	/* pprof drops it */
		GROW(c->L, nL, c->cL);
		memset(&c->L[nL], 0, sizeof(c->L[nL]));
		c->L[nL].key = c->S[l->key];
		c->L[nL].ord = (uint32_t)j;
		if (l->str != 0) {
			c->L[nL].isstr = 1;
			c->L[nL].sval = c->S[l->str];
		} else {
			c->L[nL].num = l->num;
			c->L[nL].hasunit = l->num_unit != 0;
			c->L[nL].unit = c->S[l->num_unit];
		}
		nL++;
	}
	o->ls = 0;
	if (nL > 0) {
		ser_labels(&c->b, c->L, nL);
		o->ls = intern_ls(set, c->b.p, c->b.len);
	}
	for (k = 0; k < nt; k++)
		out->v[out->n * nt + k] = s->value[k];
	out->n++;
out:
	perftools__profiles__sample__free_unpacked(s, NULL);
	return rc;
}

static int
load(struct fg_pprof_set *set, const char *name, const void *buf, size_t len,
    int isbase, struct fg_err *err)
{
	const unsigned char *raw = buf;
	unsigned char *inflated = NULL;
	size_t rawlen = len, i, nr = 0, nstk = set->nstk;
	struct fg_buf rest = { 0 };
	struct range *rv = NULL;
	struct ctx c;
	struct slist l, **lists;
	size_t *nlists;
	int rc = -1, r;

	memset(&c, 0, sizeof(c));
	memset(&l, 0, sizeof(l));
	c.name = name;
	if (set->done)
		return fg_err_set(err, "%s: profiles already folded", name);
	if (len == 0)
		return fg_err_set(err, "%s: empty input", name);
	if (len >= 2 && raw[0] == 0x1f && raw[1] == 0x8b) {
		if (gunzip(name, raw, len, set->max_inflate, &inflated, &rawlen,
		    err) != 0)
			return -1;
		raw = inflated;
		if (rawlen == 0) {
			fg_err_set(err, "%s: empty input (after gunzip)", name);
			goto out;
		}
	}
	if (legacy(name, raw, rawlen, err) != 0)
		goto out;
	if ((r = split_top(raw, rawlen, &rest, &rv, &nr)) == 1) {
		fg_err_set(err, "%s: concatenated profiles (time_nanos set twice)",
		    name);
		goto out;
	}
	if (r == 0)
		c.p = perftools__profiles__profile__unpack(NULL, rest.len,
		    (const uint8_t *)(rest.p ? rest.p : ""));
	fg_buf_free(&rest);
	if (c.p == NULL) {
		fg_err_set(err, "%s: not a pprof profile (protobuf decoding failed)",
		    name);
		goto out;
	}
	c.nsamples = nr;
	if (check_strings(&c, err) != 0 || check_refs(&c, err) != 0)
		goto out;
	c.S = xmalloc(c.p->n_string_table * sizeof(*c.S));
	for (i = 0; i < c.p->n_string_table; i++)
		c.S[i] = c.p->string_table[i].len > UINT32_MAX ? nostr :
		    set_str(set, c.p->string_table[i].data, c.p->string_table[i].len);
	l.name = set_str(set, name, strlen(name)).s;
	convert_init(set, &c, &l);
	for (i = 0; i < nr; i++)
		if (add_sample(set, &c, i, raw + rv[i].off, rv[i].len, &l, err) != 0) {
			slist_free(&l);
			set->nstk = nstk;
			goto out;
		}
	lists = isbase ? &set->base : &set->src;
	nlists = isbase ? &set->nbase : &set->nsrc;
	*lists = xreallocarray(*lists, *nlists + 1, sizeof(**lists));
	(*lists)[(*nlists)++] = l;
	rc = 0;
out:
	if (c.p != NULL)
		perftools__profiles__profile__free_unpacked(c.p, NULL);
	fg_buf_free(&rest);
	free(inflated);
	free(rv);
	free(c.S);
	free(c.L);
	fg_buf_free(&c.b);
	free(c.mcan);
	free(c.fcan);
	free(c.lcan);
	free(c.mofs);
	if (c.mid.key != NULL) {
		idmap_free(&c.mid);
		idmap_free(&c.fid);
		idmap_free(&c.lid);
	}
	return rc;
}

int
fg_pprof_load(struct fg_pprof_set *set, const char *name, const void *buf,
    size_t len, struct fg_err *err)
{
	return load(set, name, buf, len, 0, err);
}

int
fg_pprof_load_base(struct fg_pprof_set *set, const char *name, const void *buf,
    size_t len, struct fg_err *err)
{
	return load(set, name, buf, len, 1, err);
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

static int
default_index(const struct hdr *h)
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
	return default_index(&h);
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
		*out = nostr;
	else
		*out = to;
	return (double)v;
}

/*
 * pprof's measurement.Scale: value in from, converted to to; *out the unit
 * name.  A negative value is scaled as its magnitude (the unit chosen for
 * "auto" depends on it), then negated.
 */
static double
uscale(int64_t v, struct str from, struct str to, struct str *out)
{
	int neg = v < 0 && v != INT64_MIN;
	double x = uscale_abs(neg ? -v : v, from, to, out);

	return neg ? -x : x;
}

/* pprof's measurement.ScaledLabel into b. */
static void
scaled_label(struct fg_buf *b, int64_t v, struct str from, struct str to)
{
	struct str u;
	double x = uscale(v, from, to, &u);
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

static void
scale_list(struct slist *l, const double *r)
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
		if (uscale(1, L[i]->h.punit, mu, &out) < 1) {
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
			if (uscale(1, L[i]->h.unit[k], mu, &out) < 1) {
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
	uint64_t h = hcombine(4, s->ls);

	h = hcombine(h, fg_hash(&set->stk[s->off], (size_t)s->n * sizeof(uint32_t)));
	return h;
}

/*
 * pprof's Merge: scale to common units, then add every non-zero sample to
 * the one with the same stack and labels.  out gets the header of L[0]
 * with the first non-empty default_sample_type.  (Merging also pays off
 * when only the sums matter: profiles repeat stacks, and every merged
 * sample is one walk less down the trie.)
 */
static int
merge(struct fg_pprof_set *set, struct slist **L, size_t n, struct slist *out,
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
				r[k] = uscale(1, orig[i * nt + k], L[i]->h.unit[k], &u);
			scale_list(L[i], r);
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
static void
label_base(struct fg_pprof_set *set, struct slist *l)
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
			int more = ls_next(&p, end, &g), c = -1;

			if (more) {
				size_t m = g.key.len < key.len ? g.key.len : key.len;

				c = memcmp(key.s, g.key.s, m);
				if (c == 0)
					c = key.len < g.key.len ? -1 : key.len > g.key.len;
			}
			if (!done && c <= 0) {
				putstr(&b, key);
				put32(&b, 1);
				putstr(&b, val);
				done = 1;
				if (more && c == 0) {
					/* keep the key's numeric values */
					fg_buf_put(&b, g.nums - 4,
					    (size_t)(p - (g.nums - 4)));
					continue;
				}
				put32(&b, 0);
				put32(&b, 0);
			}
			if (!more)
				break;
			fg_buf_put(&b, gs, (size_t)(p - gs));
		}
		memo[ls] = intern_ls(set, b.p, b.len);
		l->s[i].ls = memo[ls];
	}
	free(memo);
	fg_buf_free(&b);
}

/* pprof's Normalize: scale src per type by sum(base) / sum(src). */
static int
normalize(struct slist *src, const struct slist *base, struct fg_err *err)
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
	scale_list(src, r);
	free(bs);
	free(ss);
	free(r);
	return 0;
}

/* ---------------------------------------------------------------- regular expressions */

struct rx {
	regex_t	 re;
	int	 ok;
};

/*
 * Compile a Go (RE2) regular expression as a POSIX ERE.  The common RE2
 * extras are translated: (?:...), \d \D \w \W \s \S (also inside
 * brackets where they fit), \A, \z, a leading (?i); other RE2-only syntax
 * (lazy quantifiers, \b, named groups, \pL) is not.
 */
static int
rx_comp(struct rx *r, const char *s, int anchored, char *msg, size_t msz)
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

static void
rx_free(struct rx *r)
{
	if (r->ok)
		regfree(&r->re);
	r->ok = 0;
}

static int
rx_match(const struct rx *r, struct str s)
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

static struct str
mapfile(const struct fg_pprof_set *set, const struct lc *l)
{
	return l->mp ? set->mp[l->mp - 1].file : nostr;
}

/* Location's function names, file names or mapping file match (matchesName). */
static int
loc_matches(const struct fg_pprof_set *set, const struct ln *w, const struct lc *l,
    const struct rx *r)
{
	uint32_t i;

	for (i = 0; i < l->nl; i++) {
		const struct fn *f = &set->fn[w[l->l0 + i].fn];

		if (rx_match(r, f->name) || rx_match(r, f->file))
			return 1;
	}
	return l->mp && rx_match(r, mapfile(set, l));
}

static int
line_matches(const struct fg_pprof_set *set, const struct ln *ln, const struct rx *r)
{
	const struct fn *f = &set->fn[ln->fn];

	return rx_match(r, f->name) || rx_match(r, f->file);
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
static void
prune(struct fg_pprof_set *set, struct slist *F, uint8_t *lf,
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
			if (rx_match(drop, s) && (keep == NULL || !rx_match(keep, s)))
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
	uint64_t h = hstr(hstr(5, name), file);
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
	f.name = set_str(set, name.s, name.len);
	f.file = set_str(set, file.s, file.len);
	f.sys = nostr;
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
	tab_added(&tt->t, tt->h, sizeof(uint64_t));
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
	while (ls_next(&p, end, &g)) {
		if (!str_eq(g.key, key))
			continue;
		q = g.strs;
		for (i = 0; i < g.ns; i++) {
			struct str s = getstr(&q);

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
			struct str su = nostr;

			memcpy(&v, g.nums + (size_t)i * 8, 8);
			if (g.nu != 0)
				su = getstr(&u);
			if (!first)
				fg_buf_putc(b, ',');
			scaled_label(b, v, su, g.nu != 0 ? unit : nostr);
			first = 0;
		}
		break;
	}
}

/* pprof's addLabelNodes: -tagroot / -tagleaf pseudo-frames. */
static void
add_tags(struct fg_pprof_set *set, struct slist *F, const struct fg_pprof_opts *o)
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
	tab_init(&tt.t);
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
static void
filter_names(struct fg_pprof_set *set, struct slist *F, uint8_t *lf,
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
			if (l->mp && rx_match(hide, mapfile(set, l)))
				l->nl = 0;
			else
				keep_lines(set, l, hide, 0);
			if (l->nl == 0) {
				lf[i] |= LF_HIDDEN;
				hidden = 1;
			}
		}
		if (show) {
			if (!(l->mp && rx_match(show, mapfile(set, l))))
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
static void
show_from(struct fg_pprof_set *set, struct slist *F, uint8_t *lf, const struct rx *r)
{
	uint32_t i, j;
	size_t q, w = 0;

	for (i = 0; i < set->nlc; i++) {
		struct lc *l = &set->lc[i];

		lf[i] = 0;
		if (l->mp && rx_match(r, mapfile(set, l))) {
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
static void
prune_from(struct fg_pprof_set *set, struct slist *F, uint8_t *lf, const struct rx *r)
{
	uint32_t i, j;
	size_t q;

	for (i = 0; i < set->nlc; i++) {
		struct lc *l = &set->lc[i];

		lf[i] = 0;
		for (j = 0; j < l->nl; j++) {
			struct fn *f = &set->fn[set->ln[l->l0 + j].fn];

			if (f->name.len > 0 && rx_match(r, simplify(f->name))) {
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

/* ---------------------------------------------------------------- naming */

/* Go's filepath.Clean (Unix) of s into b. */
static void
clean_path(struct fg_buf *b, struct str s)
{
	size_t n = s.len, r = 0, base = b->len, w, dotdot;
	const char *p = s.s;
	int rooted = n > 0 && p[0] == '/';

	if (n == 0) {
		fg_buf_putc(b, '.');
		return;
	}
	if (rooted) {
		fg_buf_putc(b, '/');
		r = 1;
	}
	dotdot = rooted;
	while (r < n) {
		w = b->len - base;
		if (p[r] == '/')
			r++;
		else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/'))
			r++;
		else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
			r += 2;
			if (w > dotdot) {
				w--;
				while (w > dotdot && b->p[base + w] != '/')
					w--;
				b->len = base + w;
			} else if (!rooted) {
				if (w > 0)
					fg_buf_putc(b, '/');
				fg_buf_put(b, "..", 2);
				dotdot = b->len - base;
			}
		} else {
			if ((rooted && w != 1) || (!rooted && w != 0))
				fg_buf_putc(b, '/');
			for (; r < n && p[r] != '/'; r++)
				fg_buf_putc(b, p[r]);
		}
	}
	if (b->len == base)
		fg_buf_putc(b, '.');
}

/* Go's filepath.Base of a non-empty path. */
static struct str
base_name(struct str s)
{
	const char *sl;

	while (s.len > 0 && s.s[s.len - 1] == '/')
		s.len--;
	if (s.len == 0)
		return (struct str){ "/", 1 };
	for (sl = s.s + s.len; sl > s.s && sl[-1] != '/'; sl--)
		;
	s.len -= (uint32_t)(sl - s.s);
	s.s = sl;
	return s;
}

struct namer {
	struct fg_pprof_set *set;
	const struct fg_pprof_opts *o;
	struct fg_trie *t;
	struct fg_buf b;
	int	 keepname, keepfile, keepline, keepaddr;
};

/* pprof's NodeInfo.PrintableName of one line of l (ln NULL: no lines). */
static uint32_t
frame_name(struct namer *nm, const struct lc *l, const struct ln *ln, int inl)
{
	struct fg_buf *b = &nm->b;
	struct str name = nostr, file = nostr, obj = mapfile(nm->set, l);
	int64_t lineno = 0;
	char num[32];

	b->len = 0;
	if (nm->keepaddr && l->addr != 0) {
		snprintf(num, sizeof(num), "%016llx", (unsigned long long)l->addr);
		fg_buf_puts(b, num);
	}
	if (ln != NULL) {
		const struct fn *f = &nm->set->fn[ln->fn];

		if (nm->keepname)
			name = f->name;
		if (nm->keepfile)
			file = f->file;
		if (nm->keepline)
			lineno = ln->line;
		if (name.len > 0) {
			if (b->len > 0)
				fg_buf_putc(b, ' ');
			fg_buf_put(b, name.s, name.len);
		}
	}
	if (lineno != 0 || file.len > 0) {
		if (b->len > 0)
			fg_buf_putc(b, ' ');
		if (file.len > 0)
			clean_path(b, file);
		if (lineno != 0) {
			snprintf(num, sizeof(num), ":%lld", (long long)lineno);
			fg_buf_puts(b, num);
		}
	} else if (name.len == 0) {
		if (b->len > 0)
			fg_buf_putc(b, ' ');
		if (obj.len > 0) {
			struct str bn = base_name(obj);

			fg_buf_putc(b, '[');
			fg_buf_put(b, bn.s, bn.len);
			fg_buf_putc(b, ']');
		} else
			fg_buf_puts(b, "<unknown>");
	}
	if (inl && nm->o->mark_inline)
		fg_buf_put(b, "_[i]", 4);
	fg_folded_frame_clean(b->p, b->len);
	return fg_intern(&nm->t->names, b->p ? b->p : "", b->len);
}

/* The frame names of location i, root first, computed once. */
static const uint32_t *
loc_names(struct namer *nm, uint32_t i, uint32_t *n)
{
	struct fg_pprof_set *set = nm->set;
	struct lc *l = &set->lc[i];
	uint32_t j, first, cnt;

	if (l->nnm == 0) {
		first = 0;
		cnt = l->nl;
		if (nm->o->noinlines && cnt > 1) {
			first = cnt - 1;
			cnt = 1;
		}
		if (set->cnm - set->nnm < (cnt ? cnt : 1) + 1) {
			set->cnm = set->nnm + cnt + set->cnm + 256;
			set->nm = xreallocarray(set->nm, set->cnm, sizeof(*set->nm));
		}
		l = &set->lc[i];
		l->nm0 = (uint32_t)set->nnm;
		if (cnt == 0)
			set->nm[set->nnm++] = frame_name(nm, l, NULL, 0);
		for (j = cnt; j-- > 0;)
			set->nm[set->nnm++] = frame_name(nm, l,
			    &set->ln[l->l0 + first + j], j != cnt - 1);
		l->nnm = (uint32_t)(set->nnm - l->nm0);
	}
	*n = l->nnm;
	return &set->nm[l->nm0];
}

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
		*idx = default_index(h);
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
	struct rx drop = { 0 }, keep = { 0 }, rx[6];
	const char *res[6], *what[6] = { "--focus", "--ignore", "--hide",
	    "--show", "--show-from", "--prune-from" };
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
	res[0] = nz(o->focus);
	res[1] = nz(o->ignore);
	res[2] = nz(o->hide);
	res[3] = nz(o->show);
	res[4] = nz(o->show_from);
	res[5] = nz(o->prune_from);
	for (k = 0; k < 6; k++)
		if (res[k] != NULL && rx_comp(&rx[k], res[k], 0, msg, sizeof(msg)) != 0) {
			fg_err_set(err, "%s: bad regular expression: %s", what[k], msg);
			rc = -2;
			goto out;
		}

	/* merge the sources, then the bases, then subtract */
	Lp = xmalloc((set->nsrc + set->nbase + 1) * sizeof(*Lp));
	for (i = 0; i < set->nsrc; i++)
		Lp[i] = &set->src[i];
	k = merge(set, Lp, set->nsrc, &P, err);
	for (i = 0; k == 0 && i < set->nbase; i++)
		Lp[i] = &set->base[i];
	if (k == 0 && set->nbase > 0)
		k = merge(set, Lp, set->nbase, &B, err);
	free(Lp);
	if (k != 0)
		goto out;
	for (i = 0; i < set->nsrc; i++)
		slist_free(&set->src[i]);
	for (i = 0; i < set->nbase; i++)
		slist_free(&set->base[i]);
	if (set->nbase > 0) {
		double *m1 = xmalloc((B.h.nt + 1) * sizeof(*m1));

		if (o->diff_base)
			label_base(set, &B);
		if (o->normalize && normalize(&P, &B, err) != 0) {
			free(m1);
			goto out;
		}
		for (k = 0; k < (int)B.h.nt; k++)
			m1[k] = -1;
		scale_list(&B, m1);
		free(m1);
		L[0] = &P;
		L[1] = &B;
		if (merge(set, L, 2, &F, err) != 0)
			goto out;
		slist_free(&P);
		slist_free(&B);
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
		    rx_comp(&drop, d, 1, msg, sizeof(msg)) == 0) {
			if (F.h.keep.len > 0) {
				kp = xstrndup(F.h.keep.s, F.h.keep.len);
				if (strlen(kp) != F.h.keep.len ||
				    rx_comp(&keep, kp, 1, msg, sizeof(msg)) != 0)
					rx_free(&drop);	/* pprof gives up too */
			}
			if (drop.ok)
				prune(set, &F, lf, &drop, keep.ok ? &keep : NULL);
		}
		free(d);
		free(kp);
	}
	add_tags(set, &F, o);
	lf = xrealloc(lf, set->nlc + 1);
	if (res[0] || res[1] || res[2] || res[3])
		filter_names(set, &F, lf, rx[0].ok ? &rx[0] : NULL,
		    rx[1].ok ? &rx[1] : NULL, rx[2].ok ? &rx[2] : NULL,
		    rx[3].ok ? &rx[3] : NULL);
	if (res[4])
		show_from(set, &F, lf, &rx[4]);
	if (res[5])
		prune_from(set, &F, lf, &rx[5]);

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
			names = loc_names(&nm, a[j], &n);
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
	for (k = 0; k < 6; k++)
		rx_free(&rx[k]);
	rx_free(&drop);
	rx_free(&keep);
	fg_buf_free(&nm.b);
	free(order);
	free(path);
	free(lf);
	slist_free(&P);
	slist_free(&B);
	slist_free(&F);
	return rc;
}
