/* merge.h - the streaming merge of sorted folded inputs (foldmerge --sorted). */
#ifndef FG_MERGE_H
#define FG_MERGE_H

#include <stddef.h>
#include <stdio.h>

#include "folded.h"
#include "util.h"

/*
 * Inputs sorted bytewise by line (as LC_ALL=C sort, foldmerge, pb2folded
 * and difffolded write them) are merged line by line: each stack once,
 * its counts summed exactly, the output sorted the same way.  Memory is
 * a buffer per input and the few stacks whose lines may still come (one
 * or two, unless names hold a blank followed by a digit), whatever the
 * inputs' sizes.  The lines are read with the folded reader's rules
 * (fg_folded_parse): comments, malformed lines, counts.
 */
struct fg_smerge;

/* keepzero: write stacks whose counts sum to zero; strict: malformed is fatal. */
struct fg_smerge *fg_smerge_new(int keepzero, int strict);
void	fg_smerge_free(struct fg_smerge *m);

/*
 * Add an input: path NULL or "-" is standard input (once).  Opens it and
 * reads its first line.  Returns 0, or -1 with err set.
 */
int	fg_smerge_open(struct fg_smerge *m, const char *path, struct fg_err *err);

/*
 * Add an input read from memory (buf must outlive the merge); for tests
 * and fuzzing.
 */
int	fg_smerge_mem(struct fg_smerge *m, const char *name, const char *buf,
	    size_t len, struct fg_err *err);

/*
 * Merge every input into fp.  Output has three columns when the first
 * line of any input has; a two-column line counts in both columns (as
 * flamegraph reads it).  Returns 0, or -1 with err set to "NAME:LINE:
 * why" (a line out of order, a differential line after two-column
 * output began, a count that cannot be held, a malformed line when
 * strict), or -2 with err "write error: why".
 */
int	fg_smerge_run(struct fg_smerge *m, FILE *fp, struct fg_err *err);

/* Inputs added, and input i's folded reader (its name, malformed summary). */
size_t	fg_smerge_count(const struct fg_smerge *m);
const struct fg_folded *fg_smerge_input(const struct fg_smerge *m, size_t i);

#endif
