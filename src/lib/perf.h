/* perf.h - `perf script` text to folded stacks, with stackcollapse-perf.pl's rules. */
#ifndef FG_PERF_H
#define FG_PERF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util.h"

/* stackcollapse-perf.pl's options of the same names. */
struct fg_perf_opts {
	int	 pid;		/* root frame "comm-PID" */
	int	 tid;		/* "comm-PID/TID" (wins over pid) */
	int	 kernel;	/* append "_[k]" to kernel frames */
	int	 jit;		/* append "_[j]" to frames from /tmp/perf-PID.map */
	int	 addrs;		/* "[dso <addr>]" for frames without a symbol */
	int	 srcline;	/* each function is followed by its source line
				   (perf script -F+srcline): "func:file.c:12" */
	const char *event;	/* keep only this event; NULL or "": the first seen */
};

struct fg_perf;

/* A parser with the options copied; never NULL. */
struct fg_perf *fg_perf_new(const struct fg_perf_opts *o);
void	fg_perf_free(struct fg_perf *p);

/*
 * Start the next input (name is kept, for messages): line numbers and the
 * unrecognised-line summary restart, but a sample not yet ended by a
 * blank line carries on into it, as in Perl's <> over several files.
 */
void	fg_perf_newfile(struct fg_perf *p, const char *name);

/*
 * Parse buf[0..len), split anywhere (a line may span calls).  Returns 0,
 * or -1 with err set to "NAME:LINE: why" for a line longer than
 * FG_PERF_MAX_LINE or a stack longer than FG_PERF_MAX_STACK bytes.
 */
#define FG_PERF_MAX_LINE	((size_t)256 << 20)
#define FG_PERF_MAX_STACK	((size_t)1 << 30)
int	fg_perf_feed(struct fg_perf *p, const char *buf, size_t len,
	    struct fg_err *err);
/* The end of the current input: parses a last line that has no '\n'. */
int	fg_perf_endfile(struct fg_perf *p, struct fg_err *err);

/*
 * Lines of the current input that are neither a comment, a blank line, a
 * sample's first line nor a frame (the Perl's "Unrecognized line"): how
 * many, and the number of the first.
 */
void	fg_perf_unrecognised(const struct fg_perf *p, uint64_t *n,
	    uint64_t *first);

/*
 * Without opts.event, the first event type seen is kept.  Once a second
 * type has been skipped, *kept and *skipped (NUL terminated, borrowed)
 * name both and 1 is returned, else 0.
 */
int	fg_perf_event_skipped(const struct fg_perf *p, const char **kept,
	    const char **skipped);

/* Samples counted so far (those ended by a blank line). */
uint64_t fg_perf_samples(const struct fg_perf *p);

/*
 * Write "stack count" lines sorted bytewise, each stack once, its count
 * the sum of its samples' periods (1 when perf printed none).  Returns
 * 0, or -1 with err set to "write error: why".
 */
int	fg_perf_write(struct fg_perf *p, FILE *fp, struct fg_err *err);

/*
 * Refuse what the first bytes of an input show is not perf script text
 * (a perf.data file, other binary data).  Returns 0, or -1 with err set
 * to "NAME: why".
 */
int	fg_perf_sniff(const char *name, const void *buf, size_t len,
	    struct fg_err *err);

#endif
