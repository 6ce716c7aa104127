/* test_top.c - unit tests for foldtop's table (top.c) and its JSON (json.c). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "folded.h"
#include "json.h"
#include "top.h"
#include "trie.h"
#include "util.h"

static void
load_raw(struct fg_trie *t, const char *text)
{
	struct fg_folded f;
	struct fg_err err;

	fg_trie_init(t);
	fg_folded_init(&f, t, "in");
	CHECK(fg_folded_buf(&f, text, strlen(text), &err) == 0);
	CHECK(f.nbad == 0);
	fg_folded_free(&f);
}

static void
load(struct fg_trie *t, const char *text)
{
	load_raw(t, text);
	CHECK(fg_trie_finish(t) == 0);
}

/* The row of name, or NULL. */
static const struct fg_top_fn *
row(const struct fg_top *top, const struct fg_trie *t, const char *name)
{
	size_t i;

	for (i = 0; i < top->n; i++)
		if (strcmp(fg_intern_get(&t->names, top->fn[i].name)->s, name) == 0)
			return &top->fn[i];
	return NULL;
}

static int64_t
val(const struct fg_top *top, const struct fg_trie *t, const char *name,
    int key, int col)
{
	const struct fg_top_fn *fn = row(top, t, name);

	return fn != NULL ? fn->v[key][col] : INT64_MIN;
}

static const char *
nth(const struct fg_top *top, const struct fg_trie *t, size_t i)
{
	return i < top->n ? fg_intern_get(&t->names, top->fn[i].name)->s : "";
}

static void
test_flat_cum(void)
{
	struct fg_trie t;
	struct fg_top top;
	struct fg_err err;

	/* recursion counts once per stack in cum; flat is the leaf's */
	load(&t, "main;a;b 3\nmain;a;a;a 2\nmain;b;a 5\nmain 1\n"
	    "main;a;b;a;b 4\nz 0\n");
	CHECK(fg_top_build(&top, &t, &err) == 0);
	CHECK(top.n == 3);		/* z: all zero, left out */
	CHECK(!top.diff && top.total[FG_COL] == 15);
	CHECK(val(&top, &t, "main", FG_TOP_FLAT, FG_COL) == 1);
	CHECK(val(&top, &t, "main", FG_TOP_CUM, FG_COL) == 15);
	CHECK(val(&top, &t, "a", FG_TOP_FLAT, FG_COL) == 7);
	CHECK(val(&top, &t, "a", FG_TOP_CUM, FG_COL) == 14);
	CHECK(val(&top, &t, "b", FG_TOP_FLAT, FG_COL) == 7);
	CHECK(val(&top, &t, "b", FG_TOP_CUM, FG_COL) == 12);
	/* two-column input: both columns equal */
	CHECK(val(&top, &t, "b", FG_TOP_CUM, FG_BEFORE) == 12);
	CHECK(row(&top, &t, "z") == NULL);
	/* the same without fg_trie_finish (unsorted siblings) */
	{
		struct fg_trie t2;
		struct fg_top top2;

		load_raw(&t2, "main;a;b 3\nmain;a;a;a 2\nmain;b;a 5\nmain 1\n"
		    "main;a;b;a;b 4\nz 0\n");
		CHECK(fg_top_build(&top2, &t2, &err) == 0);
		CHECK(top2.n == 3 && top2.total[FG_COL] == 15);
		CHECK(val(&top2, &t2, "a", FG_TOP_CUM, FG_COL) == 14);
		CHECK(val(&top2, &t2, "b", FG_TOP_CUM, FG_COL) == 12);
		CHECK(val(&top2, &t2, "main", FG_TOP_CUM, FG_COL) == 15);
		fg_top_free(&top2);
		fg_trie_free(&t2);
	}
	/* flat ties (a, b: 7) go by name; cum order */
	fg_top_sort(&top, &t, FG_TOP_FLAT);
	CHECK_STR(nth(&top, &t, 0), "a");
	CHECK_STR(nth(&top, &t, 1), "b");
	CHECK_STR(nth(&top, &t, 2), "main");
	fg_top_sort(&top, &t, FG_TOP_CUM);
	CHECK_STR(nth(&top, &t, 0), "main");
	CHECK_STR(nth(&top, &t, 1), "a");
	fg_top_free(&top);
	fg_trie_free(&t);

	/* negative counts (pprof -base): totals of |count|, order by |flat| */
	load(&t, "m;x -6\nm;y 4\nm;x;y 1\n");
	CHECK(fg_top_build(&top, &t, &err) == 0);
	CHECK(top.total[FG_COL] == 11);
	CHECK(val(&top, &t, "m", FG_TOP_CUM, FG_COL) == -1);
	CHECK(val(&top, &t, "x", FG_TOP_CUM, FG_COL) == -5);
	fg_top_sort(&top, &t, FG_TOP_FLAT);
	CHECK_STR(nth(&top, &t, 0), "x");
	CHECK_STR(nth(&top, &t, 1), "y");
	fg_top_free(&top);
	fg_trie_free(&t);

	/* decimals stay exact in fixed point */
	load(&t, "a;b 0.1\na;b 0.2\na 1\n");
	CHECK(fg_top_build(&top, &t, &err) == 0);
	CHECK(top.scale == 1 && val(&top, &t, "b", FG_TOP_FLAT, FG_COL) == 3);
	CHECK(top.total[FG_COL] == 13);
	fg_top_free(&top);
	fg_trie_free(&t);
}

