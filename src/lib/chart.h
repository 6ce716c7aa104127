/* chart.h - stacks rearranged before layout: flame chart order, --colors chain rewriting. */
#ifndef FG_CHART_H
#define FG_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "trie.h"
#include "util.h"

/*
 * A flame chart (flamegraph.pl --flamechart): stacks keep their input
 * order and only adjacent lines share frames, the frames their stacks
 * have in common from the root.  Fed each line's end node in a merged
 * trie (fg_folded's added hook), it builds its own trie whose siblings
 * stay in input order, and lead[]: a frame's own count sits where its
 * lines came, between its children, so lead[i] is the count of node i's
 * parent that came after i's previous sibling (fg_layout_opts.lead).
 */
struct fg_chart {
	struct fg_trie trie;	/* the chart; finished by fg_chart_finish */
	int	 chain;		/* apply fg_palette_chain to every stack */
	uint32_t *idmap;	/* source name id -> chart name id + 1 */
	size_t	 idcap;
	uint32_t *prev, *open;	/* previous stack: chart names and nodes */
	size_t	 nprev;
	uint32_t *path, *tmp;	/* this stack */
	size_t	 cap;
	struct fg_buf buf;
	int64_t	*lead;		/* by chart node, in the chart's scale */
	int64_t	*pending;	/* own count since the node's last child */
	uint32_t lcap;
	int	 overflow;	/* a count overflowed */
};

void	fg_chart_init(struct fg_chart *c);
void	fg_chart_free(struct fg_chart *c);
/* Add one line: node is its end in src, v and scale as fg_trie_add takes them. */
void	fg_chart_add(struct fg_chart *c, const struct fg_trie *src, uint32_t node,
	    const int64_t v[2], int scale);
/* Sum the totals, keep input order; -1 with err set on overflow. */
int	fg_chart_finish(struct fg_chart *c, struct fg_err *err);

/*
 * Rebuild the stacks of src (not necessarily finished) into dst (freshly
 * initialised) with --colors chain's rewriting (fg_palette_chain).
 * Returns 0, or -1 with err set on overflow.
 */
int	fg_chain_trie(struct fg_trie *dst, struct fg_trie *src, struct fg_err *err);

#endif
