/* flamegraph.c - folded stacks drawn as a flame graph: SVG, PNG, PDF, JSON. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "chart.h"
#include "diff.h"
#include "folded.h"
#include "graph.h"
#include "json.h"
#include "layout.h"
#include "palette.h"
#include "render.h"
#include "svg.h"
#include "util.h"

enum {
	O_TITLE = 256, O_SUBTITLE, O_WIDTH, O_HEIGHT, O_MINWIDTH, O_FONTTYPE,
	O_FONTSIZE, O_FONTWIDTH, O_COUNTNAME, O_NAMETYPE, O_COLORS, O_BGCOLORS,
	O_HASH, O_RANDOM, O_CP, O_REVERSE, O_INVERTED, O_FLAMECHART, O_NEGATE,
	O_NOTES, O_TOTAL, O_FACTOR, O_STRICT, O_TRUNCATE, O_SEARCH, O_DARK,
	O_VERSION, O_DIFFCOLOR, O_DIFFWIDTH, O_DIFFTHRESHOLD, O_DIFFNORMALIZE
};

static const struct option longopts[] = {
	{ "title",	required_argument, NULL, O_TITLE },
	{ "subtitle",	required_argument, NULL, O_SUBTITLE },
	{ "width",	required_argument, NULL, O_WIDTH },
	{ "height",	required_argument, NULL, O_HEIGHT },
	{ "minwidth",	required_argument, NULL, O_MINWIDTH },
	{ "fonttype",	required_argument, NULL, O_FONTTYPE },
	{ "fontsize",	required_argument, NULL, O_FONTSIZE },
	{ "fontwidth",	required_argument, NULL, O_FONTWIDTH },
	{ "countname",	required_argument, NULL, O_COUNTNAME },
	{ "nametype",	required_argument, NULL, O_NAMETYPE },
	{ "colors",	required_argument, NULL, O_COLORS },
	{ "bgcolors",	required_argument, NULL, O_BGCOLORS },
	{ "hash",	no_argument,	   NULL, O_HASH },
	{ "random",	no_argument,	   NULL, O_RANDOM },
	{ "cp",		no_argument,	   NULL, O_CP },
	{ "reverse",	no_argument,	   NULL, O_REVERSE },
	{ "inverted",	no_argument,	   NULL, O_INVERTED },
	{ "flamechart",	no_argument,	   NULL, O_FLAMECHART },
	{ "negate",	no_argument,	   NULL, O_NEGATE },
	{ "notes",	required_argument, NULL, O_NOTES },
	{ "total",	required_argument, NULL, O_TOTAL },
	{ "factor",	required_argument, NULL, O_FACTOR },
	{ "strict",	no_argument,	   NULL, O_STRICT },
	{ "truncate",	required_argument, NULL, O_TRUNCATE },
	{ "search",	required_argument, NULL, O_SEARCH },
	{ "dark",	no_argument,	   NULL, O_DARK },
	{ "diff-color",	required_argument, NULL, O_DIFFCOLOR },
	{ "diff-width",	required_argument, NULL, O_DIFFWIDTH },
	{ "diff-threshold", required_argument, NULL, O_DIFFTHRESHOLD },
	{ "diff-normalize", no_argument,   NULL, O_DIFFNORMALIZE },
	{ "output",	required_argument, NULL, 'o' },
	{ "format",	required_argument, NULL, 'f' },
	{ "help",	no_argument,	   NULL, 'h' },
	{ "version",	no_argument,	   NULL, O_VERSION },
	{ NULL, 0, NULL, 0 }
};

static _Noreturn void
usage(void)
{
	printf("usage: %s [options] [file ...]\n"
	    "Draw folded stacks (\"a;b;c COUNT\", or \"STACK BEFORE AFTER\"\n"
	    "for a differential graph) as a flame graph, as flamegraph.pl does.\n"
	    "\n"
	    "  -o, --output FILE  write FILE (format from .svg .png .pdf\n"
	    "                     .json .speedscope.json)\n"
	    "  -f, --format FMT   svg (default), png, pdf, json\n"
	    "                     (d3-flame-graph) or speedscope\n"
	    "  --title TEXT       heading (Flame Graph, Icicle Graph, ...)\n"
	    "  --subtitle TEXT    second heading\n"
	    "  --width N          image width in pixels (1200)\n"
	    "  --height N         frame height in pixels (16)\n"
	    "  --minwidth N[%%]    omit frames under N px or N%% (0.1)\n"
	    "  --fonttype FONT    font family (Verdana)\n"
	    "  --fontsize N       font size (12)\n"
	    "  --fontwidth N      average glyph width / font size (0.59)\n"
	    "  --countname TEXT   count unit in tooltips (samples)\n"
	    "  --nametype TEXT    details line prefix (Function:)\n"
	    "  --colors PALETTE   hot (default), mem, io, wakeup, chain,\n"
	    "                     java, js, perl, red, green, blue, aqua,\n"
	    "                     yellow, purple, orange\n"
	    "  --bgcolors COLOR   yellow, blue, green, grey or #rrggbb\n"
	    "  --hash             colours from a hash of the name\n"
	    "  --random           random colours (differ between runs)\n"
	    "  --cp               consistent palette: ./palette.map\n"
	    "  --reverse          reverse every stack (leaf becomes root)\n"
	    "  --inverted         icicle graph: root at the top\n"
	    "  --flamechart       input order; only adjacent stacks merge\n"
	    "  --notes TEXT       text for the NOTES comment\n"
	    "  --total N          a larger total: frames cover less\n"
	    "  --factor F         multiply the counts shown in tooltips\n"
	    "  --truncate SIDE    cut long labels on the right or left\n"
	    "  --search REGEX     open with this search applied\n"
	    "  --dark             dark background, light headings\n"
	    "  --strict           the first malformed line is an error\n"
	    "  -h, --help         this help\n"
	    "  --version          the version\n"
	    "Differential graphs (\"STACK BEFORE AFTER\" lines, or counts\n"
	    "below 0: a signed change, drawn by its magnitude):\n"
	    "  --diff-width SIDE  widths from after (default), before, or\n"
	    "                     max: the larger side per frame, so\n"
	    "                     removed code stays visible\n"
	    "  --diff-color WHAT  colour by the frame's self change\n"
	    "                     (default) or its subtree's: total\n"
	    "  --diff-threshold PCT  changes under PCT%% of the total\n"
	    "                     stay white (0)\n"
	    "  -n, --diff-normalize  scale BEFORE to AFTER's total first\n"
	    "  --negate           read the columns as AFTER BEFORE: swap\n"
	    "                     colours, signs, new and gone\n"
	    "JSON (json, speedscope) is data: it uses --reverse, --colors\n"
	    "chain, --diff-width, --negate, -n, --strict; speedscope also\n"
	    "--title (profile name) and --countname (unit: ns, us, ms, s,\n"
	    "bytes or none); the other options are ignored.  Not with\n"
	    "--flamechart.  Signed input cannot be speedscope weights.\n"
	    "Long options also work with one dash (-width 800).\n",
	    progname);
	exit(close_stream(stdout, "<stdout>"));
}

/*
 * Getopt::Long, which flamegraph.pl uses, ignores case and takes any
 * unique prefix, also after one dash: "-Color java", "-w 800".  Rewrite
 * such words to the long option's full name before getopt_long (this
 * does what fg_longopts_fixup does, but leaves option values alone).
 */
