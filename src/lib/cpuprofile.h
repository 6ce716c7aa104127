/* cpuprofile.h - V8 .cpuprofile JSON (node --cpu-prof, Chrome DevTools) to stacks in a trie. */
#ifndef FG_CPUPROFILE_H
#define FG_CPUPROFILE_H

#include <stddef.h>

#include "trie.h"
#include "util.h"

struct fg_cpuprofile_opts {
	int	samples;	/* weight by sample count (or hitCount), not time */
	int	lines;		/* name frames "function url:line" */
	int	noidle;		/* drop the samples on (idle) nodes */
};

/*
 * Parse the .cpuprofile buf[0..len) (name is used in messages) and add
 * each sample's stack, root first, to column FG_COL of t: by default its
 * time in microseconds (the interval up to the next sample in time order;
 * the last sample's up to endTime), with o->samples 1 per sample.  The
 * profile's root node is not a frame.  Names have ';' replaced by ':' and
 * bytes below 0x20 and 0x7f by ' '.  Several profiles may be added to one
 * trie; their values add.
 * Returns 0, or -1 with err set: "NAME:LINE:COLUMN: why" when the JSON does
 * not parse, "NAME: what is wrong" for a profile that is not well formed
 * (a bad id reference, a cycle, a field of the wrong type).  After an
 * error t may hold part of the profile.
 */
int	fg_cpuprofile_fold(struct fg_trie *t, const char *name, const char *buf,
	    size_t len, const struct fg_cpuprofile_opts *o, struct fg_err *err);

#endif
