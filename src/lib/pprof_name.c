/* pprof_name.c - frame names as pprof prints them at each granularity. */
#include <stdlib.h>
#include <string.h>

#include "pprof_impl.h"

/* ---------------------------------------------------------------- naming */

/* Go's filepath.Clean (Unix) of s into b. */
static void
clean_path(struct fg_buf *b, struct str s)
{
	size_t n = s.len, r = 0, base = b->len, w, dotdot;
	const char *p = s.s;
	int rooted = n > 0 && p[0] == '/';

	if (n == 0) {
		fg_buf_putc(b, '.');
		return;
	}
	if (rooted) {
		fg_buf_putc(b, '/');
		r = 1;
	}
	dotdot = rooted;
	while (r < n) {
		w = b->len - base;
		if (p[r] == '/')
			r++;
		else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/'))
			r++;
		else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
			r += 2;
			if (w > dotdot) {
				w--;
				while (w > dotdot && b->p[base + w] != '/')
					w--;
				b->len = base + w;
			} else if (!rooted) {
				if (w > 0)
					fg_buf_putc(b, '/');
				fg_buf_put(b, "..", 2);
				dotdot = b->len - base;
			}
		} else {
			if ((rooted && w != 1) || (!rooted && w != 0))
				fg_buf_putc(b, '/');
			for (; r < n && p[r] != '/'; r++)
				fg_buf_putc(b, p[r]);
		}
	}
	if (b->len == base)
		fg_buf_putc(b, '.');
}

/* Go's filepath.Base of a non-empty path. */
static struct str
base_name(struct str s)
{
	const char *sl;

	while (s.len > 0 && s.s[s.len - 1] == '/')
		s.len--;
	if (s.len == 0)
		return (struct str){ "/", 1 };
	for (sl = s.s + s.len; sl > s.s && sl[-1] != '/'; sl--)
		;
	s.len -= (uint32_t)(sl - s.s);
	s.s = sl;
	return s;
}

/* pprof's NodeInfo.PrintableName of one line of l (ln NULL: no lines). */
static uint32_t
frame_name(struct namer *nm, const struct lc *l, const struct ln *ln, int inl)
{
	struct fg_buf *b = &nm->b;
	struct str name = pp_nostr, file = pp_nostr, obj = pp_mapfile(nm->set, l);
	int64_t lineno = 0;
	char num[32];

	b->len = 0;
	if (nm->keepaddr && l->addr != 0) {
		snprintf(num, sizeof(num), "%016llx", (unsigned long long)l->addr);
		fg_buf_puts(b, num);
	}
	if (ln != NULL) {
		const struct fn *f = &nm->set->fn[ln->fn];

		if (nm->keepname)
			name = f->name;
		if (nm->keepfile)
			file = f->file;
		if (nm->keepline)
			lineno = ln->line;
		if (name.len > 0) {
			if (b->len > 0)
				fg_buf_putc(b, ' ');
			fg_buf_put(b, name.s, name.len);
		}
	}
	if (lineno != 0 || file.len > 0) {
		if (b->len > 0)
			fg_buf_putc(b, ' ');
		if (file.len > 0)
			clean_path(b, file);
		if (lineno != 0) {
			snprintf(num, sizeof(num), ":%lld", (long long)lineno);
			fg_buf_puts(b, num);
		}
	} else if (name.len == 0) {
		if (b->len > 0)
			fg_buf_putc(b, ' ');
		if (obj.len > 0) {
			struct str bn = base_name(obj);

			fg_buf_putc(b, '[');
			fg_buf_put(b, bn.s, bn.len);
			fg_buf_putc(b, ']');
		} else
			fg_buf_puts(b, "<unknown>");
	}
	if (inl && nm->o->mark_inline)
		fg_buf_put(b, "_[i]", 4);
	fg_folded_frame_clean(b->p, b->len);
	return fg_intern(&nm->t->names, b->p ? b->p : "", b->len);
}

/* The frame names of location i, root first, computed once. */
const uint32_t *
pp_loc_names(struct namer *nm, uint32_t i, uint32_t *n)
{
	struct fg_pprof_set *set = nm->set;
	struct lc *l = &set->lc[i];
	uint32_t j, first, cnt;

	if (l->nnm == 0) {
		first = 0;
		cnt = l->nl;
		if (nm->o->noinlines && cnt > 1) {
			first = cnt - 1;
			cnt = 1;
		}
		if (set->cnm - set->nnm < (cnt ? cnt : 1) + 1) {
			set->cnm = set->nnm + cnt + set->cnm + 256;
			set->nm = xreallocarray(set->nm, set->cnm, sizeof(*set->nm));
		}
		l = &set->lc[i];
		l->nm0 = (uint32_t)set->nnm;
		if (cnt == 0)
			set->nm[set->nnm++] = frame_name(nm, l, NULL, 0);
		for (j = cnt; j-- > 0;)
			set->nm[set->nnm++] = frame_name(nm, l,
			    &set->ln[l->l0 + first + j], j != cnt - 1);
		l->nnm = (uint32_t)(set->nnm - l->nm0);
	}
	*n = l->nnm;
	return &set->nm[l->nm0];
}