static void
perlish(int argc, char **argv)
{
	const struct option *o, *hit;
	char *s, *eq, *nw;
	size_t len;
	int a, nhit;

	for (a = 1; a < argc; a++) {
		s = argv[a];
		if (strcmp(s, "--") == 0)
			break;
		if (s[0] != '-' || s[1] == '\0')
			continue;
		s += s[1] == '-' ? 2 : 1;
		/* our short options stay; -o FILE and -f FMT skip their value */
		if (s == argv[a] + 1 && strcmp(s, "n") == 0)
			continue;
		if (s == argv[a] + 1 && strchr("ofh", s[0]) != NULL) {
			if (s[0] != 'h' && s[1] == '\0')
				a++;
			continue;
		}
		eq = strchr(s, '=');
		len = eq != NULL ? (size_t)(eq - s) : strlen(s);
		if (len == 0)
			continue;
		hit = NULL;
		nhit = 0;
		for (o = longopts; o->name != NULL; o++) {
			if (strncasecmp(o->name, s, len) != 0)
				continue;
			if (strlen(o->name) == len) {	/* exact: no ambiguity */
				hit = o;
				nhit = 1;
				break;
			}
			hit = o;
			nhit++;
		}
		if (nhit > 1) {
			char names[256] = "";

			for (o = longopts; o->name != NULL; o++)
				if (strncasecmp(o->name, s, len) == 0 &&
				    strlen(names) + strlen(o->name) + 3 <
				    sizeof(names)) {
					if (names[0] != '\0')
						strcat(names, ", ");
					strcat(names, o->name);
				}
			die_usage("%.*s: ambiguous option (%s)",
			    (int)(s + len - argv[a]), argv[a], names);
		}
		if (nhit == 0)
			continue;
		nw = xmalloc(strlen(hit->name) + strlen(s + len) + 3);
		strcpy(nw, "--");
		strcat(nw, hit->name);
		strcat(nw, s + len);
		argv[a] = nw;	/* lives as long as the program */
		/* a value in the next word is not an option: --title -x */
		if (hit->has_arg == required_argument && eq == NULL)
			a++;
	}
}

