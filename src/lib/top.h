/* top.h - the hottest functions of a merged profile: foldtop's table. */
#ifndef FG_TOP_H
#define FG_TOP_H

#include <stddef.h>
#include <stdint.h>

#include "trie.h"
#include "util.h"

enum { FG_TOP_FLAT, FG_TOP_CUM };

/*
 * One function: the frames of one name.  Columns are the trie's: FG_COL
 * (the count, or AFTER) and FG_BEFORE.  flat = the counts of the stacks
 * ending in the function; cum = the counts of the stacks containing it,
 * each stack counted once however often the function recurses in it.
 */
struct fg_top_fn {
	uint32_t name;		/* interned in the trie's names */
	int64_t	 v[2][2];	/* v[FG_TOP_FLAT or FG_TOP_CUM][column] */
};

struct fg_top {
	struct fg_top_fn *fn;	/* functions with a non-zero value */
	size_t	 n;
	int64_t	 total[2];	/* by column: sum of |count| over stacks, as
				   pprof totals samples (so a diff of two
				   profiles still has a positive total) */
	int	 scale;		/* values are fixed point: v / 10^scale */
	int	 diff;		/* the input had differential lines */
};

/*
 * Build the table from a trie (fg_trie_finish is not needed), in two
 * iterative passes over its nodes.  Returns 0, or -1 with err set when a
 * sum overflows 64 bits.
 */
int	fg_top_build(struct fg_top *top, const struct fg_trie *t,
	    struct fg_err *err);
void	fg_top_free(struct fg_top *top);

/*
 * Sort by key (FG_TOP_FLAT or FG_TOP_CUM).  Without differential input:
 * largest |value| first, as pprof does.  With it: largest growth of the
 * share of the total first (fg_top_points).  Ties go by name, bytewise.
 */
void	fg_top_sort(struct fg_top *top, const struct fg_trie *t, int key);

/* v as a percentage of total in hundredths, rounded half away from zero. */
int64_t	fg_top_pct(int64_t v, int64_t total);

/*
 * The change of fn's share of the total between BEFORE and AFTER in
 * hundredths of a percentage point (share_after - share_before), rounded
 * half away from zero.
 */
int64_t	fg_top_points(const struct fg_top *top, const struct fg_top_fn *fn,
	    int key);

/*
 * 1 when fn's share grew by more than limit hundredths of a point,
 * compared exactly (limit 0..10000).
 */
int	fg_top_grew(const struct fg_top *top, const struct fg_top_fn *fn, int key,
	    int64_t limit);

#endif
