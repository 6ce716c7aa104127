/* test_json.c - unit tests for the d3-flame-graph and speedscope writers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diff.h"
#include "folded.h"
#include "json.h"
#include "trie.h"
#include "util.h"

static void
load(struct fg_trie *t, const char *text, size_t len)
{
	struct fg_folded f;
	struct fg_err err;

	fg_trie_init(t);
	fg_folded_init(&f, t, "in");
	CHECK(fg_folded_buf(&f, text, len, &err) == 0);
	CHECK(f.nbad == 0);
	fg_folded_free(&f);
	CHECK(fg_trie_finish(t) == 0);
}

/* The writer's output in a malloc'd string (NULL when it failed). */
static char *
run(int speedscope, const struct fg_json_graph *g, struct fg_err *err)
{
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	int rc;

	rc = speedscope ? fg_json_speedscope_write(fp, g, err) :
	    fg_json_d3_write(fp, g, err);
	fclose(fp);
	if (rc != 0) {
		free(out);
		return NULL;
	}
	return out;
}

static uint64_t rng = 88172645463325252ULL;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/*
 * Random stacks over a few names: the d3 output has one line per trie
 * node in pre-order, each with that node's name and subtree total, and
 * as many "]}" as nodes with children; speedscope has a sample per node
 * with an own count, as long as its depth, and weights adding up to the
 * total.
 */
static void
test_random(void)
{
	static const char *names[] = { "a", "b", "c", "main", "x.y" };
	struct fg_json_graph g = { 0 };
	struct fg_buf in = { 0 };
	struct fg_trie t;
	struct fg_err err;
	char *out, *line, *next, want[128], *p;
	uint32_t n, d, k, lines, parents, closers, nsamples, nown;
	int64_t sum;
	int round;

	for (round = 0; round < 20; round++) {
		in.len = 0;
		for (k = 0; k < 50; k++) {
			d = 1 + rnd(6);
			for (n = 0; n < d; n++)
				fg_buf_printf(&in, "%s%s", n ? ";" : "",
				    names[rnd(5)]);
			fg_buf_printf(&in, " %u\n", rnd(4));
		}
		fg_buf_printf(&in, "main 1\n");
		load(&t, in.p, in.len);
		g.trie = &t;
		g.name = "r";
		g.unit = "none";
		g.exporter = "test";
		out = run(0, &g, &err);
		CHECK(out != NULL);
		if (out == NULL)
			break;
		lines = parents = closers = 0;
		n = 0;
		for (line = out; *line != '\0'; line = next) {
			next = strchr(line, '\n');
			CHECK(next != NULL);
			*next++ = '\0';
			snprintf(want, sizeof(want),
			    "{\"name\":\"%s\",\"value\":%lld",
			    n == 0 ? "root" : fg_intern_get(&t.names,
			    t.nodes[n].name)->s, (long long)t.nodes[n].total[FG_COL]);
			CHECK(strncmp(line, want, strlen(want)) == 0);
			if (t.nodes[n].child != 0) {
				parents++;
				CHECK(strcmp(line + strlen(want),
				    ",\"children\":[") == 0);
			}
			for (p = line; (p = strstr(p, "]}")) != NULL; p += 2)
				closers++;
			lines++;
			n = fg_trie_next(&t, n);
		}
		CHECK(lines == t.n && n == 0);
		CHECK(closers == parents);
		free(out);

		out = run(1, &g, &err);
		CHECK(out != NULL);
		if (out == NULL)
			break;
		nown = 0;
		for (n = 0; n < t.n; n++)
			nown += t.nodes[n].self[FG_COL] > 0;
		p = strstr(out, "\"samples\":[\n");
		CHECK(p != NULL);
		nsamples = 0;
		n = 0;
		for (p += 12; p != NULL && *p == '['; nsamples++) {
			while (t.nodes[n].self[FG_COL] <= 0)
				n = fg_trie_next(&t, n);
			for (d = 0, line = p + 1; *line != ']'; line++)
				d += *line == ',';
			CHECK(d + (p[1] != ']') == t.nodes[n].depth);
			n = fg_trie_next(&t, n);
			p = strchr(p, '\n');
			p = p != NULL ? p + 1 : NULL;
		}
		CHECK(nsamples == nown);
		p = strstr(out, "\"weights\":[\n");
		CHECK(p != NULL);
		sum = 0;
		for (k = 0; p != NULL && k < nown; k++) {
			p = strchr(p, '\n') + 1;
			sum += strtoll(p, NULL, 10);
		}
		CHECK(sum == t.nodes[0].total[FG_COL]);
		free(out);
		fg_trie_free(&t);
	}
	fg_buf_free(&in);
}

