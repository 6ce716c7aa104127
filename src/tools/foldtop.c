/* foldtop.c - the hottest functions of folded stacks, and a CI gate. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "folded.h"
#include "json.h"
#include "top.h"
#include "trie.h"
#include "util.h"

#define DEFAULT_ROWS	20

static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-h] [-n N] [--sort flat|cum] [--fail-on-growth=PCT] "
	    "[--json] [--strict] [-o FILE] [FILE...]\n", progname);
	if (status == 0)
		fputs("Print the hottest functions of folded stacks "
		    "(STACK COUNT, or STACK BEFORE AFTER).\n"
		    "  -n, --nodecount N       show N functions (default 20; "
		    "0: all)\n"
		    "      --sort flat|cum     order by own (flat, default) or "
		    "cumulative value\n"
		    "      --fail-on-growth=PCT\n"
		    "                          differential input: exit 3 when "
		    "a function's share\n"
		    "                          of the total grew by more than "
		    "PCT percentage points\n"
		    "      --json              write the table as JSON\n"
		    "      --strict            stop at the first malformed line\n"
		    "  -o, --output FILE       write to FILE (atomically)\n"
		    "  -h, --help              this help\n"
		    "      --version           print the version\n"
		    "With no FILE, or when FILE is -, read standard input; "
		    "files are merged.\n", fp);
	exit(status);
}

/* PCT: 0 to 100 with at most two decimals, in hundredths. */
static int
parse_pct(const char *s, int64_t *v)
{
	int64_t x = 0;
	int fr = -1;

	if (*s == '\0' || *s == '.')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s == '.' && fr < 0) {
			fr = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || fr == 2 || x > 100000)
			return -1;
		x = x * 10 + (*s - '0');
		if (fr >= 0)
			fr++;
	}
	if (fr == 0)
		return -1;		/* "5." */
	for (fr = fr < 0 ? 0 : fr; fr < 2; fr++)
		x *= 10;
	if (x > 10000)
		return -1;
	*v = x;
	return 0;
}

/* Hundredths as "12.34", "-0.05"; with sign, "+12.34" when positive. */
static char *
fmt_hund(char *buf, int64_t h, int sign)
{
	uint64_t m = h < 0 ? 0 - (uint64_t)h : (uint64_t)h;

	snprintf(buf, 32, "%s%llu.%02llu", h < 0 ? "-" : sign && h > 0 ? "+" : "",
	    (unsigned long long)(m / 100), (unsigned long long)(m % 100));
	return buf;
}

static char *
fmt_val(char *buf, int64_t v, int scale, int sign)
{
	size_t n = 0;

	if (sign && v > 0)
		buf[n++] = '+';
	buf[n + fg_fmt_fixed(buf + n, v, scale)] = '\0';
	return buf;
}

static void
print_flat(FILE *fp, const struct fg_top *top, const struct fg_trie *t,
    size_t rows, int key)
{
	const struct fg_top_fn *fn;
	const struct fg_name *nm;
	char a[48], b[48], c[32], d[32], e[32];
	__int128 sum = 0;
	size_t i;

	fprintf(fp, "Showing top %zu of %zu functions by %s, total %s\n",
	    rows, top->n, key == FG_TOP_CUM ? "cum" : "flat",
	    fmt_val(a, top->total[FG_COL], top->scale, 0));
	fprintf(fp, "%10s %5s%% %5s%% %10s %5s%%\n", "flat", "flat", "sum",
	    "cum", "cum");
	for (i = 0; i < rows; i++) {
		fn = &top->fn[i];
		nm = fg_intern_get(&t->names, fn->name);
		sum += fn->v[FG_TOP_FLAT][FG_COL];
		fprintf(fp, "%10s %5s%% %5s%% %10s %5s%%  ",
		    fmt_val(a, fn->v[FG_TOP_FLAT][FG_COL], top->scale, 0),
		    fmt_hund(c, fg_top_pct(fn->v[FG_TOP_FLAT][FG_COL],
		    top->total[FG_COL]), 0),
		    /* |sum| <= total: the running sum fits 64 bits */
		    fmt_hund(d, fg_top_pct((int64_t)sum, top->total[FG_COL]), 0),
		    fmt_val(b, fn->v[FG_TOP_CUM][FG_COL], top->scale, 0),
		    fmt_hund(e, fg_top_pct(fn->v[FG_TOP_CUM][FG_COL],
		    top->total[FG_COL]), 0));
		fwrite(nm->s, 1, nm->len, fp);
		fputc('\n', fp);
	}
}

