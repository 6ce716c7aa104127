/* pprof_write.c - merged stacks out as a pprof profile.proto, gzip compressed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "pprof_write.h"

/*
 * The message is written by hand (only the few fields below), in the
 * order Go writes them: sample types, samples, locations, functions,
 * then the string table.  A top-level message is a plain concatenation of
 * fields, so it is encoded into a buffer and compressed a block at a time.
 */
enum {
	P_SAMPLE_TYPE = 1, P_SAMPLE = 2, P_LOCATION = 4, P_FUNCTION = 5,
	P_STRING = 6,
	VT_TYPE = 1, VT_UNIT = 2,
	S_LOCATION = 1, S_VALUE = 2,
	L_ID = 1, L_LINE = 4, LN_FUNCTION = 1,
	F_ID = 1, F_NAME = 2
};
#define WT_VARINT	0
#define WT_LEN		2
#define BLOCK		(1u << 20)

struct writer {
	FILE	*fp;
	int	 gz;
	z_stream z;
	struct fg_buf b;
	unsigned char *zout;
};

static inline void
varint(struct fg_buf *b, uint64_t v)
{
	unsigned char *p;

	if (b->cap - b->len < 10)
		fg_buf_grow(b, 10);
	p = (unsigned char *)b->p + b->len;
	while (v >= 0x80) {
		*p++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*p++ = (unsigned char)v;
	b->len = (size_t)(p - (unsigned char *)b->p);
}

static inline void
tag(struct fg_buf *b, unsigned field, unsigned wt)
{
	varint(b, (uint64_t)(field << 3 | wt));
}

/* field = varint v, skipped when 0 as proto3 does */
static inline void
field_varint(struct fg_buf *b, unsigned field, uint64_t v)
{
	if (v == 0)
		return;
	tag(b, field, WT_VARINT);
	varint(b, v);
}

static inline void
field_bytes(struct fg_buf *b, unsigned field, const void *p, size_t n)
{
	tag(b, field, WT_LEN);
	varint(b, n);
	fg_buf_put(b, p, n);
}

/* Compress (or copy) the buffer to the file; fin ends the stream. */
static int
drain(struct writer *w, int fin, struct fg_err *err)
{
	size_t n;
	int r;

	if (!w->gz) {
		if (w->b.len > 0 && fwrite(w->b.p, 1, w->b.len, w->fp) != w->b.len)
			return fg_err_set(err, "write error: %s", strerror(errno));
		w->b.len = 0;
		return 0;
	}
	w->z.next_in = (unsigned char *)w->b.p;
	w->z.avail_in = (uInt)w->b.len;
	do {
		w->z.next_out = w->zout;
		w->z.avail_out = BLOCK;
		r = deflate(&w->z, fin ? Z_FINISH : Z_NO_FLUSH);
		if (r == Z_STREAM_ERROR)
			return fg_err_set(err, "deflate failed");
		n = BLOCK - w->z.avail_out;
		if (n > 0 && fwrite(w->zout, 1, n, w->fp) != n)
			return fg_err_set(err, "write error: %s", strerror(errno));
	} while (w->z.avail_out == 0 || (fin && r != Z_STREAM_END));
	w->b.len = 0;
	return 0;
}

static int
maybe_drain(struct writer *w, struct fg_err *err)
{
	return w->b.len >= BLOCK ? drain(w, 0, err) : 0;
}

/*
 * Inlining.  A frame named "F_[i]" (pb2folded --mark-inline) was inlined
 * into the frame above it: it joins its caller's Location as a Line of
 * function F.  A Location is a chain of Lines, innermost first, the caller
 * last, so a frame's chain is (its function, its caller's chain) when it
 * is inlined and (its function) otherwise: chains are interned as such
 * pairs, one per distinct chain, and each node of the trie caches the
 * chain that ends at it, which keeps the work linear in the stacks.
 */
#define NOCHAIN	UINT32_MAX

/*
 * Chains are a trie of their own: chain c is node c + 1 of L->chains, its
 * name the function (fns id), its parent the caller's side (the root for
 * the caller itself), so (fn, prev) -> chain is fg_trie_child.
 */
struct locs {
	const struct fg_trie *t;
	struct fg_intern fns;	/* function names by first use; id 0 is "" */
	uint32_t *fnof;		/* [2 * name id + stripped]: fns id + 1,
				   0 = not yet */
	unsigned char *inl;	/* by name id: ends in "_[i]" */
	uint32_t *cof;		/* by node: chain + 1, 0 = not yet */
	struct fg_trie chains;
	uint32_t *loc;		/* by chain: Location id, 0 until used */
	uint32_t *len;		/* by chain: Lines (frames) in it */
	uint32_t cc;		/* room in loc and len */
	uint32_t *byloc;	/* Location id - 1 -> chain */
	uint32_t nloc, cloc;
	uint32_t *stk;		/* scratch: nodes awaiting their chain */
	size_t	 cstk;
};

static inline int
inline_mark(const struct fg_name *nm)
{
	return nm->len > 4 && memcmp(nm->s + nm->len - 4, "_[i]", 4) == 0;
}

/* The fns id of name k's function: its name, or stripped of "_[i]". */
static uint32_t
fn_of(struct locs *L, uint32_t k, int strip)
{
	const struct fg_name *nm;
	uint32_t *p = &L->fnof[2 * (size_t)k + (strip != 0)];

	if (*p == 0) {
		nm = fg_intern_get(&L->t->names, k);
		*p = fg_intern(&L->fns, nm->s, nm->len - (strip ? 4 : 0)) + 1;
	}
	return *p - 1;
}

/* The chain of fn with the caller's side prev (NOCHAIN: fn is the caller). */
static uint32_t
chain_get(struct locs *L, uint32_t fn, uint32_t prev)
{
	uint32_t n = L->chains.n, c;

	c = fg_trie_child(&L->chains, prev == NOCHAIN ? 0 : prev + 1, fn) - 1;
	if (L->chains.n == n)
		return c;
	/* a new chain */
	if (c >= L->cc) {
		L->cc = L->cc ? L->cc * 2 : 1024;
		L->loc = xreallocarray(L->loc, L->cc, sizeof(*L->loc));
		L->len = xreallocarray(L->len, L->cc, sizeof(*L->len));
	}
	L->loc[c] = 0;
	L->len[c] = prev == NOCHAIN ? 1 : L->len[prev] + 1;
	return c;
}

/* The chain's caller side, NOCHAIN at the caller. */
static inline uint32_t
chain_prev(const struct locs *L, uint32_t c)
{
	uint32_t p = L->chains.nodes[c + 1].parent;

	return p == 0 ? NOCHAIN : p - 1;
}

/* Is node i an inlined frame with a caller to join? */
static inline int
joins(const struct locs *L, uint32_t i)
{
	const struct fg_node *nd = &L->t->nodes[i];

	return nd->parent != 0 && L->inl[nd->name];
}

/* The chain ending at node i (iterative: chains can be as deep as stacks). */
static uint32_t
node_chain(struct locs *L, uint32_t i)
{
	const struct fg_node *nodes = L->t->nodes;
	size_t sp = 0;
	uint32_t m = i, prev;

	while (L->cof[m] == 0) {
		if (sp == L->cstk) {
			L->cstk = L->cstk ? 2 * L->cstk : 256;
			L->stk = xreallocarray(L->stk, L->cstk, sizeof(*L->stk));
		}
		L->stk[sp++] = m;
		if (!joins(L, m))
			break;
		m = nodes[m].parent;
	}
	while (sp > 0) {
		m = L->stk[--sp];
		if (joins(L, m)) {
			prev = L->cof[nodes[m].parent] - 1;
			L->cof[m] = chain_get(L, fn_of(L, nodes[m].name, 1),
			    prev) + 1;
		} else
			L->cof[m] = chain_get(L, fn_of(L, nodes[m].name, 0),
			    NOCHAIN) + 1;
	}
	return L->cof[i] - 1;
}

/* The Location id of the chain ending at node i, numbered on first use. */
static uint32_t
node_loc(struct locs *L, uint32_t i, uint32_t *len)
{
	uint32_t c = node_chain(L, i);

	if (L->loc[c] == 0) {
		if (L->nloc == L->cloc) {
			L->cloc = L->cloc ? 2 * L->cloc : 1024;
			L->byloc = xreallocarray(L->byloc, L->cloc,
			    sizeof(*L->byloc));
		}
		L->byloc[L->nloc] = c;
		L->loc[c] = ++L->nloc;
	}
	*len = L->len[c];
	return L->loc[c];
}

static void
locs_init(struct locs *L, const struct fg_trie *t)
{
	uint32_t k;

	memset(L, 0, sizeof(*L));
	L->t = t;
	fg_intern_init(&L->fns);
	L->fnof = xcalloc(2 * (size_t)(t->names.n ? t->names.n : 1),
	    sizeof(*L->fnof));
	L->inl = xmalloc(t->names.n ? t->names.n : 1);
	for (k = 0; k < t->names.n; k++)
		L->inl[k] = (unsigned char)inline_mark(fg_intern_get(&t->names, k));
	L->cof = xcalloc(t->n ? t->n : 1, sizeof(*L->cof));
	fg_trie_init(&L->chains);
}

static void
locs_free(struct locs *L)
{
	fg_intern_free(&L->fns);
	free(L->fnof);
	free(L->inl);
	free(L->cof);
	fg_trie_free(&L->chains);
	free(L->loc);
	free(L->len);
	free(L->byloc);
	free(L->stk);
}

int
fg_pprof_write(const struct fg_trie *t, const struct fg_pprof_sample *smp,
    size_t ns, const struct fg_pprof_wopts *o, FILE *fp, struct fg_err *err)
{
	struct writer w;
	struct locs L;
	struct fg_buf s = { 0 }, ids = { 0 };
	const struct fg_name *nm;
	uint32_t *ends = NULL, i, k, c, len, nf;
	size_t nends = 0, e;
	uint32_t node;
	int64_t value;
	int rc = -1, empty = 0;

	if (t->diff)
		return fg_err_set(err, "differential input (two counts a line) "
		    "cannot be written as a profile");
	if (t->scale != 0)
		return fg_err_set(err, "decimal counts cannot be written as a "
		    "profile (its values are integers)");
	memset(&w, 0, sizeof(w));
	w.fp = fp;
	w.gz = o->level >= 0;
	if (w.gz) {
		/* windowBits 31: gzip wrapper, mtime 0 (reproducible output) */
		if (deflateInit2(&w.z, o->level > 9 ? 9 : o->level, Z_DEFLATED,
		    31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
			return fg_err_set(err, "deflateInit2 failed");
		w.zout = xmalloc(BLOCK);
	}
	fg_buf_grow(&w.b, BLOCK + 4096);
	locs_init(&L, t);

	/* sample_type {type, unit}: strings 1 and 2 */
	field_varint(&s, VT_TYPE, 1);
	field_varint(&s, VT_UNIT, 2);
	field_bytes(&w.b, P_SAMPLE_TYPE, s.p, s.len);

	if (smp == NULL)
		ends = fg_trie_sorted_ends(t, &nends);
	else
		nends = ns;
	for (e = 0; e < nends; e++) {
		if (smp == NULL) {
			node = ends[e];
			value = t->nodes[node].self[FG_COL];
		} else {
			node = smp[e].node;
			value = smp[e].value;
		}
		/* leaf first: up the parent links, a chain at a time */
		ids.len = 0;
		for (i = node; i != 0;) {
			varint(&ids, node_loc(&L, i, &len));
			while (len-- > 0)
				i = t->nodes[i].parent;
		}
		s.len = 0;
		if (ids.len > 0)
			field_bytes(&s, S_LOCATION, ids.p, ids.len);
		/* always written: a value per sample type, even 0 */
		tag(&s, S_VALUE, WT_VARINT);
		varint(&s, (uint64_t)value);
		field_bytes(&w.b, P_SAMPLE, s.p, s.len);
		if (maybe_drain(&w, err) != 0)
			goto out;
	}
	/* Location{id, Line{function_id}...}, Lines innermost first */
	for (k = 0; k < L.nloc; k++) {
		ids.len = 0;
		for (c = L.byloc[k]; c != NOCHAIN; c = chain_prev(&L, c)) {
			nf = L.chains.nodes[c + 1].name;
			s.len = 0;
			field_varint(&s, LN_FUNCTION, (uint64_t)nf + 1);
			field_bytes(&ids, L_LINE, s.p, s.len);
			empty |= nf == 0;
		}
		s.len = 0;
		field_varint(&s, L_ID, (uint64_t)k + 1);
		fg_buf_put(&s, ids.p, ids.len);
		field_bytes(&w.b, P_LOCATION, s.p, s.len);
		if (maybe_drain(&w, err) != 0)
			goto out;
	}
	/*
	 * Function{id, name}: function k (k + 1 as id) is named by string k
	 * + 2, after the type and unit; "", k = 0, only when a frame had no
	 * name (the others are all used).
	 */
	nf = L.fns.n;
	for (k = empty ? 0 : 1; k < nf; k++) {
		s.len = 0;
		field_varint(&s, F_ID, (uint64_t)k + 1);
		field_varint(&s, F_NAME, k == 0 ? 0 : (uint64_t)k + 2);
		field_bytes(&w.b, P_FUNCTION, s.p, s.len);
		if (maybe_drain(&w, err) != 0)
			goto out;
	}
	field_bytes(&w.b, P_STRING, "", 0);
	field_bytes(&w.b, P_STRING, o->type, strlen(o->type));
	field_bytes(&w.b, P_STRING, o->unit, strlen(o->unit));
	for (k = 1; k < nf; k++) {
		nm = fg_intern_get(&L.fns, k);
		field_bytes(&w.b, P_STRING, nm->s, nm->len);
		if (maybe_drain(&w, err) != 0)
			goto out;
	}
	if (drain(&w, 1, err) != 0)
		goto out;
	if (fflush(fp) != 0 || ferror(fp)) {
		fg_err_set(err, "write error: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (w.gz)
		deflateEnd(&w.z);
	free(w.zout);
	free(ends);
	locs_free(&L);
	fg_buf_free(&w.b);
	fg_buf_free(&s);
	fg_buf_free(&ids);
	return rc;
}

void
fg_pprof_samples_add(void *arg, uint32_t node, const int64_t v[2], int scale)
{
	struct fg_pprof_samples *sp = arg;

	if (sp->n == sp->cap) {
		sp->cap = sp->cap ? sp->cap * 2 : 4096;
		sp->s = xreallocarray(sp->s, sp->cap, sizeof(*sp->s));
	}
	sp->s[sp->n].node = node;
	sp->s[sp->n++].value = v[FG_COL];	/* scale 0, or refused later */
}