static void
test_errors(void)
{
	struct fg_json_graph g = { 0 };
	struct fg_diff dv = { 0 };
	struct fg_trie t;
	struct fg_err err;
	char *out;
	FILE *fp;

	g.name = "n";
	g.unit = "none";
	g.exporter = "e";
	/* three columns with a negative after count, widths from after */
	load(&t, "a;b 1 -3\na;c 1 5\n", 17);
	g.trie = &t;
	g.dv = &dv;
	CHECK(fg_diff_widths(&dv, &t, &err) == 0);
	CHECK(run(0, &g, &err) == NULL);
	CHECK_STR(err.msg, "a count below 0 in a differential input: "
	    "JSON widths cannot be negative");
	/* max widths: fine */
	dv.width = FG_DW_MAX;
	CHECK(fg_diff_widths(&dv, &t, &err) == 0);
	out = run(1, &g, &err);
	CHECK(out != NULL && strstr(out, "\"endValue\":6,") != NULL);
	free(out);
	fg_diff_free(&dv);
	fg_trie_free(&t);

	/* signed: d3 by magnitude, speedscope refuses */
	load(&t, "a;b -3\na;c 5\n", 13);
	dv.sign = 1;
	CHECK(fg_diff_widths(&dv, &t, &err) == 0);
	out = run(0, &g, &err);
	CHECK(out != NULL && strncmp(out, "{\"name\":\"root\",\"value\":8,"
	    "\"delta\":0,", 35) == 0);
	free(out);
	CHECK(run(1, &g, &err) == NULL);
	CHECK(strstr(err.msg, "cannot be speedscope weights") != NULL);
	fg_diff_free(&dv);
	fg_trie_free(&t);

	/* a total of 0 */
	load(&t, "a 0\n", 4);
	g.dv = NULL;
	CHECK(run(0, &g, &err) == NULL);
	CHECK_STR(err.msg, "no stack counts found (the total is 0)");
	CHECK(run(1, &g, &err) == NULL);
	fg_trie_free(&t);

	/* a write error is reported, not ignored */
	load(&t, "a;b 1\n", 6);
	if ((fp = fopen("/dev/full", "w")) != NULL) {
		CHECK(fg_json_d3_write(fp, &g, &err) == -1);
		CHECK(strncmp(err.msg, "write error: ", 13) == 0);
		CHECK(fg_json_speedscope_write(fp, &g, &err) == -1);
		fclose(fp);
	}
	fg_trie_free(&t);
}

static void
test_units(void)
{
	CHECK_STR(fg_json_unit("samples"), "none");
	CHECK_STR(fg_json_unit("nanoseconds"), "nanoseconds");
	CHECK_STR(fg_json_unit("NS"), "nanoseconds");
	CHECK_STR(fg_json_unit("us"), "microseconds");
	CHECK_STR(fg_json_unit("\xc2\xb5s"), "microseconds");
	CHECK_STR(fg_json_unit("Milliseconds"), "milliseconds");
	CHECK_STR(fg_json_unit("s"), "seconds");
	CHECK_STR(fg_json_unit("bytes"), "bytes");
	CHECK_STR(fg_json_unit("b"), "none");
	CHECK_STR(fg_json_unit(""), "none");
	CHECK_STR(fg_json_unit("nanosecondss"), "none");
}

int
main(void)
{
	test_random();
	test_errors();
	test_units();
	return check_done();
}
