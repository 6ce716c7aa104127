/* pb2folded.c - pprof profile.proto (gzip or not) to folded stacks, as go tool pprof -traces sees them. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folded.h"
#include "pprof.h"
#include "trie.h"
#include "util.h"

enum {
	O_LIST = 256, O_MEAN, O_FUNCTIONS, O_FILEFUNCTIONS, O_FILES, O_LINES,
	O_ADDRESSES, O_NOINLINES, O_MARKINLINE, O_TAGROOT, O_TAGLEAF, O_UNIT,
	O_TAGFOCUS, O_TAGIGNORE, O_TAGSHOW, O_TAGHIDE, O_FOCUS, O_IGNORE, O_HIDE, O_SHOW, O_SHOWFROM, O_PRUNEFROM, O_BASE,
	O_DIFFBASE, O_NORMALIZE, O_KEEPZERO, O_VERSION, O_MAXINFLATE,
	/* pprof's legacy value selections, in the order pprof applies them */
	O_TOTALDELAY, O_MEANDELAY, O_CONTENTIONS, O_INUSESPACE, O_INUSEOBJECTS,
	O_ALLOCSPACE, O_ALLOCOBJECTS
};

static const struct option longopts[] = {
	{ "output",		required_argument, NULL, 'o' },
	{ "sample-index",	required_argument, NULL, 'i' },
	{ "list-types",		no_argument,	   NULL, O_LIST },
	{ "mean",		no_argument,	   NULL, O_MEAN },
	{ "functions",		no_argument,	   NULL, O_FUNCTIONS },
	{ "filefunctions",	no_argument,	   NULL, O_FILEFUNCTIONS },
	{ "files",		no_argument,	   NULL, O_FILES },
	{ "lines",		no_argument,	   NULL, O_LINES },
	{ "addresses",		no_argument,	   NULL, O_ADDRESSES },
	{ "noinlines",		no_argument,	   NULL, O_NOINLINES },
	{ "mark-inline",	no_argument,	   NULL, O_MARKINLINE },
	{ "tagroot",		required_argument, NULL, O_TAGROOT },
	{ "tagleaf",		required_argument, NULL, O_TAGLEAF },
	{ "unit",		required_argument, NULL, O_UNIT },
	{ "tagfocus",		required_argument, NULL, O_TAGFOCUS },
	{ "tagignore",		required_argument, NULL, O_TAGIGNORE },
	{ "tagshow",		required_argument, NULL, O_TAGSHOW },
	{ "taghide",		required_argument, NULL, O_TAGHIDE },
	{ "focus",		required_argument, NULL, O_FOCUS },
	{ "ignore",		required_argument, NULL, O_IGNORE },
	{ "hide",		required_argument, NULL, O_HIDE },
	{ "show",		required_argument, NULL, O_SHOW },
	{ "show-from",		required_argument, NULL, O_SHOWFROM },
	{ "prune-from",		required_argument, NULL, O_PRUNEFROM },
	{ "base",		required_argument, NULL, O_BASE },
	{ "diff-base",		required_argument, NULL, O_DIFFBASE },
	{ "normalize",		no_argument,	   NULL, O_NORMALIZE },
	{ "keep-zero",		no_argument,	   NULL, O_KEEPZERO },
	{ "max-inflate",	required_argument, NULL, O_MAXINFLATE },
	{ "total-delay",	no_argument,	   NULL, O_TOTALDELAY },
	{ "mean-delay",		no_argument,	   NULL, O_MEANDELAY },
	{ "contentions",	no_argument,	   NULL, O_CONTENTIONS },
	{ "inuse-space",	no_argument,	   NULL, O_INUSESPACE },
	{ "inuse-objects",	no_argument,	   NULL, O_INUSEOBJECTS },
	{ "alloc-space",	no_argument,	   NULL, O_ALLOCSPACE },
	{ "alloc-objects",	no_argument,	   NULL, O_ALLOCOBJECTS },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "version",		no_argument,	   NULL, O_VERSION },
	{ NULL, 0, NULL, 0 }
};

