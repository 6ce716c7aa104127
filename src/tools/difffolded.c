/* difffolded.c - merge two folded profiles into "STACK BEFORE AFTER" lines. */
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "folded.h"
#include "trie.h"
#include "util.h"

static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-hns] [--strict] [-o FILE] BEFORE AFTER\n",
	    progname);
	if (status == 0)
		fputs("Write every stack of two folded profiles as "
		    "\"STACK BEFORE AFTER\", sorted.\n"
		    "  -n, --normalize   scale BEFORE's counts to AFTER's total "
		    "(rounded)\n"
		    "  -s, --strip-hex   turn hex addresses 0x1f2e into 0x... "
		    "before merging\n"
		    "      --strict      stop at the first malformed line\n"
		    "  -o, --output FILE write to FILE (atomically)\n"
		    "  -h, --help        this help\n"
		    "      --version     print the version\n"
		    "One of BEFORE and AFTER may be - (standard input).\n", fp);
	exit(status);
}

static inline int
ishex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* -s: every "0x" followed by hex digits becomes "0x...". */
static void
strip_hex(const char *s, size_t n, struct fg_buf *out, void *arg)
{
	size_t i = 0, j;

	(void)arg;
	while (i < n) {
		if (s[i] == '0' && i + 2 < n && s[i + 1] == 'x' && ishex(s[i + 2])) {
			fg_buf_put(out, "0x...", 5);
			for (j = i + 2; j < n && ishex(s[j]); j++)
				;
			i = j;
		} else
			fg_buf_putc(out, s[i++]);
	}
}

/*
 * -n: BEFORE's counts times AFTER's total over BEFORE's total, each rounded
 * half away from zero to the counts' precision (the trie's fixed point),
 * exactly: the product is formed in 128 bits.  Returns 0, 1 when BEFORE's
 * total is 0 (nothing to scale), or -1 with err set on overflow.
 */
static int
normalize(struct fg_trie *t, struct fg_err *err)
{
	int64_t tb = 0, ta = 0, r64;
	__int128 p, q, r;
	struct fg_node *nd;
	uint32_t i;

	for (i = 1; i < t->n; i++) {
		nd = &t->nodes[i];
		if (__builtin_add_overflow(ta, nd->self[FG_COL], &ta) ||
		    __builtin_add_overflow(tb, nd->self[FG_BEFORE], &tb))
			return fg_err_set(err, "-n: a total overflows 64 bits");
	}
	if (ta == tb)
		return 0;
	if (tb == 0)
		return 1;
	for (i = 1; i < t->n; i++) {
		nd = &t->nodes[i];
		p = (__int128)nd->self[FG_BEFORE] * ta;
		q = p / tb;
		r = p - q * tb;
		if (r < 0)
			r = -r;
		if (2 * r >= (tb < 0 ? -(__int128)tb : (__int128)tb))
			q += (p < 0) != (tb < 0) ? -1 : 1;
		if (q > INT64_MAX || q < INT64_MIN)
			return fg_err_set(err, "-n: a scaled count overflows 64 bits");
		r64 = (int64_t)q;
		nd->self[FG_BEFORE] = r64;
	}
	return 0;
}

/* One input, read into a trie of its own (the two are read in parallel). */
struct side {
	struct fg_trie t;
	struct fg_folded f;
	const char *path;
	struct fg_err err;
	int	 rc;
};

static void *
read_side(void *arg)
{
	struct side *s = arg;

	s->rc = fg_folded_read(&s->f, s->path, &s->err);
	return NULL;
}

/* Report a side's failure or its malformed lines, as a sequential read would. */
static void
report(const struct side *s)
{
	char sum[256];

	if (s->rc != 0)
		die("%s", s->err.msg);
	fg_folded_summary(&s->f, sum, sizeof(sum));
	if (sum[0] != '\0')
		warnmsg("%s: %s", s->f.name, sum);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "normalize",	no_argument,		NULL, 'n' },
		{ "strip-hex",	no_argument,		NULL, 's' },
		{ "strict",	no_argument,		NULL, 'S' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct side side[2];
	struct fg_trie *t;
	struct fg_ofile o;
	pthread_t th;
	struct fg_err err;
	const char *out = NULL;
	int ch, nflag = 0, sflag = 0, strict = 0, threaded, rc, k;

	setprogname(argv[0]);
	opterr = 0;
	fg_longopts_fixup(argc, argv, longopts);
	while ((ch = getopt_long(argc, argv, ":hnso:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			nflag = 1;
			break;
		case 's':
			sflag = 1;
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
	if (argc - optind != 2)
		usage(stderr, 2);
	if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0)
		die_usage("only one of BEFORE and AFTER can be standard input");

	for (k = 0; k < 2; k++) {
		fg_trie_init(&side[k].t);
		fg_folded_init(&side[k].f, &side[k].t, NULL);
		side[k].path = argv[optind + k];
		side[k].f.target = k == 0 ? FG_BEFORE : FG_COL;
		side[k].f.strict = strict;
		if (sflag)
			side[k].f.rewrite = strip_hex;
	}
	/* AFTER in a second thread (or here, if there is none) */
	threaded = pthread_create(&th, NULL, read_side, &side[1]) == 0;
	read_side(&side[0]);
	if (threaded)
		pthread_join(th, NULL);
	else
		read_side(&side[1]);
	report(&side[0]);
	report(&side[1]);
	t = &side[0].t;
	if ((rc = fg_trie_merge(t, &side[1].t)) != 0)
		die("%s: %s", side[1].f.name, fg_folded_addwhy(rc));
	fg_folded_free(&side[1].f);
	fg_trie_free(&side[1].t);
	if (nflag && (rc = normalize(t, &err)) != 0) {
		if (rc < 0)
			die("%s", err.msg);
		warnmsg("-n: %s has a total of 0: not normalized",
		    fg_inname(argv[optind]));
	}
	if (fg_ofile_open(&o, out, &err) != 0)
		die("%s", err.msg);
	if (fg_folded_write(t, o.fp, FG_W_DIFF | FG_W_ZERO, &err) != 0) {
		fg_ofile_abort(&o);
		die("%s: %s", fg_outname(out), err.msg);
	}
	if (fg_ofile_commit(&o, &err) != 0) {
		fg_ofile_abort(&o);
		die("%s", err.msg);
	}
	fg_folded_free(&side[0].f);
	fg_trie_free(t);
	return close_stream(stdout, "<stdout>");
}
