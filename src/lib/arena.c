/* arena.c - chunked bump allocator. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "util.h"

struct fg_arena_chunk {
	struct fg_arena_chunk *next;
	size_t	size;
	/* data follows, 16-byte aligned */
};

#define HDR ((sizeof(struct fg_arena_chunk) + 15) & ~(size_t)15)

void *
fg_arena_alloc(struct fg_arena *a, size_t n)
{
	struct fg_arena_chunk *c;
	size_t size;
	char *p;

	n = (n + 7) & ~(size_t)7;
	if ((size_t)(a->end - a->p) < n || a->p == NULL) {
		size = a->total < (1 << 16) ? (1 << 16) : a->total;
		if (size > (64u << 20))
			size = 64u << 20;
		if (size < n)
			size = n;
		if (size > SIZE_MAX - HDR)
			die("out of memory");
		c = xmalloc(HDR + size);
		c->next = a->head;
		c->size = size;
		a->head = c;
		a->total += HDR + size;
		a->p = (char *)c + HDR;
		a->end = a->p + size;
	}
	p = a->p;
	a->p += n;
	return p;
}

char *
fg_arena_strndup(struct fg_arena *a, const char *s, size_t n)
{
	char *p = fg_arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
fg_arena_free(struct fg_arena *a)
{
	struct fg_arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	memset(a, 0, sizeof(*a));
}
