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
	fprintf(fp, "usage: %s [--strict] [--type NAME/UNIT] [-o file] [file ...]\n",
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
	int ch, i, nin, strict = 0;

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
			free(type);
			type = xstrdup(optarg);
			if ((slash = strchr(type, '/')) == NULL ||
			    slash == type || slash[1] == '\0' ||
			    strchr(slash + 1, '/') != NULL)
				die_usage("--type: want NAME/UNIT, e.g. cpu/nanoseconds: %s",
				    optarg);
			*slash = '\0';
			wo.type = type;
			wo.unit = slash + 1;
			break;
		case 'V':
			printf("folded2pb (flamekit) %s\n", FG_VERSION);
			return close_stream(stdout, "<stdout>");
		default:
			die_badopt(ch, argv);
		}
	}
	if (fg_is_terminal(opath))
		die("refusing to write a binary profile to a terminal "
		    "(use -o FILE or a redirection)");

	fg_trie_init(&t);
	fg_folded_init(&f, &t, NULL);
	f.strict = strict;
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
		/* checked per file, to name the culprit */
		if (f.sawdiff)
			die("%s: differential input (two counts a line) "
			    "cannot be written as a profile", f.name);
		if (t.scale != 0)
			die("%s: decimal counts cannot be written as a profile "
			    "(its values are integers)", f.name);
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
