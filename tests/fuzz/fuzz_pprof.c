/* fuzz_pprof.c - fuzz the pprof decoder, its validation and its folding. */
#include <stdio.h>
#include <stdlib.h>

#include "folded.h"
#include "fuzz.h"
#include "pprof.h"
#include "trie.h"

/* Decode, fold (as pb2folded does by default) and write the stacks. */
static void
run(const uint8_t *data, size_t size, enum fg_pprof_gran gran, int noinlines)
{
	struct fg_pprof_opts o = { 0 };
	struct fg_pprof_set *set;
	struct fg_trie t;
	struct fg_err err;
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp;

	o.gran = gran;
	o.noinlines = noinlines;
	set = fg_pprof_new();
	fg_trie_init(&t);
	if (fg_pprof_load(set, "fuzz", data, size, &err) == 0 &&
	    fg_pprof_fold(set, &o, &t, &err) == 0 &&
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
	run(data, size, FG_GRAN_FUNCTIONS, 0);
	run(data, size, FG_GRAN_ADDRESSES, 1);
	return 0;
}
