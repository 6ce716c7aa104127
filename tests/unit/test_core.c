/* test_core.c - unit tests for util, arena, intern, trie and the folded reader/writer. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "folded.h"
#include "intern.h"
#include "trie.h"
#include "util.h"

/* Load text into a fresh trie, write it back with flags, return the text. */
static char *
roundtrip(const char *text, int flags, struct fg_folded *fo, struct fg_trie *t)
{
	struct fg_err err;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	fg_trie_init(t);
	fg_folded_init(fo, t, "in");
	if (fg_folded_buf(fo, text, strlen(text), &err) != 0)
		return xstrdup(err.msg);
	CHECK(fg_trie_finish(t) == 0);
	fp = open_memstream(&out, &len);
	CHECK(fg_folded_write(t, fp, flags, &err) == 0);
	fclose(fp);
	return out;
}

static void
test_numbers(void)
{
	char b[64];
	int64_t v;

	b[fg_fmt_i64(b, 0)] = 0;
	CHECK_STR(b, "0");
	b[fg_fmt_i64(b, INT64_MIN)] = 0;
	CHECK_STR(b, "-9223372036854775808");
	b[fg_fmt_fixed(b, 12345, 2)] = 0;
	CHECK_STR(b, "123.45");
	b[fg_fmt_fixed(b, 1200, 3)] = 0;
	CHECK_STR(b, "1.2");
	b[fg_fmt_fixed(b, -5, 2)] = 0;
	CHECK_STR(b, "-0.05");
	b[fg_fmt_fixed(b, 3000, 3)] = 0;
	CHECK_STR(b, "3");
	b[fg_fmt_fixed(b, 0, 4)] = 0;
	CHECK_STR(b, "0");
	CHECK(fg_parse_i64("42", &v) == 0 && v == 42);
	CHECK(fg_parse_i64("4x", &v) != 0);
	CHECK(fg_parse_i64("", &v) != 0);
	CHECK(fg_parse_i64("99999999999999999999", &v) != 0);
}

static void
test_intern(void)
{
	struct fg_intern t;
	uint32_t a, b, c, *rank;
	char big[64];
	int i;

	fg_intern_init(&t);
	CHECK(fg_intern(&t, "", 0) == 0);
	a = fg_intern(&t, "main", 4);
	b = fg_intern(&t, "main.func1", 10);
	c = fg_intern(&t, "a\0b", 3);
	CHECK(a != b && b != c && a != c);
	CHECK(fg_intern(&t, "main", 4) == a);
	CHECK(fg_intern(&t, "a\0c", 3) != c);
	CHECK(fg_intern_get(&t, c)->len == 3);
	CHECK(fg_intern_find(&t, "nope", 4) == UINT32_MAX);
	/* growth keeps ids stable */
	for (i = 0; i < 5000; i++) {
		snprintf(big, sizeof(big), "fn%d", i);
		fg_intern(&t, big, strlen(big));
	}
	CHECK(fg_intern(&t, "main.func1", 10) == b);
	CHECK(fg_intern_find(&t, "fn4999", 6) != UINT32_MAX);
	rank = fg_intern_ranks(&t);
	CHECK(rank[0] == 0);		/* "" sorts first */
	CHECK(rank[c] < rank[a] && rank[a] < rank[b]);
	free(rank);
	fg_intern_free(&t);
}

static void
test_trie(void)
{
	struct fg_trie t;
	uint32_t n1, n2, n3, i, seen = 0;
	int64_t one[2] = { 1, 1 }, big[2] = { INT64_MAX, 0 };

	fg_trie_init(&t);
	n1 = fg_trie_child(&t, 0, fg_intern(&t.names, "b", 1));
	n2 = fg_trie_child(&t, 0, fg_intern(&t.names, "a", 1));
	n3 = fg_trie_child(&t, n1, fg_intern(&t.names, "c", 1));
	CHECK(fg_trie_child(&t, 0, fg_intern(&t.names, "b", 1)) == n1);
	CHECK(t.nodes[n3].depth == 2);
	CHECK(fg_trie_add(&t, n3, one, 0) == 0);
	CHECK(fg_trie_add(&t, n2, one, 0) == 0);
	CHECK(fg_trie_add(&t, n2, big, 0) != 0);	/* overflow refused */
	CHECK(t.nodes[n2].self[0] == 1);
	CHECK(fg_trie_finish(&t) == 0);
	CHECK(t.nodes[0].total[0] == 2 && t.nodes[n1].total[0] == 1);
	CHECK(t.nodes[0].child == n2 && t.nodes[n2].next == n1);
	for (i = fg_trie_next(&t, 0); i != 0; i = fg_trie_next(&t, i))
		seen++;
	CHECK(seen == 3);
	CHECK(fg_trie_skip(&t, n1) == 0);
	fg_trie_free(&t);
}

