/* folded.h - the folded stack format: a streaming reader into a trie, and a writer. */
#ifndef FG_FOLDED_H
#define FG_FOLDED_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "trie.h"
#include "util.h"

/*
 * A line is "STACK COUNT" or "STACK BEFORE AFTER": frames root first,
 * joined by ';', then whitespace and a count (digits, optionally '-'
 * before and '.' and at most 18 digits after; no exponent, no '+').  Only the last whitespace character
 * before a count is a separator, so "a;b  3" has the frame "b ".  A
 * trailing CR and trailing blanks are ignored; blank lines and lines
 * whose first byte is '#' (comments) are skipped silently.  Trailing empty frames are dropped ("a;b;" is "a;b").
 */
struct fg_stackent {
	uint64_t hash;
	uint32_t len;
	uint32_t node;		/* 0 = empty slot */
};

struct fg_folded {
	struct fg_trie *trie;
	const char *name;	/* input name for messages */
	int	 target;	/* -1: normal; 0/1: two-column lines go to this
				   column only and differential lines are
				   malformed (difffolded's inputs) */
	int	 reverse;	/* reverse each stack's frames (leaf first) */
	int	 strict;	/* first malformed line is an error */
	int	 integers;	/* a count must be one integer within int64:
				   a decimal, out of range or differential
				   count is an error "NAME:LINE: why", not a
				   skipped line (folded2pb) */
	uint64_t lineno;
	uint64_t nlines;	/* stacks added */
	uint64_t nbad;		/* malformed lines skipped */
	uint64_t badline;	/* first of them */
	const char *badwhy;	/* and its reason */
	const char *errwhy;	/* reason of the error returned, if any */
	int	 sawdiff;	/* a differential line was read */
	/* previous stack, to reuse the frames it shares with the next */
	char	*prev;
	size_t	 prevlen, prevcap;
	uint32_t *pnode;	/* node of frame k of prev */
	size_t	*pend;		/* offset just past frame k in prev */
	size_t	 pn, pcap;
	uint32_t *scratch;	/* reversed stacks */
	size_t	 scap;
	/* whole stacks seen before: hash of the stack's bytes -> its node */
	struct fg_stackent *cache;
	size_t	 cmask, cn;
	/*
	 * When set, each stack (the text before its counts) is rewritten
	 * before it is merged: rewrite appends the new stack to out (empty
	 * on entry) and must not add ';' or '\n'.  difffolded -s uses it.
	 */
	void	(*rewrite)(const char *s, size_t len, struct fg_buf *out,
		    void *arg);
	void	*rewrite_arg;
	struct fg_buf rewritten;
	/*
	 * When set, called for every stack added, after the trie has it:
	 * its end node and the line's counts (v as fg_trie_add takes them,
	 * scale digits after the point).  folded2pb keeps the lines as
	 * separate samples with it.
	 */
	void	(*added)(void *arg, uint32_t node, const int64_t v[2], int scale);
	void	*arg;
};

/* Prepare to read into trie; name is used in messages ("<stdin>"). */
void	fg_folded_init(struct fg_folded *f, struct fg_trie *trie, const char *name);
/* Start a new input (resets line numbers and the malformed summary). */
void	fg_folded_newfile(struct fg_folded *f, const char *name);
void	fg_folded_free(struct fg_folded *f);

/*
 * Add one line (without its '\n').  Returns 0 (also when the line was
 * skipped as malformed), or -1 with err set to "NAME:LINE: why": a
 * malformed line when strict, or a count that does not fit 64 bits (out
 * of range, more than 18 decimals, or a sum that overflows), always.
 */
int	fg_folded_line(struct fg_folded *f, const char *s, size_t len, struct fg_err *err);
/*
 * One line parsed by the rules above, without adding it anywhere: the
 * stack (trailing empty frames not yet dropped; in the rewritten buffer
 * when f->rewrite is set, valid until the next call), its counts as
 * fg_trie_add takes them at scale decimal places, whether it was
 * differential, and the length of the line without its trailing CR and
 * blanks.
 */
struct fg_rec {
	const char *stack;
	size_t	 len;
	int64_t	 v[2];
	int	 scale;
	int	 diff;
	size_t	 linelen;
};

/*
 * Parse one line (without its '\n') as fg_folded_line does (line
 * numbers, comments, malformed and fatal lines alike) into rec.  Returns
 * 1 with rec filled, 0 for a line that adds nothing (blank, comment,
 * skipped as malformed), or -1 with err set.
 */
int	fg_folded_parse(struct fg_folded *f, const char *s, size_t len,
	    struct fg_rec *rec, struct fg_err *err);
/* Add every line of buf[0..len) (the last may lack its '\n'). */
int	fg_folded_buf(struct fg_folded *f, const char *buf, size_t len, struct fg_err *err);
/*
 * Read a file ("-" or NULL = stdin) in large blocks: memory does not grow
 * with the input's size.  Calls fg_folded_newfile().  A pprof profile
 * (gzip or protobuf) is refused with a hint to use pb2folded.
 */
int	fg_folded_read(struct fg_folded *f, const char *path, struct fg_err *err);

/*
 * Refuse binary input (gzip, or a NUL in the first 4 KiB: a pprof
 * profile?) with a hint to convert it: -1 with err "NAME: why", else 0.
 */
int	fg_folded_sniff(const char *name, const void *buf, size_t n,
	    struct fg_err *err);

/*
 * "skipped N malformed lines (first: line L: why)" into buf, or "" when
 * none were skipped.
 */
void	fg_folded_summary(const struct fg_folded *f, char *buf, size_t size);

/*
 * The reasons a count cannot be read, the same words in every tool:
 * more than 18 decimal places, more than 64 bits, a mix of magnitudes and
 * decimal places that 64-bit fixed point cannot hold, a sum beyond 64
 * bits.  fg_folded_addwhy() names fg_trie_add()'s failure (-1 or -2).
 */
extern const char fg_folded_toomany_decimals[];
extern const char fg_folded_toolong_count[];
extern const char fg_folded_mix_overflow[];
extern const char fg_folded_sum_overflow[];
const char *fg_folded_addwhy(int r);

/* Writer flags. */
#define FG_W_DIFF	1	/* "STACK BEFORE AFTER" */
#define FG_W_ZERO	2	/* keep stacks whose counts are all zero */

/*
 * Make s[0..n) a frame name folded text can hold (the format has no
 * escape): ';' becomes ':' and control bytes (below 0x20, and 0x7f)
 * spaces.  For readers of other formats that name frames (pprof,
 * .cpuprofile).
 */
void	fg_folded_frame_clean(char *s, size_t n);

/*
 * Write the trie's stacks, one line each, the lines sorted bytewise (the
 * order of LC_ALL=C sort).
 * Returns -1 with err set on a write error.
 */
int	fg_folded_write(const struct fg_trie *t, FILE *fp, int flags, struct fg_err *err);

#endif
