/* folded2pb.c - folded stacks to a gzipped pprof profile.proto. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "folded.h"
#include "pprof_write.h"
#include "trie.h"
#include "util.h"

static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
"usage: %s [--type NAME[/UNIT]] [--unit UNIT] [--strict] [-o file] [file ...]\n"
"Convert folded stacks to a gzipped pprof profile.proto, one sample a line.\n"
"Several files are merged; no file or '-' reads stdin.\n"
"Frames ending in _[i] (pb2folded --mark-inline) are inlined into their caller.\n"
"  -o, --output FILE     write to FILE (complete or not at all)\n"
"      --type NAME       sample type of the counts (default: samples)\n"
"      --unit UNIT       their unit (default: count)\n"
"      --type NAME/UNIT  both at once, e.g. --type cpu/nanoseconds\n"
"      --strict          the first malformed line is an error\n"
"  -h, --help            this help\n"
"      --version         print the version\n",
	    progname);
	exit(status);
}

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
		{ "help",	no_argument,		NULL, 'h' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "strict",	no_argument,		NULL, 's' },
		{ "type",	required_argument,	NULL, 't' },
		{ "unit",	required_argument,	NULL, 'u' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct fg_pprof_wopts wo = FG_PPROF_WOPTS_INIT;
	struct fg_pprof_samples smp = { NULL, 0, 0 };
	struct fg_folded f;
	struct fg_trie t;
	struct fg_ofile of;
	struct fg_err err;
	const char *opath = NULL, *name;
	char *type = NULL, *slash, sum[256];
	const char *tunit = NULL, *unit = NULL;
	int ch, i, nin, strict = 0, rc;

	setprogname(argv[0]);
	fg_longopts_fixup(argc, argv, lo);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":ho:", lo, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(stdout, 0);
		case 'o':
			opath = optarg;
			break;
		case 's':
			strict = 1;
			break;
		case 't':
			/* NAME or NAME/UNIT, neither empty, one slash */
			if (optarg[0] == '\0')
				die_usage("--type: empty argument");
			free(type);
			type = xstrdup(optarg);
			tunit = NULL;
			if ((slash = strchr(type, '/')) != NULL) {
				*slash = '\0';
				tunit = slash + 1;
			}
			if (type[0] == '\0' || (tunit != NULL &&
			    (tunit[0] == '\0' || strchr(tunit, '/') != NULL)))
				die_usage("--type: want NAME or NAME/UNIT, "
				    "e.g. cpu/nanoseconds: %s", optarg);
			wo.type = type;
			break;
		case 'u':
			if (optarg[0] == '\0')
				die_usage("--unit: empty argument");
			if (strchr(optarg, '/') != NULL)
				die_usage("--unit: want a unit name (no '/'), "
				    "e.g. nanoseconds: %s", optarg);
			unit = optarg;
			break;
		case 'V':
			printf("folded2pb (flamekit) %s\n", FG_VERSION);
			return close_stream(stdout, "<stdout>");
		default:
			die_badopt(ch, argv);
		}
	}
	if (tunit != NULL && unit != NULL && strcmp(tunit, unit) != 0)
		die_usage("--unit %s disagrees with --type %s/%s", unit,
		    wo.type, tunit);
	if (unit != NULL)
		wo.unit = unit;
	else if (tunit != NULL)
		wo.unit = tunit;
	if (fg_is_terminal(opath))
		die("refusing to write a binary profile to a terminal "
		    "(use -o FILE or a redirection)");

	fg_trie_init(&t);
	fg_folded_init(&f, &t, NULL);
	f.strict = strict;
	f.integers = 1;		/* decimal and two-count lines are errors */
	f.added = fg_pprof_samples_add;
	f.arg = &smp;
	nin = argc - optind;
	for (i = 0; i < (nin > 0 ? nin : 1); i++) {
		name = nin > 0 ? argv[optind + i] : "-";
		if (fg_folded_read(&f, name, &err) != 0)
			die("%s", err.msg);
		fg_folded_summary(&f, sum, sizeof(sum));
		if (sum[0] != '\0')
			warnmsg("%s: %s", f.name, sum);
	}
	/* pprof sums samples into int64 totals */
	if ((rc = fg_trie_totals(&t)) != 0) {
		if (nin <= 1)
			die("%s: %s", fg_inname(nin > 0 ? argv[optind] : "-"),
			    fg_folded_addwhy(rc));
		die("%s", fg_folded_addwhy(rc));
	}

	if (fg_ofile_open(&of, opath, &err) != 0)
		die("%s", err.msg);
	if (fg_pprof_write(&t, smp.s, smp.n, &wo, of.fp, &err) != 0) {
		fg_ofile_abort(&of);
		die("%s: %s", fg_outname(opath), err.msg);
	}
	if (fg_ofile_commit(&of, &err) != 0)
		die("%s", err.msg);
	fg_folded_free(&f);
	fg_trie_free(&t);
	free(smp.s);
	free(type);
	return close_stream(stdout, "<stdout>");
}
