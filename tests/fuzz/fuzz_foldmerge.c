/* fuzz_foldmerge.c - fuzz the streaming merge, checked against the hash merge. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folded.h"
#include "fuzz.h"
#include "merge.h"
#include "trie.h"
#include "util.h"

#define MAXIN	4

/*
 * The first byte holds the options (bit 0 --keep-zero, bit 1 --strict);
 * the rest, split at NULs, is up to four inputs.  Each input is sorted
 * here line by line (as LC_ALL=C sort would) when bit 2 is set, so most
 * runs merge; then the streaming merge runs, and whenever both it and
 * the hash merge of the same inputs succeed, their bytes must be equal.
 */
static int
cmpline(const void *x, const void *y)
{
	const char *const *a = x, *const *b = y;
	size_t an = strcspn(*a, "\n"), bn = strcspn(*b, "\n");
	int c = memcmp(*a, *b, an < bn ? an : bn);

	return c != 0 ? c : an < bn ? -1 : an > bn;
}

/* in[0..n) with its lines sorted, into a new buffer of the same size. */
static char *
sortlines(const char *in, size_t n)
{
	char *copy = xmalloc(n + 1), *out = xmalloc(n + 1), **ls;
	size_t nl = 0, i, k = 0, len;
	char *p;

	memcpy(copy, in, n);
	copy[n] = '\n';
	for (i = 0; i <= n; i++)
		nl += copy[i] == '\n';
	ls = xmalloc(nl * sizeof(*ls));
	for (p = copy, i = 0; i < nl; i++) {
		ls[i] = p;
		p += strcspn(p, "\n") + 1;
	}
	qsort(ls, nl, sizeof(*ls), cmpline);
	for (i = 0; i < nl; i++) {
		len = strcspn(ls[i], "\n");
		memcpy(out + k, ls[i], len);
		k += len;
		if (k < n)
			out[k++] = '\n';
	}
	free(ls);
	free(copy);
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data + 1, *part[MAXIN], *nul;
	char *owned[MAXIN] = { NULL }, *o1 = NULL, *o2 = NULL;
	size_t n, len[MAXIN], np = 0, l1 = 0, l2 = 0, i;
	struct fg_smerge *m;
	struct fg_folded f;
	struct fg_trie t;
	struct fg_err err;
	FILE *fp;
	int mode, ok1, ok2 = 1;

	if (size < 1 || size > (1 << 16))
		return 0;
	mode = data[0];
	n = size - 1;
	while (np < MAXIN) {
		nul = np + 1 < MAXIN ? memchr(s, '\0', n) : NULL;
		part[np] = s;
		len[np] = nul != NULL ? (size_t)(nul - s) : n;
		if (mode & 4) {
			owned[np] = sortlines(part[np], len[np]);
			part[np] = owned[np];
		}
		np++;
		if (nul == NULL)
			break;
		n -= (size_t)(nul - s) + 1;
		s = nul + 1;
	}

	m = fg_smerge_new(mode & 1, (mode & 2) != 0);
	ok1 = 1;
	for (i = 0; i < np && ok1; i++)
		ok1 = fg_smerge_mem(m, "in", part[i], len[i], &err) == 0;
	if ((fp = open_memstream(&o1, &l1)) == NULL)
		abort();
	if (ok1)
		ok1 = fg_smerge_run(m, fp, &err) == 0;
	fclose(fp);
	fg_smerge_free(m);

	fg_trie_init(&t);
	fg_folded_init(&f, &t, "in");
	f.strict = (mode & 2) != 0;
	for (i = 0; i < np && ok2; i++) {
		fg_folded_newfile(&f, "in");
		ok2 = fg_folded_sniff("in", part[i], len[i], &err) == 0 &&
		    fg_folded_buf(&f, part[i], len[i], &err) == 0;
	}
	if ((fp = open_memstream(&o2, &l2)) == NULL)
		abort();
	if (ok2)
		ok2 = fg_folded_write(&t, fp, (t.diff ? FG_W_DIFF : 0) |
		    ((mode & 1) ? FG_W_ZERO : 0), &err) == 0;
	fclose(fp);
	fg_folded_free(&f);
	fg_trie_free(&t);

	/* the root (a stack of only ';') is counted but never written */
	if (ok1 && ok2 && (l1 != l2 || memcmp(o1, o2, l1) != 0)) {
		fprintf(stderr, "streaming and hash merges differ:\n%.*s---\n%.*s",
		    (int)l1, o1, (int)l2, o2);
		abort();
	}
	free(o1);
	free(o2);
	for (i = 0; i < np; i++)
		free(owned[i]);
	return 0;
}
