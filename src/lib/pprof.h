/* pprof.h - pprof profile.proto (gzip or not) to folded stacks, with pprof's semantics. */
#ifndef FG_PPROF_H
#define FG_PPROF_H

#include <stddef.h>
#include <stdint.h>

#include "trie.h"
#include "util.h"

/* How frames are named, as pprof's -functions ... -addresses. */
enum fg_pprof_gran {
	FG_GRAN_FUNCTIONS = 0,	/* name */
	FG_GRAN_FILEFUNCTIONS,	/* name file */
	FG_GRAN_FILES,		/* file */
	FG_GRAN_LINES,		/* name file:line */
	FG_GRAN_ADDRESSES	/* %016x name file:line */
};

/*
 * Options of fg_pprof_fold().  All strings may be NULL or "" (unset).
 * The regular expressions are POSIX EREs, with RE2's common extras
 * translated (see pb2folded(1)).  They apply in pprof's order:
 * drop_frames of the profile, tagroot/tagleaf, focus/ignore/hide/show,
 * show_from, tagfocus/tagignore, prune_from, then the granularity.
 */
struct fg_pprof_opts {
	const char *sample_index;	/* a sample type or a 0-based index */
	int	 mean;			/* divide each sample's value by value[0] */
	enum fg_pprof_gran gran;
	int	 noinlines;		/* keep only each location's last Line */
	int	 mark_inline;		/* append "_[i]" to inlined frames */
	const char *tagroot;		/* label keys, comma separated */
	const char *tagleaf;
	const char *unit;		/* unit for numeric labels ("minimum") */
	const char *focus, *ignore, *hide, *show, *show_from, *prune_from;
	/* pprof's tag filters: [KEY=]RE,RE... or [KEY=]range (see pb2folded(1)) */
	const char *tagfocus, *tagignore, *tagshow, *taghide;
	int	 normalize;		/* scale the sources to the bases' total */
	int	 diff_base;		/* bases were --diff-base (label pprof::base) */
};

struct fg_pprof_set;

/* An empty set of profiles; never NULL. */
struct fg_pprof_set *fg_pprof_new(void);
void	fg_pprof_free(struct fg_pprof_set *set);

/*
 * Largest size gzip data may decompress to (default FG_PPROF_MAX_INFLATE,
 * 1 GiB): a few MB of gzip can expand to many GB, and the decompressed
 * profile is held in memory.  Past it, loading fails ("NAME: more than
 * SIZE when decompressed: ...") having held at most max + 1 bytes.
 */
#define FG_PPROF_MAX_INFLATE	((size_t)1 << 30)
void	fg_pprof_set_max_inflate(struct fg_pprof_set *set, size_t max);

/*
 * Decode one profile from buf[0..len) (gzip or not) and add it to the set
 * as a source (fg_pprof_load) or a base to subtract (fg_pprof_load_base).
 * Everything pprof rejects is rejected: returns -1 with err set to
 * "NAME: what is wrong" (a legacy text profile gets a hint to fetch it
 * with debug=0).  buf is not kept.  On error the set holds the profiles
 * loaded before (a failed profile may leave unused entries behind).
 */
int	fg_pprof_load(struct fg_pprof_set *set, const char *name,
	    const void *buf, size_t len, struct fg_err *err);
int	fg_pprof_load_base(struct fg_pprof_set *set, const char *name,
	    const void *buf, size_t len, struct fg_err *err);

/*
 * Sample types of the loaded sources (those of the first source).  The
 * strings are borrowed, may contain any byte, and are *len bytes long.
 * fg_pprof_default_type() is the index pprof uses without -sample_index
 * (default_sample_type when it names a type, else the last), -1 if none.
 */
size_t	fg_pprof_ntypes(const struct fg_pprof_set *set);
void	fg_pprof_type(const struct fg_pprof_set *set, size_t i,
	    const char **type, size_t *tlen, const char **unit, size_t *ulen);
int	fg_pprof_default_type(const struct fg_pprof_set *set);

/*
 * Merge the sources, subtract the bases, apply the options and add every
 * sample's stack (root first) and value to column FG_COL of t, which must
 * be freshly initialised.  Frame names have ';' replaced by ':' and bytes
 * below 0x20 and 0x7f by ' '.  Call once per set.
 * Returns 0; -1 with err set for bad input (no profile, no sample types,
 * profiles that cannot be merged, a value overflowing int64); -2 with err
 * set for a bad option (no such sample type, a bad regular expression).
 */
int	fg_pprof_fold(struct fg_pprof_set *set, const struct fg_pprof_opts *o,
	    struct fg_trie *t, struct fg_err *err);

#endif
