/* intern.c - open-addressing hash of frame names. */
#include <stdlib.h>
#include <string.h>

#include "intern.h"
#include "util.h"

static void
rehash(struct fg_intern *t, uint32_t nslots)
{
	uint32_t *slots = xzalloc(nslots, sizeof(*slots));
	uint32_t mask = nslots - 1, i, j;

	for (i = 0; i < t->n; i++) {
		j = t->names[i].hash & mask;
		while (slots[j] != 0)
			j = (j + 1) & mask;
		slots[j] = i + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->mask = mask;
}

void
fg_intern_init(struct fg_intern *t)
{
	memset(t, 0, sizeof(*t));
	t->cap = 1024;
	t->names = xmalloc(t->cap * sizeof(*t->names));
	rehash(t, 2048);
	(void)fg_intern(t, "", 0);
}

void
fg_intern_free(struct fg_intern *t)
{
	fg_arena_free(&t->arena);
	free(t->names);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

uint32_t
fg_intern_h(struct fg_intern *t, const char *s, size_t len, uint64_t h64)
{
	uint32_t h = (uint32_t)h64, j = h & t->mask, id;
	struct fg_name *nm;

	while ((id = t->slots[j]) != 0) {
		nm = &t->names[id - 1];
		if (nm->hash == h && nm->len == len && memcmp(nm->s, s, len) == 0)
			return id - 1;
		j = (j + 1) & t->mask;
	}
	if (len > UINT32_MAX || t->n == UINT32_MAX - 1)
		die("too many or too long frame names");
	if (t->n == t->cap) {
		t->cap *= 2;
		t->names = xreallocarray(t->names, t->cap, sizeof(*t->names));
	}
	id = t->n++;
	nm = &t->names[id];
	nm->s = fg_arena_strndup(&t->arena, s, len);
	nm->len = (uint32_t)len;
	nm->hash = h;
	t->slots[j] = id + 1;
	if ((uint64_t)t->n * 2 > t->mask)
		rehash(t, (t->mask + 1) * 2);
	return id;
}

uint32_t
fg_intern(struct fg_intern *t, const char *s, size_t len)
{
	return fg_intern_h(t, s, len, fg_hash(s, len));
}

uint32_t
fg_intern_find(const struct fg_intern *t, const char *s, size_t len)
{
	uint32_t h = (uint32_t)fg_hash(s, len), j = h & t->mask, id;
	const struct fg_name *nm;

	while ((id = t->slots[j]) != 0) {
		nm = &t->names[id - 1];
		if (nm->hash == h && nm->len == len && memcmp(nm->s, s, len) == 0)
			return id - 1;
		j = (j + 1) & t->mask;
	}
	return UINT32_MAX;
}

int
fg_name_cmp(const struct fg_name *a, const struct fg_name *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->s, b->s, n);

	if (c != 0)
		return c;
	return a->len < b->len ? -1 : a->len > b->len;
}

static const struct fg_name *sort_names;

static int
cmp_ids(const void *x, const void *y)
{
	return fg_name_cmp(&sort_names[*(const uint32_t *)x],
	    &sort_names[*(const uint32_t *)y]);
}

uint32_t *
fg_intern_ranks(const struct fg_intern *t)
{
	uint32_t *order = xmalloc((size_t)t->n * sizeof(*order));
	uint32_t *rank = xmalloc((size_t)t->n * sizeof(*rank));
	uint32_t i;

	for (i = 0; i < t->n; i++)
		order[i] = i;
	sort_names = t->names;
	qsort(order, t->n, sizeof(*order), cmp_ids);
	for (i = 0; i < t->n; i++)
		rank[order[i]] = i;
	free(order);
	return rank;
}
