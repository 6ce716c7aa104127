/* gzip.c - a file or stdin read in blocks, inflated as it streams when it starts with gzip's magic. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "gzip.h"

#define INBUF	(256u << 10)

struct fg_gzip {
	const char *name;
	int	 fd, isstdin;
	int	 started;	/* the first bytes were looked at */
	int	 gz;		/* the input is gzip data */
	int	 instream;	/* inside a member (inflate has begun one) */
	int	 eof;		/* read() returned 0 */
	z_stream z;
	unsigned char *in;
	size_t	 inlen;		/* plain input: bytes of in not yet handed out */
};

struct fg_gzip *
fg_gzip_open(const char *path, struct fg_err *err)
{
	struct fg_gzip *g;
	int isstdin = path == NULL || strcmp(path, "-") == 0, fd = 0;

	if (!isstdin && (fd = open(path, O_RDONLY)) < 0) {
		fg_err_set(err, "%s: %s", fg_inname(path), strerror(errno));
		return NULL;
	}
	g = xcalloc(1, sizeof(*g));
	g->name = fg_inname(path);
	g->fd = fd;
	g->isstdin = isstdin;
	g->in = xmalloc(INBUF);
	return g;
}

/* Fill g->in after what is left; returns bytes read, 0 at the end, -1. */
static ssize_t
fill(struct fg_gzip *g, size_t have, struct fg_err *err)
{
	ssize_t r;

	if (g->eof)
		return 0;
	do
		r = read(g->fd, g->in + have, INBUF - have);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return fg_err_set(err, "%s: %s", g->name, strerror(errno));
	if (r == 0)
		g->eof = 1;
	return r;
}

static ssize_t
start(struct fg_gzip *g, struct fg_err *err)
{
	ssize_t r;

	g->started = 1;
	/* enough bytes to see the magic, even from a pipe giving one at a time */
	while (g->inlen < 2 && (r = fill(g, g->inlen, err)) != 0) {
		if (r < 0)
			return -1;
		g->inlen += (size_t)r;
	}
	if (g->inlen >= 2 && g->in[0] == 0x1f && g->in[1] == 0x8b) {
		g->gz = 1;
		memset(&g->z, 0, sizeof(g->z));
		if (inflateInit2(&g->z, 16 + MAX_WBITS) != Z_OK)
			return fg_err_set(err, "%s: cannot initialise zlib", g->name);
		g->z.next_in = g->in;
		g->z.avail_in = (uInt)g->inlen;
		g->inlen = 0;
		g->instream = 1;
	}
	return 0;
}

static ssize_t
inflate_some(struct fg_gzip *g, void *buf, size_t cap, struct fg_err *err)
{
	ssize_t r;
	int zr;

	if (cap > (1u << 30))
		cap = 1u << 30;
	g->z.next_out = buf;
	g->z.avail_out = (uInt)cap;
	while (g->z.avail_out == cap) {
		if (g->z.avail_in == 0) {
			if ((r = fill(g, 0, err)) < 0)
				return -1;
			if (r == 0) {
				if (g->instream)
					return fg_err_set(err, "%s: truncated gzip "
					    "data", g->name);
				return 0;
			}
			g->z.next_in = g->in;
			g->z.avail_in = (uInt)r;
		}
		if (!g->instream) {
			/* another member: it must begin as one */
			if (g->z.avail_in < 2 && !g->eof) {
				memmove(g->in, g->z.next_in, g->z.avail_in);
				if ((r = fill(g, g->z.avail_in, err)) < 0)
					return -1;
				g->z.next_in = g->in;
				g->z.avail_in += (uInt)r;
				continue;
			}
			if (g->z.next_in[0] != 0x1f || (g->z.avail_in >= 2 &&
			    g->z.next_in[1] != 0x8b) || g->z.avail_in < 2)
				return fg_err_set(err, "%s: data after the end "
				    "of the gzip stream", g->name);
			if (inflateReset(&g->z) != Z_OK)
				return fg_err_set(err, "%s: cannot reset zlib",
				    g->name);
			g->instream = 1;
		}
		zr = inflate(&g->z, Z_NO_FLUSH);
		if (zr == Z_STREAM_END)
			g->instream = 0;
		else if (zr == Z_BUF_ERROR && g->z.avail_in == 0)
			continue;
		else if (zr != Z_OK)	/* the trailer's checks said plainly */
			return fg_err_set(err, "%s: corrupt gzip data (%s)",
			    g->name, g->z.msg == NULL ? "inflate failed" :
			    strcmp(g->z.msg, "incorrect data check") == 0 ?
			    "CRC mismatch: the data is damaged" :
			    strcmp(g->z.msg, "incorrect length check") == 0 ?
			    "length mismatch: the data is damaged" : g->z.msg);
	}
	return (ssize_t)(cap - g->z.avail_out);
}

ssize_t
fg_gzip_read(struct fg_gzip *g, void *buf, size_t cap, struct fg_err *err)
{
	ssize_t r;
	size_t n;

	if (!g->started && start(g, err) != 0)
		return -1;
	if (g->gz)
		return inflate_some(g, buf, cap, err);
	if (g->inlen > 0) {
		n = g->inlen < cap ? g->inlen : cap;
		memcpy(buf, g->in, n);
		memmove(g->in, g->in + n, g->inlen - n);
		g->inlen -= n;
		return (ssize_t)n;
	}
	if (g->eof)
		return 0;
	do
		r = read(g->fd, buf, cap);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return fg_err_set(err, "%s: %s", g->name, strerror(errno));
	if (r == 0)
		g->eof = 1;
	return r;
}

int
fg_gzip_compressed(const struct fg_gzip *g)
{
	return g->gz;
}

void
fg_gzip_close(struct fg_gzip *g)
{
	if (g == NULL)
		return;
	if (g->gz)
		inflateEnd(&g->z);
	if (!g->isstdin)
		close(g->fd);
	free(g->in);
	free(g);
}
