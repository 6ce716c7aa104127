/* cpuprofile2folded.c - V8 .cpuprofile (node --cpu-prof, Chrome DevTools) to folded stacks. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpuprofile.h"
#include "folded.h"
#include "trie.h"
#include "util.h"

enum { O_SAMPLES = 256, O_LINES, O_NOIDLE, O_VERSION };

static const struct option longopts[] = {
	{ "output",	required_argument, NULL, 'o' },
	{ "samples",	no_argument,	   NULL, O_SAMPLES },
	{ "lines",	no_argument,	   NULL, O_LINES },
	{ "no-idle",	no_argument,	   NULL, O_NOIDLE },
	{ "help",	no_argument,	   NULL, 'h' },
	{ "version",	no_argument,	   NULL, O_VERSION },
	{ NULL, 0, NULL, 0 }
};

static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
"usage: %s [options] [profile.cpuprofile ...]\n"
"Convert V8 CPU profiles (.cpuprofile JSON, from node --cpu-prof or Chrome\n"
"DevTools) to folded stacks, one 'root;...;leaf VALUE' line per stack.\n"
"VALUE is microseconds: each sample lasts until the next one, the last\n"
"until endTime.  Several profiles are merged; no profile or '-' reads stdin.\n"
"  -o, --output FILE   write to FILE (complete or not at all)\n"
"      --samples       count samples instead of microseconds (a profile\n"
"                      without samples: each node's hitCount)\n"
"      --lines         name frames 'function url:line' (line 1-based)\n"
"      --no-idle       drop the (idle) samples\n"
"  -h, --help          this help\n"
"      --version       print the version\n"
"Exit status: 0 success, 1 bad input or I/O error, 2 usage error.\n",
	    progname);
	exit(status);
}

static void
load(struct fg_trie *t, const char *path, const struct fg_cpuprofile_opts *o)
{
	struct fg_err err;
	size_t len;
	char *buf;
	int rc;

	if (fg_read_file(path, &buf, &len, &err) != 0)
		die("%s", err.msg);
	rc = fg_cpuprofile_fold(t, fg_inname(path), buf, len, o, &err);
	free(buf);
	if (rc != 0)
		die("%s", err.msg);
}

int
main(int argc, char *argv[])
{
	struct fg_cpuprofile_opts o;
	struct fg_ofile of;
	struct fg_trie t;
	struct fg_err err;
	const char *out = NULL;
	int ch, i;

	setprogname(argv[0]);
	memset(&o, 0, sizeof(o));
	fg_longopts_fixup(argc, argv, longopts);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o': out = optarg; break;
		case O_SAMPLES: o.samples = 1; break;
		case O_LINES: o.lines = 1; break;
		case O_NOIDLE: o.noidle = 1; break;
		case 'h':
			usage(stdout, 0);
		case O_VERSION:
			printf("cpuprofile2folded (flamekit) %s\n", FG_VERSION);
			return close_stream(stdout, "<stdout>");
		default:
			die_badopt(ch, argv);
		}
	}

	fg_trie_init(&t);
	if (optind == argc)
		load(&t, NULL, &o);
	for (i = optind; i < argc; i++)
		load(&t, argv[i], &o);
	if (fg_trie_finish(&t) != 0) {
		if (argc - optind <= 1)
			die("%s: the total value overflows a 64-bit integer",
			    fg_inname(optind < argc ? argv[optind] : "-"));
		die("the total value overflows a 64-bit integer");
	}
	if (fg_ofile_open(&of, out, &err) != 0)
		die("%s", err.msg);
	if (fg_folded_write(&t, of.fp, 0, &err) != 0) {
		fg_ofile_abort(&of);
		die("%s: %s", fg_outname(out), err.msg);
	}
	if (fg_ofile_commit(&of, &err) != 0)
		die("%s", err.msg);
	fg_trie_free(&t);
	return close_stream(stdout, "<stdout>");
}
