/* intern.h - frame names interned once: bytes -> dense uint32 id. */
#ifndef FG_INTERN_H
#define FG_INTERN_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

struct fg_name {
	const char *s;		/* NUL terminated copy (may contain NUL) */
	uint32_t len;
	uint32_t hash;		/* low bits of fg_hash(s, len) */
};

struct fg_intern {
	struct fg_arena arena;	/* owns the name bytes */
	struct fg_name *names;	/* by id; id 0 is the empty name "" */
	uint32_t n, cap;
	uint32_t *slots;	/* open addressing: id + 1, 0 = empty */
	uint32_t mask;
};

void	fg_intern_init(struct fg_intern *t);
void	fg_intern_free(struct fg_intern *t);
/* Id of s[0..len), adding it if new; h must be fg_hash(s, len). */
uint32_t fg_intern_h(struct fg_intern *t, const char *s, size_t len, uint64_t h);
uint32_t fg_intern(struct fg_intern *t, const char *s, size_t len);
/* Id of s, or UINT32_MAX when absent. */
uint32_t fg_intern_find(const struct fg_intern *t, const char *s, size_t len);

static inline const struct fg_name *
fg_intern_get(const struct fg_intern *t, uint32_t id)
{
	return &t->names[id];
}

/*
 * rank[id] = position of name id in bytewise order (shorter prefix first).
 * Returns a malloc'd array of t->n entries.
 */
uint32_t *fg_intern_ranks(const struct fg_intern *t);

/* Bytewise comparison of two names, memcmp order, prefix first. */
int	fg_name_cmp(const struct fg_name *a, const struct fg_name *b);

#endif
