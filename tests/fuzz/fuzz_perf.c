/* fuzz_perf.c - fuzz the perf script reader (the Perl's three patterns, tidying, events) and its writer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "perf.h"
#include "util.h"

/* Feed s[0..n) in pieces of step bytes. */
static int
feed(struct fg_perf *p, const char *s, size_t n, size_t step,
    struct fg_err *err)
{
	size_t i, len;

	for (i = 0; i < n; i += len) {
		len = n - i < step ? n - i : step;
		if (fg_perf_feed(p, s + i, len, err) != 0)
			return -1;
	}
	return 0;
}

/*
 * The first byte picks the options: bit 0 --pid, 1 --tid, 2 --kernel,
 * 3 --jit, 4 --addrs, 5 --event-filter=cycles, 6 feed the text in pieces
 * of (second byte % 61 + 1) bytes, so lines span buffers, 7 read it as two
 * files (the second half a file of its own).  Bit 7 of the second byte is
 * --srcline.  The rest is the text.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fg_perf_opts o;
	struct fg_perf *p;
	struct fg_err err;
	const char *s, *kept, *skipped;
	char *out = NULL;
	size_t outlen = 0, n, step, half;
	uint64_t nbad, first;
	FILE *fp;
	int mode, rc;

	if (size < 2)
		return 0;
	mode = data[0];
	step = (mode & 64) ? (size_t)data[1] % 61 + 1 : size;
	s = (const char *)data + 2;
	n = size - 2;
	memset(&o, 0, sizeof(o));
	o.pid = (mode & 1) != 0;
	o.tid = (mode & 2) != 0;
	o.kernel = (mode & 4) != 0;
	o.jit = (mode & 8) != 0;
	o.addrs = (mode & 16) != 0;
	o.event = (mode & 32) ? "cycles" : NULL;
	o.srcline = (data[1] & 128) != 0;
	err.msg[0] = '\0';
	(void)fg_perf_sniff("fuzz", s, n, &err);
	p = fg_perf_new(&o);
	half = (mode & 128) ? n / 2 : n;
	fg_perf_newfile(p, "fuzz");
	rc = feed(p, s, half, step, &err);
	if (rc == 0 && half < n) {
		rc = fg_perf_endfile(p, &err);
		fg_perf_newfile(p, "fuzz2");
		if (rc == 0)
			rc = feed(p, s + half, n - half, step, &err);
	}
	if (rc == 0)
		rc = fg_perf_endfile(p, &err);
	fg_perf_unrecognised(p, &nbad, &first);
	if (nbad > 0 && first == 0)
		abort();
	if (fg_perf_event_skipped(p, &kept, &skipped) && (kept == NULL ||
	    skipped == NULL))
		abort();
	if (rc == 0) {
		if ((fp = open_memstream(&out, &outlen)) == NULL)
			abort();
		if (fg_perf_write(p, fp, &err) != 0)
			abort();	/* a memstream does not fail */
		fclose(fp);
		free(out);
	} else if (strchr(err.msg, '\n') != NULL)
		abort();		/* messages are one line */
	fg_perf_free(p);
	return 0;
}