static double
number(const char *opt, const char *s, double lo, double hi, int integer)
{
	double v;
	int64_t i;

	if (integer ? fg_parse_i64(s, &i) != 0 : fg_parse_double(s, &v) != 0)
		die_usage("--%s: not a number: %s", opt, s);
	if (integer)
		v = (double)i;
	if (!(v >= lo && v <= hi))
		die_usage("--%s: %s is out of range", opt, s);
	return v;
}

static int
format_of(const char *s, int byext)
{
	static const char ssj[] = ".speedscope.json";
	size_t n = strlen(s);
	const char *e = s;

	if (byext) {
		if (n >= sizeof(ssj) - 1 &&
		    strcasecmp(s + n - (sizeof(ssj) - 1), ssj) == 0)
			return FG_FMT_SPEEDSCOPE;
		e = strrchr(s, '.');
		if (e == NULL || strchr(e, '/') != NULL)
			return FG_FMT_SVG;
		e++;
	}
	if (strcasecmp(e, "svg") == 0)
		return FG_FMT_SVG;
	if (strcasecmp(e, "png") == 0)
		return FG_FMT_PNG;
	if (strcasecmp(e, "pdf") == 0)
		return FG_FMT_PDF;
	if (strcasecmp(e, "json") == 0)
		return FG_FMT_JSON;
	if (!byext && strcasecmp(e, "speedscope") == 0)
		return FG_FMT_SPEEDSCOPE;
	if (byext)
		return FG_FMT_SVG;
	die_usage("-f: unknown format: %s (svg, png, pdf, json or speedscope)",
	    s);
}

/* The last component of a path ("" when it ends in '/'). */
static const char *
basename_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/* The one input named in messages about what was read ("<stdin>"), or NULL. */
static const char *dataname;

/* A problem with the data read: "flamegraph: FILE: what" for one input. */
static _Noreturn void
die_data(const char *msg)
{
	if (dataname != NULL)
		die("%s: %s", dataname, msg);
	die("%s", msg);
}

/* The graph as JSON for d3-flame-graph or speedscope, to out. */
static void
write_json(int fmt, const struct fg_json_graph *jg, const char *out)
{
	struct fg_ofile of;
	struct fg_err err;
	int rc;

	if (fg_json_check(jg, fmt == FG_FMT_SPEEDSCOPE, &err) != 0)
		die_data(err.msg);	/* what the data cannot be */
	if (fg_ofile_open(&of, out, &err) != 0)
		die("%s", err.msg);
	rc = fmt == FG_FMT_JSON ? fg_json_d3_write(of.fp, jg, &err) :
	    fg_json_speedscope_write(of.fp, jg, &err);
	if (rc != 0) {
		fg_ofile_abort(&of);
		die("%s: %s", fg_outname(out), err.msg);
	}
	if (fg_ofile_commit(&of, &err) != 0)
		die("%s", err.msg);
}

struct reader {
	struct fg_folded *f;
	struct fg_chart *chart;	/* --flamechart */
};

/* --flamechart: every line, in input order */
static void
added(void *arg, uint32_t node, const int64_t v[2], int scale)
{
	struct reader *r = arg;

	fg_chart_add(r->chart, r->f->trie, node, v, scale);
}

