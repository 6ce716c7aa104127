/* svg.h - the interactive SVG: flamegraph.pl's document, escaped, with flame.js. */
#ifndef FG_SVG_H
#define FG_SVG_H

#include <stdio.h>

#include "graph.h"
#include "util.h"

/*
 * Write g as a standalone SVG 1.1 document with its script embedded.
 * Every string from the input or the options is escaped: no input can
 * add an element, an attribute or script.  Identical graphs give
 * identical bytes.  Returns 0, or -1 with err set on a write error.
 */
int	fg_svg_write(const struct fg_graph *g, FILE *fp, struct fg_err *err);

/*
 * Append s as a JSON string literal that is also safe inside a CDATA
 * section and a <script>: < > & are written \u003c \u003e \u0026, so
 * "]]>" and "</script" cannot appear; invalid UTF-8 becomes \ufffd.
 */
void	fg_json_str(struct fg_buf *b, const char *s);

#endif
