/* replay.c - run a fuzz target over files, without libFuzzer (regression tests). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util.h"

/*
 * replay_TARGET FILE...: each file is one input.  A bug crashes (under
 * the sanitizers); otherwise the exit status is 0, or 1 when a file
 * cannot be read.
 */
int
main(int argc, char *argv[])
{
	struct fg_err err;
	char *buf;
	size_t len;
	int i, rc = 0;

	setprogname(argv[0]);
	if (argc < 2) {
		fprintf(stderr, "usage: %s file...\n", progname);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (fg_read_file(argv[i], &buf, &len, &err) != 0) {
			warnmsg("%s", err.msg);
			rc = 1;
			continue;
		}
		/* an exact-size copy, so ASan sees reads past the end */
		{
			uint8_t *p = xmalloc(len ? len : 1);

			memcpy(p, buf, len);
			free(buf);
			LLVMFuzzerTestOneInput(p, len);
			free(p);
		}
	}
	return rc;
}