int
main(int argc, char *argv[])
{
	struct fg_layout_opts lo = {
		1200, 16, 12, 0.1, 0, 0, 0, 0, FG_COL, NULL, NULL, NULL
	};
	struct fg_diff dv = { 0 };
	struct fg_graph g;
	struct fg_trie t, chained, *use = &t;
	struct fg_folded f;
	struct fg_chart chart;
	struct fg_palette pal;
	struct fg_palmap map;
	struct fg_ofile of;
	struct fg_err err;
	struct reader rd = { 0 };
	const char *out = NULL, *colors = "hot", *bgcolors = NULL;
	const char *title = "", *subtitle = "", *fmtarg = NULL;
	char summary[512], *s;
	int ch, fmt, hash = 0, rnd = 0, cp = 0, reverse = 0, flamechart = 0;
	int strict = 0, normalize = 0, json, p, rc;
	struct fg_json_graph jg = { 0 };
	uint32_t i;
	double div = 1, sum;
	uint64_t seed;

	setprogname(argv[0]);
	memset(&g, 0, sizeof(g));
	g.notes = "";
	g.countname = "samples";
	g.nametype = "Function:";
	g.fonttype = "Verdana";
	g.fontsize = 12;
	g.fontwidth = 0.59;
	g.factor = 1;
	perlish(argc, argv);	/* fg_longopts_fixup's work, and more */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":ho:f:n", longopts, NULL)) != -1) {
		switch (ch) {
		case O_TITLE:
			title = optarg;
			break;
		case O_SUBTITLE:
			subtitle = optarg;
			break;
		case O_WIDTH:
			lo.imagewidth = number("width", optarg, 21, 1e6, 1);
			break;
		case O_HEIGHT:
			lo.frameheight = number("height", optarg, 1, 1e4, 1);
			break;
		case O_MINWIDTH:
			s = xstrdup(optarg);
			lo.minwidth_pct = *s != '\0' && s[strlen(s) - 1] == '%';
			if (lo.minwidth_pct)
				s[strlen(s) - 1] = '\0';
			lo.minwidth = number("minwidth", s, 0, 1e15, 0);
			free(s);
			break;
		case O_FONTTYPE:
			g.fonttype = optarg;
			break;
		case O_FONTSIZE:
			g.fontsize = number("fontsize", optarg, 0.01, 1000, 0);
			break;
		case O_FONTWIDTH:
			g.fontwidth = number("fontwidth", optarg, 0.01, 100, 0);
			break;
		case O_COUNTNAME:
			g.countname = optarg;
			break;
		case O_NAMETYPE:
			g.nametype = optarg;
			break;
		case O_COLORS:
			colors = optarg;
			break;
		case O_BGCOLORS:
			bgcolors = optarg;
			break;
		case O_HASH:
			hash = 1;
			break;
		case O_RANDOM:
			rnd = 1;
			break;
		case O_CP:
			cp = 1;
			break;
		case O_REVERSE:
			reverse = 1;
			break;
		case O_INVERTED:
			g.inverted = 1;
			break;
		case O_FLAMECHART:
			flamechart = 1;
			break;
		case O_NEGATE:
			g.negate = 1;
			break;
		case O_NOTES:
			g.notes = optarg;
			break;
		case O_TOTAL:
			lo.total = number("total", optarg, 0, 1e300, 0);
			break;
		case O_FACTOR:
			g.factor = number("factor", optarg, 1e-300, 1e300, 0);
			break;
		case O_STRICT:
			strict = 1;
			break;
		case O_TRUNCATE:
			if (strcmp(optarg, "left") == 0)
				g.truncate = FG_TRUNC_LEFT;
			else if (strcmp(optarg, "right") == 0)
				g.truncate = FG_TRUNC_RIGHT;
			else
				die_usage("--truncate: left or right, not %s",
				    optarg);
			break;
		case O_SEARCH:
			g.search = optarg;
			break;
		case O_DARK:
			g.dark = 1;
			break;
		case O_DIFFCOLOR:
			if (strcmp(optarg, "self") == 0)
				dv.color = FG_DC_SELF;
			else if (strcmp(optarg, "total") == 0)
				dv.color = FG_DC_TOTAL;
			else
				die_usage("--diff-color: self or total, not %s",
				    optarg);
			break;
		case O_DIFFWIDTH:
			if (strcmp(optarg, "after") == 0)
				dv.width = FG_DW_AFTER;
			else if (strcmp(optarg, "before") == 0)
				dv.width = FG_DW_BEFORE;
			else if (strcmp(optarg, "max") == 0)
				dv.width = FG_DW_MAX;
			else
				die_usage("--diff-width: after, before or max, "
				    "not %s", optarg);
			break;
		case O_DIFFTHRESHOLD:
			dv.threshold = number("diff-threshold", optarg, 0, 100,
			    0);
			break;
		case 'n':
		case O_DIFFNORMALIZE:
			normalize = 1;
			break;
		case 'o':
			out = optarg;
			break;
		case 'f':
			fmtarg = optarg;
			break;
		case 'h':
			usage();
		case O_VERSION:
			printf("flamegraph (flamekit) %s\n", FG_VERSION);
			return close_stream(stdout, "<stdout>");
		default:
			die_badopt(ch, argv);
		}
	}
	if ((p = fg_palette_parse(colors)) < 0)
		die_usage("--colors: unknown palette %s (%s)", colors,
		    fg_palette_names);
	if (fg_palette_bg(bgcolors, p, &g.bg1, &g.bg2) != 0)
		die_usage("--bgcolors: unknown %s "
		    "(yellow, blue, green, grey or #rrggbb)", bgcolors);
	if (g.dark) {
		if (bgcolors == NULL || *bgcolors == '\0') {
			g.bg1 = (struct fg_rgb){ 0x20, 0x20, 0x24 };
			g.bg2 = (struct fg_rgb){ 0x38, 0x38, 0x40 };
		}
		g.textcolor = (struct fg_rgb){ 0xdd, 0xdd, 0xdd };
	}
	fmt = fmtarg != NULL ? format_of(fmtarg, 0) :
	    out != NULL ? format_of(out, 1) : FG_FMT_SVG;
	json = fmt == FG_FMT_JSON || fmt == FG_FMT_SPEEDSCOPE;
	if (json && flamechart)
		die_usage("--flamechart: not with %s output (JSON holds "
		    "merged stacks)", fmt == FG_FMT_JSON ? "json" : "speedscope");
	if (fmt != FG_FMT_SVG && !json && fg_is_terminal(out))
		die_usage("not writing %s to a terminal: "
		    "use -o FILE or a redirection",
		    fmt == FG_FMT_PNG ? "PNG" : "PDF");
	/* speedscope's profile: --title, or the one input file's name */
	jg.name = *title != '\0' ? title : optind + 1 == argc &&
	    strcmp(argv[optind], "-") != 0 &&
	    *basename_of(argv[optind]) != '\0' ? basename_of(argv[optind]) :
	    "Flame Graph";
	jg.unit = fg_json_unit(g.countname);
	jg.exporter = "flamekit " FG_VERSION;
	if (*title == '\0')
		title = flamechart ? "Flame Chart" :
		    g.inverted ? "Icicle Graph" : "Flame Graph";
	g.title = title;
	g.subtitle = *subtitle != '\0' ? subtitle : NULL;
	lo.subtitle = g.subtitle != NULL;
	lo.inverted = g.inverted;
	lo.fontsize = g.fontsize;

	/* read: stream every file into the trie (and the chart) */
	fg_trie_init(&t);
	fg_folded_init(&f, &t, NULL);
	f.reverse = reverse;
	f.strict = strict;
	rd.f = &f;
	if (flamechart) {
		/* only a flame chart needs each line (and one thread) */
		fg_chart_init(&chart);
		chart.chain = p == FG_PAL_CHAIN;
		rd.chart = &chart;
		f.added = added;
		f.arg = &rd;
	}
	for (i = optind; i < (uint32_t)argc || i == (uint32_t)optind; i++) {
		const char *path = i < (uint32_t)argc ? argv[i] : "-";

		if (fg_folded_read(&f, path, &err) != 0)
			die("%s", err.msg);
		fg_folded_summary(&f, summary, sizeof(summary));
		if (summary[0] != '\0')
			warnmsg("%s: %s", fg_inname(path), summary);
	}
	if (argc - optind <= 1)
		dataname = fg_inname(optind < argc ? argv[optind] : "-");
	if (f.nlines == 0)
		die_data("no stacks in the input");

	/*
	 * A two-column input with a count below 0 (pb2folded --base) is a
	 * signed change: drawn as a differential graph, widths from the
	 * magnitudes.
	 */
	dv.sign = !t.diff && fg_trie_has_negative(&t);
	dv.negate = g.negate;

	/* arrange: chain rewriting, flame chart order or a sorted merge */
	if (flamechart)
		use = &chart.trie;
	else if (p == FG_PAL_CHAIN) {
		fg_trie_init(&chained);
		if (fg_chain_trie(&chained, &t, &err) != 0)
			die_data(err.msg);
		use = &chained;
	}
	if (normalize && (!t.diff || dv.sign))
		warnmsg("--diff-normalize: no BEFORE column in the input: "
		    "ignored");
	else if (normalize) {
		if ((rc = fg_diff_normalize(use, &err)) < 0)
			die_data(err.msg);
		if (rc == 1)
			warnmsg("--diff-normalize: BEFORE has a total of 0: "
			    "not normalized");
	}
	if (flamechart) {
		chart.trie.diff = t.diff;
		if (fg_chart_finish(&chart, &err) != 0)
			die_data(err.msg);
		lo.lead = chart.lead;
	} else if ((rc = fg_trie_finish(use)) != 0)
		die_data(fg_folded_addwhy(rc));
	g.trie = use;
	g.diff = use->diff || dv.sign;
	if (g.diff) {
		if (fg_diff_widths(&dv, use, &err) != 0)
			die_data(err.msg);
		lo.own = dv.own;
		lo.wid = dv.wid;
		g.dv = &dv;
	}
	if (json) {
		jg.trie = use;
		jg.dv = g.diff ? &dv : NULL;
		write_json(fmt, &jg, out);
		goto done;
	}
	for (rc = 0; rc < use->scale; rc++)
		div *= 10;
	sum = (double)(lo.wid != NULL ? lo.wid[0] :
	    use->nodes[0].total[FG_COL]) / div;
	if (lo.total > 0 && lo.total < sum)
		warnmsg("--total %.15g is less than the total count, "
		    "%.15g: ignored", lo.total, sum);
	if (fg_layout(&g.layout, use, &lo, &err) != 0)
		die_data(err.msg);
	/* changes are percentages of the larger profile (or of --total) */
	if (g.diff) {
		const struct fg_node *r = &use->nodes[0];

		g.difftotal = dv.sign ? (double)dv.wid[0] / div :
		    (double)(r->total[0] > r->total[1] ? r->total[0] :
		    r->total[1]) / div;
		if (lo.total > g.difftotal)
			g.difftotal = lo.total;
	}

	/* colour */
	seed = (uint64_t)time(NULL) << 20 ^ (uint64_t)getpid();
	fg_palette_init(&pal, p, rnd ? FG_COLOR_RANDOM : hash ? FG_COLOR_HASH :
	    FG_COLOR_NAME, rnd ? seed : 0);
	if (cp) {
		char *buf;
		size_t len;

		fg_palmap_init(&map);
		if (access("palette.map", F_OK) == 0) {
			if (fg_read_file("palette.map", &buf, &len, &err))
				die("%s", err.msg);
			fg_palmap_parse(&map, buf, len);
			free(buf);
			if (map.nbad > 0)
				warnmsg("palette.map: skipped %llu malformed "
				    "line%s (first: line %llu: not "
				    "NAME->rgb(R,G,B)); %s dropped from the map "
				    "written back", map.nbad,
				    map.nbad == 1 ? "" : "s", map.badline,
				    map.nbad == 1 ? "it is" : "they are");
		}
	}
	fg_graph_fill(&g, &pal, cp ? &map : NULL);

	/* write: nothing is left behind when this fails */
	if (fg_ofile_open(&of, out, &err) != 0)
		die("%s", err.msg);
	if (fmt != FG_FMT_SVG)
		rc = fg_render(&g, fmt, of.fp, &err);
	else
		rc = fg_svg_write(&g, of.fp, &err);
	if (rc != 0) {
		fg_ofile_abort(&of);
		die("%s: %s", fg_outname(out), err.msg);
	}
	if (fg_ofile_commit(&of, &err) != 0)
		die("%s", err.msg);
	if (cp) {
		if (fg_ofile_open(&of, "palette.map", &err) != 0)
			die("%s", err.msg);
		if (fg_palmap_write(&map, of.fp, &err) != 0) {
			fg_ofile_abort(&of);
			die("palette.map: %s", err.msg);
		}
		if (fg_ofile_commit(&of, &err) != 0)
			die("%s", err.msg);
		fg_palmap_free(&map);
	}

	fg_palette_free(&pal);
	free(g.fill);
	fg_layout_free(&g.layout);
done:
	fg_diff_free(&dv);
	if (flamechart)
		fg_chart_free(&chart);
	if (use == &chained)
		fg_trie_free(&chained);
	fg_folded_free(&f);
	fg_trie_free(&t);
	return close_stream(stdout, "<stdout>");
}