static void
print_diff(FILE *fp, const struct fg_top *top, const struct fg_trie *t,
    size_t rows, int key)
{
	const struct fg_top_fn *fn;
	const struct fg_name *nm;
	char a[48], b[48], c[48], p1[32], p2[32], p3[32];
	int64_t delta;
	size_t i;

	fprintf(fp, "Showing top %zu of %zu functions by %s share change, "
	    "total before %s, after %s\n", rows, top->n,
	    key == FG_TOP_CUM ? "cum" : "flat",
	    fmt_val(a, top->total[FG_BEFORE], top->scale, 0),
	    fmt_val(b, top->total[FG_COL], top->scale, 0));
	fprintf(fp, "%10s %7s %10s %7s %10s %8s\n", "before", "before%",
	    "after", "after%", "delta", "points");
	for (i = 0; i < rows; i++) {
		fn = &top->fn[i];
		nm = fg_intern_get(&t->names, fn->name);
		/* checked in main */
		delta = fn->v[key][FG_COL] - fn->v[key][FG_BEFORE];
		fprintf(fp, "%10s %6s%% %10s %6s%% %10s %8s  ",
		    fmt_val(a, fn->v[key][FG_BEFORE], top->scale, 0),
		    fmt_hund(p1, fg_top_pct(fn->v[key][FG_BEFORE],
		    top->total[FG_BEFORE]), 0),
		    fmt_val(b, fn->v[key][FG_COL], top->scale, 0),
		    fmt_hund(p2, fg_top_pct(fn->v[key][FG_COL],
		    top->total[FG_COL]), 0),
		    fmt_val(c, delta, top->scale, 1),
		    fmt_hund(p3, fg_top_points(top, fn, key), 1));
		fwrite(nm->s, 1, nm->len, fp);
		fputc('\n', fp);
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "nodecount",	required_argument,	NULL, 'n' },
		{ "sort",	required_argument,	NULL, 's' },
		{ "fail-on-growth", required_argument,	NULL, 'g' },
		{ "json",	no_argument,		NULL, 'j' },
		{ "strict",	no_argument,		NULL, 'S' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct fg_folded f;
	struct fg_trie t;
	struct fg_top top;
	struct fg_ofile o;
	struct fg_err err;
	const struct fg_name *nm;
	const char *out = NULL;
	char sum[256], a[32], b[48];
	int64_t nrows = DEFAULT_ROWS, limit = -1, delta;
	size_t rows, i;
	int ch, key = FG_TOP_FLAT, json = 0, strict = 0, rc = 0, k;

	setprogname(argv[0]);
	fg_longopts_fixup(argc, argv, longopts);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":hn:o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			if (fg_parse_i64(optarg, &nrows) != 0 || nrows < 0)
				die_usage("-n: not a count: %s", optarg);
			break;
		case 's':
			if (strcmp(optarg, "flat") == 0)
				key = FG_TOP_FLAT;
			else if (strcmp(optarg, "cum") == 0)
				key = FG_TOP_CUM;
			else
				die_usage("--sort: flat or cum, not %s", optarg);
			break;
		case 'g':
			if (parse_pct(optarg, &limit) != 0)
				die_usage("--fail-on-growth: not a number of "
				    "points from 0 to 100 (at most 2 decimals): %s",
				    optarg);
			break;
		case 'j':
			json = 1;
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
	for (k = optind, i = 0; k < argc; k++)
		if (strcmp(argv[k], "-") == 0 && i++ > 0)
			die_usage("standard input (-) given twice");

	fg_trie_init(&t);
	fg_folded_init(&f, &t, NULL);
	f.strict = strict;
	k = optind;
	do {
		if (fg_folded_read(&f, k < argc ? argv[k] : "-", &err) != 0)
			die("%s", err.msg);
		fg_folded_summary(&f, sum, sizeof(sum));
		if (sum[0] != '\0')
			warnmsg("%s: %s", f.name, sum);
	} while (++k < argc);
	if (limit >= 0 && !t.diff)
		die_usage("--fail-on-growth needs differential input "
		    "(STACK BEFORE AFTER, e.g. from difffolded)");
	if (fg_top_build(&top, &t, &err) != 0) {
		if (argc - optind <= 1)	/* one input: name it */
			die("%s: %s", fg_inname(optind < argc ? argv[optind] :
			    "-"), err.msg);
		die("%s", err.msg);
	}
	fg_top_sort(&top, &t, key);
	rows = nrows == 0 || (uint64_t)nrows > top.n ? top.n : (size_t)nrows;

	for (i = 0; top.diff && i < rows; i++)
		if (__builtin_sub_overflow(top.fn[i].v[key][FG_COL],
		    top.fn[i].v[key][FG_BEFORE], &delta))
			die("%s: a change overflows 64 bits",
			    fg_intern_get(&t.names, top.fn[i].name)->s);
	if (fg_ofile_open(&o, out, &err) != 0)
		die("%s", err.msg);
	if (json) {
		if (fg_json_top_write(o.fp, &top, &t.names, rows, key, &err) != 0) {
			fg_ofile_abort(&o);
			die("%s: %s", fg_outname(out), err.msg);
		}
	} else if (top.diff)
		print_diff(o.fp, &top, &t, rows, key);
	else
		print_flat(o.fp, &top, &t, rows, key);
	if (fg_ofile_commit(&o, &err) != 0) {
		fg_ofile_abort(&o);
		die("%s", err.msg);
	}

	/* the gate looks at every function, shown or not */
	if (limit >= 0)
		b[fg_fmt_fixed(b, limit, 2)] = '\0';
	for (i = 0; limit >= 0 && i < top.n; i++) {
		if (!fg_top_grew(&top, &top.fn[i], key, limit))
			continue;
		nm = fg_intern_get(&t.names, top.fn[i].name);
		warnmsg("%s grew by %s points (> %s)", nm->s,
		    fmt_hund(a, fg_top_points(&top, &top.fn[i], key), 0), b);
		rc = 3;
	}
	fg_top_free(&top);
	fg_folded_free(&f);
	fg_trie_free(&t);
	if (close_stream(stdout, "<stdout>") != 0)
		return 1;
	return rc;
}
