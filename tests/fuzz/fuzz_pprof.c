/* fuzz_pprof.c - fuzz the pprof decoder, its validation, merging, filters and naming. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "folded.h"
#include "fuzz.h"
#include "pprof.h"
#include "trie.h"

/*
 * Decode the input (as a source, and as a base too when base is set),
 * fold it with the options and write the stacks.  Returns the folded
 * text (malloc'd; the caller frees it), or NULL when the input is
 * refused.
 */
static char *
run(const uint8_t *data, size_t size, const struct fg_pprof_opts *o, int base)
{
	struct fg_pprof_set *set;
	struct fg_trie t;
	struct fg_err err;
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp;

	set = fg_pprof_new();
	fg_trie_init(&t);
	if (fg_pprof_load(set, "fuzz", data, size, &err) == 0 &&
	    (!base || fg_pprof_load_base(set, "base", data, size, &err) == 0) &&
	    fg_pprof_fold(set, o, &t, &err) == 0 &&
	    fg_trie_finish(&t) == 0) {
		if ((fp = open_memstream(&out, &outlen)) == NULL)
			abort();
		(void)fg_folded_write(&t, fp, FG_W_ZERO, &err);
		fclose(fp);
	}
	fg_trie_free(&t);
	fg_pprof_free(set);
	return out;
}

/*
 * in[0..n) as one gzip member (what Go writes), in a malloc'd buffer of
 * exactly *len bytes, so ASan sees reads past its end.
 */
static uint8_t *
gzip(const uint8_t *in, size_t n, size_t *len)
{
	z_stream z = { 0 };
	size_t cap = compressBound(n) + 64;
	uint8_t *tmp = malloc(cap), *out;

	if (tmp == NULL || deflateInit2(&z, 1, Z_DEFLATED, 16 + MAX_WBITS, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)n;
	z.next_out = tmp;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	*len = z.total_out;
	deflateEnd(&z);
	if ((out = malloc(*len)) == NULL)
		abort();
	memcpy(out, tmp, *len);
	free(tmp);
	return out;
}

/*
 * The input as it is (raw protobuf, or gzip when it starts with gzip's
 * magic), and raw input once more wrapped in gzip: the decoder must give
 * the same stacks either way, so the mutations of the protobuf also run
 * through the inflate path.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fg_pprof_opts o = { 0 };
	char flt[25];
	size_t n, i;
	uint8_t *gz;
	size_t gzlen;
	char *raw, *unz;

	/* pb2folded's defaults */
	raw = run(data, size, &o, 0);
	if ((size < 2 || data[0] != 0x1f || data[1] != 0x8b) && size <= 1 << 20) {
		gz = gzip(data, size, &gzlen);
		unz = run(gz, gzlen, &o, 0);
		if ((raw == NULL) != (unz == NULL) ||
		    (raw != NULL && strcmp(raw, unz) != 0))
			abort();	/* gzip changed what was decoded */
		free(unz);
		free(gz);
	}
	free(raw);
	/* addresses, no inlines */
	o.gran = FG_GRAN_ADDRESSES;
	o.noinlines = 1;
	free(run(data, size, &o, 0));
	/* lines, label frames, filters, -mean, against itself as a base */
	o.gran = FG_GRAN_LINES;
	o.noinlines = 0;
	o.mark_inline = 1;
	o.sample_index = "0";
	o.mean = 1;
	o.tagroot = "worker,bytes";
	o.tagleaf = "bytes";
	o.focus = "main|a";
	o.hide = "^b";
	o.prune_from = "z";
	o.normalize = 1;
	o.diff_base = 1;
	free(run(data, size, &o, 1));
	/* tag filters: fixed ones, then one spelled by the input's last bytes */
	memset(&o, 0, sizeof(o));
	o.tagfocus = "bytes=1kb:";
	o.tagignore = "worker=^a,b";
	o.tagshow = "w";
	o.taghide = "^b";
	free(run(data, size, &o, 0));
	n = size < sizeof(flt) - 1 ? size : sizeof(flt) - 1;
	memcpy(flt, data + size - n, n);
	flt[n] = '\0';
	for (i = 0; i < n; i++)
		if (flt[i] == '{')
			flt[i] = '.';	/* glibc's bounded repeats can nest to gigabytes */
	o.tagfocus = flt;
	o.tagignore = "16b:8kb";
	free(run(data, size, &o, 0));
	return 0;
}
