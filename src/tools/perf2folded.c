/* perf2folded.c - `perf script` text (gzip or not) to folded stacks, as stackcollapse-perf.pl folds it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gzip.h"
#include "perf.h"
#include "util.h"

enum {
	O_PID = 256, O_TID, O_KERNEL, O_JIT, O_ALL, O_ADDRS, O_EVENT,
	O_INLINE, O_CONTEXT, O_SRCLINE, O_VERSION
};

static const struct option longopts[] = {
	{ "output",	  required_argument, NULL, 'o' },
	{ "pid",	  no_argument,	     NULL, O_PID },
	{ "tid",	  no_argument,	     NULL, O_TID },
	{ "kernel",	  no_argument,	     NULL, O_KERNEL },
	{ "jit",	  no_argument,	     NULL, O_JIT },
	{ "all",	  no_argument,	     NULL, O_ALL },
	{ "addrs",	  no_argument,	     NULL, O_ADDRS },
	{ "event-filter", required_argument, NULL, O_EVENT },
	{ "inline",	  no_argument,	     NULL, O_INLINE },
	{ "context",	  no_argument,	     NULL, O_CONTEXT },
	{ "srcline",	  no_argument,	     NULL, O_SRCLINE },
	{ "help",	  no_argument,	     NULL, 'h' },
	{ "version",	  no_argument,	     NULL, O_VERSION },
	{ NULL, 0, NULL, 0 }
};

static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
"usage: %s [options] [file ...]\n"
"Fold the text of perf script (gzip or not) into stacks, one\n"
"'comm;root;...;leaf COUNT' line per stack, sorted, COUNT the sum of the\n"
"samples' periods (1 a sample when perf printed none): the output of\n"
"FlameGraph's stackcollapse-perf.pl.  Files are read as one stream; no\n"
"file or '-' reads stdin.\n"
"  -o, --output FILE       write to FILE (complete or not at all)\n"
"      --pid               root frame 'comm-PID'\n"
"      --tid               root frame 'comm-PID/TID'\n"
"      --kernel            append _[k] to kernel frames\n"
"      --jit               append _[j] to JIT frames (/tmp/perf-PID.map)\n"
"      --all               --kernel and --jit\n"
"      --addrs             '[dso <addr>]' for frames without a symbol\n"
"      --event-filter EV   keep the samples of event EV (default: the\n"
"                          first event seen)\n"
"      --srcline           read perf script -F+srcline: 'func:file.c:12'\n"
"  -h, --help              this help\n"
"      --version           print the version\n"
"The Perl's spellings work too (-pid, --event-filter=EV); --inline and\n"
"--context (addr2line) are not supported.\n"
"Exit status: 0 success, 1 bad input or I/O error, 2 usage error.\n",
	    progname);
	exit(status);
}

#define BLOCK	(1u << 20)

static void
load(struct fg_perf *p, const char *path, char *buf, int *noted)
{
	const char *name = fg_inname(path), *kept, *skipped;
	struct fg_gzip *g;
	struct fg_err err;
	uint64_t nbad, first;
	ssize_t r;
	int start = 1;

	if ((g = fg_gzip_open(path, &err)) == NULL)
		die("%s", err.msg);
	fg_perf_newfile(p, name);
	while ((r = fg_gzip_read(g, buf, BLOCK, &err)) > 0) {
		if (start && fg_perf_sniff(name, buf, (size_t)r, &err) != 0)
			die("%s", err.msg);
		start = 0;
		if (fg_perf_feed(p, buf, (size_t)r, &err) != 0)
			die("%s", err.msg);
		if (!*noted && fg_perf_event_skipped(p, &kept, &skipped)) {
			warnmsg("%s: filtering for events of type: %s, the "
			    "first seen (%s and any others skipped; "
			    "--event-filter=EVENT chooses)", name, kept, skipped);
			*noted = 1;
		}
	}
	if (r < 0 || fg_perf_endfile(p, &err) != 0)
		die("%s", err.msg);
	fg_gzip_close(g);
	fg_perf_unrecognised(p, &nbad, &first);
	if (nbad > 0)
		warnmsg("%s: skipped %llu unrecognised line%s (first: line %llu)",
		    name, (unsigned long long)nbad, nbad == 1 ? "" : "s",
		    (unsigned long long)first);
}

int
main(int argc, char *argv[])
{
	struct fg_perf_opts o;
	struct fg_ofile of;
	struct fg_perf *p;
	struct fg_err err;
	const char *out = NULL;
	char *buf;
	int ch, i, noted = 0;

	setprogname(argv[0]);
	memset(&o, 0, sizeof(o));
	fg_longopts_fixup(argc, argv, longopts);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o': out = optarg; break;
		case O_PID: o.pid = 1; break;
		case O_TID: o.tid = 1; break;
		case O_KERNEL: o.kernel = 1; break;
		case O_JIT: o.jit = 1; break;
		case O_ALL: o.kernel = o.jit = 1; break;
		case O_ADDRS: o.addrs = 1; break;
		case O_EVENT: o.event = optarg; break;
		case O_SRCLINE: o.srcline = 1; break;
		case O_INLINE:
		case O_CONTEXT:
			die_usage("%s: not supported: it runs addr2line (perf "
			    "script prints inlined frames itself, and --srcline "
			    "reads perf script -F+srcline)", argv[optind - 1]);
		case 'h':
			usage(stdout, 0);
		case O_VERSION:
			printf("perf2folded (flamekit) %s\n", FG_VERSION);
			return close_stream(stdout, "<stdout>");
		default:
			die_badopt(ch, argv);
		}
	}

	p = fg_perf_new(&o);
	buf = xmalloc(BLOCK);
	if (optind == argc)
		load(p, NULL, buf, &noted);
	for (i = optind; i < argc; i++)
		load(p, argv[i], buf, &noted);
	free(buf);
	if (fg_ofile_open(&of, out, &err) != 0)
		die("%s", err.msg);
	if (fg_perf_write(p, of.fp, &err) != 0) {
		fg_ofile_abort(&of);
		die("%s: %s", fg_outname(out), err.msg);
	}
	if (fg_ofile_commit(&of, &err) != 0)
		die("%s", err.msg);
	fg_perf_free(p);
	return close_stream(stdout, "<stdout>");
}