static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
"usage: %s [options] [profile ...]\n"
"Convert pprof profiles (profile.proto, gzip or not) to folded stacks,\n"
"one 'root;...;leaf VALUE' line per stack, as go tool pprof -traces sees them.\n"
"Several profiles are merged; no profile or '-' reads stdin.\n"
"  -o, --output FILE        write to FILE (complete or not at all)\n"
"  -i, --sample-index T     value column: a sample type or a 0-based index\n"
"      --list-types         print the sample types and the default, then exit\n"
"      --mean               divide each sample's value by its first value\n"
"      --functions          name frames by function (default)\n"
"      --filefunctions      'function file'\n"
"      --files              'file'\n"
"      --lines              'function file:line'\n"
"      --addresses          'address function file:line'\n"
"      --noinlines          attribute inlined frames to their caller\n"
"      --mark-inline        append _[i] to inlined frames\n"
"      --tagroot K1,K2      label values as frames at the root\n"
"      --tagleaf K1,K2      label values as frames at the leaf\n"
"      --unit U             unit of numeric label frames (default: minimum)\n"
"      --focus RE           keep samples with a frame matching RE\n"
"      --ignore RE          drop samples with a frame matching RE\n"
"      --hide RE            remove frames matching RE\n"
"      --show RE            keep only frames matching RE\n"
"      --show-from RE       drop frames above the first match from the root\n"
"      --prune-from RE      drop frames below the last match from the leaf\n"
"      --tagfocus [K=]F     keep samples whose labels match F: regexes RE,RE\n"
"                           or a numeric range (64kb, 1mb:, :1kb, 16b:8kb)\n"
"      --tagignore [K=]F    drop samples whose labels match F\n"
"      --tagshow RE         keep only labels whose key matches RE, and\n"
"      --taghide RE         drop those matching RE: as in pprof, after the\n"
"                           label frames are made, so stacks stay as they are\n"
"      --base FILE          subtract FILE (repeatable)\n"
"      --diff-base FILE     subtract FILE, pprof's -diff_base (repeatable)\n"
"      --normalize          scale the profile to the base's total first\n"
"      --keep-zero          keep stacks whose values sum to zero\n"
"      --max-inflate SIZE   refuse gzip data decompressing to more than SIZE\n"
"                           bytes; suffixes K, M, G, T (default 1G)\n"
"      --inuse-space --inuse-objects --alloc-space --alloc-objects\n"
"      --total-delay --contentions --mean-delay   pprof's shorthands\n"
"  -h, --help               this help\n"
"      --version            print the version\n"
"pprof's spellings work too: -sample_index=alloc_space, -lines, -show_from=RE.\n",
	    progname);
	exit(status);
}

/*
 * SIZE: a whole number of bytes, optionally followed by K, M, G or T
 * (powers of 1024, either case, with an optional "iB" or "B").  At least 1.
 */
static int
parse_size(const char *s, size_t *v)
{
	static const char units[] = "kmgt";
	const char *u;
	uint64_t x = 0;
	int shift = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (x > (UINT64_MAX - 9) / 10)
			return -1;
		x = x * 10 + (uint64_t)(*s - '0');
	}
	if (*s != '\0') {
		if ((u = strchr(units, s[0] | 0x20)) == NULL)
			return -1;
		shift = 10 * (int)(u - units + 1);
		s++;
		if (strcmp(s, "iB") != 0 && strcmp(s, "B") != 0 && *s != '\0')
			return -1;
	}
	if (x == 0 || x > (SIZE_MAX >> 1) >> shift)
		return -1;
	*v = (size_t)(x << shift);
	return 0;
}

static void
load(struct fg_pprof_set *set, const char *path, int base)
{
	const char *name = fg_inname(path);
	struct fg_err err;
	size_t len;
	char *buf;
	int rc;

	if (fg_read_file(path, &buf, &len, &err) != 0)
		die("%s", err.msg);
	rc = base ? fg_pprof_load_base(set, name, buf, len, &err) :
	    fg_pprof_load(set, name, buf, len, &err);
	free(buf);
	if (rc != 0)
		die("%s", err.msg);
}

static void
list_types(const struct fg_pprof_set *set, FILE *fp)
{
	size_t i, n = fg_pprof_ntypes(set), tl, ul;
	const char *t, *u;
	int def = fg_pprof_default_type(set);

	for (i = 0; i < n; i++) {
		fg_pprof_type(set, i, &t, &tl, &u, &ul);
		fwrite(t, 1, tl, fp);
		if (ul > 0) {
			putc(' ', fp);
			fwrite(u, 1, ul, fp);
		}
		fputs((int)i == def ? " (default)\n" : "\n", fp);
	}
}

