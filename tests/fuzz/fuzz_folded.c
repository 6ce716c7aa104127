/* fuzz_folded.c - fuzz the folded reader, the trie, and the folded and pprof writers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folded.h"
#include "fuzz.h"
#include "pprof_write.h"
#include "trie.h"
#include "util.h"

/*
 * difffolded: the text before the first NUL (all of it when there is
 * none) is BEFORE, the rest AFTER; each read into its own trie with its
 * column as target, merged, written as three columns.
 */
static void
twofiles(const char *s, size_t n, int mode)
{
	struct fg_folded f[2];
	struct fg_trie t[2];
	struct fg_err err;
	const char *nul = memchr(s, '\0', n);
	size_t len[2];
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp;
	int k, ok = 1;

	len[0] = nul != NULL ? (size_t)(nul - s) : n;
	len[1] = nul != NULL ? n - len[0] - 1 : 0;
	for (k = 0; k < 2; k++) {
		fg_trie_init(&t[k]);
		fg_folded_init(&f[k], &t[k], k ? "after" : "before");
		f[k].target = k == 0 ? FG_BEFORE : FG_COL;
		f[k].reverse = (mode & 4) != 0;
		f[k].strict = (mode & 8) != 0;
		if (ok && fg_folded_buf(&f[k], k == 0 ? s : nul != NULL ?
		    nul + 1 : "", len[k], &err) != 0)
			ok = 0;
	}
	if (ok && fg_trie_merge(&t[0], &t[1]) == 0 && fg_trie_finish(&t[0]) == 0) {
		if ((fp = open_memstream(&out, &outlen)) == NULL)
			abort();
		(void)fg_folded_write(&t[0], fp, FG_W_DIFF | FG_W_ZERO, &err);
		fclose(fp);
		free(out);
	}
	for (k = 0; k < 2; k++) {
		fg_folded_free(&f[k]);
		fg_trie_free(&t[k]);
	}
}

/*
 * The first byte picks the mode: bits 0-1 the target column (none, 0, 1,
 * none), bit 2 reverse, bit 3 strict, bit 4 gzip, bit 5 one pprof sample
 * per line and integer counts only (as folded2pb) instead of per stack,
 * bit 6 difffolded's two inputs (twofiles).  The rest is folded text:
 * two-column lines, and three-column (differential) ones when there is no
 * target.  What is read is written back as folded text (both layouts) and,
 * when it is a one-column integer profile, as profile.proto.
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
	if (mode & 64) {
		twofiles((const char *)data + 1, size - 1, mode);
		return 0;
	}
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
