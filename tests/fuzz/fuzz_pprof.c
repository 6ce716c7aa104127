/* fuzz_pprof.c - fuzz the pprof decoder, its validation, merging, filters and naming. */
#include <stdio.h>
#include <stdlib.h>

#include "folded.h"
#include "fuzz.h"
#include "pprof.h"
#include "trie.h"

/*
 * Decode the input (as a source, and as a base too when base is set),
 * fold it with the options and write the stacks.
 */
static void
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
		free(out);
	}
	fg_trie_free(&t);
	fg_pprof_free(set);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fg_pprof_opts o = { 0 };

	/* pb2folded's defaults */
	run(data, size, &o, 0);
	/* addresses, no inlines */
	o.gran = FG_GRAN_ADDRESSES;
	o.noinlines = 1;
	run(data, size, &o, 0);
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
	run(data, size, &o, 1);
	return 0;
}
