/* fuzz_cpuprofile.c - fuzz the .cpuprofile reader (JSON, the node tree, times) and the folded writer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpuprofile.h"
#include "folded.h"
#include "fuzz.h"
#include "trie.h"
#include "util.h"

/*
 * The first byte picks the options: bit 0 --samples, bit 1 --lines, bit 2
 * --no-idle, bit 3 read the profile twice (merging).  The rest is the
 * .cpuprofile.  What is read is written as folded text.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fg_cpuprofile_opts o;
	struct fg_trie t;
	struct fg_err err;
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp;
	int mode;

	if (size == 0)
		return 0;
	mode = data[0];
	memset(&o, 0, sizeof(o));
	o.samples = (mode & 1) != 0;
	o.lines = (mode & 2) != 0;
	o.noidle = (mode & 4) != 0;
	err.msg[0] = '\0';
	fg_trie_init(&t);
	if (fg_cpuprofile_fold(&t, "fuzz", (const char *)data + 1, size - 1,
	    &o, &err) == 0 && ((mode & 8) == 0 || fg_cpuprofile_fold(&t,
	    "fuzz", (const char *)data + 1, size - 1, &o, &err) == 0) &&
	    fg_trie_finish(&t) == 0) {
		if ((fp = open_memstream(&out, &outlen)) == NULL)
			abort();
		if (fg_folded_write(&t, fp, 0, &err) != 0)
			abort();	/* a memstream does not fail */
		fclose(fp);
		free(out);
	} else if (strchr(err.msg, '\n') != NULL)
		abort();		/* messages are one line */
	fg_trie_free(&t);
	return 0;
}
