/* render.h - a laid-out flame graph drawn with cairo as PNG or PDF. */
#ifndef FG_RENDER_H
#define FG_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "graph.h"
#include "util.h"

/* Output formats; JSON (d3-flame-graph) and speedscope are json.c's. */
enum { FG_FMT_SVG, FG_FMT_PNG, FG_FMT_PDF, FG_FMT_JSON, FG_FMT_SPEEDSCOPE };

/* PNG images are limited to this many pixels per side (cairo's limit). */
#define FG_RENDER_MAXPX	32767

/*
 * Draw g as the SVG shows it on load and write it to out as format
 * FG_FMT_PNG or FG_FMT_PDF (1 px = 1 pt): the background gradient, title
 * and subtitle (textcolor), every frame as the SVG's rect (its fill, or
 * rgb(230,0,230) when its name matches g->search, a POSIX extended
 * expression, with "Matched: X%" at the bottom right), and frame labels
 * in labelcolor, fitted with DejaVu Sans's real metrics (".." cut per
 * g->truncate).  Not drawn: the script's Search, ic and Reset Zoom
 * buttons.  The font is read from its file, so the pixels do not depend
 * on fontconfig; the bytes are deterministic (no timestamps).  Returns 0,
 * or -1 with err set (an unknown format, an image too large for PNG, a
 * cairo or write failure); after a failure part of the output may have
 * been written.
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
