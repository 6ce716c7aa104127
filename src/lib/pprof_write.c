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

int
fg_pprof_write(const struct fg_trie *t, const struct fg_pprof_sample *smp,
    size_t ns, const struct fg_pprof_wopts *o, FILE *fp, struct fg_err *err)
{
	struct writer w;
	struct fg_buf s = { 0 }, ids = { 0 };
	const struct fg_name *nm;
	uint32_t *ends = NULL, i, k, nn = t->names.n;
	unsigned char *used;
	size_t nends = 0, e;
	uint32_t node;
	int64_t value;
	int rc = -1;

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

	/* sample_type: the strings after the names */
	field_varint(&s, VT_TYPE, nn);
	field_varint(&s, VT_UNIT, (uint64_t)nn + 1);
	field_bytes(&w.b, P_SAMPLE_TYPE, s.p, s.len);

	used = xcalloc(nn ? nn : 1, 1);
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
		/* leaf first: up the parent links */
		ids.len = 0;
		for (i = node; i != 0; i = t->nodes[i].parent) {
			varint(&ids, (uint64_t)t->nodes[i].name + 1);
			used[t->nodes[i].name] = 1;
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
	for (k = 0; k < nn; k++) {
		if (!used[k])
			continue;
		/* Location{id, Line{function_id}} */
		ids.len = 0;
		field_varint(&ids, LN_FUNCTION, (uint64_t)k + 1);
		s.len = 0;
		field_varint(&s, L_ID, (uint64_t)k + 1);
		field_bytes(&s, L_LINE, ids.p, ids.len);
		field_bytes(&w.b, P_LOCATION, s.p, s.len);
		if (maybe_drain(&w, err) != 0)
			goto out;
	}
	for (k = 0; k < nn; k++) {
		if (!used[k])
			continue;
		s.len = 0;
		field_varint(&s, F_ID, (uint64_t)k + 1);
		field_varint(&s, F_NAME, k);
		field_bytes(&w.b, P_FUNCTION, s.p, s.len);
		if (maybe_drain(&w, err) != 0)
			goto out;
	}
	/* string_table: name id k is string k (id 0 is ""), then type, unit */
	for (k = 0; k < nn; k++) {
		nm = fg_intern_get(&t->names, k);
		field_bytes(&w.b, P_STRING, nm->s, nm->len);
		if (maybe_drain(&w, err) != 0)
			goto out;
	}
	field_bytes(&w.b, P_STRING, o->type, strlen(o->type));
	field_bytes(&w.b, P_STRING, o->unit, strlen(o->unit));
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
	free(used);
	free(ends);
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
