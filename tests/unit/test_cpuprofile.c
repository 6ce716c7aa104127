/* test_cpuprofile.c - unit tests for the .cpuprofile reader: the API's contract. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cpuprofile.h"
#include "folded.h"
#include "trie.h"
#include "util.h"

#define ROOT	"{\"id\": 1, \"callFrame\": {\"functionName\": \"(root)\"}"

/* Fold the profiles (NULL-terminated) into one trie; the folded text or the error. */
static char *
fold(const struct fg_cpuprofile_opts *o, const char *const *p)
{
	struct fg_trie t;
	struct fg_err err;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	fg_trie_init(&t);
	for (; *p != NULL; p++)
		if (fg_cpuprofile_fold(&t, "in", *p, strlen(*p), o, &err) != 0) {
			fg_trie_free(&t);
			return xstrdup(err.msg);
		}
	CHECK(fg_trie_finish(&t) == 0);
	fp = open_memstream(&out, &len);
	CHECK(fg_folded_write(&t, fp, 0, &err) == 0);
	fclose(fp);
	fg_trie_free(&t);
	return out;
}

static void
test_time(void)
{
	/* deltas 10, -4, 6 from 100: times 110, 106, 112; end 120 */
	const char *p[] = { "{\"nodes\": [" ROOT ", \"children\": [2, 3]},"
	    "{\"id\": 2, \"callFrame\": {\"functionName\": \"f\"}},"
	    "{\"id\": 3, \"callFrame\": {\"functionName\": \"g\"}}],"
	    "\"samples\": [2, 3, 2], \"timeDeltas\": [10, -4, 6],"
	    "\"startTime\": 100, \"endTime\": 120}", NULL };
	const char *two[] = { p[0], p[0], NULL };
	struct fg_cpuprofile_opts o = { 0, 0, 0 };
	char *s;

	s = fold(&o, p);
	CHECK_STR(s, "f 10\ng 4\n");	/* f: 110-112 and 112-120; g: 106-110 */
	free(s);
	s = fold(&o, two);
	CHECK_STR(s, "f 20\ng 8\n");	/* several profiles: values add */
	free(s);
	o.samples = 1;
	s = fold(&o, p);
	CHECK_STR(s, "f 2\ng 1\n");
	free(s);
}

static void
test_names(void)
{
	const char *p[] = { "{\"nodes\": [" ROOT ", \"children\": [2]},"
	    "{\"id\": 2, \"callFrame\": {\"functionName\": \"\", \"url\": \"u.js\","
	    " \"lineNumber\": 0}, \"children\": [3]},"
	    "{\"id\": 3, \"callFrame\": {\"functionName\": \"x;\\u0001y\"}}],"
	    "\"samples\": [3]}", NULL };
	struct fg_cpuprofile_opts o = { 1, 0, 0 };
	char *s;

	s = fold(&o, p);
	CHECK_STR(s, "(anonymous);x: y 1\n");
	free(s);
	o.lines = 1;
	s = fold(&o, p);
	CHECK_STR(s, "(anonymous) u.js:1;x: y 1\n");
	free(s);
}

static void
test_errors(void)
{
	const char *syntax[] = { "{\n\"nodes\": [}", NULL };
	const char *cycle[] = { "{\"nodes\": [" ROOT "},"
	    "{\"id\": 2, \"callFrame\": {}, \"children\": [3]},"
	    "{\"id\": 3, \"callFrame\": {}, \"children\": [2]}]}", NULL };
	const char *later[] = { "{\"nodes\": []}", "{\"nodes\": [1]}", NULL };
	struct fg_cpuprofile_opts o = { 1, 0, 0 };
	char *s;

	s = fold(&o, syntax);
	CHECK(strncmp(s, "in:2:", 5) == 0);	/* NAME:LINE:COLUMN */
	free(s);
	s = fold(&o, cycle);
	CHECK_STR(s, "in: node id 2 is not reachable from the root "
	    "(a cycle of children)");
	free(s);
	s = fold(&o, later);
	CHECK_STR(s, "in: nodes[0]: not an object");
	free(s);
}

int
main(void)
{
	test_time();
	test_names();
	test_errors();
	return check_done();
}
