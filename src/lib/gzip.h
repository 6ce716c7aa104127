/* gzip.h - a file or stdin read in blocks, inflated as it streams when it starts with gzip's magic. */
#ifndef FG_GZIP_H
#define FG_GZIP_H

#include <stddef.h>
#include <sys/types.h>

#include "util.h"

struct fg_gzip;

/*
 * Open path ("-" or NULL: standard input, which is not closed).  Returns
 * NULL with err set to "NAME: strerror" when it cannot be opened.
 */
struct fg_gzip *fg_gzip_open(const char *path, struct fg_err *err);

/*
 * Read up to cap (> 0) bytes of the data, inflated when the input began
 * with gzip's magic bytes (members one after another are read as one
 * stream, as gzip -d does).  Memory stays a fixed buffer, whatever the
 * size.  Returns the number of bytes, 0 at the end, or -1 with err set
 * to "NAME: why" (a read error, corrupt or truncated gzip data).
 */
ssize_t	fg_gzip_read(struct fg_gzip *g, void *buf, size_t cap,
	    struct fg_err *err);

/* Was the input gzip data? (known after the first read) */
int	fg_gzip_compressed(const struct fg_gzip *g);

void	fg_gzip_close(struct fg_gzip *g);

#endif
