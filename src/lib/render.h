/* render.h - a laid-out flame graph drawn with cairo as PNG or PDF. */
#ifndef FG_RENDER_H
#define FG_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "graph.h"
#include "util.h"

enum { FG_FMT_SVG, FG_FMT_PNG, FG_FMT_PDF };

/* PNG images are limited to this many pixels per side (cairo's limit). */
#define FG_RENDER_MAXPX	32767

/*
 * Draw g as the SVG writer does (same geometry, colours, title and
 * subtitle; frame labels fitted with real DejaVu Sans metrics) and write
 * it to out as format FG_FMT_PNG or FG_FMT_PDF (1 px = 1 pt).  The output
 * is deterministic: no timestamps.  Returns 0, or -1 with err set (an
 * unknown format, an image too large for PNG, a cairo or write failure);
 * after a failure part of the output may have been written.
 */
int	fg_render(const struct fg_graph *g, int format, FILE *out,
	    struct fg_err *err);

/*
 * The label fg_render draws on frame i of g->layout, as UTF-8 (invalid
 * bytes of the name replaced by U+FFFD), NUL terminated in buf (size
 * bytes; truncated to fit).  Returns its length before that truncation;
 * 0 when the frame shows no label.  For tests and tools that want to
 * print what a picture shows.
 */
size_t	fg_render_label(const struct fg_graph *g, size_t i, char *buf,
	    size_t size);

#endif