int
main(int argc, char *argv[])
{
	static const char *legacy[] = { "delay", "delay", "contentions",
	    "inuse_space", "inuse_objects", "alloc_space", "alloc_objects" };
	struct fg_pprof_opts o;
	struct fg_pprof_set *set;
	struct fg_ofile of;
	struct fg_trie t;
	struct fg_err err;
	const char *out = NULL, **bases = NULL;
	size_t nbases = 0;
	size_t maxinflate = FG_PPROF_MAX_INFLATE;
	int ch, i, rc, listtypes = 0, keepzero = 0, base = 0, diffbase = 0;
	int leg[7] = { 0 };

	setprogname(argv[0]);
	memset(&o, 0, sizeof(o));
	fg_longopts_fixup(argc, argv, longopts);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":o:i:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o': out = optarg; break;
		case 'i': o.sample_index = optarg; break;
		case O_LIST: listtypes = 1; break;
		case O_MEAN: o.mean = 1; break;
		case O_FUNCTIONS: o.gran = FG_GRAN_FUNCTIONS; break;
		case O_FILEFUNCTIONS: o.gran = FG_GRAN_FILEFUNCTIONS; break;
		case O_FILES: o.gran = FG_GRAN_FILES; break;
		case O_LINES: o.gran = FG_GRAN_LINES; break;
		case O_ADDRESSES: o.gran = FG_GRAN_ADDRESSES; break;
		case O_NOINLINES: o.noinlines = 1; break;
		case O_MARKINLINE: o.mark_inline = 1; break;
		case O_TAGROOT: o.tagroot = optarg; break;
		case O_TAGLEAF: o.tagleaf = optarg; break;
		case O_UNIT: o.unit = optarg; break;
		case O_TAGFOCUS: o.tagfocus = optarg; break;
		case O_TAGIGNORE: o.tagignore = optarg; break;
		case O_TAGSHOW: o.tagshow = optarg; break;
		case O_TAGHIDE: o.taghide = optarg; break;
		case O_FOCUS: o.focus = optarg; break;
		case O_IGNORE: o.ignore = optarg; break;
		case O_HIDE: o.hide = optarg; break;
		case O_SHOW: o.show = optarg; break;
		case O_SHOWFROM: o.show_from = optarg; break;
		case O_PRUNEFROM: o.prune_from = optarg; break;
		case O_BASE:
		case O_DIFFBASE:
			*(ch == O_BASE ? &base : &diffbase) = 1;
			bases = xreallocarray(bases, nbases + 1, sizeof(*bases));
			bases[nbases++] = optarg;
			break;
		case O_NORMALIZE: o.normalize = 1; break;
		case O_KEEPZERO: keepzero = 1; break;
		case O_MAXINFLATE:
			if (parse_size(optarg, &maxinflate) != 0)
				die_usage("--max-inflate: not a size of at least "
				    "1 byte (e.g. 512M, 2G): %s", optarg);
			break;
		case O_TOTALDELAY: case O_MEANDELAY: case O_CONTENTIONS:
		case O_INUSESPACE: case O_INUSEOBJECTS: case O_ALLOCSPACE:
		case O_ALLOCOBJECTS:
			leg[ch - O_TOTALDELAY] = 1;
			if (ch == O_MEANDELAY)
				o.mean = 1;
			break;
		case 'h':
			usage(stdout, 0);
		case O_VERSION:
			printf("pb2folded (flamekit) %s\n", FG_VERSION);
			return close_stream(stdout, "<stdout>");
		default:
			die_badopt(ch, argv);
		}
	}
	if (base && diffbase)
		die_usage("--base and --diff-base cannot be used together");
	o.diff_base = diffbase;
	/* an explicit --sample-index wins, then the first shorthand */
	for (i = 0; i < 7 && o.sample_index == NULL; i++)
		if (leg[i])
			o.sample_index = legacy[i];

	set = fg_pprof_new();
	fg_pprof_set_max_inflate(set, maxinflate);
	if (optind == argc)
		load(set, NULL, 0);
	for (i = optind; i < argc; i++)
		load(set, argv[i], 0);
	for (i = 0; (size_t)i < nbases; i++)
		load(set, bases[i], 1);
	free(bases);

	fg_trie_init(&t);
	if (!listtypes && (rc = fg_pprof_fold(set, &o, &t, &err)) != 0) {
		if (rc == -2)
			die_usage("%s", err.msg);
		die("%s", err.msg);
	}
	if (fg_ofile_open(&of, out, &err) != 0)
		die("%s", err.msg);
	if (listtypes)
		list_types(set, of.fp);
	else if (fg_folded_write(&t, of.fp, keepzero ? FG_W_ZERO : 0, &err) != 0) {
		fg_ofile_abort(&of);
		die("%s: %s", fg_outname(out), err.msg);
	}
	if (fg_ofile_commit(&of, &err) != 0)
		die("%s", err.msg);
	fg_trie_free(&t);
	fg_pprof_free(set);
	return close_stream(stdout, "<stdout>");
}
