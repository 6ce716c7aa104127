/* arena.h - chunked bump allocator: many small objects, one free. */
#ifndef FG_ARENA_H
#define FG_ARENA_H

#include <stddef.h>

struct fg_arena_chunk;

struct fg_arena {
	struct fg_arena_chunk *head;
	char	*p, *end;
	size_t	 total;		/* bytes obtained from malloc */
};

#define FG_ARENA_INIT { NULL, NULL, NULL, 0 }

/* n bytes aligned to 8, valid until fg_arena_free(); never NULL. */
void	*fg_arena_alloc(struct fg_arena *a, size_t n);
/* Copy of n bytes plus a NUL terminator. */
char	*fg_arena_strndup(struct fg_arena *a, const char *s, size_t n);
void	 fg_arena_free(struct fg_arena *a);

#endif
