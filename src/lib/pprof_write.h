/* pprof_write.h - merged stacks out as a pprof profile.proto (gzip). */
#ifndef FG_PPROF_WRITE_H
#define FG_PPROF_WRITE_H

#include <stdio.h>

#include "trie.h"
#include "util.h"

struct fg_pprof_wopts {
	const char *type;	/* the sample type, e.g. "samples" */
	const char *unit;	/* its unit, e.g. "count" */
	int	 level;		/* gzip level 1..9, 0 = store, -1 = no gzip */
};

#define FG_PPROF_WOPTS_INIT { "samples", "count", 6 }

/*
 * Write the stacks of t (column 0) to fp as one profile.proto message:
 * one Function (named after the frame) and one Location (one Line) per
 * distinct frame name, both with id = name id + 1; one Sample per stack
 * end, locations leaf first, a single value; stack ends that sum to zero
 * are written too.  Samples come in bytewise stack order, so the output
 * depends only on the set of stacks.  Counts must be integers
 * (t->scale == 0) and t must hold one column (t->diff == 0).  Returns 0,
 * or -1 with err set ("write error: ..." and the like, no file name).
 */
int	fg_pprof_write(const struct fg_trie *t, const struct fg_pprof_wopts *o,
	    FILE *fp, struct fg_err *err);

#endif
