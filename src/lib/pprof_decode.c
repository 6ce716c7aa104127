/* pprof_decode.c - profile.proto in (gzip, legacy, protobuf-c), checked, into the merged view. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "pprof_impl.h"
#include "profile.pb-c.h"

typedef Perftools__Profiles__Profile Profile;
typedef Perftools__Profiles__Sample Sample;
typedef Perftools__Profiles__Location Location;
typedef Perftools__Profiles__Function Function;
typedef Perftools__Profiles__Mapping Mapping;
typedef Perftools__Profiles__Label Label;

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
	uint32_t j = (uint32_t)pp_mix64(id) & m->mask;

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
	uint32_t j = (uint32_t)pp_mix64(id) & m->mask;

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
	x.h = pp_hcombine(pp_hstr(pp_hstr(pp_hstr(1, x.name), x.sys), x.file),
	    (uint64_t)x.start);
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
	pp_tab_added(&set->fntab, &set->fn[0].h, sizeof(struct fn));
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
	x.h = pp_hstr(pp_hcombine(pp_hcombine(2, size), x.offset), key);
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
	pp_tab_added(&set->mptab, &set->mp[0].h, sizeof(struct mp));
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
	x.h = pp_hcombine(pp_hcombine(pp_hcombine(3, x.mp), x.rel),
	    (uint64_t)x.folded);
	for (q = 0; q < l->n_line; q++) {
		struct ln *ln = &set->ln[set->nln + q];

		ln->fn = canon_fn(set, c, idmap_get(&c->fid, l->line[q]->function_id));
		ln->line = l->line[q]->line;
		x.h = pp_hcombine(pp_hcombine(x.h, ln->fn), (uint64_t)ln->line);
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
	pp_tab_added(&set->lctab, &set->lc[0].h, sizeof(struct lc));
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

void
pp_put32(struct fg_buf *b, uint32_t v)
{
	fg_buf_put(b, &v, 4);
}

void
pp_putstr(struct fg_buf *b, struct str s)
{
	pp_put32(b, s.len);
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
		pp_putstr(b, L[i].key);
		pp_put32(b, ns);
		for (k = i; k < j; k++)
			if (L[k].isstr)
				pp_putstr(b, L[k].sval);
		pp_put32(b, nn);
		for (k = i; k < j; k++)
			if (!L[k].isstr)
				fg_buf_put(b, &L[k].num, 8);
		pp_put32(b, nu ? nn : 0);
		for (k = i; nu && k < j; k++)
			if (!L[k].isstr)
				pp_putstr(b, L[k].hasunit ? L[k].unit : pp_nostr);
	}
}

uint32_t
pp_intern_ls(struct fg_pprof_set *set, const char *s, size_t n)
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
	set->ls[set->nls] = pp_set_str(set, s, n);
	set->lsh[set->nls] = h;
	set->lstab.slot[j] = ++set->nls;
	pp_tab_added(&set->lstab, set->lsh, sizeof(uint64_t));
	return set->nls - 1;
}

static uint32_t
get32(const char **p)
{
	uint32_t v;

	memcpy(&v, *p, 4);
	*p += 4;
	return v;
}

struct str
pp_getstr(const char **p)
{
	struct str s;

	s.len = get32(p);
	s.s = *p;
	*p += s.len;
	return s;
}

/* Next group at *p (< end); returns 0 at the end. */
int
pp_ls_next(const char **p, const char *end, struct lsgroup *g)
{
	uint32_t i;

	if (*p >= end)
		return 0;
	g->key = pp_getstr(p);
	g->ns = get32(p);
	g->strs = *p;
	for (i = 0; i < g->ns; i++)
		(void)pp_getstr(p);
	g->nn = get32(p);
	g->nums = *p;
	*p += (size_t)g->nn * 8;
	g->nu = get32(p);
	g->units = *p;
	for (i = 0; i < g->nu; i++)
		(void)pp_getstr(p);
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
	h->ptype = p->period_type ? c->S[p->period_type->type] : pp_nostr;
	h->punit = p->period_type ? c->S[p->period_type->unit] : pp_nostr;
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
		o->ls = pp_intern_ls(set, c->b.p, c->b.len);
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
		c.S[i] = c.p->string_table[i].len > UINT32_MAX ? pp_nostr :
		    pp_set_str(set, c.p->string_table[i].data, c.p->string_table[i].len);
	l.name = pp_set_str(set, name, strlen(name)).s;
	convert_init(set, &c, &l);
	for (i = 0; i < nr; i++)
		if (add_sample(set, &c, i, raw + rv[i].off, rv[i].len, &l, err) != 0) {
			pp_slist_free(&l);
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
