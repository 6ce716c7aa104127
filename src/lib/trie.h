/* trie.h - merged stacks: one node per distinct root-to-frame path. */
#ifndef FG_TRIE_H
#define FG_TRIE_H

#include <stddef.h>
#include <stdint.h>

#include "intern.h"

/*
 * Two count columns per node.  Column 0 is the value a graph is drawn
 * from: the count of a two-column line, the AFTER count of a
 * differential line.  Column 1 is BEFORE; a two-column line adds its count
 * to both columns, so it shows no change.
 */
enum { FG_COL = 0, FG_BEFORE = 1 };

#define FG_NODE_END	1u	/* a stack ended here (kept even when it sums to 0) */

struct fg_node {
	uint32_t name;		/* interned frame name; the root's is "" (id 0) */
	uint32_t parent;	/* node index; node 0 is the root */
	uint32_t child;		/* first child, 0 = none */
	uint32_t next;		/* next sibling, 0 = none */
	uint32_t flags;		/* FG_NODE_* */
	uint32_t depth;		/* root 0 */
	int64_t	 self[2];	/* samples ending here */
	int64_t	 total[2];	/* self plus descendants (after fg_trie_finish) */
};

struct fg_trie_slot {
	uint32_t parent, name, node;
};

struct fg_trie {
	struct fg_intern names;
	struct fg_node *nodes;
	uint64_t *up;		/* by node: parent << 32 | name, packed for
				   walks towards the root (cache friendly) */
	uint32_t n, cap;
	struct fg_trie_slot *slots;	/* (parent, name) -> node; node 0 = empty */
	uint32_t mask;
	int	 scale;		/* counts are fixed point: value / 10^scale */
	int	 diff;		/* a differential line was added */
	int	 finished;
};

void	fg_trie_init(struct fg_trie *t);
void	fg_trie_free(struct fg_trie *t);

/* The child of parent named name, created if absent. */
uint32_t fg_trie_child(struct fg_trie *t, uint32_t parent, uint32_t name);
/*
 * A new child of parent named name, even if one exists (flame charts keep
 * repeated frames apart); it is not found by fg_trie_child.
 */
uint32_t fg_trie_append(struct fg_trie *t, uint32_t parent, uint32_t name);

/*
 * Add v[0] to column 0 and v[1] to column 1 of node's self counts, where
 * the values have `scale` decimal digits (0..18).  Marks the node as a
 * stack end.  Returns -1 when a sum overflows int64, -2 when the values
 * do not fit int64 at one scale (a count's magnitude with another's
 * decimal places); the counts keep their values.
 */
int	fg_trie_add(struct fg_trie *t, uint32_t node, const int64_t v[2], int scale);

/*
 * Add every stack of src (not finished) to dst, with src's counts and
 * stack ends.  Returns fg_trie_add's -1 or -2 when a count overflows.
 */
int	fg_trie_merge(struct fg_trie *dst, const struct fg_trie *src);

/*
 * Sum totals bottom-up (no sorting).  Returns -1 when a total overflows,
 * -2 when it does at a scale above 0 (the decimal places are the cause).
 */
int	fg_trie_totals(struct fg_trie *t);

/*
 * Sum totals bottom-up and sort siblings by name bytes, so every walk and
 * output is deterministic.  Returns fg_trie_totals' -1 or -2.  No
 * recursion: safe for any depth.
 */
int	fg_trie_finish(struct fg_trie *t);

/* Next node in depth-first pre-order (siblings in name order); 0 = done. */
uint32_t fg_trie_next(const struct fg_trie *t, uint32_t i);
/* Like fg_trie_next, but skipping i's descendants. */
uint32_t fg_trie_skip(const struct fg_trie *t, uint32_t i);

/*
 * The stack ends (FG_NODE_END nodes, also those summing to zero), sorted
 * bytewise by their ';'-joined stack strings.  Returns a malloc'd array;
 * *n gets its length.
 */
uint32_t *fg_trie_sorted_ends(const struct fg_trie *t, size_t *n);

/*
 * The same, sorted as whole output lines "STACK ..." (LC_ALL=C sort
 * order), where a stack is followed by a space: stacks decide, except when
 * one stack ends where the other goes on with a space inside a name; then
 * linecmp(t, a, b, ctx) compares the two nodes' full lines.
 */
uint32_t *fg_trie_sorted_lines(const struct fg_trie *t, size_t *n,
	    int (*linecmp)(const struct fg_trie *, uint32_t, uint32_t, void *),
	    void *ctx);

/*
 * Fill path[0..depth-1] with the names of node's frames, root first
 * (the root itself excluded); path needs t->nodes[node].depth entries.
 */
void	fg_trie_path(const struct fg_trie *t, uint32_t node, uint32_t *path);

/* Does any node have a count below 0 in either column? */
int	fg_trie_has_negative(const struct fg_trie *t);

/* Largest depth of any node. */
uint32_t fg_trie_maxdepth(const struct fg_trie *t);

#endif
