/* json.h - JSON output through jansson (the only file using it is json.c). */
#ifndef FG_JSON_H
#define FG_JSON_H

#include <stddef.h>
#include <stdio.h>

#include "intern.h"
#include "top.h"
#include "util.h"

/*
 * foldtop's table as JSON: the first rows functions of top (sorted by
 * fg_top_sort with key), names from names.  Keys in a fixed order.
 * Counts are JSON integers when the input's counts are, and strings
 * holding the exact decimal ("1.25") otherwise; percentages are numbers
 * with two decimals.  Names that are not UTF-8 get U+FFFD for each bad
 * byte.  Returns 0, or -1 with err set on a write error.
 */
int	fg_json_top_write(FILE *fp, const struct fg_top *top,
	    const struct fg_intern *names, size_t rows, int key, struct fg_err *err);

#endif
