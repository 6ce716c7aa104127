/* foldmerge.c - merge folded inputs into one: each stack once, counts summed. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "folded.h"
#include "merge.h"
#include "trie.h"
#include "util.h"

static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-hsz] [--strict] [-o FILE] [FILE...]\n",
	    progname);
	if (status == 0)
		fputs("Merge folded stacks (STACK COUNT, or STACK BEFORE AFTER): "
		    "each stack once,\nits counts summed, the lines sorted; "
		    "the output feeds foldmerge again.\n"
		    "  -s, --sorted      the inputs are sorted (as foldmerge "
		    "writes them): merge\n"
		    "                    them as streams, in memory that does "
		    "not grow with them\n"
		    "  -z, --keep-zero   keep stacks whose counts sum to zero\n"
		    "      --strict      stop at the first malformed line\n"
		    "  -o, --output FILE write to FILE (atomically)\n"
		    "  -h, --help        this help\n"
		    "      --version     print the version\n"
		    "With no FILE, or when FILE is -, read standard input.  "
		    "Two-column lines count\nin both columns of three-column "
		    "output.\n", fp);
	exit(status);
}

static void
report(const struct fg_folded *f)
{
	char sum[256];

	fg_folded_summary(f, sum, sizeof(sum));
	if (sum[0] != '\0')
		warnmsg("%s: %s", f->name, sum);
}

/* Without --sorted: every input into one trie, then written sorted. */
static void
hash_merge(char **files, int n, int strict, int flags, const char *out,
    struct fg_ofile *o)
{
	struct fg_folded f;
	struct fg_trie t;
	struct fg_err err;
	int k;

	fg_trie_init(&t);
	fg_folded_init(&f, &t, NULL);
	f.strict = strict;
	for (k = 0; k < (n > 0 ? n : 1); k++) {
		const char *path = n > 0 ? files[k] : "-";

		if (fg_folded_read(&f, path, &err) != 0)
			die("%s", err.msg);
		report(&f);
	}
	if (t.diff)
		flags |= FG_W_DIFF;
	if (fg_ofile_open(o, out, &err) != 0)
		die("%s", err.msg);
	if (fg_folded_write(&t, o->fp, flags, &err) != 0) {
		fg_ofile_abort(o);
		die("%s: %s", fg_outname(out), err.msg);
	}
	fg_folded_free(&f);
	fg_trie_free(&t);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "sorted",	no_argument,		NULL, 's' },
		{ "keep-zero",	no_argument,		NULL, 'z' },
		{ "strict",	no_argument,		NULL, 'S' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct fg_smerge *m;
	struct fg_ofile o;
	struct fg_err err;
	const char *out = NULL;
	int ch, sorted = 0, keepzero = 0, strict = 0, k, n, rc;
	size_t i;

	setprogname(argv[0]);
	opterr = 0;
	fg_longopts_fixup(argc, argv, longopts);
	while ((ch = getopt_long(argc, argv, ":hszo:", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			sorted = 1;
			break;
		case 'z':
			keepzero = 1;
			break;
		case 'S':
			strict = 1;
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			usage(stdout, 0);
		case 'V':
			printf("%s (flamekit) %s\n", progname, FG_VERSION);
			return close_stream(stdout, "<stdout>");
		default:
			die_badopt(ch, argv);
		}
	}
	n = argc - optind;
	for (k = 0, ch = 0; k < n; k++)
		if (strcmp(argv[optind + k], "-") == 0 && ch++)
			die_usage("standard input can be read only once");
	if (!sorted) {
		/* the output is opened once the inputs are read */
		hash_merge(argv + optind, n, strict, keepzero ? FG_W_ZERO : 0,
		    out, &o);
	} else {
		m = fg_smerge_new(keepzero, strict);
		for (k = 0; k < (n > 0 ? n : 1); k++)
			if (fg_smerge_open(m, n > 0 ? argv[optind + k] : "-",
			    &err) != 0)
				die("%s", err.msg);
		if (fg_ofile_open(&o, out, &err) != 0)
			die("%s", err.msg);
		if ((rc = fg_smerge_run(m, o.fp, &err)) != 0) {
			fg_ofile_abort(&o);
			if (rc == -2)
				die("%s: %s", fg_outname(out), err.msg);
			die("%s", err.msg);
		}
		for (i = 0; i < fg_smerge_count(m); i++)
			report(fg_smerge_input(m, i));
		fg_smerge_free(m);
	}
	if (fg_ofile_commit(&o, &err) != 0) {
		fg_ofile_abort(&o);
		die("%s", err.msg);
	}
	return close_stream(stdout, "<stdout>");
}
