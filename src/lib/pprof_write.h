/* pprof_write.h - merged stacks out as a pprof profile.proto (gzip). */
#ifndef FG_PPROF_WRITE_H
#define FG_PPROF_WRITE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "trie.h"
#include "util.h"

struct fg_pprof_wopts {
	const char *type;	/* the sample type, e.g. "samples" */
	const char *unit;	/* its unit, e.g. "count" */
	int	 level;		/* gzip level 1..9, 0 = store, -1 = no gzip */
};

#define FG_PPROF_WOPTS_INIT { "samples", "count", 6 }

/* A sample to write: a stack (its end node in the trie) and a value. */
struct fg_pprof_sample {
	uint32_t node;
	int64_t	 value;
};

/* Samples gathered one per folded line (see fg_pprof_samples_add). */
struct fg_pprof_samples {
	struct fg_pprof_sample *s;
	size_t	 n, cap;
};

/*
 * An fg_folded `added` hook, arg a struct fg_pprof_samples: keeps every
 * line as a sample of its own (column 0), as in a profile before merging.
 * The caller frees ->s.
 */
void	fg_pprof_samples_add(void *arg, uint32_t node, const int64_t v[2],
	    int scale);

/*
 * Write the stacks of t to fp as one profile.proto message with one
 * sample type, o->type in o->unit: one Function per distinct function
 * name and one Location per distinct chain of Lines, numbered in order of
 * first use, and the samples s[0..ns), their locations leaf first, one
 * value each, in the order given.  A frame named "F_[i]" below the root
 * is an inlined Line of function F in its caller's Location (Lines
 * innermost first, the caller last); at the root it is a plain frame of
 * that name.  With s NULL, one sample per stack end of t (column 0, also
 * those summing to zero) in bytewise stack order, so the output depends
 * only on the merged stacks.  Counts must be integers (t->scale == 0) and
 * t must hold one column (t->diff == 0).  Returns 0, or -1 with err set
 * ("write error: ..." and the like, no file name).
 */
int	fg_pprof_write(const struct fg_trie *t, const struct fg_pprof_sample *s,
	    size_t ns, const struct fg_pprof_wopts *o, FILE *fp,
	    struct fg_err *err);

#endif
