/* test_pprof_write.c - unit tests for folded2pb's pieces: integer counts, the profile.proto writer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "folded.h"
#include "trie.h"
#include "util.h"

/* Counts a profile cannot hold are errors at their line, not skipped. */
static void
test_counts(void)
{
	static const struct {
		const char *in, *err;
	} c[] = {
		{ "a 1\nb 1.5\n", "test:2: decimal count (a profile's values are integers)" },
		{ "a 2.0\n", "test:1: decimal count (a profile's values are integers)" },
		{ "a 1 2\n", "test:1: two counts (a differential line): a profile has one value a sample here" },
		{ "a 9223372036854775808\n", "test:1: count out of range (a profile's values are 64-bit integers)" },
		{ "a -9223372036854775809\n", "test:1: count out of range (a profile's values are 64-bit integers)" },
		{ "a 9223372036854775807\na 1\n", "test:2: count overflows a 64-bit total" },
	};
	struct fg_folded f;
	struct fg_trie t;
	struct fg_err err;
	const char *ext = "a 9223372036854775807\nb -9223372036854775808\n";
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		fg_trie_init(&t);
		fg_folded_init(&f, &t, "test");
		f.integers = 1;
		err.msg[0] = '\0';
		CHECK(fg_folded_buf(&f, c[i].in, strlen(c[i].in), &err) != 0);
		CHECK_STR(err.msg, c[i].err);
		fg_folded_free(&f);
		fg_trie_free(&t);
		/* without the flag the same lines are read or skipped */
		fg_trie_init(&t);
		fg_folded_init(&f, &t, "test");
		CHECK(fg_folded_buf(&f, c[i].in, strlen(c[i].in), &err) == 0 ||
		    i == 5);
		fg_folded_free(&f);
		fg_trie_free(&t);
	}
	/* the extremes themselves are fine */
	fg_trie_init(&t);
	fg_folded_init(&f, &t, "test");
	f.integers = 1;
	CHECK(fg_folded_buf(&f, ext, strlen(ext), &err) == 0 &&
	    f.nlines == 2 && f.nbad == 0);
	fg_folded_free(&f);
	fg_trie_free(&t);
}

int
main(void)
{
	test_counts();
	return check_done();
}
