/* fuzz_folded.c - fuzz the folded reader, the trie, and the folded and pprof writers. */
#include <stdio.h>
#include <stdlib.h>

#include "folded.h"
#include "fuzz.h"
#include "pprof_write.h"
#include "trie.h"
#include "util.h"

/*
 * The first byte picks the mode: bits 0-1 the target column (none, 0, 1,
 * none), bit 2 reverse, bit 3 strict, bit 4 gzip, bit 5 one pprof sample
 * per line and integer counts only (as folded2pb) instead of per stack.  The rest is folded text.
 * What is read is written back as folded text (both layouts) and, when it
 * is a one-column integer profile, as profile.proto.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int target[4] = { -1, 0, 1, -1 };
	struct fg_pprof_wopts wo = FG_PPROF_WOPTS_INIT;
	struct fg_pprof_samples smp = { NULL, 0, 0 };
	struct fg_folded f;
	struct fg_trie t;
	struct fg_err err;
	char *out = NULL, sum[256];
	size_t outlen = 0;
	FILE *fp;
	int mode;

	if (size == 0)
		return 0;
	mode = data[0];
	fg_trie_init(&t);
	fg_folded_init(&f, &t, "fuzz");
	f.target = target[mode & 3];
	f.reverse = (mode & 4) != 0;
	f.strict = (mode & 8) != 0;
	if (mode & 32) {
		f.integers = 1;
		f.added = fg_pprof_samples_add;
		f.arg = &smp;
	}
	if (fg_folded_buf(&f, (const char *)data + 1, size - 1, &err) == 0 &&
	    fg_trie_finish(&t) == 0) {
		fg_folded_summary(&f, sum, sizeof(sum));
		if ((fp = open_memstream(&out, &outlen)) == NULL)
			abort();
		(void)fg_folded_write(&t, fp, 0, &err);
		(void)fg_folded_write(&t, fp, FG_W_DIFF | FG_W_ZERO, &err);
		wo.level = (mode & 16) ? 1 : -1;
		if (!t.diff && t.scale == 0 && fg_pprof_write(&t,
		    (mode & 32) ? smp.s : NULL, smp.n, &wo, fp, &err) != 0)
			abort();	/* a memstream does not fail */
		fclose(fp);
		free(out);
	}
	free(smp.s);
	fg_folded_free(&f);
	fg_trie_free(&t);
	return 0;
}
