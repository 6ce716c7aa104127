/* utf8.h - UTF-8 stepping, below every writer of text (graph, palette, svg, render). */
#ifndef FG_UTF8_H
#define FG_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode one character of s[0..n), n >= 1: *cp gets its code point, or
 * U+FFFD for a byte that does not start a valid UTF-8 sequence (overlong,
 * surrogate, beyond U+10FFFF, truncated).  Returns the bytes used (>= 1).
 */
size_t	fg_utf8_next(const char *s, size_t n, uint32_t *cp);

#endif
