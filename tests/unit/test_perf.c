/* test_perf.c - the perf script reader's API: pieces, files, events, numbers, sniffing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "perf.h"
#include "util.h"

/* Fold text (fed in pieces of step bytes, as one file) with o; malloc'd. */
static char *
fold(const struct fg_perf_opts *o, const char *text, size_t step)
{
	struct fg_perf *p = fg_perf_new(o);
	struct fg_err err;
	size_t n = strlen(text), i, len;
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp;

	fg_perf_newfile(p, "t");
	for (i = 0; i < n; i += len) {
		len = n - i < step ? n - i : step;
		if (fg_perf_feed(p, text + i, len, &err) != 0)
			return xstrdup(err.msg);
	}
	if (fg_perf_endfile(p, &err) != 0)
		return xstrdup(err.msg);
	fp = open_memstream(&out, &outlen);
	if (fg_perf_write(p, fp, &err) != 0)
		abort();
	fclose(fp);
	fg_perf_free(p);
	return out;
}

static const char text[] =
    "# header\n"
    "app 10/11 [000] 1.0: 5 cycles:\n"
    "\t1 leaf+0x10 (/bin/app)\n"
    "\t2 main (/bin/app)\n"
    "\n"
    "app 10/12 [000] 1.1: 7 cycles:\n"
    "\tffff k ([kernel.kallsyms])\n"
    "\t1 leaf (/bin/app)\n"
    "\t2 main (/bin/app)\n"
    "\n"
    "app 10/11 [000] 1.2: 9 instructions:\n"
    "\t1 other (/bin/app)\n"
    "\n"
    "app 10/11 [000] 1.3: 1 cycles:\n"
    "\t1 leaf (/bin/app)\n"
    "\t2 main (/bin/app)\n"
    "\n";

static void
test_pieces(void)
{
	struct fg_perf_opts o;
	char *whole, *part;
	size_t step;

	memset(&o, 0, sizeof(o));
	whole = fold(&o, text, sizeof(text));
	CHECK_STR(whole, "app;main;leaf 6\napp;main;leaf;k 7\n");
	for (step = 1; step < 40; step++) {
		part = fold(&o, text, step);
		CHECK_STR(part, whole);
		free(part);
	}
	free(whole);
}

static void
test_options(void)
{
	struct fg_perf_opts o;
	char *s;

	memset(&o, 0, sizeof(o));
	o.tid = 1;
	o.kernel = 1;
	s = fold(&o, text, 7);
	CHECK_STR(s, "app-10/11;main;leaf 6\napp-10/12;main;leaf;k_[k] 7\n");
	free(s);
	memset(&o, 0, sizeof(o));
	o.event = "instructions";
	o.pid = 1;
	s = fold(&o, text, 64);
	CHECK_STR(s, "app-10;other 9\n");
	free(s);
}

static void
test_events_and_files(void)
{
	struct fg_perf_opts o;
	struct fg_perf *p;
	struct fg_err err;
	const char *kept, *skipped;
	uint64_t n, first;
	static const char a[] = "app 1 1.0: 2 cycles:\n\t1 f (m)\n";
	static const char b[] = "\t2 g (m)\n\nx y z\napp 1 1.0: 3 instructions:\n\n";

	memset(&o, 0, sizeof(o));
	p = fg_perf_new(&o);
	CHECK(fg_perf_event_skipped(p, &kept, &skipped) == 0);
	fg_perf_newfile(p, "a");
	CHECK(fg_perf_feed(p, a, strlen(a), &err) == 0);
	CHECK(fg_perf_endfile(p, &err) == 0);
	CHECK(fg_perf_samples(p) == 0);	/* not ended: carries on */
	fg_perf_newfile(p, "b");
	CHECK(fg_perf_feed(p, b, strlen(b), &err) == 0);
	CHECK(fg_perf_endfile(p, &err) == 0);
	CHECK(fg_perf_samples(p) == 1);
	fg_perf_unrecognised(p, &n, &first);
	CHECK(n == 1 && first == 3);
	CHECK(fg_perf_event_skipped(p, &kept, &skipped) == 1);
	CHECK_STR(kept, "cycles");
	CHECK_STR(skipped, "instructions");
	fg_perf_free(p);
}

static void
test_numbers(void)
{
	struct fg_perf_opts o;
	char *s;

	memset(&o, 0, sizeof(o));
	s = fold(&o, "app 1 1.0: 0 c:\n\napp 1 1.0: 00 c:\n\napp 1 1.0: c:\n\n", 5);
	CHECK_STR(s, "app 2\n");		/* "0" and "" are 1, "00" is 0 */
	free(s);
	s = fold(&o, "app 1 1.0: 18446744073709551615 c:\n\n"
	    "app 1 1.0: 18446744073709551615 c:\n\n", 64);
	CHECK_STR(s, "app 3.68934881474191e+19\n");
	free(s);
}

static void
test_srcline(void)
{
	static const char t[] = "app 1 1.0: 1 c:\n\t1 f (m)\n  a.c:3\n"
	    "\t2 g->h (m)\n  [x] b.c:4 [y]\n\n\t3 [unknown] ([unknown])\n"
	    "\t4 k (m)\n \t\n\n";
	struct fg_perf_opts o;
	char *s;
	size_t step;

	memset(&o, 0, sizeof(o));
	o.srcline = 1;
	for (step = 1; step < 20; step += 6) {
		/* g takes the next line, h the empty one; so the sample goes on */
		s = fold(&o, t, step);
		CHECK_STR(s, "app;k;[unknown];g:b.c:4;h_[i];f:a.c:3 1\n");
		free(s);
	}
}

static void
test_sniff(void)
{
	struct fg_err err;

	CHECK(fg_perf_sniff("x", "PERFILE2\0\0", 10, &err) == -1);
	CHECK(strstr(err.msg, "perf.data") != NULL);
	CHECK(fg_perf_sniff("x", "a\0b", 3, &err) == -1);
	CHECK_STR(err.msg, "x: binary data, not perf script text");
	CHECK(fg_perf_sniff("x", text, strlen(text), &err) == 0);
}

int
main(void)
{
	test_pieces();
	test_options();
	test_events_and_files();
	test_numbers();
	test_srcline();
	test_sniff();
	return check_done();
}