static void
test_folded(void)
{
	struct fg_folded fo;
	struct fg_trie t;
	char *out, sum[256];

	/* merged, sorted bytewise (main < main.f < main;x), zero dropped */
	out = roundtrip("main;x 2\nmain.f 1\nmain 3\nmain;x 5\nz 0\n", 0, &fo, &t);
	CHECK_STR(out, "main 3\nmain.f 1\nmain;x 7\n");
	CHECK(fo.nlines == 5);
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);

	/* keep zero; CRLF; tabs; trailing ';'; decimals exact */
	out = roundtrip("a;b\t1.5\r\na;b; 0.25\nz 0\n", FG_W_ZERO, &fo, &t);
	CHECK_STR(out, "a;b 1.75\nz 0\n");
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);

	/* only the last blank is a separator; inner empty frames kept */
	out = roundtrip("a;b  3\n;x 1\na;;c 1\n", 0, &fo, &t);
	CHECK_STR(out, ";x 1\na;;c 1\na;b  3\n");
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);

	/* malformed lines are skipped and summarised */
	out = roundtrip("ok 1\nnocount\n\n5\na;b x\ne 1e3\nneg -4\n",
	    0, &fo, &t);
	CHECK_STR(out, "neg -4\nok 1\n");
	CHECK(fo.nbad == 4 && fo.badline == 2);
	fg_folded_summary(&fo, sum, sizeof(sum));
	CHECK_STR(sum, "skipped 4 malformed lines (first: line 2: no count)");
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);

	/* numbers in forms the format does not take say so */
	{
		static const char *odd[] = { "a 1e3", "a +5", "a .5", "a 1.2.3",
		    "a -1E6" };
		size_t k;

		for (k = 0; k < sizeof(odd) / sizeof(odd[0]); k++) {
			out = roundtrip(odd[k], 0, &fo, &t);
			fg_folded_summary(&fo, sum, sizeof(sum));
			CHECK_STR(sum, "skipped 1 malformed line (first: line 1: "
			    "count is not an integer or decimal (12, -3, 1.5))");
			free(out);
			fg_folded_free(&fo);
			fg_trie_free(&t);
		}
	}

	/* a count that cannot be held is an error, not a skipped line */
	out = roundtrip("ok 1\nbig 99999999999999999999\n", 0, &fo, &t);
	CHECK_STR(out, "in:2: count out of range (more than 64 bits)");
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);
	out = roundtrip("a;b -9223372036854775809 1\n", 0, &fo, &t);
	CHECK_STR(out, "in:1: count out of range (more than 64 bits)");
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);
	out = roundtrip("a 0.0000000000000000001\n", 0, &fo, &t);
	CHECK_STR(out, "in:1: count has more than 18 decimal places (the limit)");
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);
	/* 19 decimals are named as the cause, however many digits lead */
	out = roundtrip("a 12.0000000000000000001\n", 0, &fo, &t);
	CHECK_STR(out, "in:1: count has more than 18 decimal places (the limit)");
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);
	/* a magnitude at another count's decimal places: the mix is the cause */
	out = roundtrip("a 0.000000000000000001\nb 10\n", 0, &fo, &t);
	CHECK_STR(out, "in:2: counts mix magnitudes and decimal places beyond "
	    "64-bit fixed point (a count or total times 10^(the most decimal "
	    "places read) must be below 2^63)");
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);
	out = roundtrip("b 10\na 0.000000000000000001\n", 0, &fo, &t);
	CHECK(strstr(out, "in:2: counts mix magnitudes") == out);
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);
	/* '#' first is a comment: no frame, no malformed line */
	out = roundtrip("# interval: 100\na 1\n#a 5\n#\n", 0, &fo, &t);
	CHECK_STR(out, "a 1\n");
	fg_folded_summary(&fo, sum, sizeof(sum));
	CHECK_STR(sum, "");
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);
	/* the extremes fit */
	out = roundtrip("a -9223372036854775808\n", 0, &fo, &t);
	CHECK_STR(out, "a -9223372036854775808\n");
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);
	out = roundtrip("b 92233720368547758.07\n", 0, &fo, &t);
	CHECK_STR(out, "b 92233720368547758.07\n");
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);

	/* differential lines: BEFORE AFTER */
	out = roundtrip("a;b 3 5\na;c 2\n", FG_W_DIFF, &fo, &t);
	CHECK_STR(out, "a;b 3 5\na;c 2 2\n");
	CHECK(t.diff == 1);
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);

	/* prefix reuse across lines must not confuse similar stacks */
	out = roundtrip("a;bc;d 1\na;b;d 1\na;bc 1\na;bc;d 1\na 1\nab 1\n", 0, &fo, &t);
	CHECK_STR(out, "a 1\na;b;d 1\na;bc 1\na;bc;d 2\nab 1\n");
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);

	/* whole-line order, as LC_ALL=C sort: "a;b !x 3" < "a;b 5" < "a;b c 1" */
	out = roundtrip("a;b 5\na;b c 1\na;b !x 3\na;b;d 2\n", 0, &fo, &t);
	CHECK_STR(out, "a;b !x 3\na;b 5\na;b c 1\na;b;d 2\n");
	free(out);
	fg_folded_free(&fo);
	fg_trie_free(&t);

	/* reversed stacks */
	fg_trie_init(&t);
	fg_folded_init(&fo, &t, "in");
	fo.reverse = 1;
	CHECK(fg_folded_buf(&fo, "a;b;c 1\n", 8, NULL) == 0);
	CHECK(fg_trie_finish(&t) == 0);
	{
		FILE *fp;
		size_t len;

		out = NULL;
		fp = open_memstream(&out, &len);
		CHECK(fg_folded_write(&t, fp, 0, NULL) == 0);
		fclose(fp);
		CHECK_STR(out, "c;b;a 1\n");
		free(out);
	}
	fg_folded_free(&fo);
	fg_trie_free(&t);

	/* strict: the first malformed line is an error with its number */
	{
		struct fg_err err;

		fg_trie_init(&t);
		fg_folded_init(&fo, &t, "in.folded");
		fo.strict = 1;
		CHECK(fg_folded_buf(&fo, "a 1\nb\n", 6, &err) != 0);
		CHECK_STR(err.msg, "in.folded:2: no count");
		fg_folded_free(&fo);
		fg_trie_free(&t);
	}
}

int
main(void)
{
	test_numbers();
	test_intern();
	test_trie();
	test_folded();
	return check_done();
}