static void
test_pct(void)
{
	CHECK(fg_top_pct(1, 8) == 1250);
	CHECK(fg_top_pct(1, 3) == 3333);
	CHECK(fg_top_pct(2, 3) == 6667);
	CHECK(fg_top_pct(-2, 3) == -6667);
	CHECK(fg_top_pct(1, 20000) == 1);	/* 0.005% rounds away from 0 */
	CHECK(fg_top_pct(-1, 20000) == -1);
	CHECK(fg_top_pct(1, 20001) == 0);
	CHECK(fg_top_pct(5, 0) == 0);
	CHECK(fg_top_pct(INT64_MAX, INT64_MAX) == 10000);
}

static void
test_diff(void)
{
	struct fg_trie t;
	struct fg_top top;
	struct fg_err err;
	const struct fg_top_fn *fn;

	/*
	 * before: x 1 of 3 (33.33...%); after: x 23 of 60 (38.33...%):
	 * exactly 5 points, though neither share is a finite decimal.
	 */
	load(&t, "m;x 1 23\nm;y 2 30\nm;z 0 7\nm;w 0 0\n");
	CHECK(fg_top_build(&top, &t, &err) == 0);
	CHECK(top.diff && top.total[FG_BEFORE] == 3 && top.total[FG_COL] == 60);
	fn = row(&top, &t, "x");
	CHECK(fn != NULL && fg_top_points(&top, fn, FG_TOP_FLAT) == 500);
	CHECK(fn != NULL && !fg_top_grew(&top, fn, FG_TOP_FLAT, 500));
	CHECK(fn != NULL && fg_top_grew(&top, fn, FG_TOP_FLAT, 499));
	fn = row(&top, &t, "y");	/* 66.67% -> 50%: -16.67 */
	CHECK(fn != NULL && fg_top_points(&top, fn, FG_TOP_FLAT) == -1667);
	CHECK(fn != NULL && !fg_top_grew(&top, fn, FG_TOP_FLAT, 0));
	fn = row(&top, &t, "m");	/* 100% on both sides */
	CHECK(fn != NULL && fg_top_points(&top, fn, FG_TOP_CUM) == 0);
	CHECK(row(&top, &t, "w") == NULL);
	/* biggest growth first: z +11.67, x +5, m 0, y -16.67 */
	fg_top_sort(&top, &t, FG_TOP_FLAT);
	CHECK(top.n == 4);
	CHECK_STR(nth(&top, &t, 0), "z");
	CHECK_STR(nth(&top, &t, 1), "x");
	CHECK_STR(nth(&top, &t, 2), "m");
	CHECK_STR(nth(&top, &t, 3), "y");
	fg_top_free(&top);
	fg_trie_free(&t);

	/* an empty side: shares of 0, not a division by zero */
	load(&t, "a 0 5\n");
	CHECK(fg_top_build(&top, &t, &err) == 0);
	fn = row(&top, &t, "a");
	CHECK(fn != NULL && fg_top_points(&top, fn, FG_TOP_FLAT) == 10000);
	CHECK(fn != NULL && !fg_top_grew(&top, fn, FG_TOP_FLAT, 10000));
	CHECK(fn != NULL && fg_top_grew(&top, fn, FG_TOP_FLAT, 9999));
	fg_top_free(&top);
	fg_trie_free(&t);
}

static void
test_deep(void)
{
	struct fg_trie t;
	struct fg_top top;
	struct fg_err err;
	struct fg_buf b = { 0 };
	int i;

	/* 200000 frames deep, alternating recursion: no recursion in C */
	for (i = 0; i < 200000; i++)
		fg_buf_puts(&b, i % 2 ? "f;" : "g;");
	fg_buf_puts(&b, "h 2\n");
	fg_buf_putc(&b, '\0');
	load(&t, b.p);
	CHECK(fg_top_build(&top, &t, &err) == 0);
	CHECK(val(&top, &t, "f", FG_TOP_CUM, FG_COL) == 2);
	CHECK(val(&top, &t, "g", FG_TOP_FLAT, FG_COL) == 0);
	CHECK(val(&top, &t, "h", FG_TOP_FLAT, FG_COL) == 2);
	fg_top_free(&top);
	fg_trie_free(&t);
	fg_buf_free(&b);
}

static void
test_json(void)
{
	struct fg_trie t;
	struct fg_top top;
	struct fg_err err;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	load(&t, "m;b\xff 1.5\nm 0.5\n");
	CHECK(fg_top_build(&top, &t, &err) == 0);
	fg_top_sort(&top, &t, FG_TOP_FLAT);
	fp = open_memstream(&out, &len);
	CHECK(fg_json_top_write(fp, &top, &t.names, 1, FG_TOP_FLAT, &err) == 0);
	fclose(fp);
	CHECK_STR(out, "{\n"
	    "  \"diff\": false,\n"
	    "  \"sort\": \"flat\",\n"
	    "  \"total\": \"2\",\n"
	    "  \"functions\": 2,\n"
	    "  \"shown\": 1,\n"
	    "  \"rows\": [\n"
	    "    {\n"
	    "      \"function\": \"b\xef\xbf\xbd\",\n"
	    "      \"flat\": \"1.5\",\n"
	    "      \"flat_pct\": 75.0,\n"
	    "      \"sum_pct\": 75.0,\n"
	    "      \"cum\": \"1.5\",\n"
	    "      \"cum_pct\": 75.0\n"
	    "    }\n"
	    "  ]\n"
	    "}\n");
	free(out);
	fg_top_free(&top);
	fg_trie_free(&t);
}

int
main(void)
{
	test_flat_cum();
	test_pct();
	test_diff();
	test_deep();
	test_json();
	return check_done();
}
