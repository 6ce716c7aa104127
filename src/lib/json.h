/* json.h - JSON output through jansson (the only file using it is json.c). */
#ifndef FG_JSON_H
#define FG_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "diff.h"
#include "intern.h"
#include "top.h"
#include "trie.h"
#include "util.h"

/*
 * foldtop's table as JSON: the first rows functions of top (sorted by
 * fg_top_sort with key), names from names.  Keys in a fixed order.
 * Counts are JSON integers when the input's counts are, and strings
 * holding the exact decimal ("1.25") otherwise; percentages are numbers
 * with two decimals.  Names that are not UTF-8 get U+FFFD for each bad
 * byte.  Returns 0, or -1 with err set on a write error.
 */
int	fg_json_top_write(FILE *fp, const struct fg_top *top,
	    const struct fg_intern *names, size_t rows, int key, struct fg_err *err);

/*
 * A flame graph as data.  Widths: d->own and d->wid when dv has them
 * (fg_diff_widths), else the trie's column FG_COL (self, total).
 */
struct fg_json_graph {
	const struct fg_trie *trie;	/* finished */
	const struct fg_diff *dv;	/* differential (or signed): NULL = not */
	const char *name;		/* speedscope: the profile's name */
	const char *unit;		/* speedscope: a unit it knows, or "none" */
	const char *exporter;		/* speedscope: "flamekit VERSION" */
};

/*
 * What g cannot be written as (speedscope nonzero: as speedscope): a
 * width below 0, a total of 0, or (speedscope) a signed graph.  Returns 0,
 * or -1 with err set.  The writers check this first too; a caller that
 * checks before opening its output knows any later error is a write error.
 */
int	fg_json_check(const struct fg_json_graph *g, int speedscope,
	    struct fg_err *err);

/*
 * d3-flame-graph's hierarchical JSON: nodes {"name", "value" (the
 * subtree's width), "delta" (differential only: the frame's own change,
 * fg_diff_change), "children" (omitted for leaves)}, the root named
 * "root", children in the trie's order, one node a line.  Written with
 * an explicit walk (no recursion on depth); strings and numbers are
 * encoded by jansson, names that are not UTF-8 get U+FFFD for each bad
 * byte.  Counts are integers, or reals when the input had decimals.
 * Returns 0, or -1 with err set: a width below 0, a total of 0, a write
 * error (the output may then be partly written).
 */
int	fg_json_d3_write(FILE *fp, const struct fg_json_graph *g,
	    struct fg_err *err);

/*
 * speedscope's file format: one "sampled" profile whose samples are the
 * stacks with a width of their own (own > 0), in the trie's depth-first
 * order, as arrays of indexes into shared.frames (root first); frames
 * are numbered at first use; weights are the own widths, endValue their
 * sum.  Streamed like fg_json_d3_write; the same errors, and a signed
 * graph is refused (speedscope's weights are never negative).
 */
int	fg_json_speedscope_write(FILE *fp, const struct fg_json_graph *g,
	    struct fg_err *err);

/*
 * The speedscope unit a count name stands for: nanoseconds (also ns,
 * nanosecond), microseconds (us, microsecond), milliseconds (ms,
 * millisecond), seconds (s, sec, secs, second), bytes (byte), in any
 * case; "none" for anything else.
 */
const char *fg_json_unit(const char *countname);

#endif
